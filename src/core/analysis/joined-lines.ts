/**
 * Statements the grammar reads across a line break that Python ends the statement at.
 * tree-sitter's scanner gives a NEWLINE token only where the grammar can take one, so after
 * `y = x and` (or `+`, `.`, `=`) it reads the line break as a space and `True` on the next line
 * as the rest of the expression. CPython's tokenizer ends the logical line there (outside
 * brackets and strings, without a backslash) and refuses the statement.
 */
import { IPyNode } from './python-tree';

/** A line break that ends a logical line: its offset, and the 1-based line it ends. */
export interface ILineEnd {
  offset: number;
  line: number;
}

/** Nodes whose children are statements or clauses, walked into. */
const CONTAINERS = new Set([
  'module',
  'block',
  'if_statement',
  'elif_clause',
  'else_clause',
  'for_statement',
  'while_statement',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'with_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
  'match_statement',
  'case_clause'
]);

/** Containers whose leading parts are not one header: the cell, a block, decorators. */
const NO_HEADER = new Set(['module', 'block', 'decorated_definition']);

/** Parts of a compound statement that are neither its header nor statements (nor, for an ERROR, parsed). */
const NOT_HEADER = new Set(['block', 'comment', 'ERROR']);

/**
 * The first logical line end that a statement (or a compound statement's header) runs over, or
 * null. `ends` are in source order.
 */
export function firstJoinedLine(
  root: IPyNode,
  ends: readonly ILineEnd[]
): ILineEnd | null {
  if (ends.length === 0) {
    return null;
  }
  let found: ILineEnd | null = null;
  const check = (from: number, to: number) => {
    const end = endWithin(ends, from, to);
    if (end && (!found || end.offset < found.offset)) {
      found = end;
    }
  };
  const visit = (node: IPyNode) => {
    if (node.type === 'ERROR') {
      return; // no statement: the parse's own error (error-points.ts says where)
    }
    if (!CONTAINERS.has(node.type)) {
      check(node.from, node.to);
      return;
    }
    const statements = isStatementIn(node);
    if (!NO_HEADER.has(node.type)) {
      // The header: what comes before the first block or clause (`if x and y`, `def f(a)`).
      let headerEnd = -1;
      for (const child of node.children) {
        if (NOT_HEADER.has(child.type) || CONTAINERS.has(child.type)) {
          break;
        }
        if (child.named) {
          headerEnd = child.to;
        }
      }
      if (headerEnd > node.from) {
        check(node.from, headerEnd);
      }
    }
    for (const child of node.children) {
      if (!child.named) {
        continue;
      }
      if (statements || CONTAINERS.has(child.type)) {
        visit(child);
      } else if (child.type === 'decorator') {
        check(child.from, child.to);
      }
    }
  };
  visit(root);
  return found;
}

/** The children of a module or block are statements; a compound's own are its parts. */
function isStatementIn(node: IPyNode): boolean {
  return node.type === 'module' || node.type === 'block';
}

/** The first of `ends` strictly inside (from, to), by binary search. */
function endWithin(
  ends: readonly ILineEnd[],
  from: number,
  to: number
): ILineEnd | null {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ends[middle].offset <= from) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low < ends.length && ends[low].offset < to ? ends[low] : null;
}
