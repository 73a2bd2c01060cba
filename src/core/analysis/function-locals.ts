/**
 * Python decides at compile time which names are local to a function: every name the body
 * binds anywhere, minus `global`/`nonlocal` ones. This collects them before the body is walked.
 */
import { SyntaxNode } from '@lezer/common';
import { Scope } from './scope';
import { withTarget } from './name-recorder';

type Text = (node: SyntaxNode) => string;

const NESTED_SCOPES = new Set([
  'FunctionDefinition',
  'ClassDefinition',
  'LambdaExpression'
]);
const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression'
]);

/** Fills `scope.locals/globals/nonlocals` from a function (or lambda) body. */
export function collectFunctionLocals(
  body: SyntaxNode,
  scope: Scope,
  text: Text,
  withTargets: ReadonlySet<number> = new Set()
): void {
  visit(body, scope, text, false, withTargets);
  for (const name of scope.globals) {
    scope.locals.delete(name);
  }
  for (const name of scope.nonlocals) {
    scope.locals.delete(name);
  }
}

function visit(
  node: SyntaxNode,
  scope: Scope,
  text: Text,
  inComprehension: boolean,
  withTargets: ReadonlySet<number>
): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const name = child.name;
    if (NESTED_SCOPES.has(name)) {
      if (name !== 'LambdaExpression') {
        const defined = child.getChild('VariableName');
        if (defined) {
          scope.locals.add(text(defined));
        }
      }
      continue;
    }
    if (COMPREHENSIONS.has(name)) {
      visit(child, scope, text, true, withTargets);
      continue;
    }
    if (name === 'NamedExpression') {
      const target = child.firstChild;
      if (target?.name === 'VariableName') {
        scope.locals.add(text(target));
      }
    } else if (!inComprehension) {
      collectStatementTargets(child, scope, text, withTargets);
    }
    visit(child, scope, text, inComprehension, withTargets);
  }
}

function collectStatementTargets(
  node: SyntaxNode,
  scope: Scope,
  text: Text,
  withTargets: ReadonlySet<number>
): void {
  const add = (n: SyntaxNode | null) =>
    n && addTargetNames(n, scope.locals, text);
  switch (node.name) {
    case 'AssignStatement': {
      const ops = node.getChildren('AssignOp');
      if (ops.length) {
        for (
          let c = node.firstChild;
          c && c.from < ops[ops.length - 1].from;
          c = c.nextSibling
        ) {
          if (c.name !== 'AssignOp' && c.name !== 'TypeDef') {
            add(c);
          }
        }
      }
      break;
    }
    case 'UpdateStatement':
    case 'DeleteStatement':
      for (
        let c = node.firstChild;
        c && c.name !== 'UpdateOp';
        c = c.nextSibling
      ) {
        add(c);
      }
      break;
    case 'ForStatement':
      for (let c = node.firstChild; c && c.name !== 'in'; c = c.nextSibling) {
        add(c);
      }
      break;
    case 'WithStatement':
    case 'TryStatement':
    case 'ImportStatement':
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.name === 'as' && c.nextSibling?.name === 'VariableName') {
          scope.locals.add(text(c.nextSibling));
        }
        add(withTarget(c, withTargets));
      }
      if (node.name === 'ImportStatement') {
        importedNames(node, text).forEach(n => scope.locals.add(n));
      }
      break;
    case 'CapturePattern':
    case 'AsPattern': {
      const last = node.lastChild;
      if (last?.name === 'VariableName' && text(last) !== '_') {
        scope.locals.add(text(last));
      }
      break;
    }
    case 'ScopeStatement': {
      const target =
        node.firstChild?.name === 'global' ? scope.globals : scope.nonlocals;
      node.getChildren('VariableName').forEach(v => target.add(text(v)));
      break;
    }
  }
}

/** Adds the plain names an assignment target binds: `a`, `a, (b, *c)`; not `a.x` or `a[0]`. */
export function addTargetNames(
  node: SyntaxNode,
  into: Set<string>,
  text: Text
): void {
  if (node.name === 'VariableName') {
    into.add(text(node));
  } else if (
    node.name === 'TupleExpression' ||
    node.name === 'ArrayExpression' ||
    node.name === 'ParenthesizedExpression'
  ) {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      addTargetNames(c, into, text);
    }
  }
}

/**
 * The names an import statement binds: `import a.b` binds `a`, `import a.b as c` binds `c`,
 * `from m import x as y, z` binds `y` and `z`. `*` binds nothing we can know.
 */
export function importedNames(node: SyntaxNode, text: Text): string[] {
  const names: string[] = [];
  let c = node.firstChild;
  const isFrom = c?.name === 'from';
  if (isFrom) {
    while (c && c.name !== 'import') {
      c = c.nextSibling;
    }
  }
  c = c?.nextSibling ?? null;
  let startOfItem = true;
  for (; c; c = c.nextSibling) {
    if (c.name === ',' || c.name === '(') {
      startOfItem = true;
      continue;
    }
    if (c.name === 'VariableName' && startOfItem) {
      const alias = aliasAfter(c, text);
      names.push(alias ?? text(c));
      startOfItem = false;
    }
  }
  return names;
}

function aliasAfter(item: SyntaxNode, text: Text): string | null {
  for (let c = item.nextSibling; c && c.name !== ','; c = c.nextSibling) {
    if (c.name === 'as' && c.nextSibling?.name === 'VariableName') {
      return text(c.nextSibling);
    }
  }
  return null;
}
