/**
 * Where a syntax error is, within an ERROR node of tree-sitter's error recovery. Recovery often
 * makes the ERROR start far before the mistake, at the cell's first line: the statements that
 * parsed well before it and the header of the block it is in are wrapped in it too
 * (`import numpy as np` … `def imshow(img)` without its colon: ERROR from line 1). CPython reports
 * the line of the mistake, so the analyzer points past what parsed well: into the first child
 * that is no complete, error-free statement (a nested ERROR, a stray token, a statement with an
 * error inside), down to where the error is.
 */
import { IPyNode } from './python-tree';

/** Statements and the pieces of compound statements that can stand complete inside an ERROR. */
const COMPLETE_KINDS =
  /_(?:statement|definition|clause)$|^(?:block|decorator|comment)$/;

/** A compound statement's header keyword. */
const HEADER =
  /^(?:async\s+)?(?:if|elif|else|while|for|def|class|with|try|except|finally)\b/;

/**
 * Whether an ERROR starts at a compound statement's header whose line has no colon at all
 * (`if ok(p)` and its block on the next line): the mistake is that line's, where CPython says
 * "expected ':'", though recovery reads the block into the header.
 */
function headerWithoutColon(source: string, from: number): boolean {
  const end = source.indexOf('\n', from);
  const line = source.slice(from, end < 0 ? source.length : end);
  return HEADER.test(line) && !line.replace(/#.*$/, '').includes(':');
}

/** The offset of the mistake inside `error`, an ERROR node of the parse of `source`. */
export function errorPoint(error: IPyNode, source: string): number {
  const errors = new Map<IPyNode, boolean>();
  let node = error;
  for (;;) {
    if (node.type === 'ERROR' && headerWithoutColon(source, node.from)) {
      return node.from;
    }
    const next = node.children.find(
      c =>
        c.type === 'ERROR' ||
        isMissing(c) ||
        hasError(c, errors) ||
        (node.type === 'ERROR' && !COMPLETE_KINDS.test(c.type))
    );
    if (!next) {
      return node.from;
    }
    if (next.type !== 'ERROR' && !hasError(next, errors)) {
      return next.from; // a stray token or expression, or an assumed (MISSING) one
    }
    node = next;
  }
}

/** A token the parser assumed (MISSING): zero width, and kept in the copy only so. */
function isMissing(node: IPyNode): boolean {
  return (
    node.from === node.to && node.children.length === 0 && node.type !== 'block'
  );
}

/** Whether an ERROR or a MISSING token is inside `node` (memoised: the walk goes down once). */
function hasError(node: IPyNode, memo: Map<IPyNode, boolean>): boolean {
  let found = memo.get(node);
  if (found === undefined) {
    found = node.children.some(
      c => c.type === 'ERROR' || isMissing(c) || hasError(c, memo)
    );
    memo.set(node, found);
  }
  return found;
}
