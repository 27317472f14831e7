/** JSON Schemas generated from the zod schemas, for editors that validate YAML as it is typed. */
import { z } from 'zod';
import { treeSchema } from '../schemas/tree.ts';

/** The JSON Schema of decision-tree files, as shipped in public/schemas/tree.schema.json. */
export function treeJsonSchema(): string {
  const schema = z.toJSONSchema(treeSchema, { io: 'input', unrepresentable: 'any' });
  const withMeta = {
    ...schema,
    $id: 'https://support-kb.example/schemas/tree.schema.json',
    title: 'Support KB decision tree',
    description: 'A decision tree in content/trees/*.yaml. Generated from src/schemas/tree.ts by `npm run kb -- schemas`; do not edit.',
  };
  return `${JSON.stringify(withMeta, null, 2)}\n`;
}

export const GENERATED_SCHEMAS = { 'public/schemas/tree.schema.json': treeJsonSchema } as const;
