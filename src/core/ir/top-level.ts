/** The top-level statements of a cell's Python (comments skipped), with their positions. */
import { SyntaxNode, Tree } from '@lezer/common';
import { parsePython } from '../analysis/parse';
import { Positions } from '../analysis/positions';

export interface ITopLevel {
  statements: { node: SyntaxNode; line: number; column: number }[];
  positions: Positions;
}

/** `tree`: that of `parsePython(python)`, when the caller has it. */
export function topLevelStatements(python: string, tree?: Tree): ITopLevel {
  const positions = new Positions(python);
  tree ??= parsePython(python).tree;
  const statements: ITopLevel['statements'] = [];
  for (let node = tree.topNode.firstChild; node; node = node.nextSibling) {
    if (node.name !== 'Comment') {
      statements.push({ node, ...positions.at(node.from) });
    }
  }
  return { statements, positions };
}
