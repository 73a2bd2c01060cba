/** A function's parameters in order, and how many of them an argument can fill by position. */
import { IPyNode } from './python-tree';

const NAMED_PARAMETERS = new Set([
  'typed_parameter',
  'default_parameter',
  'typed_default_parameter'
]);

export function parameterList(
  params: IPyNode | null,
  text: (node: IPyNode) => string
): { parameters: string[]; positional: number } {
  const parameters: string[] = [];
  let positional = -1;
  for (const c of params?.children ?? []) {
    const name =
      c.type === 'identifier'
        ? c
        : NAMED_PARAMETERS.has(c.type)
          ? c.children.find(
              part =>
                part.named && part.field !== 'type' && part.field !== 'value'
            )
          : undefined;
    if (name?.type === 'identifier') {
      parameters.push(text(name));
    } else if (
      c.type === 'keyword_separator' ||
      c.type === 'list_splat_pattern' ||
      c.type === 'dictionary_splat_pattern' ||
      name // `*args: T`, `**kw: T`
    ) {
      // After `*`, `*args` or `**kw`, parameters take keywords only.
      if (positional < 0) {
        positional = parameters.length;
      }
    }
  }
  return {
    parameters,
    positional: positional < 0 ? parameters.length : positional
  };
}
