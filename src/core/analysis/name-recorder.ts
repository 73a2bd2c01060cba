/**
 * Records module-level reads, writes and mutations of one cell, and the global reads and writes
 * of the functions and classes it defines, applying Python scoping through `Scope` (design §3.2).
 */
import { IPyNode, namedChildren } from './python-tree';
import { BUILTINS } from './builtins';
import { Scope } from './scope';
import {
  ICellNames,
  IFunctionSummary,
  INameDeletion,
  INameUse
} from './cell-names';
import { Positions } from './positions';

export abstract class NameRecorder {
  protected readonly result: ICellNames = {
    reads: [],
    writes: [],
    mutations: [],
    deferredReads: [],
    deferredWrites: [],
    functions: Object.create(null), // keyed by Python names, `__proto__` included
    deletions: [],
    starImports: [],
    syntaxErrors: []
  };
  /**
   * Sets beside the result's lists, so that each check is constant time (linear cost).
   * `written` is also what the cell has bound at module level so far: a later read of one of
   * those names reads the cell's own value.
   */
  private readonly written = new Set<string>();
  private readonly mutated = new Set<string>();
  private readonly deferredWritten = new Set<string>();
  private readonly summaryNames = new WeakMap<
    IFunctionSummary,
    { reads: Set<string>; writes: Set<string> }
  >();
  /** Module-level names deleted and not bound since, by name, in order of deletion. */
  private readonly deleted = new Map<string, INameDeletion>();
  private readonly seenReads = new Set<string>();
  private readonly seenDeferred = new Set<string>();
  /** The summary of the module-level function being walked, if any. */
  protected currentFunction: IFunctionSummary | null = null;

  constructor(
    private readonly source: string,
    private readonly positions: Positions
  ) {}

  protected text = (node: IPyNode): string =>
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

  protected read(node: IPyNode, scope: Scope): void {
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
    if (!this.written.has(name) && !this.seenReads.has(name)) {
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
      if (this.deleted.size !== 0) {
        this.deleted.delete(name);
      }
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

  /**
   * `del name`, or the end of `except … as name:`, where `name` is the module's: the cell leaves
   * it unbound unless it binds it again.
   */
  protected unbind(node: IPyNode, scope: Scope, by: 'del' | 'except'): void {
    if (scope.kind !== 'module') {
      return;
    }
    const name = this.text(node);
    this.deleted.delete(name); // the last deletion of a name, in order
    this.deleted.set(name, { ...this.use(name, node.from), by });
  }

  /** Ends the walk: the names the cell leaves deleted go into the result. */
  protected recordDeletions(): void {
    this.deleted.forEach(deletion => this.result.deletions.push(deletion));
  }

  /** A mutation is a read and a write of the root name, where that name is global. */
  protected mutate(root: IPyNode, scope: Scope): void {
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

/** `a.b[c].d` → the identifier `a`; null when the chain starts with a call or a literal. */
export function memberRoot(node: IPyNode): IPyNode | null {
  let n: IPyNode | undefined = node;
  while (n && (n.type === 'attribute' || n.type === 'subscript')) {
    n = n.children[0];
  }
  if (n?.type === 'parenthesized_expression') {
    const inner = namedChildren(n)[0];
    return inner ? memberRoot(inner) : null;
  }
  return n?.type === 'identifier' ? n : null;
}
