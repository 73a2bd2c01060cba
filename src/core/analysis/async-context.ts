/**
 * `await`, `async for`, `async with` and asynchronous comprehensions where CPython refuses them:
 * in a function that is not `async def`, a lambda or a class body. The grammar accepts them
 * anywhere. A cell's top level may await (IPython runs cells so; the differential test compiles
 * with the flag that allows it), and so may a generator expression, which becomes an
 * asynchronous generator (but for its first iterable, evaluated where the expression stands).
 */
import { IPyNode } from './python-tree';

const COMPREHENSIONS = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension'
]);

/** Adds to `into` where each refused use starts. */
export function misplacedAsync(
  root: IPyNode,
  source: string,
  into: number[]
): void {
  if (!source.includes('async') && !source.includes('await')) {
    return;
  }
  const isAsync = (node: IPyNode) => source.startsWith('async', node.from);
  const visit = (node: IPyNode, allowed: boolean): void => {
    switch (node.type) {
      case 'await':
        if (!allowed) {
          into.push(node.from);
        }
        break;
      case 'for_statement':
      case 'with_statement':
        if (!allowed && isAsync(node)) {
          into.push(node.from);
        }
        break;
      case 'generator_expression': {
        // Its first iterable is evaluated where the expression stands; the rest may await.
        const first = node.children.find(c => c.type === 'for_in_clause');
        for (const child of node.children) {
          if (child === first) {
            child.children.forEach(part =>
              visit(part, part.field === 'right' ? allowed : true)
            );
          } else {
            visit(child, true);
          }
        }
        return;
      }
      default:
        if (COMPREHENSIONS.has(node.type) && !allowed) {
          const clause = node.children.find(
            c => c.type === 'for_in_clause' && isAsync(c)
          );
          if (clause) {
            into.push(clause.from);
          }
        }
    }
    const bodyAllows =
      node.type === 'function_definition'
        ? isAsync(node)
        : node.type === 'lambda' || node.type === 'class_definition'
          ? false
          : null;
    for (const child of node.children) {
      visit(
        child,
        bodyAllows !== null && child.field === 'body' ? bodyAllows : allowed
      );
    }
  };
  visit(root, true);
}
