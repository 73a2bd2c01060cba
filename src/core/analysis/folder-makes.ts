/**
 * The folders a cell makes: `os.makedirs(p)`, `os.mkdir(p)` (or `makedirs(…)`/`mkdir(…)`
 * imported from os), and pathlib's `Path(p).mkdir(…)`, `OUT.mkdir(…)`. A local run shares the
 * notebook's folder between steps; a cluster step runs in a pod of its own, where a folder
 * another step made is missing. Paths are followed as `path-expressions.ts` follows them.
 */
import { analysisTree, ICellAnalysis } from './cell-analysis';
import { firstArgument, text } from './folder-reads';
import { PathPart, pathParts } from './path-expressions';
import { Positions } from './positions';
import { field, IPyNode } from './python-tree';

export interface IFolderMake {
  /** The folder's path, to resolve. */
  parts: readonly PathPart[];
  /** Where the path's expression starts: 1-based line, 0-based column. */
  line: number;
  column: number;
}

/** Functions of `os` that make the folder given first. */
const MAKERS = new Set(['makedirs', 'mkdir']);

/** Whether the text may make a folder: false when no such call appears in it at all. */
export function mayMakeFolder(python: string): boolean {
  return /\b(makedirs|mkdir)\s*\(/.test(python);
}

export function cellMadeFolders(analysis: ICellAnalysis): IFolderMake[] {
  const python = analysis.python;
  if (!mayMakeFolder(python)) {
    return [];
  }
  const found: { node: IPyNode; parts: PathPart[] }[] = [];
  const add = (node: IPyNode | null | undefined) => {
    const parts = node ? pathParts(python, node) : null;
    if (node && parts) {
      found.push({ node, parts });
    }
  };
  const visit = (node: IPyNode) => {
    if (node.type === 'call') {
      const callee = field(node, 'function');
      const first = firstArgument(field(node, 'arguments'));
      if (callee?.type === 'identifier' && MAKERS.has(text(python, callee))) {
        add(first);
      } else if (callee?.type === 'attribute') {
        const object = field(callee, 'object');
        const method = text(python, field(callee, 'attribute'));
        const module =
          object?.type === 'identifier' ? text(python, object) : '';
        if (module === 'os' && MAKERS.has(method)) {
          add(first);
        } else if (module !== 'os' && method === 'mkdir') {
          add(object);
        }
      }
    }
    node.children.forEach(visit);
  };
  visit(analysisTree(analysis));
  if (!found.length) {
    return [];
  }
  const positions = new Positions(python);
  return found.map(({ node, parts }) => ({
    parts,
    ...positions.at(node.from)
  }));
}
