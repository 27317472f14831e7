/** The usage events' fixed vocabulary lives with the schemas (src/schemas/usage-vocabulary.ts), without zod. */
export * from '../../schemas/usage-vocabulary.ts';
