/** Builds the pipeline IR from a notebook and its cells' analyses (design §3.4–3.7). */
import { INotebook } from '../notebook/model';
import { readNotebookSettings } from '../notebook/settings';
import { declaredLanguage, isPythonLanguage } from '../notebook/language';
import { analysisTree, ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic, inNotebookOrder } from './diagnostic';
import {
  ICellCode,
  IPipelineIR,
  IPipelineMetric,
  IPipelineParameter,
  IPipelineStep
} from './pipeline';
import { ISegments } from './segment';
import { segmentCellsReusing } from './segments-reusing';
import { readParameters } from './parameters';
import { IMetricUse, readMetrics } from './metrics';
import { IGlobalContext, ILocatedName, stepNamesReusing } from './step-names';
import { laterBinder, laterBinderHint } from './later-binder';
import { cellDiagnostics } from './cell-diagnostics';
import { StarImportReads } from './star-import-reads';
import { globalContext } from './global-context';
import { LatestWriters, latestWriter } from './latest-writers';
import { notebookFileName, unanalysable } from './unanalysable';
import { unorderedFiles } from './unordered-files';
import {
  argumentsMutatedBy,
  classChangedSince,
  definedFunctions,
  withInstances,
  mutatingFunctions
} from './step-functions';
import { IFunctionSummary } from '../analysis/cell-names';
import { Fallbacks, markMayBeUnbound, takeFallbacks } from './maybe-unbound';
import { sharedNameKinds, sharedRebindWarnings } from './shared-rebinds';
import { aliasedNameWarnings } from './aliased-names';
import { arraysChangedThroughViews } from './array-views';
import { importsMakerAs } from '../analysis/unpicklable-makers';
import {
  argumentsChangedByMethods,
  notebookMethods,
  receiversChangedByMethods
} from './method-mutations';
import { moduleStateWarnings } from './module-state';
import { keyboardCallWarnings } from './keyboard-calls';
import { sharedSeedWarnings } from './shared-seed';
import { sharedCellReads } from './shared-cell-reads';
import { withoutContinuedParameters } from './continued-parameters';
import {
  IEarlierBindings,
  objectsChangedThroughAliases
} from './augmented-objects';
import { builtinsBoundBy } from './bound-builtins';
import { calledOnKind, ObjectKinds } from './object-kinds';
import { FigureNames } from './figure-names';
import { callsMethodOn } from './class-method-calls';
import {
  CellHolds,
  changedThroughInstances,
  instanceHolds
} from './instance-holds';
import { unpassableOutputErrors } from './unpassable-outputs';
import { withSharedCallees } from './shared-callees';
import { withFunctionTables } from './function-tables';
import { namesChangedBeside, ObjectShares } from './object-shares';
import { changesByCalls, withDrawings } from './call-changes';
import {
  deletedNameWarning,
  IStepDeletion,
  stepDeletions
} from './deleted-names';

export function buildPipeline(
  notebook: INotebook,
  analyze: (cell: number) => ICellAnalysis
): IPipelineIR {
  const language = declaredLanguage(notebook.metadata);
  if (language !== null && !isPythonLanguage(language)) {
    // One error and no steps: its cells, read as Python, would give made-up reads and writes.
    return unanalysable(notebook.path, {
      code: 'not-python',
      message: `this notebook's language is ${JSON.stringify(language)}, not Python: cellpipe makes pipelines of Python notebooks (choose a Python kernel for it, or fix its metadata.language_info)`,
      line: 1
    });
  }
  const analyses = new Array<ICellAnalysis | undefined>(
    notebook.cells.length
  ).fill(undefined);
  const analysisOf = (cell: number): ICellAnalysis =>
    (analyses[cell] ??= analyze(cell));
  const segments = segmentCellsReusing(notebook, analysisOf);
  const diagnostics: IDiagnostic[] = [...segments.diagnostics];
  const { settings, problems, dropped } = readNotebookSettings(
    notebook.metadata
  );
  dropped.forEach(message =>
    diagnostics.push({
      severity: 'warning',
      code: 'dropped-setting',
      message,
      cell: null,
      line: 1,
      column: 0
    })
  );
  problems.forEach(message =>
    diagnostics.push({
      severity: 'error',
      code: 'bad-setting',
      message,
      cell: null,
      line: 1,
      column: 0
    })
  );
  const code = (cell: number): ICellCode => ({
    cell,
    source: analysisOf(cell).python
  });

  const parameters: IPipelineParameter[] = [];
  // A name bound to a value refused as a parameter is still defined there: its error is enough,
  // without an undefined-name warning wherever a step reads it.
  const refusedParameters: string[] = [];
  for (const cell of segments.parameters) {
    const analysis = analysisOf(cell);
    const read = readParameters(cell, analysis.python, analysisTree(analysis));
    parameters.push(...read.parameters);
    refusedParameters.push(...read.refused);
    diagnostics.push(...read.diagnostics);
  }
  const sharedCells = [...segments.imports, ...segments.functions];
  const context = globalContext(
    sharedCells,
    [...parameters.map(p => p.name), ...refusedParameters],
    analysisOf
  );
  const addCellDiagnostics = (cell: number) => {
    const found = cellDiagnostics(cell, analysisOf(cell));
    if (found.length) {
      diagnostics.push(...found);
    }
  };
  sharedCells.forEach(addCellDiagnostics);
  // Whether any step cell may write a file, leaves a name deleted, defines a function that
  // changes a parameter or makes two names of one object: read in this sweep over the step
  // cells, not another.
  let stepsMayWriteFiles = false;
  let stepsDeleteNames = false;
  let stepsDefineMutators = false;
  let stepsAliasNames = false;
  let stepsAugmentObjects = false;
  let stepsDrawOnFigures = false;
  let stepsCallHandles = false;
  // Whether any cell binds a figure or a handle: a call on a name changes it only where one does.
  let cellsMakeFigures = false;
  let cellsMakeHandles = false;
  let stepsBindUnpassable = false;
  /** Whether a cell defines a class whose instances hold what they are given (instance-holds.ts). */
  let stepsDefineHolders = false;
  /** Whether a step's cell binds a view of a name's array, maybe (array-views.ts). */
  let stepsViewArrays = false;
  for (const cell of sharedCells) {
    const analysis = analysisOf(cell);
    const { names } = analysis;
    cellsMakeFigures ||= names.figures !== undefined;
    cellsMakeHandles ||= names.handles !== undefined;
    stepsBindUnpassable ||=
      analysis.definesGenerator || importsMakerAs(analysis.names.importSources);
    stepsDefineHolders ||= analysis.definesHoldingClass;
  }
  for (const block of segments.steps) {
    for (const cell of block.cells) {
      addCellDiagnostics(cell);
      const analysis = analysisOf(cell);
      const { names } = analysis;
      stepsMayWriteFiles ||= analysis.mayWriteFiles;
      stepsDeleteNames ||= analysis.deletesNames;
      stepsDefineMutators ||= analysis.definesMutatingFunction;
      stepsDefineHolders ||= analysis.definesHoldingClass;
      stepsAliasNames ||= analysis.aliasesNames;
      stepsViewArrays ||=
        names.views !== undefined || names.functionViews !== undefined;
      stepsAugmentObjects ||= names.augmentedObjects !== undefined;
      const passes = names.passedTo !== undefined;
      // a call may draw in the function's body (IFunctionSummary.calledOn), and so may a
      // function called through a table (`plots["hist"]()`, a read by a key)
      stepsDrawOnFigures ||=
        passes ||
        names.drawnOn !== undefined ||
        names.namedCalls.length !== 0 ||
        names.handleCalls !== undefined;
      stepsCallHandles ||=
        passes ||
        names.handleCalls !== undefined ||
        names.namedCalls.length !== 0;
      cellsMakeFigures ||= names.figures !== undefined;
      cellsMakeHandles ||= names.handles !== undefined;
      stepsBindUnpassable ||=
        names.unpassable !== undefined ||
        analysis.definesGenerator ||
        importsMakerAs(names.importSources);
    }
  }
  stepsDrawOnFigures &&= cellsMakeFigures;
  stepsCallHandles &&= cellsMakeHandles;
  const sharedPackages = sharedCells.flatMap(c => analysisOf(c).packages);
  const starImportReads = new StarImportReads(sharedCells, analysisOf);

  const steps: IPipelineStep[] = [];
  const writers = new LatestWriters();
  /** Where a step takes what it changes through another name's `+=` (augmented-objects.ts). */
  const earlierBindings: IEarlierBindings = {
    stepCells: name => writers.latest(name)?.cells ?? null,
    sharedCells,
    parameters: new Set(parameters.map(p => p.name))
  };
  /** The figures each step draws on that it takes from before (object-kinds.ts), where any. */
  const drawnFiguresOf = new Map<string, readonly string[]>();
  /** What the instances each cell makes hold (instance-holds.ts), for the cells that make any. */
  const holdsOfCell = new Map<number, CellHolds>();
  /** The handles each step changes by a call that takes them from before, where any. */
  const calledHandlesOf = new Map<string, readonly string[]>();
  /** What the steps so far left each name, where any step draws on one or calls a handle's method. */
  const objectKinds =
    stepsDrawOnFigures || stepsCallHandles ? new ObjectKinds() : null;
  /** The names of one figure as the steps so far left them, where any step draws on one. */
  const figureNames = stepsDrawOnFigures ? new FigureNames() : null;
  /** The names of one object as the steps so far left them, where any step ties two. */
  const objectShares = stepsAliasNames ? new ObjectShares() : null;
  /** The names each step leaves deleted, for the steps that leave any. */
  const deletionsOf = new Map<string, Map<string, IStepDeletion>>();
  /** The functions each step defines that change a parameter, for the steps that define any. */
  const mutatorsOf = new Map<string, Map<string, IFunctionSummary>>();
  /** The functions and classes each step defines, for the steps that define any. */
  const functionsOf = new Map<string, Map<string, IFunctionSummary>>();
  const fallbacksOf: Fallbacks = new Map();
  /** Each step's writes, in step order (for the shared-name warning). */
  const stepWrites: ReadonlySet<string>[] = [];
  /** Builtin names that a step binds (`sum = 10`): later steps that read one take it. */
  const boundBuiltins = new Set<string>();
  /**
   * The first cell the parser could not read all of (ICellNames.incomplete): what it binds is
   * not known, so a name read from there on may be defined there. A shared cell runs in every
   * step: from the start.
   */
  let brokenFrom =
    firstCellWhere(sharedCells, analysisOf, isIncomplete) !== undefined
      ? -1
      : Infinity;
  /** The first step that binds names through `exec` or `globals()` (dynamic-name). */
  let dynamicBinder: string | null = null;
  /** The first step with a `from m import *`: the names it binds are not handed on either. */
  let starImporter: string | null = null;
  /** A shared cell that does so may bind any name in every step: no step's read is undefined. */
  const sharedBindDynamically =
    firstCellWhere(sharedCells, analysisOf, hasDynamicBinding) !== undefined;
  /** The step being built, for `takenSummary` (one function for every step, not one each). */
  let building: IPipelineStep | null = null;
  /** What a step takes of a function or class it calls but does not define (withInstances). */
  const takenSummary = (callee: string): IFunctionSummary | undefined => {
    const writer = writers.latest(callee);
    if (!writer) {
      return context.functionReads.get(callee);
    }
    // The step's own binding of the callee, if not a function it defines: no summary.
    return writer.name === building?.name
      ? undefined
      : functionsOf.get(writer.name)?.get(callee);
  };
  const { changingParameters: methodMutators, changingSelf: selfChangers } =
    notebookMethods(sharedCells, segments.steps, analysisOf);
  // Indexed: an entries() iterator makes an [index, block] array for each step on every key.
  for (let blockIndex = 0; blockIndex < segments.steps.length; blockIndex++) {
    const block = segments.steps[blockIndex];
    const names = stepNamesReusing(block.cells, analysisOf, context);
    const broken = firstCellWhere(block.cells, analysisOf, isIncomplete);
    if (broken !== undefined) {
      brokenFrom = Math.min(brokenFrom, broken);
    }
    const bindsDynamically = dynamicBinder;
    const importsStar = starImporter;
    if (
      starImporter === null &&
      firstCellWhere(block.cells, analysisOf, hasStarImport) !== undefined
    ) {
      starImporter = block.name;
    }
    /** This step's first cell that binds through exec or globals(): it may bind what follows. */
    const dynamicFrom = sharedBindDynamically
      ? -1
      : (firstCellWhere(block.cells, analysisOf, hasDynamicBinding) ??
        Infinity);
    if (
      dynamicBinder === null &&
      dynamicFrom !== Infinity &&
      dynamicFrom >= 0
    ) {
      dynamicBinder = block.name;
    }
    const step: IPipelineStep = {
      name: block.name,
      cells: block.cells,
      after: [],
      inputs: [],
      outputs: [],
      // No prototype: a variable may be called __proto__.
      producers: Object.create(null) as Record<string, string>,
      prev: block.prev.length ? [...new Set(block.prev.map(p => p.name))] : [],
      code: block.cells.map(code),
      packages: stepPackages(sharedPackages, block.cells, analysisOf),
      settings: block.settings,
      metrics: []
    };
    for (const prev of block.prev) {
      if (!writers.hasStep(prev.name)) {
        const later = segments.steps.some(s => s.name === prev.name);
        diagnostics.push({
          severity: 'error',
          code: 'unknown-prev',
          message:
            prev.name === block.name
              ? `'prev:${prev.name}' names this step itself; a step can only run after other steps above it`
              : later
                ? `'prev:${prev.name}' names a step that comes later; a step can only run after steps above it`
                : `'prev:${prev.name}' names no step of this notebook`,
          cell: prev.cell,
          line: 1,
          column: 0
        });
      }
    }
    /**
     * The functions and classes the step defines (definedFunctions), found once where needed:
     * withInstances adds the step's instances to this map, so it is the last to use it.
     */
    let ownFound: Map<string, IFunctionSummary> | null | undefined;
    const ownFunctions = () =>
      ownFound === undefined
        ? (ownFound = definedFunctions(block.cells, analysisOf))
        : ownFound;
    /** The tables of functions the step makes (`mine = [pick]`), found once where needed. */
    let tablesFound: Map<string, IFunctionSummary> | null | undefined;
    /**
     * A function or class the step calls, or a table of functions it calls through: its own,
     * else one it takes (takenSummary).
     */
    const calleeSummary = (name: string): IFunctionSummary | undefined => {
      const own = ownFunctions()?.get(name);
      if (own) {
        return own;
      }
      if (tablesFound === undefined) {
        tablesFound = withFunctionTables(
          null,
          block.cells,
          analysisOf,
          held => ownFunctions()?.get(held) ?? takenSummary(held)
        );
      }
      return tablesFound?.get(name) ?? takenSummary(name);
    };
    /** Functions from earlier steps that change a parameter, which this step takes. */
    let mutatorsTaken: Map<string, IFunctionSummary> | null = null;
    /** Instances from earlier steps whose methods change them, which this step hands on. */
    let instancesTaken: Map<string, IFunctionSummary> | null = null;
    /** Other functions and classes from earlier steps, which this step may hand on changed. */
    let functionsTaken: Map<string, IFunctionSummary> | null = null;
    // A function or class taken from an earlier step runs with this step's globals (the runtime
    // loads it so, as a kernel would run it): the globals it reads are read here, and those it
    // changes are changed here, as a functions cell's do (design §3.3). Copied on first change.
    let reads: readonly ILocatedName[] = names.reads;
    let writes: ReadonlySet<string> = names.writes;
    if (methodMutators) {
      const changed = argumentsChangedByMethods(
        block.cells,
        analysisOf,
        methodMutators
      ).filter(name => !context.available.has(name) && !writes.has(name));
      writes = withNames(writes, changed);
    }
    if (selfChangers) {
      // `a.bump()`, where a notebook class's `bump` changes its object
      const changed = receiversChangedByMethods(
        block.cells,
        analysisOf,
        selfChangers
      ).filter(name => !context.available.has(name) && !writes.has(name));
      writes = withNames(writes, changed);
    }
    if (stepsAugmentObjects) {
      const changed = objectsChangedThroughAliases(
        block.cells,
        analysisOf,
        earlierBindings
      ).filter(name => !writes.has(name));
      writes = withNames(writes, changed);
    }
    /** The figures the step draws on that it takes from before (a list of them included). */
    let drawnHere: readonly string[] = [];
    if (stepsDrawOnFigures) {
      const drawn = calledOnKind(
        'figure',
        block.cells,
        analysisOf,
        objectKinds!,
        sharedCells,
        calleeSummary
      ).filter(name => !context.available.has(name));
      if (drawn.length) {
        drawnFiguresOf.set(block.name, drawn);
        drawnHere = drawn;
        // `ax.plot()` draws on the figure that `fig` names too: the step takes `fig` beside
        // `ax` and hands it on drawn (figure-names.ts)
        const others = figureNames!.drawnThrough(
          drawn,
          reads,
          name => writers.latest(name),
          name =>
            names.writes.has(name) && !reads.some(read => read.name === name)
        );
        const unread = others.filter(
          other => !reads.some(read => read.name === other)
        );
        if (unread.length) {
          // read where the step first reads a name it draws on (one there is: drawnThrough)
          const at = reads.find(read => drawn.includes(read.name))!;
          reads = [...reads, ...unread.map(name => ({ ...at, name }))];
        }
        writes = new Set([...writes, ...drawn, ...others]);
      }
    }
    if (stepsCallHandles) {
      const changed = calledOnKind(
        'handle',
        block.cells,
        analysisOf,
        objectKinds!,
        sharedCells,
        calleeSummary
      ).filter(name => !context.available.has(name) && !writes.has(name));
      if (changed.length) {
        calledHandlesOf.set(block.name, changed);
        writes = new Set([...writes, ...changed]);
      }
    }
    let maybeWrites = names.maybeWrites;
    if (names.builtinReads && boundBuiltins.size) {
      const shadowed = names.builtinReads.filter(read =>
        boundBuiltins.has(read.name)
      );
      if (shadowed.length) {
        reads = [...reads, ...shadowed];
      }
    }
    if (objectShares) {
      // `for frame in combine:` changes `train` too where an earlier step made `combine =
      // [train, test]`: the step takes it beside `combine` and hands it on (object-shares.ts);
      // so does a call that changes `combine`'s items (call-changes.ts)
      const beside = namesChangedBeside(
        block.cells,
        analysisOf,
        objectShares,
        reads,
        name => writers.latest(name)?.name,
        withDrawings(
          changesByCalls(block.cells, analysisOf, names.callChanges, {
            methods: methodMutators,
            selfChangers,
            takenMutator: name =>
              mutatorsOf.size && reads.some(read => read.name === name)
                ? mutatorsOf.get(writers.latest(name)?.name ?? '')?.get(name)
                : undefined
          }),
          drawnHere
        )
      ).filter(
        read =>
          !names.writes.has(read.name) && !context.available.has(read.name)
      );
      if (beside.length) {
        const taken = reads;
        reads = [
          ...reads,
          ...beside.filter(read => !taken.some(r => r.name === read.name))
        ];
        writes = withNames(
          writes,
          beside.map(read => read.name)
        );
      }
    }
    for (let i = 0; i < reads.length; i++) {
      const read = reads[i];
      const producer = writers.latest(read.name);
      if (!producer) {
        if (i >= names.reads.length) {
          continue; // reported where the function reads it, in the step that defines it
        }
        if (read.quiet || read.cell >= brokenFrom || read.cell >= dynamicFrom) {
          // A branch or a class's method may bind it first; a broken cell, exec or globals()
          // may define it.
          continue;
        }
        if (starImportReads.takes(read, block.cells)) {
          continue; // listed on the star-import warning
        }
        diagnostics.push({
          severity: 'warning',
          code: 'undefined-name',
          message:
            `'${read.name}' is read in step '${step.name}' but no earlier step, imports or functions cell defines it` +
            laterBinderHint(
              laterBinder(
                read.name,
                segments.steps,
                blockIndex,
                analysisOf,
                context
              )
            ) +
            (bindsDynamically === null
              ? ''
              : ` (step '${bindsDynamically}' binds names through exec or globals(), which later steps do not get)`) +
            (importsStar === null
              ? ''
              : ` (step '${importsStar}' has an 'import *', whose names later steps do not get: import the names you use in the imports cell)`),
          cell: read.cell,
          line: read.line,
          column: read.column
        });
        continue;
      }
      const deleted = deletionsOf.size
        ? deletionsOf.get(producer.name)?.get(read.name)
        : undefined;
      if (deleted) {
        diagnostics.push(
          deletedNameWarning(read, step.name, producer.name, deleted)
        );
      }
      const mutator = mutatorsOf.size
        ? mutatorsOf.get(producer.name)?.get(read.name)
        : undefined;
      if (mutator) {
        (mutatorsTaken ??= new Map()).set(read.name, mutator);
      }
      const taken = functionsOf.size
        ? functionsOf.get(producer.name)?.get(read.name)
        : undefined;
      // `p = P(2)`, then `P.double = …` in a later step: the step takes `P` beside `p`, as
      // that step left it, and the runtime makes it `p`'s class (one class, as top to bottom)
      const ofClass = classChangedSince(
        producer,
        read.name,
        writers,
        analysisOf
      );
      if (
        ofClass &&
        !context.available.has(ofClass) &&
        !reads.some(other => other.name === ofClass)
      ) {
        reads = [...reads, { ...read, name: ofClass }];
      }
      if (taken?.instance && taken.mutatesSelf) {
        // An instance whose methods change it: the step may call them, so it hands the
        // instance on as it leaves it (a save too many where it only reads it).
        (instancesTaken ??= new Map()).set(read.name, taken);
        if (!writes.has(read.name)) {
          writes = new Set([...writes, read.name]);
        }
      } else if (taken) {
        (functionsTaken ??= new Map()).set(read.name, taken);
        if (
          taken.isClass &&
          taken.mutatesSelf &&
          !writes.has(read.name) &&
          callsMethodOn(read.name, block.cells, analysisOf)
        ) {
          // `Counter.bump()`: a classmethod may change the class (`cls.n += 1`)
          writes = new Set([...writes, read.name]);
        }
      }
      if (taken) {
        const called = withSharedCallees(taken, context);
        // Even a global this step binds itself: it may bind it after the use.
        const globals = called.globalReads.filter(
          name =>
            !context.available.has(name) && !reads.some(r => r.name === name)
        );
        if (globals.length) {
          reads = [...reads, ...globals.map(name => ({ ...read, name }))];
        }
        if (called.globalWrites.length) {
          writes = new Set([...writes, ...called.globalWrites]);
          // Bound only where the step calls the function.
          const unsure = called.globalWrites.filter(
            name => !names.writes.has(name)
          );
          if (unsure.length) {
            maybeWrites = new Set([...(maybeWrites ?? []), ...unsure]);
          }
        }
      }
      step.inputs = withItem(step.inputs, read.name);
      step.producers[read.name] = producer.name;
      // The producers go into `step.after`, each once: a list, as steps have few (a Set per
      // step cost more).
      if (!step.after.includes(producer.name)) {
        step.after = withItem(step.after, producer.name);
      }
      if (!producer.outputs.includes(read.name)) {
        producer.outputs = withItem(producer.outputs, read.name);
      }
    }
    for (let i = 0; i < step.prev.length; i++) {
      const p = step.prev[i];
      if (writers.hasStep(p) && !step.after.includes(p)) {
        step.after = withItem(step.after, p);
      }
    }
    if (stepsDefineHolders) {
      const holds = instanceHolds(block.cells, analysisOf, calleeSummary);
      if (holds) {
        holds.forEach((made, cell) => holdsOfCell.set(cell, made));
        // `h = Holder(xs)`, then `h.add(1)`: xs changes with h
        const changed = changedThroughInstances(
          block.cells,
          holds,
          analysisOf,
          calleeSummary
        ).filter(name => !context.available.has(name) && !writes.has(name));
        writes = withNames(writes, changed);
      }
    }
    if (stepsViewArrays) {
      // `v = x[:2]`, then `v[0] = 5`: the array taken from before changes (array-views.ts)
      const changed = arraysChangedThroughViews(step, {
        stepsByName: new Map(steps.map(earlier => [earlier.name, earlier])),
        sharedCells,
        analysisOf
      }).filter(name => !context.available.has(name) && !writes.has(name));
      writes = withNames(writes, changed);
    }
    steps.push(step);
    stepWrites.push(writes);
    for (const name of builtinsBoundBy(writes)) {
      boundBuiltins.add(name);
    }
    if (maybeWrites) {
      const fallbacks = new Map<string, IPipelineStep | null>();
      for (const name of maybeWrites) {
        fallbacks.set(name, writers.latest(name) ?? null);
      }
      fallbacksOf.set(step, fallbacks);
    }
    /** What the step leaves changed of what it takes: functions whose calls change them too. */
    let handedOn = writes;
    if (mutatorsTaken) {
      const own = ownFunctions();
      const bound = names.writes;
      handedOn = withMutatedArguments(
        writes,
        block.cells,
        analysisOf,
        mutatorsTaken,
        name =>
          own?.get(name) ?? (bound.has(name) ? undefined : takenSummary(name))
      );
    }
    writers.add(step, handedOn);
    objectShares?.record(step, handedOn, analysisOf);
    objectKinds?.add(block.cells, analysisOf);
    figureNames?.add(block.cells, analysisOf, objectKinds!);
    const mutators = withTaken(
      stepsDefineMutators ? mutatingFunctions(block.cells, analysisOf) : null,
      mutatorsTaken && handedOnUnbound(mutatorsTaken, handedOn, names.writes)
    );
    if (mutators) {
      mutatorsOf.set(step.name, mutators);
    }
    building = step;
    const functions = withFunctionTables(
      withInstances(ownFunctions(), block.cells, analysisOf, takenSummary),
      block.cells,
      analysisOf,
      takenSummary
    );
    building = null;
    const kept = withTaken(
      withTaken(functions, instancesTaken),
      functionsTaken && handedOnUnbound(functionsTaken, handedOn, names.writes)
    );
    if (kept) {
      functionsOf.set(step.name, kept);
    }
    const deleted = stepsDeleteNames && stepDeletions(block.cells, analysisOf);
    if (deleted) {
      deletionsOf.set(step.name, deleted);
      // `id = 5` then `del id`: the builtin is back.
      deleted.forEach((_, name) => boundBuiltins.delete(name));
    }
  }

  starImportReads.listNames(diagnostics);
  diagnostics.push(
    ...sharedCellReads(segments, steps, stepWrites, context, analysisOf)
  );
  const metrics = pipelineMetrics(
    segments,
    steps,
    writers.writesOf,
    context,
    analysisOf,
    diagnostics
  );
  if (fallbacksOf.size) {
    takeFallbacks(steps, fallbacksOf);
    markMayBeUnbound(steps, fallbacksOf);
  }
  diagnostics.push(
    ...sharedRebindWarnings(
      steps,
      stepWrites,
      sharedNameKinds(
        parameters.map(p => p.name),
        segments.imports,
        segments.functions,
        analysisOf
      ),
      context,
      analysisOf
    )
  );
  if (stepsAliasNames || holdsOfCell.size) {
    diagnostics.push(
      ...aliasedNameWarnings(
        steps,
        analysisOf,
        {
          drawnFiguresOf,
          calledHandlesOf,
          holdsOfCell
        },
        sharedCells
      )
    );
  }
  if (stepsBindUnpassable) {
    diagnostics.push(
      ...unpassableOutputErrors(
        steps,
        analysisOf,
        context.functionReads,
        sharedCells
      )
    );
  }
  diagnostics.push(...moduleStateWarnings(steps, sharedCells, analysisOf));
  diagnostics.push(...sharedSeedWarnings(steps, sharedCells, analysisOf));
  diagnostics.push(...keyboardCallWarnings(steps, sharedCells, analysisOf));
  if (stepsMayWriteFiles) {
    diagnostics.push(
      ...unorderedFiles(
        steps,
        [...sharedCells, ...segments.parameters],
        analysisOf
      )
    );
  }
  if (!segments.steps.length) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-pipeline',
      message:
        'no cell is tagged as a step: tag the first cell of each step with step:NAME, or run `cellpipe tag NOTEBOOK --by-headings`',
      cell: null,
      line: 1,
      column: 0
    });
  }
  for (const step of steps) {
    sortMany(step.after);
    sortMany(step.inputs);
    sortMany(step.outputs);
    sortMany(step.prev);
  }
  const base = notebookFileName(notebook.path);
  return {
    pipeline: {
      name:
        typeof settings.name === 'string' && settings.name
          ? settings.name
          : base.replace(/\.ipynb$/, ''),
      description:
        typeof settings.description === 'string' ? settings.description : ''
    },
    notebook: base,
    settings,
    parameters,
    metrics,
    imports: segments.imports.map(code),
    functions: segments.functions.map(code),
    steps,
    diagnostics: inNotebookOrder(
      dropUntaggedWhenEmpty(
        withoutContinuedParameters(diagnostics, segments, notebook),
        segments
      )
    )
  };
}

/** The imports' and functions' packages, then the step's own, each once, in order. */
function stepPackages(
  shared: readonly string[],
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): string[] {
  if (
    !shared.length &&
    firstCellWhere(cells, analysisOf, isUnclean) === undefined
  ) {
    return [];
  }
  const own = cells.flatMap(c => analysisOf(c).packages);
  return [...new Set([...shared, ...own])];
}

function pipelineMetrics(
  segments: ISegments,
  steps: IPipelineStep[],
  writesOf: ReadonlyMap<string, ReadonlySet<string>>,
  context: IGlobalContext,
  analysisOf: (cell: number) => ICellAnalysis,
  diagnostics: IDiagnostic[]
): IPipelineMetric[] {
  const metrics: IPipelineMetric[] = [];
  for (const cell of segments.metrics) {
    const analysis = analysisOf(cell);
    const read = readMetrics(cell, analysis.python, analysisTree(analysis));
    diagnostics.push(...read.diagnostics);
    const before = steps.filter(s => s.cells[0] < cell);
    read.metrics.forEach((use: IMetricUse) => {
      const producer =
        latestWriter(before, writesOf, use.variable) ??
        (context.available.has(use.variable)
          ? before[before.length - 1]
          : undefined);
      if (!producer) {
        diagnostics.push({
          severity: 'warning',
          code: 'undefined-name',
          message: `metric '${use.variable}' is not defined by any step above the pipeline-metrics cell`,
          cell: use.cell,
          line: use.line,
          column: use.column
        });
        return;
      }
      if (!metrics.some(m => m.name === use.variable)) {
        metrics.push({
          name: use.variable,
          variable: use.variable,
          step: producer.name
        });
        producer.metrics.push(use.variable);
      }
    });
  }
  return metrics;
}

/** A notebook with no tags at all gets one `empty-pipeline` error, not one error per cell. */
function dropUntaggedWhenEmpty(
  diagnostics: IDiagnostic[],
  segments: ISegments
): IDiagnostic[] {
  const anyTagged =
    segments.steps.length +
      segments.imports.length +
      segments.functions.length >
      0 || segments.parameters.length + segments.metrics.length > 0;
  return anyTagged
    ? diagnostics
    : diagnostics.filter(d => d.code !== 'untagged-cell');
}

/** The step's writes and what its calls of `mutators` change (a new set: `writes` is shared). */
function withMutatedArguments(
  writes: ReadonlySet<string>,
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  mutators: ReadonlyMap<string, IFunctionSummary>,
  summaryOf: (name: string) => IFunctionSummary | undefined
): ReadonlySet<string> {
  const changed = argumentsMutatedBy(cells, analysisOf, mutators, summaryOf);
  return changed.length ? new Set([...writes, ...changed]) : writes;
}

/**
 * The first of `cells` whose analysis passes `test`, if any. A loop, not `find` with an arrow:
 * that made a function (and its context) for every step on every key.
 */
function firstCellWhere(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  test: (analysis: ICellAnalysis) => boolean
): number | undefined {
  for (let i = 0; i < cells.length; i++) {
    if (test(analysisOf(cells[i]))) {
      return cells[i];
    }
  }
  return undefined;
}

/**
 * `list` with `item` added at its end: pushed, or for an empty list a new list of one. A push
 * onto an empty array makes room for 17 elements, and most steps' inputs, producers and
 * outputs are one or two names, rebuilt on every key.
 */
function withItem(list: string[], item: string): string[] {
  if (list.length > 1) {
    list.push(item);
    return list;
  }
  // A push onto a list of one makes room for 17 too: two names, the next most common, get a
  // list of their own size.
  return list.length ? [list[0], item] : [item];
}

function isUnclean(analysis: ICellAnalysis): boolean {
  return !analysis.clean;
}

/*
 * The three checks below run for every cell on every key. A clean cell (ICellAnalysis.clean)
 * has no syntax error (which an incomplete cell has), star import or dynamic binding, so for
 * most cells they read that flag and never go to the cell's names.
 */

/** Whether the parser could not read all of a cell (ICellNames.incomplete). */
function isIncomplete(analysis: ICellAnalysis): boolean {
  return !analysis.clean && analysis.names.incomplete;
}

function hasStarImport(analysis: ICellAnalysis): boolean {
  return !analysis.clean && analysis.names.starImports.length !== 0;
}

function hasDynamicBinding(analysis: ICellAnalysis): boolean {
  return !analysis.clean && analysis.names.dynamicBindings.length !== 0;
}

/**
 * Sorts in place, as sort() does (by UTF-16 code units). Most steps have one producer or none,
 * and many two (a step before and the step that loads the data), where sort() costs even so: a
 * comparison of the two does it.
 */
function sortMany(names: string[]): void {
  if (names.length === 2) {
    if (names[1] < names[0]) {
      const first = names[0];
      names[0] = names[1];
      names[1] = first;
    }
  } else if (names.length > 2) {
    names.sort();
  }
}

/**
 * The step's own functions (or mutators), with those it takes and hands on added where it
 * defines none of that name; null when there are neither.
 */
function withTaken(
  own: Map<string, IFunctionSummary> | null,
  taken: Map<string, IFunctionSummary> | null
): Map<string, IFunctionSummary> | null {
  if (!taken?.size) {
    return own;
  }
  const all = own ?? new Map<string, IFunctionSummary>();
  taken.forEach((summary, name) => {
    if (!all.has(name)) {
      all.set(name, summary);
    }
  });
  return all;
}

/**
 * Of the functions a step takes, those it hands on changed without binding them itself (a call
 * changed a default value of theirs): the steps after take them from it, and their summaries
 * with them.
 */
function handedOnUnbound(
  taken: ReadonlyMap<string, IFunctionSummary>,
  handedOn: ReadonlySet<string>,
  bound: ReadonlySet<string>
): Map<string, IFunctionSummary> | null {
  let found: Map<string, IFunctionSummary> | null = null;
  taken.forEach((summary, name) => {
    if (handedOn.has(name) && !bound.has(name)) {
      (found ??= new Map()).set(name, summary);
    }
  });
  return found;
}

/** `names` with `added`: `names` itself where nothing is added (it may be a cell's own set). */
function withNames(
  names: ReadonlySet<string>,
  added: readonly string[]
): ReadonlySet<string> {
  return added.length ? new Set([...names, ...added]) : names;
}
