/** Analyses one cell: magics stripped, parsed once with tree-sitter-python, names walked. */
import { keyboardImport } from './keyboard-calls';
import { IPyNode } from './python-tree';
import { mayWriteFile } from './file-names';
import { ICellNames, IFunctionSummary, usesGlobals } from './cell-names';
import { mayCallConfiguringFunction } from './mutators';
import { IStrippedCell, stripMagics } from './magics';
import { NameWalker } from './name-walker';
import { Positions } from './positions';
import { parsePython } from './parse';
import { firstJoinedLine, ILineEnd } from './joined-lines';
import { layoutProblems } from './logical-lines';
import { cpythonFirstError } from './first-syntax-error';
import { withLineFeeds } from './line-feeds';
import { declarationErrors } from './scope-declarations';
import { futureImportErrors } from './future-imports';
import { misplacedYields } from './misplaced-yield';
import { jumpsInLoopElse } from './loop-else-jumps';
import { matchPatternErrors } from './match-patterns';
import { asyncGeneratorErrors } from './async-generators';
import { walrusComprehensionErrors } from './walrus-comprehensions';
import { debugBindingErrors } from './debug-bindings';
import { blockNestingErrors, mayNestTooDeeply } from './block-nesting';

export interface ICellAnalysis extends IStrippedCell {
  names: ICellNames;
  /** True when the cell holds Python beyond comments and blank lines. */
  hasCode: boolean;
  /**
   * True when the cell has nothing to report or install: no syntax error, star import, magic or
   * pip package. Most cells are clean, and the IR builder, which runs over every cell on every
   * key in the lab, then reads this flag instead of four lists held in as many other objects
   * (about a fifth of an incremental update at 1,000 cells went to those reads).
   */
  clean: boolean;
  /**
   * True when the cell may write a file (a call `file-names.ts` counts as writing appears in its
   * text): the IR builder, which runs on every key, looks for files between steps only then.
   */
  mayWriteFiles: boolean;
  /** True when the cell leaves a name deleted (`names.deletions`): a flag for the same reason. */
  deletesNames: boolean;
  /** True when a function the cell defines changes a parameter in place: likewise. */
  definesMutatingFunction: boolean;
  /** True when the cell leaves a name as another's object, a part or a view of one or holding others (`names.aliases`, `parts`, `views`, `items`, `holds`): likewise. */
  aliasesNames: boolean;
  /**
   * True when a function or class the cell defines reads or changes a global, or its methods
   * change its instances (`usesGlobals`): a later step that takes it takes those too. Likewise.
   */
  definesGlobalUser: boolean;
  /** True when a function or class the cell defines changes a global (`globalWrites`): likewise. */
  definesGlobalWriter: boolean;
  /** True when a function the cell defines is a generator function (`generator`): likewise. */
  definesGenerator: boolean;
  /** True when a class the cell defines keeps an argument on its instances (`heldArguments`): likewise. */
  definesHoldingClass: boolean;
  /**
   * True when the cell calls a function that waits for a keyboard (`names.keyboardCalls`),
   * defines one that does (`keyboardCall`), or imports one under another name (`from getpass
   * import getpass as ask`): likewise, for ir/keyboard-calls.ts.
   */
  mayWaitForKeyboard: boolean;
  /**
   * True when the text calls a function that may configure a module (`sns.set()`,
   * `plt.style.use(…)`; see mayCallConfiguringFunction): likewise, for module-state.ts.
   */
  mayConfigureModule: boolean;
}

export function analyzeCellSource(source: string): ICellAnalysis {
  const stripped = stripMagics(withLineFeeds(source));
  const { tree, errors } = parsePython(stripped.python);
  const positions = new Positions(stripped.python);
  const names = new NameWalker(stripped.python, positions).walk(tree, errors);
  // What CPython's compiler refuses though the grammar takes it, in passes only cells that
  // say `global`, `nonlocal`, `__future__`, `yield`, `match` and `case`, `else` and `break` or
  // `continue`, `async` and `yield`, `:=`, or `__debug__` make.
  const text = (node: IPyNode) => stripped.python.slice(node.from, node.to);
  for (const { offset, reason } of [
    ...declarationErrors(tree, stripped.python, text),
    ...futureImportErrors(tree, stripped.python, text),
    ...misplacedYields(tree, stripped.python),
    ...jumpsInLoopElse(tree, stripped.python),
    ...matchPatternErrors(tree, stripped.python),
    ...asyncGeneratorErrors(tree, stripped.python),
    ...walrusComprehensionErrors(tree, stripped.python),
    ...debugBindingErrors(tree, stripped.python)
  ]) {
    names.syntaxErrors.push({ name: '', ...positions.at(offset), reason });
  }
  const ends: ILineEnd[] = [];
  const indentation = { levels: 0 };
  const layout = layoutProblems(stripped.python, ends, indentation);
  if (mayNestTooDeeply(indentation.levels, stripped.python)) {
    for (const { offset, reason } of blockNestingErrors(
      tree,
      stripped.python
    )) {
      names.syntaxErrors.push({ name: '', ...positions.at(offset), reason });
    }
  }
  const joined = firstJoinedLine(tree, ends);
  if (joined && !layout.length) {
    names.syntaxErrors.push({ name: '', line: joined.line, column: 0 });
    names.incomplete = true; // read as one statement: what follows may be misread too
  }
  if (layout.length || names.syntaxErrors.length > 1) {
    names.syntaxErrors = cpythonFirstError(
      [
        ...layout.map(p => ({
          name: '',
          line: p.line,
          column: p.column ?? 0,
          reason: p.message
        })),
        ...names.syntaxErrors
      ].sort(
        // On one line, our check's error (it says why) before the parser's.
        (a, b) =>
          a.line - b.line ||
          Number(!a.reason) - Number(!b.reason) ||
          a.column - b.column
      ),
      layout,
      stripped.python,
      positions
    );
  }
  // Comments are left out of the tree: any child is a statement (or an error).
  const hasCode = tree.children.length > 0;
  const clean =
    !names.syntaxErrors.length &&
    !names.starImports.length &&
    !names.dynamicBindings.length &&
    !stripped.magics.length &&
    !stripped.packages.length;
  const mayWriteFiles = mayWriteFile(stripped.python);
  // Every field spelled out, not spread: the IR builder reads these flags of every cell on every
  // key, and a literal keeps them all inside the object.
  const analysis: ICellAnalysis = {
    python: stripped.python,
    packages: stripped.packages,
    magics: stripped.magics,
    names,
    hasCode,
    clean,
    mayWriteFiles,
    deletesNames: names.deletions.length !== 0,
    definesMutatingFunction: definesFunction(names, mutatesParameters),
    definesGlobalUser: definesFunction(names, usesGlobals),
    definesGlobalWriter: definesFunction(names, writesGlobals),
    definesGenerator: definesFunction(names, isGenerator),
    definesHoldingClass: definesFunction(names, holdsArguments),
    mayWaitForKeyboard:
      names.keyboardCalls !== undefined ||
      definesFunction(names, waitsForKeyboard) ||
      importsKeyboardFunction(names),
    mayConfigureModule: mayCallConfiguringFunction(stripped.python),
    aliasesNames:
      names.aliases !== undefined ||
      names.parts !== undefined ||
      names.items !== undefined ||
      names.holds !== undefined ||
      names.views !== undefined ||
      names.functionViews !== undefined
  };
  trees.set(analysis, tree);
  return analysis;
}

/** Whether a function or class the cell defines is one `which` takes. */
function definesFunction(
  names: ICellNames,
  which: (summary: IFunctionSummary) => boolean
): boolean {
  for (const name in names.functions) {
    if (which(names.functions[name])) {
      return true;
    }
  }
  return false;
}

function writesGlobals(summary: IFunctionSummary): boolean {
  return summary.globalWrites.length !== 0;
}

function holdsArguments(summary: IFunctionSummary): boolean {
  return summary.heldArguments !== undefined;
}

function waitsForKeyboard(summary: IFunctionSummary): boolean {
  return summary.keyboardCall !== undefined;
}

function importsKeyboardFunction(names: ICellNames): boolean {
  for (const name in names.importSources) {
    if (keyboardImport(names.importSources[name])) {
      return true;
    }
  }
  return false;
}

function isGenerator(summary: IFunctionSummary): boolean {
  return summary.generator === true;
}

function mutatesParameters(summary: IFunctionSummary): boolean {
  return summary.mutatedParameters.length !== 0;
}

/** The tree of each analysis' `python`, kept as long as the analysis is. */
const trees = new WeakMap<ICellAnalysis, IPyNode>();

/** The tree `parsePython(analysis.python)` gives, without parsing again. */
export function analysisTree(analysis: ICellAnalysis): IPyNode {
  return trees.get(analysis) ?? parsePython(analysis.python).tree;
}

/** A cache of cell analyses keyed by source: an edit re-parses only the cells that changed. */
export class CellAnalysisCache {
  private entries = new Map<
    string,
    { analysis: ICellAnalysis; sweep: number }
  >();
  /** Entries used since the last sweep carry this number. */
  private sweeps = 0;
  /** Cells analysed (parsed) since the last sweep: the cost of the last update. */
  parsedSinceSweep = 0;

  get(source: string): ICellAnalysis {
    let entry = this.entries.get(source);
    if (!entry) {
      entry = { analysis: analyzeCellSource(source), sweep: this.sweeps };
      this.entries.set(source, entry);
      this.parsedSinceSweep++;
    }
    entry.sweep = this.sweeps;
    return entry.analysis;
  }

  /** Drops entries not used since the last sweep, so the cache follows the notebook. */
  sweep(): number {
    const parsed = this.parsedSinceSweep;
    this.parsedSinceSweep = 0;
    // forEach, not for…of: this runs over every cell on every key, and an entries iterator
    // makes a [key, entry] array for each (a tenth of an update's allocation at 1,000 cells).
    this.entries.forEach((entry, key, entries) => {
      if (entry.sweep !== this.sweeps) {
        entries.delete(key);
      }
    });
    this.sweeps++;
    return parsed;
  }

  get size(): number {
    return this.entries.size;
  }
}
