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
): { parameters: string[]; positional: number; rest?: string } {
  const parameters: string[] = [];
  let positional = -1;
  let rest: string | undefined;
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
      // `*args` (typed or not): a parameter too, given the positional arguments left over
      const splat =
        c.type === 'list_splat_pattern'
          ? c
          : c.type === 'typed_parameter' &&
              c.children[0]?.type === 'list_splat_pattern'
            ? c.children[0]
            : null;
      const own = splat?.children.find(part => part.type === 'identifier');
      if (own && rest === undefined) {
        rest = text(own);
        parameters.push(rest);
      }
    }
  }
  return {
    parameters,
    positional: positional < 0 ? parameters.length : positional,
    ...(rest === undefined ? {} : { rest })
  };
}
