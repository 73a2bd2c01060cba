/**
 * Parses Python with tree-sitter-python (see `python-tree.ts`) and adds the errors CPython
 * reports that the grammar accepts: Python 2's `print x` (not `print >> f, x`, a valid tuple)
 * and `exec code` statements, a walrus (`x := 1`) as a whole statement, and `await` or
 * `async for` where no coroutine can run them (`async-context.ts`). An ERROR node's error is
 * placed where its mistake is (`error-points.ts`). Indentation and the tokenizer's errors are
 * checked apart (`logical-lines.ts`); invalid assignment targets by the walker.
 */
import { childOfType, IPyNode, parsePythonTree } from './python-tree';
import { joinBracketedLines } from './bracketed-lines';
import { errorPoint } from './error-points';
import { misplacedAsync } from './async-context';
import { parseWithTupleStarsBlanked } from './tuple-stars';
import { bareNamedEscapesMasked } from './bare-named-escapes';

export interface IParsed {
  tree: IPyNode;
  /** Where the tree's errors start, in source order. */
  errors: number[];
}

export function parsePython(source: string): IParsed {
  const parsed = parseWithBracketsJoined(source);
  const root = parsed.root;
  const errors = parsed.errors.length
    ? pointedErrors(root, parsed.errors, source)
    : parsed.errors;
  const more: number[] = [];
  grammarOnly(root, more);
  misplacedAsync(root, source, more);
  if (!more.length) {
    return { tree: root, errors };
  }
  return { tree: root, errors: [...errors, ...more].sort((a, b) => a - b) };
}

/**
 * The parse of `source`; when it has errors, the first without errors of: the source with each
 * bare `\N` made `\M` (`bare-named-escapes.ts`), the source with line breaks inside brackets
 * made spaces (`bracketed-lines.ts`), and that (or the source) with the stars of bare tuples'
 * elements made spaces (`tuple-stars.ts`). The offsets are the same, so the tree reads the
 * original source.
 */
function parseWithBracketsJoined(source: string) {
  const first = parsePythonTree(source);
  if (!first.errors.length) {
    return first;
  }
  const masked = bareNamedEscapesMasked(source);
  if (masked !== null) {
    const parsed = parsePythonTree(masked);
    if (!parsed.errors.length) {
      return parsed;
    }
  }
  const joined = joinBracketedLines(source);
  if (joined === null) {
    return parseWithTupleStarsBlanked(source, first) ?? first;
  }
  const second = parsePythonTree(joined);
  if (!second.errors.length) {
    return second;
  }
  return parseWithTupleStarsBlanked(joined, second) ?? first;
}

/**
 * `errors` with each ERROR node's start moved to where its mistake is (error-points.ts), in
 * source order.
 */
function pointedErrors(
  root: IPyNode,
  errors: readonly number[],
  source: string
): number[] {
  const starts = new Set(errors);
  const pointed: number[] = [];
  const visit = (node: IPyNode) => {
    for (const c of node.children) {
      if (c.type === 'ERROR' && starts.has(c.from)) {
        starts.delete(c.from);
        pointed.push(errorPoint(c, source));
      } else if (c.to > c.from || c.children.length) {
        visit(c);
      }
    }
  };
  if (root.type === 'ERROR' && starts.delete(root.from)) {
    pointed.push(errorPoint(root, source)); // a source that is all error
  } else {
    visit(root);
  }
  return [...starts, ...pointed].sort((a, b) => a - b);
}

/** The nodes statements can be inside (expressions hold none). */
const HOLDS_STATEMENTS = /^(?:block|ERROR|.*_(?:statement|clause|definition))$/;

/** Statements the grammar accepts and CPython 3 refuses, anywhere in the tree. */
function grammarOnly(node: IPyNode, into: number[]): void {
  for (const c of node.children) {
    if (
      (c.type === 'print_statement' && !childOfType(c, 'chevron')) ||
      c.type === 'exec_statement'
    ) {
      // `print >> f, x` is valid Python 3 (a tuple), `print x` is not
      into.push(c.from);
    } else if (
      c.type === 'expression_statement' &&
      c.children.some(e => e.type === 'named_expression')
    ) {
      into.push(c.from);
    }
    if (c.children.length && HOLDS_STATEMENTS.test(c.type)) {
      grammarOnly(c, into);
    }
  }
}
