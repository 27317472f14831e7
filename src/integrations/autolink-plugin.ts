/**
 * Sätteri hast plugin for Markdown and MDX articles: phone numbers, e-mail addresses and allowed
 * web addresses in prose become links (see src/lib/autolink.ts). Text inside links and code
 * blocks is left alone; an inline code span that is one whole address becomes a link around it.
 */
import type { satteri } from '@astrojs/markdown-satteri';
import { linkify, wholeLink, type AutolinkOptions } from '../lib/autolink.ts';

type HastPlugin = Exclude<
  NonNullable<NonNullable<Parameters<typeof satteri>[0]>['hastPlugins']>[number],
  readonly unknown[] | null | undefined | false | ((...args: never[]) => unknown)
>;

/** Elements whose direct text children are prose (links, code and pre are not among them). */
const PROSE = [
  'p',
  'li',
  'td',
  'th',
  'dd',
  'dt',
  'strong',
  'em',
  'b',
  'i',
  'blockquote',
  'h2',
  'h3',
  'h4',
  'figcaption',
  'span',
  'del',
  'ins',
];

type Node = { type: string; value?: string; tagName?: string; children?: Node[] };

export function autolinkPlugin(options: AutolinkOptions): HastPlugin {
  return {
    name: 'kb-autolink',
    element: {
      filter: PROSE,
      visit(node, ctx) {
        for (const child of ((node as unknown as Node).children ?? []) as Node[]) {
          if (child.type === 'text' && child.value) {
            const parts = linkify(child.value, options);
            if (parts.length === 1 && parts[0]!.kind === 'text') continue;
            ctx.replaceNode(
              child as never,
              parts.map((p) =>
                p.kind === 'text'
                  ? { type: 'text', value: p.value }
                  : { type: 'element', tagName: 'a', properties: { href: p.href }, children: [{ type: 'text', value: p.value }] },
              ) as never,
            );
          } else if (
            child.type === 'element' &&
            child.tagName === 'code' &&
            child.children?.length === 1 &&
            child.children[0]!.type === 'text'
          ) {
            const href = wholeLink(child.children[0]!.value ?? '', options);
            if (href) {
              ctx.replaceNode(
                child as never,
                {
                  type: 'element',
                  tagName: 'a',
                  properties: { href },
                  children: [
                    {
                      type: 'element',
                      tagName: 'code',
                      properties: {},
                      children: [{ type: 'text', value: child.children[0]!.value ?? '' }],
                    },
                  ],
                } as never,
              );
            }
          }
        }
      },
    },
  };
}
