/**
 * The modules a cell imports, by their top-level name (`import a.b` and `from a.b import c` both
 * import `a`), wherever the import statement is: a step runs all of its code, and an import in
 * a function or a `try` runs too when that code does. Relative imports (`from . import x`) have
 * no top-level name to look up and are left out.
 */
import { field, IPyNode } from './python-tree';
import { Positions } from './positions';

export interface IModuleImport {
  module: string;
  /** Where the module's name starts: 1-based line, 0-based column. */
  line: number;
  column: number;
}

export function importedModules(
  python: string,
  root: IPyNode
): IModuleImport[] {
  const found: IPyNode[] = [];
  const visit = (node: IPyNode) => {
    if (node.type === 'import_statement') {
      for (const c of node.children) {
        if (c.field === 'name') {
          const dotted = c.type === 'aliased_import' ? field(c, 'name') : c;
          pushFirst(dotted, found);
        }
      }
      return;
    }
    if (node.type === 'import_from_statement') {
      pushFirst(field(node, 'module_name'), found);
      return;
    }
    node.children.forEach(visit);
  };
  visit(root);
  if (!found.length) {
    return [];
  }
  const positions = new Positions(python);
  return found.map(node => ({
    module: python.slice(node.from, node.to),
    ...positions.at(node.from)
  }));
}

/** The first identifier of a dotted name (not of a relative import). */
function pushFirst(dotted: IPyNode | null, found: IPyNode[]): void {
  const first = dotted?.type === 'dotted_name' ? dotted.children[0] : null;
  if (first?.type === 'identifier') {
    found.push(first);
  }
}
