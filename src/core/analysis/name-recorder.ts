/**
 * Records module-level reads, writes and mutations of one cell, and the global reads and writes
 * of the functions and classes it defines, applying Python scoping through `Scope` (design §3.2).
 */
import { ICompileError } from './compile-error';
import { pythonName } from './python-name';
import { field, IPyNode, namedChildren } from './python-tree';
import { BUILTINS } from './builtins';
import { Scope } from './scope';
import {
  ICellNames,
  IFunctionSummary,
  IMethodSummary,
  INameDeletion,
  INameUse,
  ISyntaxError,
  IUnpassableValue
} from './cell-names';
import { Positions } from './positions';
import { callSites } from './call-sites';
import { MODULE_STATE_GETTERS } from './mutators';
import { FIGURE_GETTERS } from './figures';

const NO_ALIASES: ReadonlyMap<string, readonly string[]> = new Map();

/**
 * What a module-level name is bound to, where that decides what a call on it changes; a
 * `trainer` is known only in the cell that makes it. A `method` is one that changes the object
 * it is bound to (`add = acc.append`): calling the name changes that object. `rearranged`: the
 * name is bound again to its own value rearranged (`axes = axes.flatten()`), where the cell does
 * not know what that value is (ICellNames.rearrangedAgain).
 */
type BoundKind =
  'figure' | 'handle' | 'method' | 'logger' | 'trainer' | 'rearranged';

/**
 * The list of ICellNames that holds the names of each kind (none for a trainer). A bound method
 * is a handle to later steps: the IR counts a call of it as a change (ir/object-kinds.ts).
 */
const KIND_LISTS = {
  figure: 'figures',
  handle: 'handles',
  method: 'handles',
  logger: 'loggers',
  trainer: null,
  rearranged: 'rearrangedAgain'
} as const;

/** The lists of names a call may change, by what they are (see ICellNames). */
export type CalledOnList = 'drawnOn' | 'handleCalls' | 'passedTo';

/** A function summary's lists as sets, while its body is walked. */
interface ISummaryNames {
  reads: Set<string>;
  writes: Set<string>;
  calledOn?: { [list in CalledOnList]?: Set<string> };
}

export abstract class NameRecorder {
  protected readonly result: ICellNames = {
    reads: [],
    writes: [],
    maybeBound: [],
    mutations: [],
    builtinReads: [],
    deferredReads: [],
    deferredWrites: [],
    functions: Object.create(null), // keyed by Python names, `__proto__` included
    instances: Object.create(null), // filled from `instanceCallees` at the end of the walk
    calls: [],
    namedCalls: [],
    imported: [],
    deletions: [],
    starImports: [],
    dynamicBindings: [],
    syntaxErrors: [],
    incomplete: false
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
    ISummaryNames
  >();
  /** Module-level names this cell bound to a list or tuple of names (`data = [train, test]`). */
  private readonly containers = new Map<string, string[]>();
  /**
   * Module-level names that stand for others until bound again: a loop variable over a list of
   * names, or `a = b`. Changing one changes each of the others.
   */
  private readonly aliases = new Map<string, string[]>();
  /**
   * Every name that some entry of `aliases` has stood for (never shrinks): a name bound again
   * that is not among them is in no entry's list, and `unalias` need not look (a cell that binds
   * many names would otherwise go over every alias at every binding).
   */
  private aliasTargets: Set<string> | null = null;
  /**
   * Of the names in `aliases`, those that are a part of another's object (`notePart`), with the
   * names of the wholes (`p2 = params` after `params = cfg["model"]`: `p2` is the same object
   * as `params` and a part of `cfg`); null until one is.
   */
  private partWholes: Map<string, ReadonlySet<string>> | null = null;
  /** Those of `holds` that are a list, tuple or dict of their names (`noteItems`). */
  private containerNames: Set<string> | null = null;
  /** Module-level names last bound to a scalar written out (ICellNames.scalars); null until one is. */
  private scalars: Set<string> | null = null;
  /**
   * Module-level names this cell last bound to a list, tuple or dict written out (a display or a
   * comprehension): an item taken from one by a literal key is one of its items (noteDisplayItem).
   * Null until one is.
   */
  private displays: Set<string> | null = null;
  /**
   * Module-level names last bound to a figure, its axes or a grid (ICellNames.figures), to a
   * random generator or a file (ICellNames.handles), or to a logger (ICellNames.loggers); null
   * until one is.
   */
  private boundKinds: Map<string, BoundKind> | null = null;
  /**
   * A module-level name of pyplot's current figure or of its axes, as the cell has left it so
   * far (figures.ts: PARTS_OF_CURRENT_FIGURE); null where the cell knows none.
   */
  protected currentFigure: string | null = null;
  /** Module-level names last bound to a value no step can hand on (ICellNames.unpassable). */
  private unpassable: Map<string, IUnpassableValue> | null = null;
  /** Module-level names last bound by an import to another name (ICellNames.importSources). */
  private importSources: Map<string, string> | null = null;
  /** Module-level names last bound to a view of another name's array (ICellNames.views). */
  private views: Map<string, string> | null = null;
  /** Module-level names last bound to what a view function gave (ICellNames.functionViews). */
  private functionViews: Map<string, string> | null = null;
  /** Module-level names last bound to a dotted call's value (ICellNames.madeByDotted). */
  private madeByDotted: Map<string, string> | null = null;
  /** Module-level names last bound to an artist on axes from before (ICellNames.artistsOf). */
  private artistsOf: Map<string, string> | null = null;
  /**
   * The names of ICellNames.drawnOn, handleCalls and passedTo so far, each list's made on its
   * first name.
   */
  private readonly calledOn: { [list in CalledOnList]?: Set<string> } = {};
  /** The names of each method's ICellNames.receiverCalls so far, as sets. */
  private readonly receiverCallNames = new Map<string, Set<string>>();
  /** How deep the walk is in a call's arguments (reset in a lambda's body). */
  protected argumentDepth = 0;
  /** How many lambdas given to a call (`map(lambda …)`) the walk is in. */
  protected givenLambdas = 0;
  /** The variables of the module-level loops over listed names being walked (withLoopAliases). */
  private augmentableLoopVariables: ReadonlySet<string> | null = null;
  /**
   * Module-level names that hold others until bound again: a scikit-learn Pipeline and the
   * estimators it was made of (`pipe = make_pipeline(scaler, model)`). Changing the holder
   * (`pipe.fit`) changes each of those; see `noteHolds`.
   */
  private readonly holds = new Map<string, string[]>();
  /**
   * Module-level names the cell has bound only in place so far (`b.append(1)`): every other name
   * in `written` is bound again (for ICellNames.reboundAndChanged). In-place bindings are rare,
   * so this is kept instead of a set of every name bound.
   */
  private boundOnlyInPlace: Set<string> | null = null;
  /** See `withLocalAliases`: null until a cell has such a loop. */
  private localAliases: Map<
    string,
    { elements: string[]; elementsScope: Scope; holders: boolean }
  > | null = null;
  /**
   * While a compound statement's branch is walked (see `branch`), the module-level names each
   * open branch binds for sure, innermost last; `surelyBound` holds those of the cell's top level.
   */
  private readonly branches: Set<string>[] = [];
  private readonly surelyBound = new Set<string>();
  private branched = false;
  /**
   * ICellNames.instances while the walk goes on: a Map, as bind looks every name up in it (an
   * object's `in` is slower with keys sliced from the source).
   */
  private readonly instanceCallees = new Map<string, string>();
  /** ICellNames.heldCallables so far; null until a name holds one. */
  private heldCallables: Map<string, Set<string>> | null = null;
  /** Module-level names deleted and not bound since, by name, in order of deletion. */
  private readonly deleted = new Map<string, INameDeletion>();
  private readonly seenReads = new Set<string>();
  private readonly seenBuiltins = new Set<string>();
  /** Builtin names read in function bodies, each once (see `recordDeletions`). */
  private deferredBuiltins: Set<string> | null = null;
  /** The builtin reads recorded from function bodies. */
  private deferredBuiltinReads: Set<INameUse> | null = null;
  private readonly seenDeferred = new Set<string>();
  /** The summary of the module-level function being walked, if any. */
  protected currentFunction: IFunctionSummary | null = null;
  /** That function's own scope, where its parameters are locals. */
  protected currentFunctionScope: Scope | null = null;
  /**
   * What that function's body does to its parameters' objects as given, for
   * IFunctionSummary.changedDefaults: where a statement of the body itself (not one inside an
   * `if` or a loop) first binds a parameter again (`acc = list(acc)`: a change after that is to
   * the copy), and the parameters changed before that.
   */
  protected parametersAsGiven: {
    reboundAt: ReadonlyMap<string, number>;
    changed: string[];
  } | null = null;
  /**
   * While a method of a module-level class is walked (not `__init__` and the like): its first
   * parameter (`self`, `cls`) and its scope. Changing that object marks the class mutatesSelf.
   */
  protected currentMethod: {
    /** The method's name. */
    name: string;
    self: string;
    scope: Scope;
    /** Its parameters after `self`, and those it changes in place (ICellNames.methodMutations). */
    changes: IMethodSummary;
  } | null = null;

  constructor(
    protected readonly source: string,
    private readonly positions: Positions
  ) {
    this.normalized = pythonName(source) === source;
    this.hasWalrus = source.includes(':=');
  }

  /** Whether the cell has a `:=` at all: most have none, and skip tracking where one may run. */
  protected readonly hasWalrus: boolean;

  /** Whether the cell's text is NFKC already (all ASCII cells): no name needs normalizing. */
  private readonly normalized: boolean;

  /** A node's text; an identifier's as Python reads it (python-name.ts). */
  protected text = (node: IPyNode): string => {
    const text = this.source.slice(node.from, node.to);
    return this.normalized || node.type !== 'identifier'
      ? text
      : pythonName(text);
  };

  protected use(name: string, offset: number): INameUse {
    const { line, column } = this.positions.at(offset);
    return { name, line, column };
  }

  private seenIn(summary: IFunctionSummary): ISummaryNames {
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

  /** `quiet`: no undefined-name warning where no step binds it (INameUse.quiet). */
  protected read(node: IPyNode, scope: Scope, quiet = false): void {
    const name = this.text(node);
    if (BUILTINS.has(name)) {
      if (scope.resolve(name) !== 'local') {
        this.builtinRead(name, node, scope);
      }
      return;
    }
    if (scope.resolve(name) === 'local') {
      return;
    }
    if (scope.deferred) {
      if (
        this.currentFunction &&
        firstTime(this.seenIn(this.currentFunction).reads, name)
      ) {
        this.currentFunction.globalReads.push(name);
      }
      if (firstTime(this.seenDeferred, name)) {
        this.result.deferredReads.push(this.use(name, node.from));
      }
      return;
    }
    const maybe = this.written.has(name);
    if (maybe && this.surelyBoundNow(name)) {
      return;
    }
    if (firstTime(this.seenReads, name)) {
      const use = this.use(name, node.from);
      this.result.reads.push(maybe || quiet ? { ...use, quiet: true } : use);
    }
  }

  /** See ICellNames.builtinReads. */
  private builtinRead(name: string, node: IPyNode, scope: Scope): void {
    if (scope.deferred) {
      if (firstTime((this.deferredBuiltins ??= new Set()), name)) {
        const use = this.use(name, node.from);
        (this.deferredBuiltinReads ??= new Set()).add(use);
        this.result.builtinReads.push(use);
      }
      return;
    }
    if (this.written.has(name) && this.surelyBoundNow(name)) {
      return;
    }
    if (firstTime(this.seenBuiltins, name)) {
      this.result.builtinReads.push(this.use(name, node.from));
    }
  }

  /** Whether every way the cell may have run to here binds `name` (see `branch`). */
  private surelyBoundNow(name: string): boolean {
    if (this.surelyBound.has(name)) {
      return true;
    }
    for (const bound of this.branches) {
      if (bound.has(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * `name` is bound to another object at module level: what the cell knew of the one before
   * (its ties, kind, maker, import, view) no longer holds.
   */
  private forgetBinding(name: string): void {
    if (this.aliases.size !== 0) {
      this.unalias(name);
    }
    this.scalars?.delete(name);
    this.displays?.delete(name);
    this.boundKinds?.delete(name);
    if (this.currentFigure === name) {
      this.currentFigure = null;
    }
    this.unpassable?.delete(name);
    this.importSources?.delete(name);
    this.views?.delete(name);
    this.functionViews?.delete(name);
    this.madeByDotted?.delete(name);
    this.artistsOf?.delete(name);
    if (this.holds.size !== 0) {
      this.unhold(name);
    }
    if (this.instanceCallees.size !== 0) {
      this.instanceCallees.delete(name);
    }
    this.heldCallables?.delete(name);
  }

  /** `changedInPlace`: a mutation (`b.append(1)`), which leaves `b` the object it was. */
  protected bind(name: string, scope: Scope, changedInPlace = false): void {
    if (this.localAliases?.size && scope.kind !== 'module') {
      this.localAliases.delete(name); // `m = clone(m)` in the loop: no longer the element
    }
    if (scope.kind === 'class') {
      scope.locals.add(name);
      return;
    }
    if (scope.kind === 'module') {
      if (this.deleted.size !== 0) {
        this.deleted.delete(name);
      }
      if (this.containers.size !== 0) {
        this.containers.delete(name);
      }
      if (!changedInPlace) {
        this.forgetBinding(name);
      }
      if (firstTime(this.written, name)) {
        this.result.writes.push(name);
        if (changedInPlace) {
          (this.boundOnlyInPlace ??= new Set()).add(name);
        }
      } else if (!changedInPlace && this.boundOnlyInPlace?.size) {
        this.boundOnlyInPlace.delete(name);
      }
      (this.branches.length
        ? this.branches[this.branches.length - 1]
        : this.surelyBound
      ).add(name);
      return;
    }
    if (scope.globals.has(name)) {
      this.globalWrite(name);
    } else if (scope.bindingScope.nonlocals.has(name)) {
      this.closureChange(); // `nonlocal n` then `n += 1`
    }
  }

  /**
   * A function nested in a module-level function binds or changes in place a name of the
   * function around it (`nonlocal n` then `n += 1`, or `counts.append(x)` on the outer `counts`):
   * the outer function makes closures that keep state (IFunctionSummary.makesStatefulClosures).
   */
  private closureChange(): void {
    const summary = this.currentFunction;
    if (summary && !summary.isClass) {
      summary.makesStatefulClosures = true;
    }
  }

  /**
   * A global that code in a function body binds (through `global`) or changes in place: the
   * function's summary and the cell's deferred writes hold it (a step that may call the
   * function hands the name on).
   */
  private globalWrite(name: string): void {
    if (
      this.currentFunction &&
      firstTime(this.seenIn(this.currentFunction).writes, name)
    ) {
      this.currentFunction.globalWrites.push(name);
    }
    if (firstTime(this.deferredWritten, name)) {
      this.result.deferredWrites.push(name);
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
    const deletion: INameDeletion = { ...this.use(name, node.from), by };
    if (this.branches.length !== 0) {
      deletion.maybe = true;
    }
    this.deleted.set(name, deletion);
  }

  /** A check's error (`{offset, reason}`), if it found one. */
  protected compileError(error: ICompileError | null): void {
    if (error) {
      this.syntaxError(error.offset, error.reason);
    }
  }

  /** `reason`: what CPython says is wrong, where the grammar took the code. */
  protected syntaxError(offset: number, reason?: string): void {
    const error: ISyntaxError = this.use('', offset);
    if (reason) {
      error.reason = reason;
    }
    this.result.syntaxErrors.push(error);
  }

  /**
   * Ends the walk: the names the cell leaves deleted, as others' objects, or maybe unbound go into
   * the result.
   */
  protected recordDeletions(): void {
    this.deleted.forEach(deletion => this.result.deletions.push(deletion));
    this.instanceCallees.forEach((callee, name) => {
      this.result.instances[name] = callee;
    });
    if (this.aliases.size) {
      this.recordAliases();
    }
    if (this.scalars?.size) {
      this.result.scalars = [...this.scalars];
    }
    this.boundKinds?.forEach((kind, name) => {
      const list = KIND_LISTS[kind];
      if (list) {
        (this.result[list] ??= []).push(name);
      }
    });
    if (this.unpassable?.size) {
      this.result.unpassable = [...this.unpassable.values()];
    }
    if (this.importSources?.size) {
      this.result.importSources = Object.fromEntries(this.importSources);
    }
    if (this.views?.size) {
      this.result.views = Object.fromEntries(this.views);
    }
    if (this.functionViews?.size) {
      this.result.functionViews = Object.fromEntries(this.functionViews);
    }
    if (this.madeByDotted?.size) {
      this.result.madeByDotted = Object.fromEntries(this.madeByDotted);
    }
    if (this.artistsOf?.size) {
      this.result.artistsOf = Object.fromEntries(this.artistsOf);
    }
    if (this.holds.size) {
      this.recordHolds();
    }
    this.heldCallables?.forEach((held, holder) => {
      (this.result.heldCallables ??= {})[holder] = [...held];
    });
    const reboundChanged = this.result.mutations.filter(
      name => this.written.has(name) && !this.boundOnlyInPlace?.has(name)
    );
    if (reboundChanged.length) {
      this.result.reboundAndChanged = reboundChanged;
    }
    const inBodies = this.deferredBuiltinReads;
    if (inBodies) {
      // A function body's builtin that the cell binds reads the cell's own binding (a
      // module-level read before the binding still counts).
      this.result.builtinReads = this.result.builtinReads.filter(
        read => !(inBodies.has(read) && this.written.has(read.name))
      );
    }
    if (this.branched) {
      this.result.maybeBound = this.result.writes.filter(
        name => !this.surelyBound.has(name)
      );
    }
  }

  /**
   * Walks one branch of a module-level compound statement (`walk`) and returns the names it
   * binds for sure; the caller settles those that every way through the statement binds.
   */
  protected branch(walk: () => void): Set<string> {
    this.branched = true;
    const bound = new Set<string>();
    this.branches.push(bound);
    walk();
    this.branches.pop();
    return bound;
  }

  /** Names that the compound statement just walked binds for sure, whichever way it went. */
  protected settle(names: Iterable<string>): void {
    const into = this.branches.length
      ? this.branches[this.branches.length - 1]
      : this.surelyBound;
    for (const name of names) {
      into.add(name);
    }
  }

  /**
   * Where a module-level function changes one of its own parameters in place, its summary says
   * so; not where the name is a comprehension's, a nested function's or a class's own.
   */
  private mutateParameter(
    name: string,
    scope: Scope,
    at: number,
    throughItem = false
  ): void {
    const summary = this.currentFunction;
    const method = this.currentMethod;
    if (summary && !summary.isClass && isOuterFunctionName(name, scope)) {
      this.closureChange();
    }
    if (
      method &&
      summary?.isClass &&
      name === method.self &&
      isParameterOf(name, scope, method.scope)
    ) {
      summary.mutatesSelf = true;
      const changing = (this.result.selfChangingMethods ??= []);
      if (!changing.includes(method.name)) {
        changing.push(method.name);
      }
      return;
    }
    if (method && isParameterOf(name, scope, method.scope)) {
      // `def add_features(self, df): df["b"] = …`: a call of the method changes its argument
      changeParameter(method.changes, name, throughItem);
      return;
    }
    if (summary && this.isOwnParameter(name, scope)) {
      changeParameter(summary, name, throughItem);
      const given = this.parametersAsGiven;
      if (
        given &&
        !((given.reboundAt.get(name) ?? Infinity) <= at) &&
        !given.changed.includes(name)
      ) {
        given.changed.push(name);
      }
    }
  }

  /** `name`, read at `scope`, is a parameter of the module-level function being walked. */
  private isOwnParameter(name: string, scope: Scope): boolean {
    const own = this.currentFunctionScope;
    return (
      own !== null &&
      this.currentFunction?.parameters.includes(name) === true &&
      isParameterOf(name, scope, own)
    );
  }

  /**
   * A module-level call of a name with names among its arguments (`clean(df, log=notes)`): the
   * step changes those names where the function changes those parameters.
   */
  protected recordCall(callee: string, args: IPyNode, scope: Scope): void {
    if (BUILTINS.has(callee) || scope.resolve(callee) === 'local') {
      return;
    }
    if (scope.deferred) {
      // In a function's body: the calls that pass its own parameters on.
      const summary = this.currentFunction;
      if (summary) {
        const parameterOf = (value: IPyNode): IPyNode | null => {
          const root = memberRoot(value);
          return root && this.isOwnParameter(this.text(root), scope)
            ? root
            : null;
        };
        summary.parameterCalls.push(
          ...callSites(callee, args, parameterOf, this.text, NO_ALIASES)
        );
      }
      return;
    }
    for (const site of callSites(
      callee,
      args,
      this.globalRootOf(scope),
      this.text,
      this.aliases
    )) {
      this.result.calls.push(site);
    }
  }

  /** An argument's root identifier where it is a module-level name and no builtin, else null. */
  private globalRootOf(scope: Scope): (value: IPyNode) => IPyNode | null {
    return value => {
      const root = memberRoot(value);
      const name = root ? this.text(root) : null;
      return name !== null &&
        scope.resolve(name) === 'global' &&
        !BUILTINS.has(name)
        ? root
        : null;
    };
  }

  /** A module-level method's changes to its parameters (ICellNames.methodMutations). */
  protected noteMethodMutations(method: string, changes: IMethodSummary): void {
    const known = (this.result.methodMutations ??= Object.create(
      null
    ) as Record<string, IMethodSummary[]>);
    (known[method] ??= []).push(changes);
  }

  /**
   * `a.bump()` at module level, where `bump` is not known to change its object
   * (ICellNames.receiverCalls): what `mutate` would change, were it to.
   */
  protected recordReceiverCall(
    method: string,
    root: IPyNode,
    scope: Scope
  ): void {
    const name = this.text(root);
    if (
      scope.deferred ||
      scope.resolve(name) !== 'global' ||
      BUILTINS.has(name)
    ) {
      return;
    }
    const calls = (this.result.receiverCalls ??= Object.create(null) as Record<
      string,
      string[]
    >);
    const changed = (calls[method] ??= []);
    const seen = this.receiverCallNames.get(method) ?? new Set<string>();
    this.receiverCallNames.set(method, seen);
    const add = (n: string) => {
      if (!seen.has(n)) {
        seen.add(n);
        changed.push(n);
      }
    };
    add(name);
    (this.aliases.size ? this.aliases.get(name) : undefined)?.forEach(add);
    (this.holds.size ? this.holds.get(name) : undefined)?.forEach(add);
  }

  /** `prep.add_features(df)` at module level (ICellNames.methodCalls). */
  protected recordMethodCall(
    method: string,
    args: IPyNode,
    scope: Scope
  ): void {
    if (scope.deferred) {
      return;
    }
    const sites = callSites(
      method,
      args,
      this.globalRootOf(scope),
      this.text,
      this.aliases
    );
    if (sites.length) {
      (this.result.methodCalls ??= []).push(...sites);
    }
  }

  /** A call of the bare name `callee` (see ICellNames.namedCalls); only those that run at once. */
  protected recordNamedCall(callee: IPyNode, scope: Scope): void {
    const name = this.text(callee);
    if (
      scope.deferred ||
      BUILTINS.has(name) ||
      scope.resolve(name) === 'local'
    ) {
      return;
    }
    const { line, column } = this.positions.at(callee.from);
    this.result.namedCalls.push({
      name,
      line,
      column,
      boundBefore: this.result.writes.length
    });
  }

  /**
   * A call of `callee` (as written) that waits for a keyboard: ICellNames.keyboardCalls where it
   * runs at once, else the first of the module-level function around it (`keyboardCall`).
   */
  protected recordKeyboardCall(
    callee: string,
    node: IPyNode,
    scope: Scope
  ): void {
    const call = this.use(callee, node.from);
    if (!scope.deferred) {
      (this.result.keyboardCalls ??= []).push(call);
    } else if (this.currentFunction) {
      this.currentFunction.keyboardCall ??= call;
    }
  }

  /** `name = [a, b]` at module level, its elements' names (bound already). */
  protected noteContainer(name: string, elements: string[]): void {
    if (elements.length) {
      this.containers.set(name, elements);
    }
  }

  /** The names a module-level name of this cell holds as a list or tuple, if any. */
  protected containerElements(name: string): string[] | undefined {
    return this.containers.size ? this.containers.get(name) : undefined;
  }

  /** `holder` holds `names`' objects, which a call through it may run (heldCallables). */
  protected noteHeldCallables(holder: string, names: readonly string[]): void {
    const held = names.filter(name => name !== holder);
    if (!held.length) {
      return;
    }
    this.heldCallables ??= new Map();
    const known = this.heldCallables.get(holder);
    if (known) {
      held.forEach(name => known.add(name));
    } else {
      this.heldCallables.set(holder, new Set(held));
    }
  }

  /** `name = callee(…)` at module level: see ICellNames.instances. */
  protected noteInstance(name: string, callee: string): void {
    this.instanceCallees.set(name, callee);
  }

  /** ICellNames.aliases and parts, from `aliases`. */
  private recordAliases(): void {
    for (const [name, others] of this.aliases) {
      const wholes = this.partWholes?.get(name);
      const same = wholes ? others.filter(o => !wholes.has(o)) : others;
      if (same.length) {
        (this.result.aliases ??= {})[name] = same;
      }
      if (wholes) {
        (this.result.parts ??= {})[name] = others.filter(o => wholes.has(o));
      }
    }
  }

  /** `name` is bound again: it no longer stands for another name's object, nor one for it. */
  private unalias(name: string): void {
    this.aliases.delete(name);
    this.partWholes?.delete(name);
    if (!this.aliasTargets?.has(name)) {
      return;
    }
    for (const [other, names] of this.aliases) {
      if (names.includes(name)) {
        const left = names.filter(n => n !== name);
        if (left.length) {
          this.aliases.set(other, left);
        } else {
          this.aliases.delete(other);
        }
      }
    }
  }

  /** `name = make_pipeline(a, b)` at module level: `name` holds a and b until bound again. */
  protected noteHolds(name: string, members: string[]): void {
    const held = members.filter(member => member !== name);
    if (held.length) {
      this.holds.set(name, [...new Set(held)]);
      this.containerNames?.delete(name);
    }
  }

  /**
   * ICellNames.holds, and the items (ICellNames.items) of the containers: `train` of
   * `combine = [train, test]` is an item of `combine`.
   */
  private recordHolds(): void {
    for (const [holder, members] of this.holds) {
      if (!this.containerNames?.has(holder)) {
        (this.result.holds ??= {})[holder] = members;
        continue;
      }
      const items = (this.result.items ??= {});
      for (const member of members) {
        items[member] = [...(items[member] ?? []), holder];
      }
    }
  }

  /**
   * `pipe.fit(X, y)` at module level, on a global: a model's fit or training changes what it
   * holds (HELD_CHANGING_METHODS), as a loop that changes a list's items does.
   */
  protected noteHeldChanged(root: IPyNode, scope: Scope): void {
    const name = this.text(root);
    if (
      !scope.deferred &&
      scope.resolve(name) === 'global' &&
      !BUILTINS.has(name)
    ) {
      this.noteItemChange(name);
    }
  }

  /**
   * `for d in combine: d["x"] = 1` changes what `combine` holds (ICellNames.itemChanges); so does
   * `combine[0]["x"] = 1`, through a key (`keyed`: ICellNames.keyedItemChanges).
   */
  private noteItemChange(container: string, keyed = false): void {
    const changes = keyed
      ? (this.result.keyedItemChanges ??= [])
      : (this.result.itemChanges ??= []);
    if (!changes.includes(container)) {
      changes.push(container);
    }
  }

  /** `name` is bound again: it holds nothing it held, and nothing holds it any more. */
  private unhold(name: string): void {
    this.holds.delete(name);
    this.containerNames?.delete(name);
    for (const [holder, members] of this.holds) {
      if (members.includes(name)) {
        const left = members.filter(member => member !== name);
        if (left.length) {
          this.holds.set(holder, left);
        } else {
          this.holds.delete(holder);
        }
      }
    }
  }

  /**
   * `name = [a, b]` or `{"a": a, "b": b}` at module level: `name` holds those objects as its
   * items, as a Pipeline holds its estimators (changing the items through `name` changes them),
   * until bound again; the cell's result lists them as its items (ICellNames.items).
   */
  protected noteItems(name: string, items: string[]): void {
    const held = items.filter(item => item !== name);
    if (held.length) {
      this.holds.set(name, [...new Set(held)]);
      (this.containerNames ??= new Set()).add(name);
    }
  }

  /** `name = {"a": M()}`, `[[1], [2]]` or a comprehension at module level (after binding it). */
  protected noteDisplay(name: string): void {
    (this.displays ??= new Set()).add(name);
  }

  /**
   * `first = models["a"]` after `models = {"a": M(), ...}` in this cell: `first` is one of the
   * display's items, as the names a display is made of are (noteItems), so the runtime finds it
   * there (object_shares). False where `whole` is no display this cell made: a part.
   */
  protected noteDisplayItem(item: string, whole: string): boolean {
    if (!this.displays?.has(whole) || item === whole) {
      return false;
    }
    const held = this.holds.get(whole) ?? [];
    if (!held.includes(item)) {
      this.holds.set(whole, [...held, item]);
    }
    (this.containerNames ??= new Set()).add(whole);
    return true;
  }

  /** `name = 0.5` at module level (after binding it): see ICellNames.scalars. */
  protected noteScalar(name: string): void {
    (this.scalars ??= new Set()).add(name);
  }

  /**
   * `name = axes.imshow(a)` at module level (after binding it), `axes` not bound in the cell:
   * see ICellNames.artistsOf.
   */
  protected noteArtistOf(name: string, axes: string): void {
    (this.artistsOf ??= new Map()).set(name, axes);
  }

  /** `name = plt.figure()` at module level (after binding it): see ICellNames.figures. */
  protected noteFigure(name: string): void {
    (this.boundKinds ??= new Map()).set(name, 'figure');
  }

  /** The names whose object the cell has left `name` a part of so far (notePart). */
  protected partWholesOf(name: string): readonly string[] {
    const wholes = this.partWholes?.get(name);
    return wholes ? [...wholes] : [];
  }

  /**
   * `axes = axes.flatten()` at module level, `axes` not bound before in the cell: see
   * ICellNames.rearrangedAgain.
   */
  protected noteRearrangedAgain(name: string): void {
    (this.boundKinds ??= new Map()).set(name, 'rearranged');
  }

  /** Whether the cell has bound `name` at module level so far. */
  protected boundSoFar(name: string): boolean {
    return this.written.has(name);
  }

  /** Whether the cell has bound `name` to a figure so far (noteFigure). */
  protected isFigure(name: string): boolean {
    return this.boundKinds?.get(name) === 'figure';
  }

  /** `name = open(p)` at module level (after binding it): see ICellNames.handles. */
  protected noteHandle(name: string): void {
    (this.boundKinds ??= new Map()).set(name, 'handle');
  }

  /** `name = acc.append` at module level (after binding it): see BoundKind. */
  protected noteBoundMethod(name: string): void {
    (this.boundKinds ??= new Map()).set(name, 'method');
  }

  /** Whether the cell has bound `name` to a method that changes its object, so far. */
  protected isBoundMethod(name: string): boolean {
    return this.boundKinds?.get(name) === 'method';
  }

  /** `name = open(p, "w")` at module level (after binding it): see ICellNames.unpassable. */
  protected noteUnpassable(name: string, what: string, offset: number): void {
    (this.unpassable ??= new Map()).set(name, {
      ...this.use(name, offset),
      what
    });
  }

  /**
   * `name = mp.Pool(…)` at module level (after binding it), where only the import of `mp` can
   * tell what the call makes: see IUnpassableValue.callee.
   */
  protected noteMakerCall(name: string, callee: string, offset: number): void {
    (this.unpassable ??= new Map()).set(name, {
      ...this.use(name, offset),
      what: '',
      callee
    });
  }

  /** `v = x[:2]` at module level (after binding `v`): see ICellNames.views. */
  protected noteView(name: string, array: string): void {
    (this.views ??= new Map()).set(name, array);
  }

  /** Whether the cell left `name` bound to a view (noteView, noteFunctionView). */
  protected isView(name: string): boolean {
    return (
      this.views?.has(name) === true || this.functionViews?.has(name) === true
    );
  }

  /** `v = np.reshape(x, 4)` at module level (after binding `v`): ICellNames.functionViews. */
  protected noteFunctionView(name: string, array: string): void {
    (this.functionViews ??= new Map()).set(name, array);
  }

  /** `x = np.zeros(3)` at module level (after binding `x`): see ICellNames.madeByDotted. */
  protected noteDottedMaker(name: string, callee: string): void {
    (this.madeByDotted ??= new Map()).set(name, callee);
  }

  /** `import multiprocessing as mp` at module level (after binding `mp`): ICellNames.importSources. */
  protected noteImportSource(name: string, dotted: string): void {
    (this.importSources ??= new Map()).set(name, dotted);
  }

  /** `name = pl.Trainer(…)` at module level (after binding it): see TRAINER_MAKERS. */
  protected noteTrainer(name: string): void {
    (this.boundKinds ??= new Map()).set(name, 'trainer');
  }

  /** Whether the cell has bound `name` to a Lightning trainer so far (noteTrainer). */
  protected isTrainer(name: string): boolean {
    return this.boundKinds?.get(name) === 'trainer';
  }

  /** `name = logging.getLogger(…)` at module level (after binding it): see ICellNames.loggers. */
  protected noteLogger(name: string): void {
    (this.boundKinds ??= new Map()).set(name, 'logger');
  }

  /**
   * `root.plot(…)`, `root.set_title(…)`, `sns.histplot(…, ax=root)`: see ICellNames.drawnOn;
   * `root.sample(…)`, `root.readline()`: see ICellNames.handleCalls; `json.dump(d, root)`: see
   * ICellNames.passedTo. Where the call runs with the cell, on a module-level name and on what
   * that name stands for in the cell: a loop variable's iterable (`for ax in axes.flat:`, also
   * in a comprehension), the object of `ax = fig.axes[0]` or of `ax2 = ax`. In a function body,
   * on a global: the function's (IFunctionSummary.calledOn).
   */
  protected noteCalledOn(
    root: IPyNode,
    scope: Scope,
    list: CalledOnList
  ): void {
    if (scope.deferred) {
      this.noteCalledOnInBody(root, scope, list);
      return;
    }
    const name = this.text(root);
    let standsFor: readonly string[] | undefined;
    if (scope.resolve(name) === 'local') {
      const alias = this.localAliases?.get(name);
      if (alias?.elementsScope.kind !== 'module') {
        return;
      }
      standsFor = alias.elements;
    } else {
      this.addCalledOn(name, list);
      standsFor = this.aliases.size ? this.aliases.get(name) : undefined;
    }
    standsFor?.forEach(other => this.addCalledOn(other, list));
  }

  /**
   * See IFunctionSummary.calledOn: a global the body of a module-level function calls on. In a
   * lambda given to a call (`map(lambda _: rng.sample(xs, 2), rows)`), which may call it at
   * once, the cell's: a save too many where it never does, never a value missed. A lambda not
   * given to a call (`handler = lambda: …` is a function of its own) is called later, if ever.
   */
  private noteCalledOnInBody(
    root: IPyNode,
    scope: Scope,
    list: CalledOnList
  ): void {
    const summary = this.currentFunction;
    const name = this.text(root);
    if (scope.resolve(name) !== 'global' || BUILTINS.has(name)) {
      return;
    }
    if (!summary) {
      if (this.givenLambdas > 0) {
        this.addCalledOn(name, list);
      }
      return;
    }
    const seen = this.seenIn(summary);
    const listed = (seen.calledOn ??= {});
    const names = (listed[list] ??= new Set());
    if (!names.has(name)) {
      names.add(name);
      ((summary.calledOn ??= {})[list] ??= []).push(name);
    }
  }

  /**
   * `json.dump(d, root)`: see ICellNames.passedTo. A name the cell has bound by now on every way
   * through it, that stands for no other, is the step's own (the cell reads no earlier value of
   * it): what the call does to it is handed on anyway. Not so a function of the cell's own
   * (`map(pick, rows)`): the call may call it, which may change what its body calls on.
   */
  protected notePassed(root: IPyNode, scope: Scope): void {
    const name = this.text(root);
    const own =
      this.written.has(name) &&
      this.surelyBoundNow(name) &&
      !this.aliases.has(name) &&
      this.result.functions[name] === undefined;
    if (!own) {
      this.noteCalledOn(root, scope, 'passedTo');
    }
  }

  private addCalledOn(name: string, list: CalledOnList): void {
    const seen = (this.calledOn[list] ??= new Set());
    if (!seen.has(name)) {
      seen.add(name);
      (this.result[list] ??= []).push(name);
    }
  }

  private addAliasTargets(names: readonly string[]): void {
    const targets = (this.aliasTargets ??= new Set());
    names.forEach(name => targets.add(name));
  }

  /** `name = other` at module level: the same object, until `name` is bound again. */
  protected noteAlias(name: string, other: string): void {
    if (name !== other) {
      const tied = [other, ...(this.aliases.get(other) ?? [])];
      this.aliases.set(name, tied);
      this.addAliasTargets(tied);
      const wholes = this.partWholes?.get(other);
      if (wholes) {
        this.partWholes!.set(name, wholes); // the same object as a part of those
      } else {
        this.partWholes?.delete(name);
      }
    }
  }

  /**
   * `name = whole["key"]` at module level (see object-parts.ts): changing `name` changes `whole`,
   * as an alias does, until `name` is bound again.
   */
  protected notePart(name: string, whole: string): void {
    if (name !== whole) {
      this.noteAlias(name, whole);
      // a part of the whole, of the names that are its object, and of what it is a part of
      (this.partWholes ??= new Map()).set(
        name,
        new Set(this.aliases.get(name))
      );
    }
  }

  /** Runs `body` with each of `variables` an alias of each of `elements` (a module-level loop). */
  protected withLoopAliases(
    variables: string[],
    elements: string[],
    body: () => void
  ): void {
    variables.forEach(variable => this.aliases.set(variable, elements));
    this.addAliasTargets(elements);
    const outer = this.augmentableLoopVariables;
    this.augmentableLoopVariables = new Set([...(outer ?? []), ...variables]);
    body();
    this.augmentableLoopVariables = outer;
    variables.forEach(variable => this.aliases.delete(variable));
  }

  /**
   * Runs `body` with each of `variables`, local names (a comprehension's, a lambda's parameter, or
   * a loop's in a function), standing for each of `elements`, names read at `elementsScope`:
   * module-level names (`[m.fit(X) for m in models]` at module level) or the function's own
   * (`for m in models: m.fit(X)` in `def fit_all(models)`).
   */
  protected withLocalAliases(
    variables: Iterable<string>,
    elements: string[],
    elementsScope: Scope,
    body: () => void,
    holders = false
  ): void {
    const aliases = (this.localAliases ??= new Map());
    const names = [...variables];
    names.forEach(variable =>
      aliases.set(variable, { elements, elementsScope, holders })
    );
    body();
    names.forEach(variable => aliases.delete(variable));
  }

  /**
   * A mutation is a read and a write of the root name, where that name is global. `throughItem`:
   * the change is to an item of it (item-changes.ts), which other names may be.
   */
  protected mutate(root: IPyNode, scope: Scope, throughItem = false): void {
    const name = this.text(root);
    if (scope.resolve(name) === 'local') {
      this.mutateParameter(name, scope, root.from, throughItem);
      const alias = this.localAliases?.size
        ? this.localAliases.get(name)
        : undefined;
      if (alias?.elementsScope.kind === 'module') {
        const module = outermost(scope);
        alias.elements.forEach(element => {
          this.mutateModuleName(element, module);
          this.noteItemChange(element);
        });
      } else if (alias) {
        // `for f in frames: f["x"] = 1` changes the items of `frames`
        alias.elements.forEach(element =>
          this.mutateParameter(
            element,
            alias.elementsScope,
            root.from,
            alias.holders || throughItem
          )
        );
      }
      return;
    }
    if (BUILTINS.has(name)) {
      return;
    }
    this.read(root, scope);
    if (scope.deferred) {
      this.globalWrite(name);
      return;
    }
    const module = outermost(scope);
    const elements = this.aliases.size ? this.aliases.get(name) : undefined;
    this.mutateModuleName(name, module);
    if (throughItem) {
      this.noteItemChange(name, true); // `combine[0]["x"] = 1` changes what combine holds
    }
    // `for dataset in [train, test]: dataset["x"] = …` changes train and test; `for d in combine:`
    // changes what combine holds.
    const looping = elements && this.augmentableLoopVariables?.has(name);
    elements?.forEach(element => {
      this.mutateModuleName(element, module);
      if (looping) {
        this.noteItemChange(element);
      }
    });
    // `pipe.fit(X, y)` fits the estimators the Pipeline holds.
    const members = this.holds.size ? this.holds.get(name) : undefined;
    members?.forEach(member => this.mutateModuleName(member, module));
  }

  /** `name += value` at module level, before it runs: see ICellNames.augmentedInputs. */
  protected noteAugmented(name: string): void {
    if (!this.written.has(name)) {
      const found = (this.result.augmentedInputs ??= []);
      if (!found.includes(name)) {
        found.push(name);
      }
    }
  }

  /**
   * `name += value` at module level. Where `name` is another name's object or a part of one
   * (`ys = xs`, `row = table[0]`) and `value` a list, set or dict written out (`ys += [2]`,
   * `d |= {"k": 1}`), this changes that object in place, so `xs` and `table` change too. Other
   * values bind `name` again on an int, a float or a str (`m += 1` or `lr_now *= decay` after
   * `lr_now = lr`), leaving the other name as it was, but change an array in place: the other
   * names go into ICellNames.augmentedObjects, except those this cell bound to a scalar written
   * out, and the IR decides by the value each step takes them from (augmented-objects.ts).
   * A loop variable over listed names
   * (`for arr in [X_train, X_test]: arr /= 255.0`) changes each of them whatever the value: a
   * loop that augments its variable means to change the elements (on ints it would do nothing
   * at all).
   */
  protected changeWhatItStandsFor(
    name: string,
    scope: Scope,
    byContainer: boolean
  ): void {
    const elements = this.aliases.size ? this.aliases.get(name) : undefined;
    if (!byContainer && !this.augmentableLoopVariables?.has(name)) {
      for (const element of elements ?? []) {
        if (!this.scalars?.has(element)) {
          const found = (this.result.augmentedObjects ??= []);
          if (!found.includes(element)) {
            found.push(element);
          }
        }
      }
      return;
    }
    if (elements) {
      const module = outermost(scope);
      const looping = this.augmentableLoopVariables?.has(name);
      elements.forEach(element => {
        this.mutateModuleName(element, module);
        if (looping) {
          this.noteItemChange(element); // `for v in arrs: v += 2` changes what arrs holds
        }
      });
    }
  }

  private mutateModuleName(name: string, module: Scope): void {
    this.bind(name, module, true);
    if (!this.mutated.has(name)) {
      this.mutated.add(name);
      this.result.mutations.push(name);
    }
  }
}

function outermost(scope: Scope): Scope {
  let module = scope;
  while (module.parent) {
    module = module.parent;
  }
  return module;
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

/**
 * The name whose object a change to `node` changes: `memberRoot`, also through `.get(…)`, which
 * gives a dict's own item (`models.get(best).fit(X, y)` changes `models`), through a figure's
 * getters (`ax.get_xaxis()`, figures.ts FIGURE_GETTERS), through a dict's `values()` and
 * `items()`, and through the builtins that give a part or an item of their first argument
 * (OBJECT_PARTS: `getattr(o, …)`, `vars(o)`, `next(…)`; NEW_SEQUENCES: `list(…)[0]`).
 */
export function changedRoot(
  node: IPyNode,
  text: (node: IPyNode) => string
): IPyNode | null {
  let n: IPyNode | null = node;
  for (;;) {
    /** Whether `n` is read by a key (`list(xs)[0]`): an item of it, not it. */
    let itemOf = false;
    while (n && (n.type === 'attribute' || n.type === 'subscript')) {
      itemOf = n.type === 'subscript';
      n = n.children[0] ?? null;
    }
    if (n?.type === 'parenthesized_expression') {
      n = namedChildren(n)[0] ?? null;
      continue;
    }
    const callee: IPyNode | null =
      n?.type === 'call' ? field(n, 'function') : null;
    const method =
      callee?.type === 'attribute' ? field(callee, 'attribute') : null;
    if (
      callee &&
      method &&
      (text(method) === 'get' ||
        ITEM_VIEWS.has(text(method)) ||
        MODULE_STATE_GETTERS.has(text(method)) ||
        FIGURE_GETTERS.has(text(method)))
    ) {
      n = field(callee, 'object');
      continue;
    }
    if (
      callee?.type === 'identifier' &&
      (OBJECT_PARTS.has(text(callee)) ||
        (itemOf && NEW_SEQUENCES.has(text(callee))))
    ) {
      const args = field(n!, 'arguments');
      const first =
        args?.type === 'argument_list' ? namedChildren(args)[0] : null;
      if (first && first.type !== 'keyword_argument') {
        n = first;
        continue;
      }
    }
    return n?.type === 'identifier' ? n : null;
  }
}

/**
 * Builtins that give a part of their first argument: an attribute, or its own namespace; or one
 * of its items itself, not a copy (`next(iter(d.values()))`, `max(groups, key=len)`). A change
 * to it changes the argument's object.
 */
const OBJECT_PARTS: ReadonlySet<string> = new Set([
  'getattr',
  'vars',
  'next',
  'iter',
  'max',
  'min'
]);

/**
 * Builtins that give a new list or tuple of their argument's items: an item read from it
 * (`list(d.values())[0]`) is the argument's own, so a change to it changes the argument; a
 * change to the new sequence itself (`list(xs).append(1)`) does not.
 */
const NEW_SEQUENCES: ReadonlySet<string> = new Set([
  'list',
  'tuple',
  'sorted',
  'reversed'
]);

/** A dict's views of its items (`d.values()`): their elements are the dict's own objects. */
const ITEM_VIEWS: ReadonlySet<string> = new Set(['values', 'items']);

/** Adds `name` to `seen`; true when it was not there (the first time: record it then). */
function firstTime(seen: Set<string>, name: string): boolean {
  if (seen.has(name)) {
    return false;
  }
  seen.add(name);
  return true;
}

/**
 * `name`, used at `scope`, is the parameter of the function whose scope is `own`: no function,
 * class or local binding of the same name in between.
 */
function isParameterOf(name: string, scope: Scope, own: Scope): boolean {
  for (let at: Scope | null = scope; at; at = at.parent) {
    if (at === own) {
      return true;
    }
    if (at.locals.has(name) || at.kind === 'function' || at.kind === 'class') {
      return false;
    }
  }
  return false;
}

/**
 * Whether `name`, read in `scope`, is a local of a function around the innermost function
 * `scope` is in, at any depth, not of that function itself: a free variable of a closure.
 */
function isOuterFunctionName(name: string, scope: Scope): boolean {
  let inner: Scope | null = scope;
  while (inner && inner.kind !== 'function') {
    if (inner.locals.has(name)) {
      return false; // a comprehension's own variable
    }
    inner = inner.parent;
  }
  if (!inner || inner.locals.has(name)) {
    return false;
  }
  for (let outer = inner.parent; outer; outer = outer.parent) {
    if (
      outer.kind === 'function' &&
      (outer.locals.has(name) || outer.nonlocals.has(name))
    ) {
      return true;
    }
  }
  return false;
}

/** Notes that a function (or method) changes its parameter `name`, through an item or not. */
function changeParameter(
  summary: IMethodSummary,
  name: string,
  throughItem: boolean
): void {
  if (!summary.mutatedParameters.includes(name)) {
    summary.mutatedParameters.push(name);
  }
  if (throughItem) {
    const items = (summary.itemChangedParameters ??= []);
    if (!items.includes(name)) {
      items.push(name);
    }
  }
}
