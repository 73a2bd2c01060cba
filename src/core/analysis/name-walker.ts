/**
 * Walks a @lezer/python tree in evaluation order and records module-level reads, writes and
 * mutations with Python's own scoping (design §3.2).
 */
import { SyntaxNode, Tree } from '@lezer/common';
import { BUILTINS } from './builtins';
import { MUTATING_METHODS } from './mutators';
import { Scope } from './scope';
import {
  addTargetNames,
  collectFunctionLocals,
  importedNames
} from './function-locals';
import { ICellNames, IFunctionSummary, INameUse } from './cell-names';
import { Positions } from './positions';

const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression'
]);

export class NameWalker {
  private readonly result: ICellNames = {
    reads: [],
    writes: [],
    mutations: [],
    deferredReads: [],
    deferredWrites: [],
    functions: {},
    starImports: [],
    syntaxErrors: []
  };
  private readonly bound = new Set<string>();
  private readonly seenReads = new Set<string>();
  private readonly seenDeferred = new Set<string>();
  /** The summary of the module-level function being walked, if any. */
  private currentFunction: IFunctionSummary | null = null;

  constructor(
    private readonly source: string,
    private readonly positions: Positions
  ) {}

  walk(tree: Tree): ICellNames {
    const module = new Scope('module', null);
    this.statements(tree.topNode, module);
    tree.iterate({
      enter: node => {
        if (node.type.isError) {
          this.result.syntaxErrors.push(this.use('', node.from));
          return false;
        }
        return undefined;
      }
    });
    return this.result;
  }

  private text = (node: SyntaxNode): string =>
    this.source.slice(node.from, node.to);

  private use(name: string, offset: number): INameUse {
    const { line, column } = this.positions.at(offset);
    return { name, line, column };
  }

  private statements(node: SyntaxNode, scope: Scope): void {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      this.statement(c, scope);
    }
  }

  private statement(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'AssignStatement':
        return this.assignment(node, scope);
      case 'UpdateStatement': {
        const target = node.firstChild;
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
      case 'WithStatement':
      case 'TryStatement':
        return this.asBindings(node, scope);
      case 'MatchStatement':
        return this.matchStatement(node, scope);
      case 'TypeDefinition': {
        const name = node.getChild('VariableName');
        this.withDeferred(node, scope, name);
        if (name) {
          this.bind(this.text(name), scope);
        }
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
  private assignment(node: SyntaxNode, scope: Scope): void {
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
  private target(node: SyntaxNode, scope: Scope): void {
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
        return this.expression(node, scope);
    }
  }

  private importStatement(node: SyntaxNode, scope: Scope): void {
    const star = node.getChild('*');
    if (star) {
      this.result.starImports.push(this.use('*', star.from));
    }
    importedNames(node, this.text).forEach(name => this.bind(name, scope));
  }

  private functionDefinition(
    node: SyntaxNode,
    scope: Scope,
    decorators: SyntaxNode[]
  ): void {
    decorators.forEach(d => this.decorator(d, scope));
    const name = node.getChild('VariableName');
    const params = node.getChild('ParamList');
    const functionScope = new Scope('function', scope);
    if (params) {
      this.parameters(params, scope, functionScope);
    }
    node.getChildren('TypeDef').forEach(t => this.expression(t, scope));
    if (name) {
      this.bind(this.text(name), scope);
    }
    const body = node.getChild('Body');
    if (!body) {
      return;
    }
    collectFunctionLocals(body, functionScope, this.text);
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

  /** Parameter defaults and annotations run in the enclosing scope; names become locals. */
  private parameters(params: SyntaxNode, outer: Scope, inner: Scope): void {
    for (let c = params.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName') {
        inner.locals.add(this.text(c));
      } else if (c.name === 'TypeDef') {
        this.expression(c, outer);
      } else if (c.name === 'AssignOp' && c.nextSibling) {
        c = c.nextSibling;
        this.expression(c, outer);
      }
    }
  }

  private classDefinition(
    node: SyntaxNode,
    scope: Scope,
    decorators: SyntaxNode[]
  ): void {
    decorators.forEach(d => this.decorator(d, scope));
    const args = node.getChild('ArgList');
    if (args) {
      this.expression(args, scope);
    }
    const body = node.getChild('Body');
    const name = node.getChild('VariableName');
    const outer = this.currentFunction;
    if (scope.kind === 'module' && name) {
      this.currentFunction = { globalReads: [], globalWrites: [] };
      this.result.functions[this.text(name)] = this.currentFunction;
    }
    if (body) {
      this.statements(body, new Scope('class', scope));
    }
    this.currentFunction = outer;
    if (name) {
      this.bind(this.text(name), scope);
    }
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
      if (c.name === 'as' && c.nextSibling?.name === 'VariableName') {
        c = c.nextSibling;
        this.bind(this.text(c), scope);
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

  private pattern(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'CapturePattern':
      case 'AsPattern': {
        const name = node.lastChild;
        const end = name?.from ?? 0;
        for (let c = node.firstChild; c && c.from < end; c = c.nextSibling) {
          this.pattern(c, scope);
        }
        if (name?.name === 'VariableName') {
          if (this.text(name) !== '_') {
            this.bind(this.text(name), scope);
          }
        } else if (name) {
          this.pattern(name, scope);
        }
        return;
      }
      case 'AttributePattern':
      case 'ClassPattern': {
        const first = node.firstChild;
        if (first?.name === 'VariableName') {
          this.read(first, scope);
        }
        for (let c = first?.nextSibling ?? null; c; c = c.nextSibling) {
          this.pattern(c, scope);
        }
        return;
      }
      case 'KeywordPattern':
        for (
          let c = node.firstChild?.nextSibling ?? null;
          c;
          c = c.nextSibling
        ) {
          this.pattern(c, scope);
        }
        return;
      case 'VariableName':
        return this.read(node, scope);
      default:
        for (let c = node.firstChild; c; c = c.nextSibling) {
          this.pattern(c, scope);
        }
    }
  }

  /** Evaluates an expression (or any node not handled as a statement) in source order. */
  private expression(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'VariableName':
        return this.read(node, scope);
      case 'PropertyName':
        return;
      case 'Body':
      case 'StatementGroup':
        return this.statements(node, scope);
      case 'NamedExpression': {
        const target = node.firstChild;
        for (let c = target?.nextSibling ?? null; c; c = c.nextSibling) {
          this.expression(c, scope);
        }
        if (target?.name === 'VariableName') {
          this.bind(this.text(target), scope.bindingScope);
        }
        return;
      }
      case 'CallExpression':
        return this.call(node, scope);
      case 'ArgList':
        return this.argumentList(node, scope);
      case 'LambdaExpression':
        return this.lambda(node, scope);
      case 'FunctionDefinition':
      case 'ClassDefinition':
      case 'DecoratedStatement':
        return this.statement(node, scope);
      default:
        if (COMPREHENSIONS.has(node.name)) {
          return this.comprehension(node, scope);
        }
        for (let c = node.firstChild; c; c = c.nextSibling) {
          this.expression(c, scope);
        }
    }
  }

  /** `x.fit(...)` and `df.drop(..., inplace=True)` mutate the receiver's root name. */
  private call(node: SyntaxNode, scope: Scope): void {
    const callee = node.firstChild;
    const args = node.getChild('ArgList');
    if (callee) {
      this.expression(callee, scope);
    }
    if (args) {
      this.argumentList(args, scope);
    }
    if (callee?.name !== 'MemberExpression') {
      return;
    }
    const method = callee.getChild('PropertyName');
    const mutating =
      (method && MUTATING_METHODS.has(this.text(method))) ||
      (args && this.passesInplaceTrue(args));
    const receiver = callee.firstChild;
    const root = receiver ? memberRoot(receiver) : null;
    if (mutating && root) {
      this.mutate(root, scope);
    }
  }

  private passesInplaceTrue(args: SyntaxNode): boolean {
    for (let c = args.firstChild; c; c = c.nextSibling) {
      if (
        c.name === 'VariableName' &&
        this.text(c) === 'inplace' &&
        c.nextSibling?.name === 'AssignOp' &&
        c.nextSibling.nextSibling?.name === 'Boolean' &&
        this.text(c.nextSibling.nextSibling) === 'True'
      ) {
        return true;
      }
    }
    return false;
  }

  /** Keyword names (`f(k=v)`) are not reads; a generator argument is a comprehension. */
  private argumentList(node: SyntaxNode, scope: Scope): void {
    if (node.getChild('for')) {
      return this.comprehension(node, scope);
    }
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
        if (this.text(c.nextSibling) === ':=') {
          this.expression(c.nextSibling.nextSibling!, scope);
          this.bind(this.text(c), scope.bindingScope);
          c = c.nextSibling.nextSibling!;
        }
        continue;
      }
      this.expression(c, scope);
    }
  }

  private lambda(node: SyntaxNode, scope: Scope): void {
    const inner = new Scope('function', scope);
    const params = node.getChild('ParamList');
    if (params) {
      this.parameters(params, scope, inner);
    }
    const body = node.lastChild;
    if (body && body !== params) {
      this.expression(body, inner);
    }
  }

  /**
   * `[elt for t in it if c for u in it2]`: `it` runs in the enclosing scope, the rest in the
   * comprehension's own scope, whose locals are the `for` targets.
   */
  private comprehension(node: SyntaxNode, scope: Scope): void {
    const inner = new Scope('comprehension', scope);
    const clauses: SyntaxNode[] = [];
    let element: SyntaxNode[] = [];
    let firstIterable = true;
    let mode: 'element' | 'targets' | 'iterable' | 'rest' = 'element';
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'for') {
        mode = 'targets';
      } else if (c.name === 'in' && mode === 'targets') {
        mode = 'iterable';
      } else if (mode === 'element') {
        element.push(c);
      } else if (mode === 'targets') {
        addTargetNames(c, inner.locals, this.text);
      } else if (mode === 'iterable' && firstIterable) {
        if (!/^[)\]}]$/.test(c.name)) {
          this.expression(c, scope);
        }
        firstIterable = false;
        mode = 'rest';
      } else {
        clauses.push(c);
      }
    }
    clauses.forEach(c => this.expression(c, inner));
    element = element.filter(c => c.name !== 'async');
    element.forEach(c => this.expression(c, inner));
  }

  private withDeferred(
    node: SyntaxNode,
    scope: Scope,
    skip: SyntaxNode | null
  ): void {
    const inner = new Scope('function', scope);
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c !== skip) {
        this.expression(c, inner);
      }
    }
  }

  private read(node: SyntaxNode, scope: Scope): void {
    const name = this.text(node);
    if (BUILTINS.has(name) || scope.resolve(name) === 'local') {
      return;
    }
    if (scope.deferred) {
      if (
        this.currentFunction &&
        !this.currentFunction.globalReads.includes(name)
      ) {
        this.currentFunction.globalReads.push(name);
      }
      if (!this.seenDeferred.has(name)) {
        this.seenDeferred.add(name);
        this.result.deferredReads.push(this.use(name, node.from));
      }
      return;
    }
    if (!this.bound.has(name) && !this.seenReads.has(name)) {
      this.seenReads.add(name);
      this.result.reads.push(this.use(name, node.from));
    }
  }

  private bind(name: string, scope: Scope): void {
    if (scope.kind === 'class') {
      scope.locals.add(name);
      return;
    }
    if (scope.kind === 'module') {
      this.bound.add(name);
      if (!this.result.writes.includes(name)) {
        this.result.writes.push(name);
      }
      return;
    }
    if (scope.globals.has(name)) {
      if (
        this.currentFunction &&
        !this.currentFunction.globalWrites.includes(name)
      ) {
        this.currentFunction.globalWrites.push(name);
      }
      if (!this.result.deferredWrites.includes(name)) {
        this.result.deferredWrites.push(name);
      }
    }
  }

  /** A mutation is a read and a write of the root name, where that name is global. */
  private mutate(root: SyntaxNode, scope: Scope): void {
    const name = this.text(root);
    if (BUILTINS.has(name) || scope.resolve(name) === 'local') {
      return;
    }
    this.read(root, scope);
    if (scope.deferred) {
      return;
    }
    let module = scope;
    while (module.parent) {
      module = module.parent;
    }
    this.bind(name, module);
    if (!this.result.mutations.includes(name)) {
      this.result.mutations.push(name);
    }
  }
}

/** `a.b[c].d` → the VariableName `a`; null when the chain starts with a call or a literal. */
export function memberRoot(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  while (n && n.name === 'MemberExpression') {
    n = n.firstChild;
  }
  if (n?.name === 'ParenthesizedExpression') {
    const inner = n.firstChild?.nextSibling ?? null;
    return inner ? memberRoot(inner) : null;
  }
  return n?.name === 'VariableName' ? n : null;
}
