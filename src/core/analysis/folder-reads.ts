/**
 * The folders a cell lists: `glob.glob("data/*.csv")` (or `glob(…)` imported from glob),
 * `os.listdir(DATA)`, `os.scandir(…)`, `os.walk(…)`, and pathlib's `DATA.glob("*.csv")`,
 * `.rglob(…)` and `.iterdir()`. A folder next to the notebook is not in a cluster step's pod,
 * where such a listing comes back empty or fails; the cluster targets warn of it. Paths are
 * followed as `path-expressions.ts` follows them.
 */
import { analysisTree, ICellAnalysis } from './cell-analysis';
import { PathPart, pathParts } from './path-expressions';
import { Positions } from './positions';
import { field, IPyNode } from './python-tree';

export interface IFolderRead {
  /** The folder's path, or a glob pattern's (`data/*.csv`) where `pattern` is true. */
  parts: readonly PathPart[];
  pattern: boolean;
  /** Where the path's expression starts: 1-based line, 0-based column. */
  line: number;
  column: number;
}

/** Functions of a module that take a glob pattern first: `glob.glob`, `glob.iglob`. */
const GLOBS = new Set(['glob', 'iglob']);
/** Functions of `os` that take a folder first. */
const LISTINGS = new Set(['listdir', 'scandir', 'walk']);
/** pathlib methods that list the folder they are called on. */
const PATH_LISTINGS = new Set(['glob', 'rglob', 'iterdir']);

export function cellFolderReads(analysis: ICellAnalysis): IFolderRead[] {
  const python = analysis.python;
  const found: { node: IPyNode; parts: PathPart[]; pattern: boolean }[] = [];
  const add = (node: IPyNode | null | undefined, pattern: boolean) => {
    const parts = node ? pathParts(python, node) : null;
    if (node && parts) {
      found.push({ node, parts, pattern });
    }
  };
  const visit = (node: IPyNode) => {
    if (node.type === 'call') {
      const callee = field(node, 'function');
      const first = firstArgument(field(node, 'arguments'));
      if (callee?.type === 'identifier') {
        const name = text(python, callee);
        if (GLOBS.has(name)) {
          add(first, true);
        } else if (LISTINGS.has(name)) {
          add(first, false);
        }
      } else if (callee?.type === 'attribute') {
        const object = field(callee, 'object');
        const method = text(python, field(callee, 'attribute'));
        const module =
          object?.type === 'identifier' ? text(python, object) : '';
        if (module === 'glob' && GLOBS.has(method)) {
          add(first, true);
        } else if (module === 'os' && LISTINGS.has(method)) {
          add(first, false);
        } else if (module !== 'glob' && PATH_LISTINGS.has(method)) {
          add(object, false);
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
  return found.map(({ node, parts, pattern }) => ({
    parts,
    pattern,
    ...positions.at(node.from)
  }));
}

export function text(python: string, node: IPyNode | null): string {
  return node ? python.slice(node.from, node.to) : '';
}

/** The first positional argument of a call's argument list. */
export function firstArgument(args: IPyNode | null): IPyNode | null {
  const first = args?.children.find(c => c.named) ?? null;
  return first && first.type !== 'keyword_argument' ? first : null;
}

/**
 * The folder a resolved path lists: the path itself, or a pattern's part before the component
 * with the first wildcard (`data/*.csv` lists `data`). Empty where that is the working folder.
 */
export function listedFolder(path: string, pattern: boolean): string {
  if (!pattern) {
    return path === '.' ? '' : path;
  }
  const wildcard = path.search(/[*?[]/);
  const before = wildcard < 0 ? path : path.slice(0, wildcard);
  const slash = before.lastIndexOf('/');
  return slash <= 0 ? '' : before.slice(0, slash);
}
