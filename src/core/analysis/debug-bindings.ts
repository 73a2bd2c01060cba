/**
 * `__debug__` bound or deleted, which CPython's compiler refuses though the grammar takes it:
 * "cannot assign to __debug__" ("cannot delete __debug__" for `del`). A target (`__debug__ = 1`,
 * `for __debug__ in …`, `with … as __debug__`, `(__debug__ := 1)`, `x.__debug__ = 1`, a `case`
 * capture) is reported where it is written; a parameter, a keyword argument, a `def`'s or
 * `class`'s name, an import and `except … as __debug__` where CPython reports them, at the start
 * of the definition, call, statement or handler. Reading it (`if __debug__:`) is valid. Only cells
 * that say `__debug__` are read.
 */
import { ICompileError } from './compile-error';
import { field, IPyNode } from './python-tree';

const DEBUG = '__debug__';
const ASSIGN = 'cannot assign to __debug__';
const DELETE = 'cannot delete __debug__';

/** Targets holding targets. */
const TARGET_LISTS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'parenthesized_expression',
  'list_splat_pattern',
  'list_splat',
  'expression_list'
]);

export function debugBindingErrors(
  root: IPyNode,
  source: string
): ICompileError[] {
  if (!source.includes(DEBUG)) {
    return [];
  }
  const isDebug = (node: IPyNode | null | undefined) =>
    node?.type === 'identifier' &&
    node.to - node.from === DEBUG.length &&
    source.startsWith(DEBUG, node.from);
  const errors: ICompileError[] = [];
  const report = (offset: number, reason = ASSIGN) =>
    errors.push({ offset, reason });
  /** An assignment's, a loop's or a `del`'s target; `attributes`: `x.__debug__` counts. */
  const target = (node: IPyNode, reason: string, attributes: boolean) => {
    if (isDebug(node)) {
      report(node.from, reason);
    } else if (node.type === 'attribute' && attributes) {
      const name = field(node, 'attribute');
      if (isDebug(name)) {
        report(node.from, reason);
      }
    } else if (TARGET_LISTS.has(node.type)) {
      node.children.forEach(c => target(c, reason, attributes));
    }
  };
  const visit = (node: IPyNode): void => {
    switch (node.type) {
      case 'assignment':
      case 'for_statement':
      case 'for_in_clause': {
        const left = field(node, 'left');
        if (left) {
          target(left, ASSIGN, true);
        }
        break;
      }
      case 'augmented_assignment':
        if (isDebug(field(node, 'left'))) {
          report(node.from);
        }
        break;
      case 'delete_statement':
        node.children.forEach(c => target(c, DELETE, false));
        break;
      case 'as_pattern_target':
        // `with … as` (a handler's is reported at the handler, below)
        node.children.forEach(c => target(c, ASSIGN, true));
        return;
      case 'except_clause': {
        const caught = node.children.find(c => c.type === 'as_pattern');
        const alias = caught?.children.find(
          c => c.type === 'as_pattern_target'
        );
        if (alias && isDebug(alias.children[0])) {
          report(node.from);
        }
        node.children.forEach(c => c !== caught && visit(c));
        return;
      }
      case 'named_expression':
        if (isDebug(field(node, 'name'))) {
          report(node.from);
        }
        break;
      case 'function_definition':
      case 'lambda':
      case 'class_definition':
        if (
          isDebug(field(node, 'name')) ||
          bindsDebug(field(node, 'parameters')) ||
          keywordDebug(field(node, 'superclasses'))
        ) {
          report(node.from);
        }
        break;
      case 'call':
        if (keywordDebug(field(node, 'arguments'))) {
          report(node.from);
        }
        break;
      case 'import_statement':
      case 'import_from_statement':
        if (importsDebug(node)) {
          report(node.from);
        }
        return;
      case 'case_pattern':
      case 'splat_pattern':
      case 'keyword_pattern':
        patternDebug(node);
        break;
      case 'as_pattern':
        if (node.children.some(c => c.type === 'case_pattern')) {
          const last = node.children[node.children.length - 1];
          if (isDebug(last)) {
            report(last.from);
          }
        }
        break;
    }
    node.children.forEach(visit);
  };
  /** A parameter named `__debug__` in a `def`'s or lambda's list. */
  const bindsDebug = (params: IPyNode | null): boolean =>
    params?.children.some(param => {
      if (isDebug(param)) {
        return true;
      }
      const name =
        field(param, 'name') ??
        param.children.find(
          c => c.type === 'identifier' || c.type.endsWith('splat_pattern')
        );
      return (
        isDebug(name) ||
        (name !== undefined &&
          name.type.endsWith('splat_pattern') &&
          isDebug(name.children[0]))
      );
    }) ?? false;
  /** A keyword argument named `__debug__` in an argument list. */
  const keywordDebug = (args: IPyNode | null): boolean =>
    args?.children.some(
      arg => arg.type === 'keyword_argument' && isDebug(field(arg, 'name'))
    ) ?? false;
  /** `import __debug__`, `import a as __debug__`, `from a import __debug__`. */
  const importsDebug = (statement: IPyNode): boolean =>
    statement.children.some(part => {
      if (part.field === 'module_name') {
        return false; // `from __debug__ import x` binds x
      }
      if (part.type === 'aliased_import') {
        return isDebug(field(part, 'alias'));
      }
      // `import a.b` binds `a`
      return part.type === 'dotted_name' && isDebug(part.children[0]);
    });
  /** A `case` capture, `*rest`, `**rest` or keyword named `__debug__`. */
  const patternDebug = (pattern: IPyNode) => {
    const names = pattern.children.filter(c => c.type !== 'case_pattern');
    const only =
      pattern.type === 'case_pattern' &&
      names.length === 1 &&
      names[0].type === 'dotted_name'
        ? names[0].children
        : null;
    if (only && only.length === 1 && isDebug(only[0])) {
      report(only[0].from);
    } else if (
      pattern.type === 'splat_pattern' &&
      isDebug(pattern.children[0])
    ) {
      report(pattern.children[0].from);
    } else if (
      pattern.type === 'keyword_pattern' &&
      isDebug(pattern.children[0])
    ) {
      report(pattern.from);
    }
  };
  visit(root);
  return errors.sort((a, b) => a.offset - b.offset).slice(0, 1);
}
