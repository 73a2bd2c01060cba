/**
 * Async generators CPython refuses though tree-sitter-python takes them: an `async def` that
 * yields and returns a value ("'return' with value in async generator", at the first such
 * `return`, before or after the `yield`), and `yield from` in an `async def` ("'yield from'
 * inside async function"). Nested functions, lambdas and classes are bodies of their own. Only
 * cells that say `async` and `yield` are read.
 */
import { ICompileError } from './compile-error';
import { field, IPyNode } from './python-tree';
import { OWN_BODIES } from './own-bodies';

const ASYNC = /\basync\b/;
const YIELD = /\byield\b/;
const YIELD_FROM = /^yield\s+from\b/;

export function asyncGeneratorErrors(
  root: IPyNode,
  source: string
): ICompileError[] {
  if (!ASYNC.test(source) || !YIELD.test(source)) {
    return [];
  }
  const errors: ICompileError[] = [];
  const visit = (node: IPyNode): void => {
    if (
      node.type === 'function_definition' &&
      source.startsWith('async', node.from)
    ) {
      const error = asyncBodyError(node, source);
      if (error) {
        errors.push(error);
      }
    }
    node.children.forEach(visit);
  };
  visit(root);
  return errors;
}

/** What one `async def`'s own body holds: a `yield`, the first `return` of a value, the first `yield from`. */
interface IAsyncBody {
  yields: boolean;
  valueReturned: IPyNode | null;
  yieldFrom: IPyNode | null;
}

/** The first error in one `async def`'s own body. */
function asyncBodyError(
  definition: IPyNode,
  source: string
): ICompileError | null {
  const found: IAsyncBody = {
    yields: false,
    valueReturned: null,
    yieldFrom: null
  };
  const visit = (node: IPyNode): void => {
    if (node.type === 'yield') {
      found.yields = true;
      if (
        !found.yieldFrom &&
        YIELD_FROM.test(source.slice(node.from, node.to))
      ) {
        found.yieldFrom = node;
      }
    } else if (
      node.type === 'return_statement' &&
      !found.valueReturned &&
      node.children.some(child => child.named)
    ) {
      found.valueReturned = node;
    }
    for (const child of node.children) {
      if (!OWN_BODIES.has(child.type)) {
        visit(child);
      }
    }
  };
  const body = field(definition, 'body');
  if (body) {
    visit(body);
  }
  const { yieldFrom } = found;
  const valueReturned = found.yields ? found.valueReturned : null;
  if (yieldFrom && (!valueReturned || yieldFrom.from < valueReturned.from)) {
    return {
      offset: yieldFrom.from,
      reason: "'yield from' inside async function"
    };
  }
  return valueReturned
    ? {
        offset: valueReturned.from,
        reason: "'return' with value in async generator"
      }
    : null;
}
