/**
 * A step that binds or changes a name that the shared cells or the parameters give every step
 * (`threshold = 0.9` where `threshold` is a parameter, a functions cell's `def clean` defined
 * again, `CONFIG["lr"] = 0.5`): design §3.3 never passes such names, since every step has them,
 * so a later step sees the shared value, not the change, as it would not top to bottom. Warned
 * (`shared-name`) where a later step reads the name, itself or through a functions cell's
 * function. Names the shared cells import are left out: importing again is harmless.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import { IGlobalContext } from './step-names';

export type SharedKind = 'parameter' | 'functions' | 'imports';

/** Name → where every step gets it from: the parameters, a functions or an imports cell. */
export function sharedNameKinds(
  parameters: readonly string[],
  imports: readonly number[],
  functions: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, SharedKind> {
  const kinds = new Map<string, SharedKind>();
  const add = (cells: readonly number[], kind: SharedKind) => {
    for (const cell of cells) {
      const { writes, imported } = analysisOf(cell).names;
      const modules = new Set(imported);
      writes.forEach(name => !modules.has(name) && kinds.set(name, kind));
      modules.forEach(name => kinds.delete(name));
    }
  };
  add(imports, 'imports');
  add(functions, 'functions');
  parameters.forEach(name => kinds.set(name, 'parameter'));
  return kinds;
}

export function sharedRebindWarnings(
  steps: readonly IPipelineStep[],
  writesOf: readonly ReadonlySet<string>[],
  kinds: ReadonlyMap<string, SharedKind>,
  context: IGlobalContext,
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  if (!kinds.size) {
    return [];
  }
  const diagnostics: IDiagnostic[] = [];
  steps.forEach((step, index) => {
    for (const name of writesOf[index]) {
      const kind = kinds.get(name);
      if (!kind || ownImport(step, name, analysisOf)) {
        continue;
      }
      const readers = steps
        .slice(index + 1)
        .filter(later => readsShared(later, name, context, analysisOf));
      if (!readers.length) {
        continue;
      }
      const at = bindingLine(step, name, analysisOf);
      diagnostics.push({
        severity: 'warning',
        code: 'shared-name',
        message:
          `step '${step.name}' binds or changes '${name}', ${WHAT[kind]}: each step starts ` +
          `afresh from the shared value, so ${readers.length > 1 ? 'steps' : 'step'} ` +
          `${readers.map(r => `'${r.name}'`).join(', ')} will not see this change, which ` +
          `top to bottom ${readers.length > 1 ? 'they' : 'it'} would; give the new value a ` +
          `name of its own` +
          (kind === 'parameter'
            ? `, or set the parameter for the run (--param ${name}=…)`
            : ''),
        cell: at.cell,
        line: at.line,
        column: 0
      });
    }
  });
  return diagnostics;
}

const WHAT: Record<SharedKind, string> = {
  parameter: 'a pipeline parameter',
  functions: 'which a functions cell defines',
  imports: 'which the imports cell binds'
};

/** The step imports the name itself (`import numpy as np` again): the same module. */
function ownImport(
  step: IPipelineStep,
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): boolean {
  return step.cells.some(cell =>
    analysisOf(cell).names.imported.includes(name)
  );
}

/** A later step reads `name`, or calls a functions cell's function that reads it. */
function readsShared(
  step: IPipelineStep,
  name: string,
  context: IGlobalContext,
  analysisOf: (cell: number) => ICellAnalysis
): boolean {
  return step.cells.some(cell => {
    const { reads, deferredReads } = analysisOf(cell).names;
    return [...reads, ...deferredReads].some(
      read =>
        read.name === name ||
        (context.functionReads.get(read.name)?.globalReads.includes(name) ??
          false)
    );
  });
}

/** Where the step first binds `name` at the start of a line (else its first cell's line 1). */
function bindingLine(
  step: IPipelineStep,
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): { cell: number; line: number } {
  // A Python name has no character a regular expression treats specially.
  const binding = new RegExp(
    `^\\s*(def\\s+${name}\\b|class\\s+${name}\\b|${name}\\s*(\\[|\\.|[-+*/%@&|^]?=(?!=)))`,
    'u'
  );
  for (const cell of step.cells) {
    const lines = analysisOf(cell).python.split('\n');
    const line = lines.findIndex(text => binding.test(text));
    if (line >= 0) {
      return { cell, line: line + 1 };
    }
  }
  return { cell: step.cells[0], line: 1 };
}
