/** What one block of Python reads and writes at module level (design §3.2). */

export interface INameUse {
  name: string;
  /** 1-based line and 0-based column inside the cell. */
  line: number;
  column: number;
  /**
   * A read that finds the name bound only in a branch the cell may not have run (see
   * `maybeBound`): taken from an earlier step where one binds it, with no warning where none does.
   */
  quiet?: true;
}

/**
 * A module-level name the cell leaves unbound: `del x`, or `except … as x:` (Python deletes `x`
 * at the end of the clause), with no module-level binding of `x` after it in the cell.
 */
export interface INameCall extends INameUse {
  /** How many of the cell's `writes` the cell had bound when the call ran. */
  boundBefore: number;
}

/** Where the cell is not Python, and why when a check of ours (not the parser) found it. */
export interface ISyntaxError extends INameUse {
  reason?: string;
}

/** A name bound to a value that cannot be saved for a later step, and what the value is. */
export interface IUnpassableValue extends INameUse {
  /**
   * `a file opened to write ("w")`, `a generator`. Empty where `callee` is set and its import
   * is yet to be looked up.
   */
  what: string;
  /**
   * A call whose name is a maker's (`mp.Pool`, `Lock`: see unpicklable-makers.ts) but whose
   * module the cell does not write out: what it makes is known only from what its first name
   * was imported as, maybe in another cell (ir/unpassable-outputs.ts looks it up).
   */
  callee?: string;
}

export interface INameDeletion extends INameUse {
  by: 'del' | 'except';
  /** Only some ways through the cell delete it: the `del` is under an `if`, a loop, a `try`. */
  maybe?: true;
}

/** See IFunctionSummary.calledOn: each list absent when empty. */
export interface IFunctionCalledOn {
  drawnOn?: string[];
  handleCalls?: string[];
  passedTo?: string[];
}

export interface IFunctionSummary {
  /** Global names the function's body reads (other functions' names included). */
  globalReads: string[];
  /** Global names the function's body assigns through `global`, or changes in place. */
  globalWrites: string[];
  /**
   * Globals the body draws on, calls a handle's method on or reads by a key, or gives a call, as
   * ICellNames.drawnOn, handleCalls and passedTo list a cell's (`def pick(): return
   * rng.sample(xs, 2)`): a step that calls the function does the same to them, which the IR
   * counts as a change where the name is a figure or a handle there (ir/object-kinds.ts).
   * Absent when none.
   */
  calledOn?: IFunctionCalledOn;
  /** Its parameters' names in order (none for a class); the first `positional` take positions. */
  parameters: string[];
  positional: number;
  /** The `*args` parameter, among `parameters` after the positional ones: given what is left. */
  rest?: string;
  /** Parameters whose object the body changes in place (`p[k] = v`, `p.append(v)`). */
  mutatedParameters: string[];
  /**
   * Those of `mutatedParameters` whose items the body changes (`for f in frames: f["x"] = 1`,
   * `frames[0]["x"] = 1`): a call changes what its argument holds, which other names may be
   * (ICellNames.itemChanges). Absent when none.
   */
  itemChangedParameters?: string[];
  /** Calls in the body that pass its own parameters on (`add_total(p)`), with those as roots. */
  parameterCalls: ICallSite[];
  /**
   * Parameters whose default value the body changes in place (`def add(x, seen=[]):
   * seen.append(x)`): a call changes the function itself (changed-defaults.ts). Absent when none.
   */
  changedDefaults?: string[];
  /** True for a class: its instances run its methods (see ICellNames.instances). */
  isClass?: true;
  /**
   * For a class: the arguments of its `__init__` that it keeps whole on the instance
   * (`self.items = items`, stored-parameters.ts): an instance holds what it was given for them.
   * Absent when none.
   */
  heldArguments?: IHeldArgument[];
  /**
   * For a class: a method other than `__init__` and the like changes the instance (or the class)
   * in place, `self.n += 1`, `self.rows.append(r)`: calling methods on an instance may change it.
   */
  mutatesSelf?: true;
  /**
   * For a function that returns a function it defines (returned-functions.ts): that function
   * changes a name of the body around it (`def counter(): n = [0]` with `def inc(): n[0] += 1;
   * return n[0]` in it, or `nonlocal n`): what a call returns keeps state, and calling that
   * changes it (`inc = counter()`, then `inc()`).
   */
  makesStatefulClosures?: true;
  /**
   * For a function that returns a function it defines (returned-functions.ts) and whose body
   * reads or changes globals: what a call returns may read and change them when it is called
   * (`logger = make_logger()`, then `logger("x")` appending to the global `log`).
   */
  returnsFunction?: true;
  /** A generator function: its own body yields, so a call returns a generator (unpassable.ts). */
  generator?: true;
  /**
   * The first call in its body that waits for someone at a keyboard (`input()`, `breakpoint()`;
   * keyboard-calls.ts), `name` the callee as written. Absent when none.
   */
  keyboardCall?: INameUse;
  /** Set by the IR on a step's entry for an instance of the class (`tracker = Tracker()`). */
  instance?: true;
}

/**
 * A summary of a function with `signature`'s parameters (a class, and what a closure factory
 * returned: none) before its body is walked: nothing read or changed yet.
 */
export function emptySummary(
  signature: Pick<IFunctionSummary, 'parameters' | 'positional' | 'rest'> = {
    parameters: [],
    positional: 0
  }
): IFunctionSummary {
  return {
    globalReads: [],
    globalWrites: [],
    parameters: signature.parameters,
    positional: signature.positional,
    ...(signature.rest === undefined ? {} : { rest: signature.rest }),
    mutatedParameters: [],
    parameterCalls: []
  };
}

/**
 * Whether the function or class reads or changes a global, or its methods change its instances,
 * or its calls make closures that keep state: a later step that takes it reads and changes those
 * globals, and its instances, itself.
 */
export function usesGlobals(summary: IFunctionSummary): boolean {
  return (
    summary.globalReads.length !== 0 ||
    summary.globalWrites.length !== 0 ||
    summary.mutatesSelf === true ||
    summary.makesStatefulClosures === true
  );
}

/** A method's parameters after `self`, and those it changes in place (see methodMutations). */
export type IMethodSummary = Pick<
  IFunctionSummary,
  | 'parameters'
  | 'positional'
  | 'rest'
  | 'mutatedParameters'
  | 'itemChangedParameters'
>;

/** A parameter of a class's `__init__` that the instance keeps (IFunctionSummary.heldArguments). */
export interface IHeldArgument {
  parameter: string;
  /** Its position among the arguments a call of the class gives, or null for keyword-only. */
  position: number | null;
}

/**
 * A module-level call of a name with names (or their attributes and items) as arguments:
 * where the called function changes a parameter in place, the argument's root is mutated.
 */
export interface ICallSite {
  function: string;
  /** Each positional argument's root name, or null (a literal, a call). */
  positional: (string | null)[];
  /** Keyword arguments' root names, by keyword. */
  keywords: [string, string][];
  /**
   * The root names passed as an item by a key (`clean(combine[0])`: `combine`), where any are:
   * a change to that parameter changes what the root holds.
   */
  keyed?: string[];
}

export interface ICellNames {
  /** Module-level reads of names the cell had not bound yet, first use of each, in order. */
  reads: INameUse[];
  /** Names bound at module level (mutations included), in order of first binding. */
  writes: string[];
  /**
   * Those of `writes` that the cell may leave unbound: it binds them only in a branch, a loop, a
   * `try` or a `match` that may not run (`if flag: y = 2`, `for row in rows: last = row`).
   */
  maybeBound: string[];
  /** Names mutated in place at module level (each is also in reads or was bound before). */
  mutations: string[];
  /**
   * Reads of builtin names (`sum`, `list`, `id`), module-level ones before the cell binds them
   * and those in function bodies, first of each: a read of the step only where an earlier step
   * binds the name itself (`sum = 10`), as the notebook's own binding hides the builtin.
   */
  builtinReads: INameUse[];
  /** Global reads inside function and lambda bodies: reads of the step unless it binds them. */
  deferredReads: INameUse[];
  /** Globals assigned inside function bodies through `global`, or changed there in place. */
  deferredWrites: string[];
  /** Functions defined at module level, for the transitive reads of design §3.3. */
  functions: Record<string, IFunctionSummary>;
  /**
   * Module-level names the cell leaves bound to what a call of a bare name returned
   * (`reader = Reader()`), by the name called. Where the callee is a class, code that uses the
   * instance runs its methods, so it reads the globals the class reads.
   */
  instances: Record<string, string>;
  /** Calls that may change their arguments, in source order (see ICallSite). */
  calls: ICallSite[];
  /**
   * Calls of a bare name that run at once (module level, comprehensions included), in source
   * order: the function reads its globals there, before the names the step binds later.
   */
  namedCalls: INameCall[];
  /**
   * Calls that run at once and wait for someone at a keyboard (`input()`, `getpass()`,
   * `breakpoint()`, `pdb.set_trace()`; keyboard-calls.ts), `name` the callee as written, in
   * source order. Absent when none.
   */
  keyboardCalls?: INameUse[];
  /** Names bound by module-level `import` statements, in order (a name may repeat). */
  imported: string[];
  /**
   * Module-level names the cell leaves bound by an import to something else than a module of
   * their own name (import-sources.ts): `mp` to `multiprocessing`, `Lock` to `threading.Lock`.
   * Absent when none.
   */
  importSources?: Record<string, string>;
  /** Names the cell leaves deleted at its end, the last deletion of each, in source order. */
  deletions: INameDeletion[];
  /**
   * Module-level names the cell leaves as other names' objects (`b = a`: `b` → `['a']`), where it
   * leaves any; absent in most cells.
   */
  aliases?: Record<string, string[]>;
  /**
   * Module-level names the cell leaves as a part of other names' objects (`params = cfg["model"]`:
   * `params` → `['cfg']`; see object-parts.ts), where it leaves any; absent in most cells.
   */
  parts?: Record<string, string[]>;
  /**
   * Module-level names the cell leaves as items of a list, tuple or dict it made of names
   * (`combine = [train, test]`: `train` → `['combine']`), where it leaves any.
   */
  items?: Record<string, string[]>;
  /**
   * Module-level names whose items the cell changes through a loop over them (`for d in combine:
   * d["x"] = 1`: `combine`), or by fitting or training the model they name (`pipe.fit(X, y)`
   * fits `pipe[-1]`; mutators.ts HELD_CHANGING_METHODS), where it changes any.
   */
  itemChanges?: string[];
  /**
   * Module-level names an item of which the cell changes through a key (`combine[0]["x"] = 1`,
   * `combine[1].fillna(0, inplace=True)`; item-changes.ts), where it changes any. Any item, as
   * far as a holder of names goes: not which one, so not a part taken by another key.
   */
  keyedItemChanges?: string[];
  /**
   * Module-level names the cell leaves holding others (`pipe = make_pipeline(scaler, model)`:
   * `pipe` → `['scaler', 'model']`), where it leaves any; absent in most cells.
   */
  holds?: Record<string, string[]>;
  /**
   * Module-level names the cell leaves holding other names' objects for a later call to run
   * (`add1 = partial(add, 1)`, `plan = [("a", a)]` at any depth, `ops["k"] = f`, `obj.hook = f`),
   * by holder, where it leaves any: where one of them is a function, a call through the holder
   * may run it (function-tables.ts). Absent in most cells.
   */
  heldCallables?: Record<string, string[]>;
  /**
   * Module-level names the cell leaves bound to a value written out that nothing can change in
   * place: a number, a string, bytes, True, False, None or a tuple display (`lr = 0.01`). Absent
   * when none.
   */
  scalars?: string[];
  /**
   * Module-level names the cell leaves bound to a matplotlib figure, its axes or a seaborn grid
   * (`fig, ax = plt.subplots()`, `ax = fig.add_subplot()`, `g = sns.FacetGrid(df)`; see
   * figures.ts). Absent when none.
   */
  figures?: string[];
  /**
   * Module-level names the cell binds again to their own value rearranged, where it does not bind
   * them before (`axes = axes.flatten()`, `axes = list(axes.flat)`; figures.ts AXES_REARRANGED_BY):
   * the axes of a figure an earlier step made stay that figure's (ir/object-kinds.ts), and the
   * cell counts as drawing on them (`drawnOn`), so that its step hands the figure on with them.
   * Absent when none.
   */
  rearrangedAgain?: string[];
  /**
   * Module-level names the cell binds to an artist drawn on axes it does not bind (`im =
   * ax.imshow(a)`, `ax` from an earlier step; figures.ts ARTIST_MAKERS), each with the name of
   * those axes: where the step takes a figure under that name, the artist is a part of it too
   * (ir/object-kinds.ts, ir/figure-names.ts). Absent when none.
   */
  artistsOf?: Record<string, string>;
  /**
   * Module-level names the cell draws on as it runs (`ax.plot(x)`, `fig.suptitle("s")`,
   * `sns.histplot(df, ax=ax)`): a change in place where the name is a figure, which the IR tells
   * by the binding the step takes it from (ir/object-kinds.ts). Absent when none.
   */
  drawnOn?: string[];
  /**
   * Module-level names the cell leaves bound to a random generator, a file or a defaultdict
   * (`rng = random.Random(7)`, `fh = open(p)`, `counts = defaultdict(int)`; see handles.ts), or
   * to a method that changes the object it is bound to (`add = acc.append`, which a call
   * changes). Absent when none.
   */
  handles?: string[];
  /**
   * Module-level names the cell calls a method on, as it runs, that changes a generator or a file
   * and not other objects of that method name (`rng.sample(xs, 3)`, `fh.readline()`, and a loop
   * over the name, which reads a file), or reads by a key (`counts[w]`, which adds the key to a
   * defaultdict): a change in place where the name is a handle, which the IR tells by the
   * binding the step takes it from (ir/object-kinds.ts). Absent when none.
   */
  handleCalls?: string[];
  /**
   * Module-level names the cell leaves bound to a value no step can hand on, where it is bound
   * (see unpassable.ts): a file opened to write or in binary mode (`open(p, "w")`,
   * `gzip.open(p)`), a generator (`(x for x in rows)`). Absent when none.
   */
  unpassable?: IUnpassableValue[];
  /**
   * Module-level names the cell leaves bound to a logger (`log = logging.getLogger("app")`): its
   * level and handlers are state the logging module keeps (ir/module-state.ts). Absent when
   * none.
   */
  loggers?: string[];
  /**
   * Module-level names the cell gives a call as an argument, as it runs (`json.dump(d, fh)`,
   * `simulate(rng)`, `style(ax)`, `random_state=rng`; not to a call that only looks, as
   * `print(x)` or `len(x)`: see LOOKING_CALLS in handles.ts): a change in place where the name is
   * a handle or a figure, told as for handleCalls and drawnOn. Absent when none.
   */
  passedTo?: string[];
  /**
   * Module-level names whose object an augmented assignment under another name may have changed
   * in place (`norm = scale` then `norm /= 2`: `scale`), where the value is not a list, set or
   * dict written out (that case is a mutation) and this cell did not bind the name to a scalar.
   * On an array it changes `scale`; on a number it only binds `norm` again: the IR tells them
   * apart by how the name was bound (`scalars`). Absent when none.
   */
  augmentedObjects?: string[];
  /**
   * Module-level names the cell changes by an augmented assignment before it binds them itself
   * (`arr *= 3` on the `arr` an earlier step made). On an array, a list or a DataFrame that
   * changes the object in place, and with it any other name an earlier step tied to it
   * (`same = arr`); on a number it only binds `arr` again. The IR tells them apart by how the
   * step the name comes from bound it (ir/aliased-names.ts). Absent when none.
   */
  augmentedInputs?: string[];
  /**
   * Module-level names the cell leaves bound to a view of another name's array, if that is one
   * (`v = x[:2]`, `m = x.reshape(2, 2)`: see array-views.ts), by that name. A view where it is a
   * NumPy array, a copy where it is a list: the IR tells them apart (ir/array-views.ts). Absent
   * when none.
   */
  views?: Record<string, string>;
  /**
   * Module-level names the cell leaves bound to what one of NumPy's view functions gave, if it is
   * one (`v = np.reshape(x, 4)`, `v = np.asarray(x)`: array-views.ts), by the name given it. A
   * view only where the function is NumPy's and so is `x`, which the IR looks up through the
   * imports as it does the array's maker (`madeByDotted`, `instances`). To the walk that is a
   * method call too (`x.reshape(n, 4)`), so a name may be in `views` and here both: the IR keeps
   * the one that holds. Absent when none.
   */
  functionViews?: Record<string, string>;
  /**
   * Module-level names the cell leaves bound to what a call of a dotted name returned, by the
   * name the chain of calls starts with (`x = np.zeros(3)` and `x = np.ones(4).reshape(2, 2)`:
   * `np.zeros`, `np.ones`), as `instances` for a bare name. Absent when none.
   */
  madeByDotted?: Record<string, string>;
  /**
   * Module-level names the cell both binds (not in place) and changes in place (`b = []` then
   * `b.append(2)`, or `b = b.copy()`): the change may be to the new object. Absent when none.
   */
  reboundAndChanged?: string[];
  /**
   * Methods of the cell's module-level classes that change a parameter in place
   * (`def add_features(self, df): df["b"] = …`), by method name (one entry per class that has
   * it), with their parameters after `self`: a module-level call `prep.add_features(frame)`
   * changes `frame` (see methodCalls). Absent when none.
   */
  methodMutations?: Record<string, IMethodSummary[]>;
  /**
   * Module-level calls of a method (`prep.add_features(frame)`) with names as arguments, by the
   * method's name: matched by that name with the notebook's classes' methodMutations, whatever
   * the object. Absent when none.
   */
  methodCalls?: ICallSite[];
  /**
   * Methods of the cell's module-level classes that change their object (`def bump(self):
   * self.n += 1`), by name, each once: a module-level call of one (`a.bump()`) changes its
   * receiver, whatever the object (see receiverCalls). Absent when none.
   */
  selfChangingMethods?: string[];
  /**
   * Module-level calls of methods not known to change their object (`a.bump()`, `df.head()`), by
   * the method's name: the names the call would change if the method changed its object (the
   * receiver's root, and what it stands for: `for a in accs: a.bump()` gives `a` and `accs`).
   * The IR matches them with the notebook's selfChangingMethods. Absent when none.
   */
  receiverCalls?: Record<string, string[]>;
  /** Each `from m import *`, named by its module as written (`m`, `.tools`). */
  starImports: INameUse[];
  /**
   * Where the cell binds names the analysis cannot know: `exec(…)`, or `globals()` written with
   * a computed name (`globals()[key] = …`). Named there by what binds (`exec`, `globals()`).
   */
  dynamicBindings: INameUse[];
  syntaxErrors: ISyntaxError[];
  /**
   * The parser could not read all of the cell (its syntax errors include such a place): what it
   * binds is not all known. Errors CPython reports only when it compiles (`break` outside a
   * loop, `09`) leave it false.
   */
  incomplete: boolean;
}
