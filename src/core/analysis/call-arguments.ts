/** One argument of a call, as Python binds it to a parameter: by its keyword, or by position. */
import { field, IPyNode } from './python-tree';

/**
 * The argument `args` (an argument list) passes as the parameter at `position` or named one of
 * `keywords`; null where none does, or a `*rest` before it leaves its position unknown.
 */
export function callArgument(
  args: IPyNode,
  position: number,
  keywords: readonly string[],
  text: (node: IPyNode) => string
): IPyNode | null {
  let positional = 0;
  let byPosition: IPyNode | null = null;
  let unknown = false;
  for (const arg of args.children) {
    if (!arg.named || arg.type === 'dictionary_splat') {
      continue;
    }
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      if (name && keywords.includes(text(name))) {
        return field(arg, 'value');
      }
    } else if (arg.type === 'list_splat') {
      unknown ||= positional <= position;
    } else if (positional++ === position && !unknown) {
      byPosition = arg;
    }
  }
  return byPosition;
}
