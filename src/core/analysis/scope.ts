/**
 * Python scopes as the analyzer needs them: which names are local where, so that a read
 * can be classified as local, a module-level read, or a global read from inside a function.
 */
export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

export class Scope {
  /** Names local to this scope (functions: known before the body runs; classes: bound so far). */
  readonly locals = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | null
  ) {}

  /** True inside a function or lambda body: code that runs later, when called. */
  get deferred(): boolean {
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.kind === 'function') {
        return true;
      }
    }
    return false;
  }

  /** The nearest scope that is not a comprehension: where a walrus binds. */
  get bindingScope(): Scope {
    let s: Scope = this;
    while (s.kind === 'comprehension' && s.parent) {
      s = s.parent;
    }
    return s;
  }

  /**
   * Where a read of `name` from this scope resolves: 'local' (some enclosing function,
   * comprehension or this class), or 'global' (the module namespace).
   */
  resolve(name: string): 'local' | 'global' {
    if (this.kind === 'class' && this.locals.has(name)) {
      return 'local';
    }
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.kind === 'module') {
        return 'global';
      }
      if (s.kind === 'class') {
        continue;
      }
      if (s.globals.has(name)) {
        return 'global';
      }
      if (s.locals.has(name) || s.nonlocals.has(name)) {
        return 'local';
      }
    }
    return 'global';
  }
}
