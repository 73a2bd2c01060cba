/**
 * Python scopes as the analyzer needs them: which names are local where, so that a read
 * can be classified as local, a module-level read, or a global read from inside a function.
 */
/**
 * `annotation`: the scope of PEP 695 type parameters (`def f[T]`, `class C[T]`, `type A[T]`),
 * a function-like scope that runs at once, so its reads are not deferred.
 */
export type ScopeKind =
  'module' | 'function' | 'class' | 'comprehension' | 'annotation';

/** No names (shared, never written to). */
const NO_NAMES: ReadonlySet<string> = new Set();

export class Scope {
  /** Names local to this scope (functions: known before the body runs; classes: bound so far). */
  readonly locals = new Set<string>();
  /**
   * Names declared `global` and `nonlocal` here: few functions declare any, so the sets are
   * made on the first declaration (a scope is made for every function, class and
   * comprehension, and two empty sets each were a tenth of what a large cell's walk allocated).
   */
  private declaredGlobal: Set<string> | null = null;
  private declaredNonlocal: Set<string> | null = null;

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | null
  ) {}

  get globals(): ReadonlySet<string> {
    return this.declaredGlobal ?? NO_NAMES;
  }

  get nonlocals(): ReadonlySet<string> {
    return this.declaredNonlocal ?? NO_NAMES;
  }

  declareGlobal(name: string): void {
    (this.declaredGlobal ??= new Set()).add(name);
  }

  declareNonlocal(name: string): void {
    (this.declaredNonlocal ??= new Set()).add(name);
  }

  /** True inside a function or lambda body: code that runs later, when called. */
  get deferred(): boolean {
    return this.kind === 'function' || (this.parent?.deferred ?? false);
  }

  /** The nearest scope that is not a comprehension: where a walrus binds. */
  get bindingScope(): Scope {
    return this.kind === 'comprehension' && this.parent
      ? this.parent.bindingScope
      : this;
  }

  /**
   * Where a read of `name` from this scope resolves: 'local' (some enclosing function,
   * comprehension or this class), or 'global' (the module namespace).
   */
  resolve(name: string): 'local' | 'global' {
    if (this.kind === 'class' && this.locals.has(name)) {
      return 'local';
    }
    return this.resolveFrom(name);
  }

  private resolveFrom(name: string): 'local' | 'global' {
    if (this.kind === 'module') {
      return 'global';
    }
    if (this.kind !== 'class') {
      if (this.globals.has(name)) {
        return 'global';
      }
      if (this.locals.has(name) || this.nonlocals.has(name)) {
        return 'local';
      }
    }
    return this.parent ? this.parent.resolveFrom(name) : 'global';
  }
}
