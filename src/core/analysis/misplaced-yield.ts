/**
 * `yield` where CPython refuses it though the grammar takes it anywhere: outside a function (a
 * cell's top level, a class body) and inside a comprehension or generator expression, whose body
 * is a function of its own (but for its first iterable, evaluated where the expression stands).
 * A lambda's body is a function's. Only cells that say `yield` are read.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';

/** What CPython calls each comprehension in its message. */
const COMPREHENSION_NAMES: ReadonlyMap<string, string> = new Map([
  ['list_comprehension', 'list comprehension'],
  ['set_comprehension', 'set comprehension'],
  ['dictionary_comprehension', 'dict comprehension'],
  ['generator_expression', 'generator expression']
]);

const YIELD = /\byield\b/;

const OUTSIDE = "'yield' outside function";

export function misplacedYields(
  root: IPyNode,
  source: string
): ICompileError[] {
  if (!YIELD.test(source)) {
    return [];
  }
  const errors: ICompileError[] = [];
  /** `where`: null in a function, else why a `yield` may not stand there. */
  const visit = (node: IPyNode, where: string | null): void => {
    if (node.type === 'yield' && where) {
      errors.push({ offset: node.from, reason: where });
    }
    const comprehension = COMPREHENSION_NAMES.get(node.type);
    if (comprehension) {
      const inside = `'yield' inside ${comprehension}`;
      const first = node.children.find(c => c.type === 'for_in_clause');
      for (const child of node.children) {
        if (child === first) {
          child.children.forEach(part =>
            visit(part, part.field === 'right' ? where : inside)
          );
        } else {
          visit(child, inside);
        }
      }
      return;
    }
    const body =
      node.type === 'function_definition' || node.type === 'lambda'
        ? null
        : node.type === 'class_definition'
          ? OUTSIDE
          : undefined;
    for (const child of node.children) {
      visit(child, body !== undefined && child.field === 'body' ? body : where);
    }
  };
  visit(root, OUTSIDE);
  return errors;
}
