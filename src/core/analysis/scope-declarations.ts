/**
 * `global` and `nonlocal` statements CPython's compiler refuses though the grammar takes them:
 * a name the scope used, bound or annotated before declaring it global (`x = 1` then
 * `global x`, at a cell's top level too), a parameter declared global or nonlocal, and a
 * `nonlocal` naming no variable of an enclosing function. Each scope is read in source order, as
 * CPython's symbol table does; a nested function's or class's body, a lambda's and a
 * comprehension's are scopes of their own (a comprehension's first iterable is its enclosing
 * scope's). Only cells that say `global` or `nonlocal` are read (one test of the text for the
 * others), so this pass costs nothing on the usual cell.
 */
import { field, IPyNode } from './python-tree';
import { COMPREHENSIONS } from './function-locals';
import { ICompileError } from './compile-error';

type Text = (node: IPyNode) => string;

/** How a scope met a name before a `global` or `nonlocal` statement named it. */
type Met =
  'used' | 'assigned' | 'annotated' | 'parameter' | 'global' | 'nonlocal';

const DECLARES = /\b(?:global|nonlocal)\b/;

class ScopeNames {
  readonly met = new Map<string, Met>();
  /** Names bound anywhere in the scope (for an inner `nonlocal`), minus declared ones. */
  readonly bound = new Set<string>();
  readonly nonlocals: IPyNode[] = [];

  constructor(
    readonly parent: ScopeNames | null,
    readonly isFunction: boolean
  ) {}

  meet(name: string, how: Met): void {
    const before = this.met.get(name);
    if (before === undefined || (before === 'used' && how !== 'used')) {
      this.met.set(name, how);
    }
    if (how !== 'used') {
      this.bound.add(name);
    }
  }
}

/** The refused declarations of a cell's tree, in source order. */
export function declarationErrors(
  root: IPyNode,
  source: string,
  text: Text
): ICompileError[] {
  if (!DECLARES.test(source)) {
    return [];
  }
  const errors: ICompileError[] = [];
  const functions: ScopeNames[] = [];

  const declare = (statement: IPyNode, scope: ScopeNames) => {
    const kind = statement.type === 'global_statement' ? 'global' : 'nonlocal';
    for (const id of statement.children) {
      if (id.type !== 'identifier') {
        continue;
      }
      const name = text(id);
      const before = scope.met.get(name);
      const reason =
        before === 'used'
          ? `name '${name}' is used prior to ${kind} declaration`
          : before === 'assigned'
            ? `name '${name}' is assigned to before ${kind} declaration`
            : before === 'annotated'
              ? `annotated name '${name}' can't be ${kind}`
              : before === 'parameter'
                ? `name '${name}' is parameter and ${kind}`
                : before && before !== kind
                  ? `name '${name}' is ${before} and ${kind}`
                  : null;
      if (reason) {
        errors.push({ offset: statement.from, reason });
      }
      scope.met.set(name, kind);
      if (kind === 'nonlocal' && scope.parent) {
        scope.nonlocals.push(id);
      }
    }
  };

  /** The names in `node`, met in `scope`; `how` for those a target binds. */
  const visit = (node: IPyNode, scope: ScopeNames, how: Met): void => {
    switch (node.type) {
      case 'identifier': {
        const name = text(node);
        const declared = scope.met.get(name);
        // a module may annotate a name it declared global (a function or class may not)
        if (
          how === 'annotated' &&
          scope.parent !== null &&
          (declared === 'global' || declared === 'nonlocal')
        ) {
          errors.push({
            offset: node.from,
            reason: `annotated name '${name}' can't be ${declared}`
          });
        }
        scope.meet(name, how);
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        return declare(node, scope);
      case 'attribute': {
        const object = node.children[0];
        return object ? visit(object, scope, 'used') : undefined;
      }
      case 'keyword_argument': {
        const value = field(node, 'value');
        return value ? visit(value, scope, 'used') : undefined;
      }
      case 'subscript':
        node.children.forEach(c => visit(c, scope, 'used'));
        return;
      case 'function_definition':
        return definition(node, scope, true);
      case 'class_definition':
        return definition(node, scope, false);
      case 'lambda': {
        // its defaults run here; its body, one expression, declares nothing
        const params = field(node, 'parameters');
        if (params) {
          parameters(params, scope, new ScopeNames(scope, true));
        }
        return;
      }
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        for (const c of node.children) {
          if (c.field === 'left') {
            // only a bare name is annotated: `(x): int = 1` assigns x
            const annotated =
              node.type === 'assignment' &&
              field(node, 'type') &&
              c.type === 'identifier';
            visit(c, scope, annotated ? 'annotated' : 'assigned');
          } else {
            visit(c, scope, 'used');
          }
        }
        return;
      case 'delete_statement':
        // `del x` binds `x` in the scope, as CPython counts it (an inner `nonlocal x` finds it)
        node.children.forEach(c => visit(c, scope, 'assigned'));
        return;
      case 'as_pattern_target':
        node.children.forEach(c => visit(c, scope, 'assigned'));
        return;
      case 'case_pattern':
        // a match pattern's names are captures (bindings); a class or value name counted as one
        // only loses a "used before" wording, never makes an error of valid code
        bindAll(node, scope);
        return;
      case 'named_expression': {
        const name = field(node, 'name');
        const value = field(node, 'value');
        if (value) {
          visit(value, scope, 'used');
        }
        if (name) {
          visit(name, scope, 'assigned');
        }
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        return imported(node, scope);
      default:
        if (
          COMPREHENSIONS.has(node.type) ||
          node.type === 'generator_expression'
        ) {
          // its own scope, but for its first iterable
          const first = node.children.find(c => c.type === 'for_in_clause');
          const iterable = first && field(first, 'right');
          if (iterable) {
            visit(iterable, scope, 'used');
          }
          // a walrus inside binds in the enclosing scope (PEP 572)
          walrusNames(node).forEach(name => scope.meet(text(name), 'assigned'));
          return;
        }
        node.children.forEach(c => visit(c, scope, how));
    }
  };

  const bindAll = (node: IPyNode, scope: ScopeNames): void => {
    if (node.type === 'identifier') {
      scope.meet(text(node), 'assigned');
    }
    node.children.forEach(c => bindAll(c, scope));
  };

  /**
   * `import a.b` binds `a`; `import a as b` and `from m import a as b` bind `b`. CPython lets
   * `global` follow an import of the name, so the import only binds (for an inner `nonlocal`).
   */
  const imported = (node: IPyNode, scope: ScopeNames) => {
    for (const c of node.children) {
      if (c.field !== 'name') {
        continue;
      }
      const bound =
        c.type === 'aliased_import' ? field(c, 'alias') : c.children[0];
      if (bound?.type === 'identifier') {
        scope.bound.add(text(bound));
      }
    }
  };

  const parameters = (
    params: IPyNode,
    outer: ScopeNames,
    inner: ScopeNames
  ) => {
    for (const param of params.children) {
      for (const part of param.type === 'identifier'
        ? [param]
        : param.children) {
        if (part.field === 'value' || part.field === 'type') {
          visit(part, outer, 'used');
        } else if (part.type === 'identifier') {
          inner.meet(text(part), 'parameter');
        } else if (part.type.endsWith('splat_pattern')) {
          part.children.forEach(
            id => id.type === 'identifier' && inner.meet(text(id), 'parameter')
          );
        }
      }
    }
  };

  /** A `def` or `class`: decorators, defaults and bases here; the body in a scope of its own. */
  const definition = (
    node: IPyNode,
    scope: ScopeNames,
    isFunction: boolean
  ) => {
    const inner = new ScopeNames(scope, isFunction);
    for (const c of node.children) {
      if (c.field === 'name') {
        scope.meet(text(c), 'assigned');
      } else if (c.field === 'parameters') {
        parameters(c, scope, inner);
      } else if (c.field === 'body') {
        c.children.forEach(s => visit(s, inner, 'used'));
      } else if (c.named && c.field !== 'type_parameters') {
        visit(c, scope, 'used');
      }
    }
    if (isFunction) {
      functions.push(inner);
    } else if (inner.nonlocals.length) {
      functions.push(inner); // a class body's nonlocal names its function's variable
    }
  };

  const module = new ScopeNames(null, false);
  root.children.forEach(s => visit(s, module, 'used'));

  for (const scope of functions) {
    for (const id of scope.nonlocals) {
      if (!enclosingBinding(scope.parent, text(id))) {
        errors.push({
          offset: id.from,
          reason: `no binding for nonlocal '${text(id)}' found`
        });
      }
    }
  }
  return errors.sort((a, b) => a.offset - b.offset);
}

/** Whether a function enclosing a scope has `name` as a variable of its own (not a global). */
function enclosingBinding(scope: ScopeNames | null, name: string): boolean {
  for (let at = scope; at?.parent; at = at.parent) {
    if (!at.isFunction) {
      if (name === '__class__') {
        return true; // the class's own cell, which its methods may declare nonlocal
      }
      continue; // a class's names are no enclosing variables
    }
    const met = at.met.get(name);
    if (met === 'global') {
      return false;
    }
    if (at.bound.has(name) || met === 'nonlocal') {
      return true;
    }
  }
  return false;
}

/** The names walruses in a comprehension bind (not those of a lambda inside it). */
function walrusNames(node: IPyNode): IPyNode[] {
  const found: IPyNode[] = [];
  const look = (n: IPyNode): void => {
    if (n.type === 'lambda') {
      return;
    }
    if (n.type === 'named_expression') {
      const name = field(n, 'name');
      if (name) {
        found.push(name);
      }
    }
    n.children.forEach(look);
  };
  look(node);
  return found;
}
