/** The top-level statements of a cell's Python (comments left out), with their positions. */
import { parsePython } from '../analysis/parse';
import { Positions } from '../analysis/positions';
import { IPyNode } from '../analysis/python-tree';

export interface ITopLevel {
  statements: { node: IPyNode; line: number; column: number }[];
  positions: Positions;
}

/** `tree`: that of `parsePython(python)`, when the caller has it. */
export function topLevelStatements(python: string, tree?: IPyNode): ITopLevel {
  const positions = new Positions(python);
  tree ??= parsePython(python).tree;
  const statements: ITopLevel['statements'] = tree.children.map(node => ({
    node,
    ...positions.at(node.from)
  }));
  return { statements, positions };
}
