/**
 * What an import statement binds each name to, where the name is not the module's own:
 * `import multiprocessing as mp` binds `mp` to `multiprocessing`, `from threading import Lock`
 * binds `Lock` to `threading.Lock`, `from concurrent import futures as cf` binds `cf` to
 * `concurrent.futures`. A plain `import a.b` binds `a` to itself and gives nothing here, nor does
 * a relative import (`from . import x`), which names no module we can know, or `*`.
 */
import { field, IPyNode } from './python-tree';

/** `[name, dotted]` for each name the statement binds to something else than itself. */
export function importSources(
  node: IPyNode,
  text: (node: IPyNode) => string
): [string, string][] {
  const from =
    node.type === 'import_from_statement' ? field(node, 'module_name') : null;
  if (from !== null && from.type !== 'dotted_name') {
    return []; // a relative import
  }
  const prefix = from ? `${dotted(from, text)}.` : '';
  const sources: [string, string][] = [];
  for (const c of node.children) {
    if (c.field !== 'name') {
      continue;
    }
    const imported = c.type === 'aliased_import' ? field(c, 'name') : c;
    const alias = c.type === 'aliased_import' ? field(c, 'alias') : null;
    if (imported?.type !== 'dotted_name') {
      continue;
    }
    if (alias) {
      sources.push([text(alias), prefix + dotted(imported, text)]);
    } else if (from) {
      sources.push([text(imported), prefix + dotted(imported, text)]);
    }
  }
  return sources;
}

/** A dotted name without the spaces Python allows around its dots (`a . b`). */
function dotted(node: IPyNode, text: (node: IPyNode) => string): string {
  return node.children.map(text).join('.');
}
