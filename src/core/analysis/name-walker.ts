/**
 * Walks a @lezer/python tree in evaluation order and records module-level reads, writes and
 * mutations with Python's own scoping (design §3.2).
 */
import { SyntaxNode, Tree } from '@lezer/common';
import { Scope } from './scope';
import { collectFunctionLocals, importedNames } from './function-locals';
import { ICellNames, IFunctionSummary } from './cell-names';
import { ExpressionWalker } from './expression-walker';
import { memberRoot } from './name-recorder';

/** Expressions that CPython refuses as the target of `=`, `for`, `del` and the like. */
const NOT_TARGETS = new Set([
  'CallExpression',
  'Number',
  'String',
  'FormatString',
  'ContinuedString',
  'Boolean',
  'None',
  'Ellipsis',
  'BinaryExpression',
  'UnaryExpression',
  'ConditionalExpression',
  'LambdaExpression',
  'AwaitExpression',
  'YieldExpression',
  'NamedExpression',
  'SetExpression',
  'DictionaryExpression',
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression'
]);
/** What `x += 1` may update: one name, attribute or subscript. */
const AUGMENTED_TARGETS = new Set([
  'VariableName',
  'MemberExpression',
  'ParenthesizedExpression'
]);

export class NameWalker extends ExpressionWalker {
  /** `errors`: where the tree's error nodes start (from `parsePython`). */
  walk(tree: Tree, errors: readonly number[]): ICellNames {
    const module = new Scope('module', null);
    this.statements(tree.topNode, module);
    for (const offset of errors) {
      this.result.syntaxErrors.push(this.use('', offset));
    }
    return this.result;
  }

  protected statement(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'AssignStatement':
        return this.assignment(node, scope);
      case 'UpdateStatement': {
        const target = node.firstChild;
        if (
          target &&
          (target.nextSibling?.name !== 'UpdateOp' ||
            !AUGMENTED_TARGETS.has(target.name))
        ) {
          this.syntaxError(target.from);
        }
        for (let c = target?.nextSibling ?? null; c; c = c.nextSibling) {
          this.expression(c, scope);
        }
        if (target) {
          this.expression(target, scope);
          this.target(target, scope);
        }
        return;
      }
      case 'DeleteStatement':
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'VariableName') {
            this.read(c, scope);
            this.mutate(c, scope);
          } else {
            this.target(c, scope);
          }
        }
        return;
      case 'ImportStatement':
        return this.importStatement(node, scope);
      case 'ScopeStatement':
        return;
      case 'FunctionDefinition':
        return this.functionDefinition(node, scope, []);
      case 'ClassDefinition':
        return this.classDefinition(node, scope, []);
      case 'DecoratedStatement': {
        const decorators = node.getChildren('Decorator');
        const definition = node.lastChild;
        if (definition?.name === 'FunctionDefinition') {
          return this.functionDefinition(definition, scope, decorators);
        }
        if (definition?.name === 'ClassDefinition') {
          return this.classDefinition(definition, scope, decorators);
        }
        decorators.forEach(d => this.decorator(d, scope));
        return;
      }
      case 'ForStatement':
        return this.forStatement(node, scope);
      case 'TryStatement':
        if (!node.getChild('except') && !node.getChild('finally')) {
          this.syntaxError(node.to);
        }
        return this.asBindings(node, scope);
      case 'WithStatement':
        return this.asBindings(node, scope);
      case 'MatchStatement':
        return this.matchStatement(node, scope);
      case 'TypeDefinition': {
        // `type A[T] = V`: A binds at once; V runs later, where T is local.
        const name = node.getChild('VariableName');
        if (name) {
          this.bind(this.text(name), scope);
        }
        const params = node.getChild('TypeParamList');
        this.withDeferred(
          node,
          this.typeParams(params, scope),
          c => c === name || c === params
        );
        return;
      }
      case 'Body':
      case 'StatementGroup':
        return this.statements(node, scope);
      default:
        return this.expression(node, scope);
    }
  }

  /** `a = b = value`, `x: T = value`, `x: T`: the value first, then each target. */
  protected assignment(node: SyntaxNode, scope: Scope): void {
    const groups: SyntaxNode[][] = [[]];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'AssignOp') {
        groups.push([]);
      } else if (c.name === 'TypeDef') {
        this.expression(c, scope);
      } else {
        groups[groups.length - 1].push(c);
      }
    }
    if (groups.length === 1) {
      return;
    }
    groups[groups.length - 1].forEach(c => this.expression(c, scope));
    groups
      .slice(0, -1)
      .forEach(group => group.forEach(c => this.target(c, scope)));
  }

  /** Binds an assignment target; `a.x = ` and `a[i] = ` mutate `a`. */
  protected target(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'VariableName':
        return this.bind(this.text(node), scope);
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression':
        for (let c = node.firstChild; c; c = c.nextSibling) {
          this.target(c, scope);
        }
        return;
      case 'MemberExpression': {
        this.expression(node, scope);
        const root = memberRoot(node);
        if (root) {
          this.mutate(root, scope);
        }
        return;
      }
      default:
        if (/^[(),[\]*]$/.test(node.name)) {
          return;
        }
        if (NOT_TARGETS.has(node.name)) {
          this.syntaxError(node.from);
        }
        return this.expression(node, scope);
    }
  }

  private syntaxError(offset: number): void {
    this.result.syntaxErrors.push(this.use('', offset));
  }

  protected importStatement(node: SyntaxNode, scope: Scope): void {
    const star = node.getChild('*');
    if (star) {
      this.result.starImports.push(this.use('*', star.from));
    }
    importedNames(node, this.text).forEach(name => this.bind(name, scope));
  }

  protected functionDefinition(
    node: SyntaxNode,
    scope: Scope,
    decorators: SyntaxNode[]
  ): void {
    decorators.forEach(d => this.decorator(d, scope));
    const name = node.getChild('VariableName');
    const params = node.getChild('ParamList');
    const typeScope = this.typeParams(node.getChild('TypeParamList'), scope);
    const functionScope = new Scope('function', typeScope);
    if (params) {
      this.parameters(params, scope, functionScope, typeScope);
    }
    node.getChildren('TypeDef').forEach(t => this.expression(t, typeScope));
    if (name) {
      this.bind(this.text(name), scope);
    }
    const body = node.getChild('Body');
    if (!body) {
      return;
    }
    collectFunctionLocals(body, functionScope, this.text, this.withTargets);
    const outer = this.currentFunction;
    const summary: IFunctionSummary | null =
      scope.kind === 'module' && name
        ? { globalReads: [], globalWrites: [] }
        : null;
    if (summary && name) {
      this.result.functions[this.text(name)] = summary;
      this.currentFunction = summary;
    }
    this.statements(body, functionScope);
    this.currentFunction = outer;
  }

  private classDefinition(
    node: SyntaxNode,
    scope: Scope,
    decorators: SyntaxNode[]
  ): void {
    decorators.forEach(d => this.decorator(d, scope));
    const typeScope = this.typeParams(node.getChild('TypeParamList'), scope);
    const args = node.getChild('ArgList');
    if (args) {
      this.expression(args, typeScope);
    }
    const body = node.getChild('Body');
    const name = node.getChild('VariableName');
    const outer = this.currentFunction;
    if (scope.kind === 'module' && name) {
      this.currentFunction = { globalReads: [], globalWrites: [] };
      this.result.functions[this.text(name)] = this.currentFunction;
    }
    if (body) {
      this.statements(body, new Scope('class', typeScope));
    }
    this.currentFunction = outer;
    if (name) {
      this.bind(this.text(name), scope);
    }
  }

  /**
   * PEP 695 type parameters (`[T: Bound, *Ts, **P]`): a scope of their own where they are
   * local, inside `scope`; bounds run later (lazily) there. `scope` itself when there are none.
   */
  private typeParams(list: SyntaxNode | null, scope: Scope): Scope {
    if (!list) {
      return scope;
    }
    const inner = new Scope('annotation', scope);
    const params = list.getChildren('TypeParam');
    for (const param of params) {
      const name = param.getChild('VariableName');
      if (name) {
        inner.locals.add(this.text(name));
      }
    }
    for (const param of params) {
      const bound = param.getChild('TypeDef');
      if (bound) {
        this.withDeferred(bound, inner, () => false);
      }
    }
    return inner;
  }

  /** `@a.b(args)`: reads `a` (not `b`) and the arguments. */
  private decorator(node: SyntaxNode, scope: Scope): void {
    const first = node.getChild('VariableName');
    if (first) {
      this.read(first, scope);
    }
    const args = node.getChild('ArgList');
    if (args) {
      this.expression(args, scope);
    }
  }

  private forStatement(node: SyntaxNode, scope: Scope): void {
    const targets: SyntaxNode[] = [];
    let c = node.firstChild;
    for (; c && c.name !== 'in'; c = c.nextSibling) {
      targets.push(c);
    }
    for (
      c = c?.nextSibling ?? null;
      c && c.name !== 'Body';
      c = c.nextSibling
    ) {
      this.expression(c, scope);
    }
    targets.forEach(t => this.target(t, scope));
    for (; c; c = c.nextSibling) {
      this.statement(c, scope);
    }
  }

  /** `with a as b:` and `except E as e:`: the expression, then the name after `as`. */
  private asBindings(node: SyntaxNode, scope: Scope): void {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const target = this.withTarget(c);
      if (c.name === 'as' && c.nextSibling?.name === 'VariableName') {
        c = c.nextSibling;
        this.bind(this.text(c), scope);
      } else if (target && c.firstChild) {
        this.expression(c.firstChild, scope);
        this.target(target, scope);
      } else {
        this.statement(c, scope);
      }
    }
  }

  private matchStatement(node: SyntaxNode, scope: Scope): void {
    const subject = node.firstChild?.nextSibling;
    for (
      let c = subject ?? null;
      c && c.name !== 'MatchBody';
      c = c.nextSibling
    ) {
      this.expression(c, scope);
    }
    for (const clause of node
      .getChild('MatchBody')
      ?.getChildren('MatchClause') ?? []) {
      for (let c = clause.firstChild; c; c = c.nextSibling) {
        if (c.name === 'Guard' || c.name === 'Body') {
          this.statement(c, scope);
        } else {
          this.pattern(c, scope);
        }
      }
    }
  }
}
