/**
 * Python decides at compile time which names are local to a function: every name the body
 * binds anywhere, minus `global`/`nonlocal` ones. This collects them before the body is walked.
 */
import { field, IPyNode } from './python-tree';
import { Scope } from './scope';

type Text = (node: IPyNode) => string;

export const COMPREHENSIONS: ReadonlySet<string> = new Set([
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression'
]);

/** Fills `scope.locals/globals/nonlocals` from a function body. */
export function collectFunctionLocals(
  body: IPyNode,
  scope: Scope,
  text: Text
): void {
  visit(body, scope, text, false);
  for (const name of scope.globals) {
    scope.locals.delete(name);
  }
  for (const name of scope.nonlocals) {
    scope.locals.delete(name);
  }
}

function visit(
  node: IPyNode,
  scope: Scope,
  text: Text,
  inComprehension: boolean
): void {
  for (const child of node.children) {
    if (!child.named) {
      continue;
    }
    const type = child.type;
    if (type === 'function_definition' || type === 'class_definition') {
      const defined = field(child, 'name');
      if (defined) {
        scope.locals.add(text(defined));
      }
      continue;
    }
    if (type === 'lambda') {
      continue;
    }
    if (COMPREHENSIONS.has(type)) {
      visit(child, scope, text, true);
      continue;
    }
    if (type === 'named_expression') {
      const target = field(child, 'name');
      if (target?.type === 'identifier') {
        scope.locals.add(text(target));
      }
    } else if (!inComprehension) {
      collectStatementTargets(child, scope, text);
    }
    visit(child, scope, text, inComprehension);
  }
}

function collectStatementTargets(
  node: IPyNode,
  scope: Scope,
  text: Text
): void {
  const add = (n: IPyNode | null) => n && addTargetNames(n, scope.locals, text);
  switch (node.type) {
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
      add(field(node, 'left'));
      break;
    case 'delete_statement':
      node.children.forEach(add);
      break;
    case 'as_pattern': {
      const alias = field(node, 'alias');
      if (alias) {
        alias.children.forEach(add);
      } else {
        // `case [x] as y:`
        const last = node.children[node.children.length - 1];
        if (last?.type === 'identifier') {
          add(last);
        }
      }
      break;
    }
    case 'import_statement':
    case 'import_from_statement':
    case 'future_import_statement':
      importedNames(node, text).forEach(n => scope.locals.add(n));
      break;
    case 'case_pattern':
    case 'keyword_pattern': {
      const capture = captureName(node);
      if (capture) {
        scope.locals.add(text(capture));
      }
      break;
    }
    case 'splat_pattern':
      node.children.forEach(c => c.type === 'identifier' && add(c));
      break;
    case 'type_alias_statement': {
      const name = typeAliasName(node);
      if (name) {
        scope.locals.add(text(name));
      }
      break;
    }
    case 'global_statement':
    case 'nonlocal_statement': {
      const global = node.type === 'global_statement';
      for (const v of node.children) {
        if (v.type === 'identifier') {
          if (global) {
            scope.declareGlobal(text(v));
          } else {
            scope.declareNonlocal(text(v));
          }
        }
      }
      break;
    }
  }
}

/** Node types whose parts are assignment targets in turn: `a, (b, *c)`, `[a, b]`. */
const TARGET_LISTS = new Set([
  'tuple',
  'list',
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'parenthesized_expression',
  'expression_list',
  'list_splat_pattern',
  'list_splat',
  'as_pattern_target'
]);

/** Adds the plain names an assignment target binds: `a`, `a, (b, *c)`; not `a.x` or `a[0]`. */
export function addTargetNames(
  node: IPyNode,
  into: Set<string>,
  text: Text
): void {
  if (node.type === 'identifier') {
    into.add(text(node));
  } else if (TARGET_LISTS.has(node.type)) {
    for (const c of node.children) {
      addTargetNames(c, into, text);
    }
  }
}

export function isTargetList(node: IPyNode): boolean {
  return TARGET_LISTS.has(node.type);
}

/**
 * The name a capture pattern binds: `case x:`, `Point(x=x)`, `[x, *_]`'s `x`; null for a value
 * pattern (`case Color.RED:`) or any other pattern.
 */
export function captureName(pattern: IPyNode): IPyNode | null {
  const dotted = pattern.children.find(c => c.type === 'dotted_name');
  if (!dotted) {
    return null;
  }
  const parts = dotted.children.filter(c => c.type === 'identifier');
  return parts.length === 1 ? parts[0] : null;
}

/** `type A = ...` and `type A[T] = ...`: the identifier `A`. */
export function typeAliasName(node: IPyNode): IPyNode | null {
  const left = field(node, 'left');
  const inner = left?.children[0];
  if (inner?.type === 'identifier') {
    return inner;
  }
  if (inner?.type === 'generic_type') {
    return inner.children[0]?.type === 'identifier' ? inner.children[0] : null;
  }
  return null;
}

/**
 * The names an import statement binds: `import a.b` binds `a`, `import a.b as c` binds `c`,
 * `from m import x as y, z` binds `y` and `z`. `*` binds nothing we can know.
 */
export function importedNames(node: IPyNode, text: Text): string[] {
  const names: string[] = [];
  for (const c of node.children) {
    if (c.field !== 'name') {
      continue;
    }
    if (c.type === 'aliased_import') {
      const alias = field(c, 'alias');
      if (alias) {
        names.push(text(alias));
      }
    } else if (c.type === 'dotted_name' && c.children[0]) {
      names.push(text(c.children[0]));
    }
  }
  return names;
}
