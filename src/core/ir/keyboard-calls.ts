/**
 * A step that waits for someone at a keyboard: `x = int(input("Choose: "))`, `getpass()`,
 * `breakpoint()`, `pdb.set_trace()`, in the step itself or in a notebook function it calls
 * (through the functions those call). Top to bottom the notebook's user types the answer; a
 * pipeline step runs with no one to type (its standard input is empty), so the call fails there
 * with `EOFError` (the debugger with `BdbQuit`), on a cluster after its pod has started. Warned
 * (`keyboard-input`) at each call a step makes, and at such a call in the imports or functions
 * cell, which runs in every step.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { INameUse } from '../analysis/cell-names';
import { keyboardImport, waitsFor } from '../analysis/keyboard-calls';
import { lastDefinitions } from './cell-functions';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';

/** A keyboard call and the cell it is in. */
interface IKeyboardCallAt {
  call: INameUse;
  cell: number;
}

export function keyboardCallWarnings(
  steps: readonly IPipelineStep[],
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  // This runs on every key: most notebooks wait for no keyboard, found by a flag of each cell.
  const waits = (cell: number) => analysisOf(cell).mayWaitForKeyboard;
  if (!sharedCells.some(waits) && !steps.some(step => step.cells.some(waits))) {
    return [];
  }
  const cells = [...sharedCells, ...steps.flatMap(step => step.cells)];
  /** Names imports bind to a keyboard function (`ask` → `getpass.getpass`). */
  const imported = new Map<string, string>();
  for (const cell of cells) {
    const sources = analysisOf(cell).names.importSources;
    for (const name in sources) {
      const callee = keyboardImport(sources[name]);
      if (callee) {
        imported.set(name, callee);
      }
    }
  }
  const askers = new FunctionsAsking(cells, analysisOf);
  const diagnostics: IDiagnostic[] = [];
  for (const cell of sharedCells) {
    for (const call of analysisOf(cell).names.keyboardCalls ?? []) {
      diagnostics.push(
        warning(
          cell,
          call,
          `${called(call)}, in a cell that runs in every step,`
        )
      );
    }
  }
  for (const step of steps) {
    const warned = new Set<string>();
    for (const cell of step.cells) {
      const { names } = analysisOf(cell);
      const direct = names.keyboardCalls ?? [];
      for (const call of direct) {
        diagnostics.push(
          warning(
            cell,
            call,
            `step '${step.name}' calls ${called(call)}, which`
          )
        );
      }
      for (const use of names.namedCalls) {
        const callee = imported.get(use.name);
        if (callee && !direct.some(call => call.name === use.name)) {
          const call = { ...use, name: callee };
          diagnostics.push(
            warning(
              cell,
              use,
              `step '${step.name}' calls ${called(call)} (as '${use.name}'), which`,
              call
            )
          );
        }
      }
      // the notebook functions the step calls, or names (`feat.feature()` reads `feat`)
      const calls = names.namedCalls.length;
      [...names.namedCalls, ...names.reads].forEach((use, index) => {
        const inner = warned.has(use.name) ? null : askers.through(use.name);
        if (!inner) {
          return;
        }
        warned.add(use.name);
        const verb = index < calls ? 'calls' : 'uses';
        diagnostics.push(
          warning(
            cell,
            use,
            `step '${step.name}' ${verb} '${use.name}', which calls ` +
              `${called(inner.call)} (cell ${inner.cell + 1}, line ${inner.call.line}), which`,
            inner.call
          )
        );
      });
    }
  }
  return diagnostics;
}

/** `input()` of an INameUse that names the callee. */
function called(call: INameUse): string {
  return `${call.name}()`;
}

/**
 * The warning at `at`: `subject` says who calls what (it ends "…, which" or "…, in a cell that
 * runs in every step,"); `call` is the keyboard call itself.
 */
function warning(
  cell: number,
  at: INameUse,
  subject: string,
  call: INameUse = at
): IDiagnostic {
  const debugger_ = waitsFor(call.name) === 'debugger';
  const wait = debugger_
    ? 'stops in the debugger for commands typed at a keyboard'
    : 'waits for an answer typed at a keyboard';
  const fails = debugger_ ? 'BdbQuit' : 'EOFError';
  const instead = debugger_
    ? 'Take it out before running the pipeline'
    : call.name.includes('getpass')
      ? 'Read the secret from the environment instead (os.environ["TOKEN"])'
      : 'Make the answer a pipeline parameter instead: a cell tagged pipeline-parameters ' +
        'with choice = 1, which a run can change (cellpipe run --param choice=2)';
  return {
    severity: 'warning',
    code: 'keyboard-input',
    message:
      `${subject} ${wait}, but a pipeline step runs with no one to type: the call fails there ` +
      `(${fails}). ${instead}`,
    cell,
    line: at.line,
    column: at.column
  };
}

/**
 * The notebook's functions (and classes) that wait for a keyboard when they run, in their own
 * body or through the notebook functions they read: the last definition of a name counts, as a
 * step runs it with its own globals.
 */
class FunctionsAsking {
  constructor(
    cells: readonly number[],
    private readonly analysisOf: (cell: number) => ICellAnalysis
  ) {
    this.definedIn = lastDefinitions(cells, cell => analysisOf(cell).names);
  }

  /** The keyboard call a call of `name` may reach, if any (memoised). */
  through(name: string): IKeyboardCallAt | null {
    if (this.found.has(name)) {
      return this.found.get(name)!;
    }
    const cell = this.definedIn.get(name);
    if (cell === undefined) {
      return null;
    }
    this.found.set(name, null); // a function that calls itself, or a cycle, ends here
    const summary = this.analysisOf(cell).names.functions[name];
    let reached: IKeyboardCallAt | null = summary.keyboardCall
      ? { call: summary.keyboardCall, cell }
      : null;
    for (const read of summary.globalReads) {
      if (reached) {
        break;
      }
      reached = this.through(read);
    }
    this.found.set(name, reached);
    return reached;
  }

  private readonly definedIn: ReadonlyMap<string, number>;
  private readonly found = new Map<string, IKeyboardCallAt | null>();
}
