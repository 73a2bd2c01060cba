/** The top-level statements of a cell's Python (comments skipped), with their positions. */
import { SyntaxNode } from '@lezer/common';
import { parsePython } from '../analysis/parse';
import { Positions } from '../analysis/positions';

export interface ITopLevel {
  statements: { node: SyntaxNode; line: number; column: number }[];
  positions: Positions;
}

export function topLevelStatements(python: string): ITopLevel {
  const positions = new Positions(python);
  const { tree } = parsePython(python);
  const statements: ITopLevel['statements'] = [];
  for (let node = tree.topNode.firstChild; node; node = node.nextSibling) {
    if (node.name !== 'Comment') {
      statements.push({ node, ...positions.at(node.from) });
    }
  }
  return { statements, positions };
}
