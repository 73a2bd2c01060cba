/**
 * Records module-level reads, writes and mutations of one cell, and the global reads and writes
 * of the functions and classes it defines, applying Python scoping through `Scope` (design §3.2).
 */
import { SyntaxNode } from '@lezer/common';
import { BUILTINS } from './builtins';
import { Scope } from './scope';
import { ICellNames, IFunctionSummary, INameUse } from './cell-names';
import { Positions } from './positions';

export abstract class NameRecorder {
  protected readonly result: ICellNames = {
    reads: [],
    writes: [],
    mutations: [],
    deferredReads: [],
    deferredWrites: [],
    functions: Object.create(null), // keyed by Python names, `__proto__` included
    starImports: [],
    syntaxErrors: []
  };
  private readonly bound = new Set<string>();
  /** Sets beside the result's lists, so that each check is constant time (linear cost). */
  private readonly written = new Set<string>();
  private readonly mutated = new Set<string>();
  private readonly deferredWritten = new Set<string>();
  private readonly summaryNames = new WeakMap<
    IFunctionSummary,
    { reads: Set<string>; writes: Set<string> }
  >();
  private readonly seenReads = new Set<string>();
  private readonly seenDeferred = new Set<string>();
  /** The summary of the module-level function being walked, if any. */
  protected currentFunction: IFunctionSummary | null = null;

  /** `withTargets`: where `parsePython` rewrote a `with` item's `as` to `or`. */
  constructor(
    private readonly source: string,
    private readonly positions: Positions,
    protected readonly withTargets: ReadonlySet<number> = new Set()
  ) {}

  /**
   * The target of `with a as (b, c):`, which the parser saw as `a or (b, c)`; null for any
   * other node.
   */
  protected withTarget(node: SyntaxNode): SyntaxNode | null {
    return withTarget(node, this.withTargets);
  }

  protected text = (node: SyntaxNode): string =>
    this.source.slice(node.from, node.to);

  protected use(name: string, offset: number): INameUse {
    const { line, column } = this.positions.at(offset);
    return { name, line, column };
  }

  private seenIn(summary: IFunctionSummary): {
    reads: Set<string>;
    writes: Set<string>;
  } {
    let seen = this.summaryNames.get(summary);
    if (!seen) {
      seen = {
        reads: new Set(summary.globalReads),
        writes: new Set(summary.globalWrites)
      };
      this.summaryNames.set(summary, seen);
    }
    return seen;
  }

  protected read(node: SyntaxNode, scope: Scope): void {
    const name = this.text(node);
    if (BUILTINS.has(name) || scope.resolve(name) === 'local') {
      return;
    }
    if (scope.deferred) {
      if (this.currentFunction) {
        const seen = this.seenIn(this.currentFunction).reads;
        if (!seen.has(name)) {
          seen.add(name);
          this.currentFunction.globalReads.push(name);
        }
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

  protected bind(name: string, scope: Scope): void {
    if (scope.kind === 'class') {
      scope.locals.add(name);
      return;
    }
    if (scope.kind === 'module') {
      this.bound.add(name);
      if (!this.written.has(name)) {
        this.written.add(name);
        this.result.writes.push(name);
      }
      return;
    }
    if (scope.globals.has(name)) {
      if (this.currentFunction) {
        const seen = this.seenIn(this.currentFunction).writes;
        if (!seen.has(name)) {
          seen.add(name);
          this.currentFunction.globalWrites.push(name);
        }
      }
      if (!this.deferredWritten.has(name)) {
        this.deferredWritten.add(name);
        this.result.deferredWrites.push(name);
      }
    }
  }

  /** A mutation is a read and a write of the root name, where that name is global. */
  protected mutate(root: SyntaxNode, scope: Scope): void {
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
    if (!this.mutated.has(name)) {
      this.mutated.add(name);
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

/** See `NameRecorder.withTarget`. */
export function withTarget(
  node: SyntaxNode,
  withTargets: ReadonlySet<number>
): SyntaxNode | null {
  if (node.name !== 'BinaryExpression' || !withTargets.size) {
    return null;
  }
  const op = node.firstChild?.nextSibling;
  return op && withTargets.has(op.from) ? op.nextSibling : null;
}
