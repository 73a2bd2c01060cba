/**
 * `from __future__ import ...` where CPython refuses it though the grammar takes it: anywhere but
 * at the start of the cell (a docstring, comments and other future imports may come before), and
 * naming a feature Python does not have. A notebook cell is compiled on its own, so a future
 * import must open the cell. Only cells that say `__future__` are read.
 */
import { IPyNode } from './python-tree';
import { ICompileError } from './compile-error';

/** Every feature `__future__` has had; Python 3.11 takes all of them. */
const FEATURES = new Set([
  'nested_scopes',
  'generators',
  'division',
  'absolute_import',
  'with_statement',
  'print_function',
  'unicode_literals',
  'barry_as_FLUFL',
  'generator_stop',
  'annotations'
]);

/** A string without `f` or `b` prefix: what may stand before future imports, as a docstring. */
const PLAIN_STRING = /^[rRuU]*['"]/;

type Text = (node: IPyNode) => string;

export function futureImportErrors(
  root: IPyNode,
  source: string,
  text: Text
): ICompileError[] {
  if (!source.includes('__future__')) {
    return [];
  }
  const errors: ICompileError[] = [];
  const statements = root.children;
  let first = isDocstring(statements[0], text) ? 1 : 0;
  while (statements[first]?.type === 'future_import_statement') {
    features(statements[first++], text, errors);
  }
  const late = (node: IPyNode): void => {
    if (node.type === 'future_import_statement') {
      errors.push({
        offset: node.from,
        reason:
          'from __future__ imports must occur at the beginning of the file'
      });
    } else {
      node.children.forEach(late);
    }
  };
  statements.slice(first).forEach(late);
  return errors;
}

/** What CPython says of a feature it does not know, in a future import at the start. */
function features(
  statement: IPyNode,
  text: Text,
  errors: ICompileError[]
): void {
  for (const c of statement.children) {
    const name = c.type === 'aliased_import' ? c.children[0] : c;
    if (c.field !== 'name' || !name) {
      continue;
    }
    const feature = text(name);
    if (!FEATURES.has(feature)) {
      errors.push({
        offset: statement.from,
        reason:
          feature === 'braces'
            ? 'not a chance'
            : `future feature ${feature} is not defined`
      });
    }
  }
}

function isDocstring(statement: IPyNode | undefined, text: Text): boolean {
  const only = statement?.type === 'expression_statement' && statement.children;
  if (!only || only.length !== 1) {
    return false;
  }
  const parts =
    only[0].type === 'concatenated_string' ? only[0].children : only;
  return parts.every(p => p.type === 'string' && PLAIN_STRING.test(text(p)));
}
