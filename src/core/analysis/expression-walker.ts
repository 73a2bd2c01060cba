/**
 * Evaluates expressions (calls, lambdas, comprehensions, walrus, match patterns) in source order
 * and in the scope Python evaluates them in (design §3.2).
 */
import { SyntaxNode } from '@lezer/common';
import { MUTATING_METHODS } from './mutators';
import { Scope } from './scope';
import { addTargetNames } from './function-locals';
import { memberRoot, NameRecorder } from './name-recorder';

const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression'
]);

export abstract class ExpressionWalker extends NameRecorder {
  protected abstract statement(node: SyntaxNode, scope: Scope): void;

  protected statements(node: SyntaxNode, scope: Scope): void {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      this.statement(c, scope);
    }
  }

  /**
   * Parameter defaults run in the enclosing scope, annotations there too or in the scope of
   * the function's type parameters (`annotations`); names become locals.
   */
  protected parameters(
    params: SyntaxNode,
    outer: Scope,
    inner: Scope,
    annotations: Scope = outer
  ): void {
    for (let c = params.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName') {
        inner.locals.add(this.text(c));
      } else if (c.name === 'TypeDef') {
        this.expression(c, annotations);
      } else if (c.name === 'AssignOp' && c.nextSibling) {
        c = c.nextSibling;
        this.expression(c, outer);
      }
    }
  }

  protected pattern(node: SyntaxNode, scope: Scope): void {
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
        } else if (first?.name === 'AttributePattern') {
          this.pattern(first, scope); // `case ast.BinOp():` reads `ast`
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
  protected expression(node: SyntaxNode, scope: Scope): void {
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
    const last = node.lastChild;
    const args = last?.name === 'ArgList' ? last : null;
    if (callee) {
      this.expression(callee, scope);
    }
    if (args) {
      this.argumentList(args, scope);
    }
    if (callee?.name !== 'MemberExpression') {
      return;
    }
    const end = callee.lastChild;
    const method = end?.name === 'PropertyName' ? end : null;
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

  /** Evaluates `node`'s children (but those `skip` picks) as code that runs later. */
  protected withDeferred(
    node: SyntaxNode,
    scope: Scope,
    skip: (child: SyntaxNode) => boolean
  ): void {
    const inner = new Scope('function', scope);
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (!skip(c)) {
        this.expression(c, inner);
      }
    }
  }
}
