/**
 * Views of arrays: `v = x[:2]` or `v = x.reshape(2, 2)` where `x` is what a NumPy call returned
 * (`np.zeros(3)`, `numpy.load(p)`, `zeros(3)` after `from numpy import zeros`) shares the
 * array's memory, so a change through `v` changes `x`, as a part taken by a key does
 * (analysis/array-views.ts). The call that made `x` is the last binding of it before the view:
 * in the step's own cells, else in the step it takes `x` from; its first name is looked up
 * through the imports (imported-as.ts), as is the function that made a view where one did
 * (`np.reshape(x, 4)`, `np.asarray(x)`). A slice of anything else (a list, a frame, what an
 * unknown call returned) is taken as a copy, and a reshaped one as a new object.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames } from '../analysis/cell-names';
import { importedAs } from './imported-as';
import { IPipelineStep } from './pipeline';
import { bindsAgain, StepTies, tiePart } from './step-ties';

/** What the lookups need: every step, by name, and the cells every step runs first. */
export interface IStepContext {
  stepsByName: ReadonlyMap<string, IPipelineStep>;
  sharedCells: readonly number[];
  analysisOf: (cell: number) => ICellAnalysis;
}

/** Ties the views the step's cell at index `at` binds to the arrays they view. */
export function tieArrayViews(
  ties: StepTies,
  step: IPipelineStep,
  at: number,
  context: IStepContext
): void {
  const { names } = context.analysisOf(step.cells[at]);
  for (const [view, array, byFunction] of notedViews(names)) {
    if (isNumpyView(view, array, byFunction, step, at, context)) {
      tiePart(ties, view, array);
    }
  }
}

/**
 * The views a cell notes, with the array each views and whether a function made it
 * (`np.reshape(x, 4)`, ICellNames.functionViews) rather than slicing or a method.
 */
function notedViews(names: ICellNames): [string, string, boolean][] {
  const noted: [string, string, boolean][] = [];
  for (const view in names.views) {
    noted.push([view, names.views[view], false]);
  }
  for (const view in names.functionViews) {
    noted.push([view, names.functionViews[view], true]);
  }
  return noted;
}

/**
 * Whether `view`, which the step's cell at `at` notes as a view of `array`, is one: the array is
 * NumPy's, and so is the function that made the view where one did (`np.reshape(x, 4)`).
 */
function isNumpyView(
  view: string,
  array: string,
  byFunction: boolean,
  step: IPipelineStep,
  at: number,
  context: IStepContext
): boolean {
  return (
    madeByNumpy(array, step, at, context) &&
    (!byFunction || madeByNumpy(view, step, at, context))
  );
}

/**
 * The arrays the step takes and changes through a view it makes of them: `v = x[:2]` then
 * `v[0] = 5` (in that cell or a later one), or `v *= 2` in a later cell. The step hands such an
 * array on, as it would had it changed it by its own name. Call once the step's producers are
 * known.
 */
export function arraysChangedThroughViews(
  step: IPipelineStep,
  context: IStepContext
): string[] {
  const changed: string[] = [];
  step.cells.forEach((cell, at) => {
    const { names } = context.analysisOf(cell);
    for (const [view, array, byFunction] of notedViews(names)) {
      if (
        !changed.includes(array) &&
        step.producers[array] !== undefined &&
        changedFrom(view, step, at, context) &&
        isNumpyView(view, array, byFunction, step, at, context)
      ) {
        changed.push(array);
      }
    }
  });
  return changed;
}

/** Whether the step changes `name` in place in its cell at `at` or a later one. */
function changedFrom(
  name: string,
  step: IPipelineStep,
  at: number,
  context: IStepContext
): boolean {
  for (let i = at; i < step.cells.length; i++) {
    const { mutations, augmentedInputs } = context.analysisOf(
      step.cells[i]
    ).names;
    if (
      mutations.includes(name) ||
      (i > at && augmentedInputs?.includes(name))
    ) {
      return true;
    }
  }
  return false;
}

/** Whether the last binding of `name` the step's cell at `at` sees is a NumPy call's value. */
function madeByNumpy(
  name: string,
  step: IPipelineStep,
  at: number,
  context: IStepContext
): boolean {
  const producer = context.stepsByName.get(step.producers[name]);
  const places: [IPipelineStep, number][] = [[step, at]];
  if (producer) {
    places.push([producer, producer.cells.length - 1]);
  }
  for (const [where, last] of places) {
    for (let i = last; i >= 0; i--) {
      const { names } = context.analysisOf(where.cells[i]);
      if (!bindsAgain(names, name)) {
        continue; // not bound here, or only changed in place (`x[0] = 1`)
      }
      const callee = names.madeByDotted?.[name] ?? names.instances[name];
      if (callee === undefined) {
        return false;
      }
      const first = callee.split('.')[0];
      const source = importedAs(
        first,
        i,
        where,
        context.sharedCells,
        context.stepsByName.get(where.producers[first]),
        context.analysisOf
      );
      if (source === null) {
        return false;
      }
      const dotted = source + callee.slice(first.length);
      return dotted.startsWith('numpy.');
    }
  }
  return false;
}
