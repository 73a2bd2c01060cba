/**
 * A step that would hand on a value no step can take (analysis/unpassable.ts): the run would
 * fail when the step saves it. An error where the step binds the name, before any run. What a
 * generator function returns (`batches = make_batches()`) is a generator too, where the step, the
 * step it takes the function from or a functions cell defines that function. What a maker called
 * through an import (`mp.Pool()` after `import multiprocessing as mp`, `P()` after `from
 * multiprocessing import Pool as P`) makes, likewise.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IFunctionSummary, IUnpassableValue } from '../analysis/cell-names';
import { madeThrough } from '../analysis/unpicklable-makers';
import { IDiagnostic } from './diagnostic';
import { importedAs } from './imported-as';
import { IPipelineStep } from './pipeline';

export function unpassableOutputErrors(
  steps: readonly IPipelineStep[],
  analysisOf: (cell: number) => ICellAnalysis,
  sharedFunctions: ReadonlyMap<string, IFunctionSummary>,
  sharedCells: readonly number[]
): IDiagnostic[] {
  const errors: IDiagnostic[] = [];
  const stepsByName = new Map(steps.map(step => [step.name, step]));
  for (const step of steps) {
    // A function the step calls: its own cells' (up to the call), else the step it takes the
    // function from, else a functions cell's.
    const isGenerator = (callee: string, at: number): boolean => {
      const producer = stepsByName.get(step.producers[callee]);
      return (
        definesGenerator(step.cells, at, callee, analysisOf) ??
        (producer &&
          definesGenerator(
            producer.cells,
            producer.cells.length - 1,
            callee,
            analysisOf
          )) ??
        sharedFunctions.get(callee)?.generator === true
      );
    };
    // What a maker's callee (`mp.Pool`) makes, by what its first name was imported as.
    const madeBy = (callee: string, at: number): string | null => {
      const first = callee.split('.')[0];
      const producer = stepsByName.get(step.producers[first]);
      const source = importedAs(
        first,
        at,
        step,
        sharedCells,
        producer,
        analysisOf
      );
      return source === null ? null : madeThrough(callee, source);
    };
    for (const name of step.outputs) {
      const bound = lastBinding(step.cells, name, analysisOf, {
        isGenerator,
        madeBy
      });
      if (!bound) {
        continue;
      }
      const readers = steps
        .filter(other => other.producers[name] === step.name)
        .map(other => `'${other.name}'`);
      errors.push({
        severity: 'error',
        code: 'unpassable-value',
        message:
          `step '${step.name}' hands '${name}' on` +
          (readers.length
            ? ` to ${readers.length > 1 ? 'steps' : 'step'} ${readers.join(', ')}`
            : '') +
          `, but '${name}' is ${bound.value.what}, which cannot be saved for another step: ` +
          advice(name, bound.value.what),
        cell: bound.cell,
        line: bound.value.line,
        column: bound.value.column
      });
    }
  }
  return errors;
}

/**
 * Where the last of the step's cells that binds `name` binds it to such a value, if it does:
 * one the cell shows (ICellNames.unpassable), what a maker called through an import made (by
 * its module's name or a name of its own), or what a generator function returned.
 */
function lastBinding(
  cells: readonly number[],
  name: string,
  analysisOf: (cell: number) => ICellAnalysis,
  calls: {
    isGenerator: (callee: string, at: number) => boolean;
    madeBy: (callee: string, at: number) => string | null;
  }
): { cell: number; value: IUnpassableValue } | null {
  for (let i = cells.length - 1; i >= 0; i--) {
    const { names } = analysisOf(cells[i]);
    if (!names.writes.includes(name)) {
      continue;
    }
    const value = names.unpassable?.find(v => v.name === name);
    if (value?.callee !== undefined) {
      const what = calls.madeBy(value.callee, i);
      return what === null
        ? null
        : { cell: cells[i], value: { ...value, what } };
    }
    if (value) {
      return { cell: cells[i], value };
    }
    const callee = names.instances[name];
    if (callee === undefined) {
      return null;
    }
    // A maker imported under a name of its own (`from multiprocessing import Pool as P`)
    const what = calls.isGenerator(callee, i)
      ? `a generator (what ${callee}() returns)`
      : calls.madeBy(callee, i);
    return what === null
      ? null
      : {
          cell: cells[i],
          value: {
            name,
            line: lastLineBinding(analysisOf(cells[i]).python, name),
            column: 0,
            what
          }
        };
  }
  return null;
}

/**
 * Whether the last of `cells` up to index `at` that defines `callee` makes it a generator
 * function; undefined where none of them defines it.
 */
function definesGenerator(
  cells: readonly number[],
  at: number,
  callee: string,
  analysisOf: (cell: number) => ICellAnalysis
): boolean | undefined {
  for (let i = at; i >= 0; i--) {
    const own = analysisOf(cells[i]).names.functions[callee];
    if (own) {
      return own.generator === true;
    }
  }
  return undefined;
}

/** What to do instead, by what the value is. */
function advice(name: string, what: string): string {
  if (what.startsWith('a file opened to write')) {
    return `open it in the step that writes to it (with open(…) as ${name}: …)`;
  }
  if (what.startsWith('a file')) {
    return `open it in the step that reads it, or pass what it holds (data = ${name}.read())`;
  }
  if (what.startsWith('a generator')) {
    return `make it in the step that uses it, or pass a list of its items (list(${name}))`;
  }
  return 'make it in each step that uses it';
}

/** The last line of `python` that starts by binding `name` (`name = …`); else 1. */
function lastLineBinding(python: string, name: string): number {
  // A Python name has no character a regular expression treats specially.
  const binding = new RegExp(`^\\s*${name}\\s*(:[^=]*)?=(?!=)`, 'u');
  const lines = python.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (binding.test(lines[i])) {
      return i + 1;
    }
  }
  return 1;
}
