/**
 * `break` and `continue` in a loop's `else`, which CPython refuses where no other loop encloses
 * them: the `else` runs after the loop, outside it. (The walk's own check counts an `else` as
 * inside its loop, so it never refuses valid code; this one finds what that misses.) A function,
 * class or lambda body starts outside any loop. Only cells that say `else` and `break` or
 * `continue` are read.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';
import { OWN_BODIES } from './own-bodies';

const JUMP = /\b(break|continue)\b/;
const ELSE = /\belse\b/;

const REASONS: ReadonlyMap<string, string> = new Map([
  ['break_statement', "'break' outside loop"],
  ['continue_statement', "'continue' not properly in loop"]
]);

const LOOPS = new Set(['for_statement', 'while_statement']);

export function jumpsInLoopElse(
  root: IPyNode,
  source: string
): ICompileError[] {
  if (!JUMP.test(source) || !ELSE.test(source)) {
    return [];
  }
  const errors: ICompileError[] = [];
  /** `inLoop`: a loop's body encloses the node; `inElse`: a loop's else does, and no loop. */
  const visit = (node: IPyNode, inLoop: boolean, inElse: boolean): void => {
    const reason = REASONS.get(node.type);
    if (reason && inElse && !inLoop) {
      errors.push({ offset: node.from, reason });
    }
    const ownBody = OWN_BODIES.has(node.type);
    const loop = LOOPS.has(node.type);
    for (const child of node.children) {
      if (ownBody && child.field === 'body') {
        visit(child, false, false);
      } else if (loop && child.field === 'body') {
        visit(child, true, inElse);
      } else if (loop && child.type === 'else_clause') {
        visit(child, inLoop, true);
      } else {
        visit(child, inLoop, inElse);
      }
    }
  };
  visit(root, false, false);
  return errors;
}
