/** Names an imports or functions cell reads at its top level that no shared cell binds. */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import { ISegments } from './segment';
import { IGlobalContext } from './step-names';

/**
 * An imports or functions cell runs at the start of every step, before the step's inputs are
 * loaded: a name its top-level code reads comes from the shared cells or the parameters, or the
 * cell fails in every step where a step binds it (the notebook run top to bottom worked), or
 * it is undefined. Warnings, not errors: a read under a guard (`try: model` / `except
 * NameError`) runs. Not where a shared cell binds names the analysis cannot know (`exec`, a
 * star import) or could not be read whole.
 */
export function sharedCellReads(
  segments: ISegments,
  steps: readonly IPipelineStep[],
  stepWrites: readonly ReadonlySet<string>[],
  context: IGlobalContext,
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  const shared = [
    ...segments.imports.map(cell => ({ cell, kind: 'imports' })),
    ...segments.functions.map(cell => ({ cell, kind: 'functions' }))
  ];
  const unknowable = shared.some(({ cell }) => {
    const { names } = analysisOf(cell);
    return (
      names.incomplete ||
      names.dynamicBindings.length !== 0 ||
      names.starImports.length !== 0
    );
  });
  if (unknowable) {
    return [];
  }
  const diagnostics: IDiagnostic[] = [];
  for (const { cell, kind } of shared) {
    for (const read of analysisOf(cell).names.reads) {
      if (context.available.has(read.name)) {
        continue;
      }
      const binder = steps.find((_, index) => stepWrites[index].has(read.name));
      diagnostics.push({
        severity: 'warning',
        code: binder ? 'shared-cell-read' : 'undefined-name',
        message: binder
          ? `the ${kind} cell reads '${read.name}' when it runs, at the start of every step and ` +
            `before the step's inputs are loaded, but only step '${binder.name}' binds it: bind ` +
            'it in an imports, functions or parameters cell, or read it inside a function'
          : `'${read.name}' is read in the ${kind} cell but no imports, functions or parameters ` +
            'cell defines it',
        cell,
        line: read.line,
        column: read.column
      });
    }
  }
  return diagnostics;
}
