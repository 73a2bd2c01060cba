/**
 * Functions and classes handed between steps on a cluster. A later step that uses a function or
 * class an earlier step defines loads it from what that step saved. Plain pickle saves such a
 * function by name only (`__main__.f`), which no other process can load; cloudpickle saves its
 * code (the runtime also takes the copy that joblib 1.4 and earlier carry). A local run uses the
 * kernel's Python, which `pip install cellpipe` gives cloudpickle; a pod has the step image only,
 * and common images (python:3.11-slim) lack it. So compiling for a cluster warns
 * (`notebook-function`) where a step first uses each such function, before the run fails there.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic, inNotebookOrder } from '../ir/diagnostic';
import { IPipelineIR, IPipelineStep } from '../ir/pipeline';
import { codeAnalysis } from './code-analysis';
import { CompileTarget } from './compiled';
import { ENGINE_NAMES } from './local-modules';

/** The names the step leaves bound to a function or class it defines (a later binding undoes it). */
function functionsLeftBy(step: IPipelineStep): Set<string> {
  const defined = new Set<string>();
  for (const code of step.code) {
    const { writes, functions } = codeAnalysis(code).names;
    for (const name of writes) {
      if (Object.prototype.hasOwnProperty.call(functions, name)) {
        defined.add(name);
      } else {
        defined.delete(name);
      }
    }
  }
  return defined;
}

/** Where the step first names `name` (at module level, else in a function's body). */
function firstUse(
  step: IPipelineStep,
  name: string
): { cell: number; line: number; column: number } {
  for (const code of step.code) {
    const { names }: ICellAnalysis = codeAnalysis(code);
    const use =
      names.reads.find(r => r.name === name) ??
      names.deferredReads.find(r => r.name === name);
    if (use) {
      return { cell: code.cell, line: use.line, column: use.column };
    }
  }
  // Taken through another function it calls: the step's first cell.
  return { cell: step.cells[0], line: 1, column: 0 };
}

export function notebookFunctionWarnings(
  ir: IPipelineIR,
  target: CompileTarget
): IDiagnostic[] {
  const definedBy = new Map<string, Set<string>>();
  const definitions = (producer: string) => {
    let names = definedBy.get(producer);
    if (!names) {
      const step = ir.steps.find(s => s.name === producer);
      names = step ? functionsLeftBy(step) : new Set();
      definedBy.set(producer, names);
    }
    return names;
  };
  const warned = new Set<string>();
  const diagnostics: IDiagnostic[] = [];
  for (const step of ir.steps) {
    for (const name of step.inputs) {
      const producer = step.producers[name];
      const key = JSON.stringify([producer, name]);
      if (warned.has(key) || !definitions(producer).has(name)) {
        continue;
      }
      warned.add(key);
      diagnostics.push({
        severity: 'warning',
        code: 'notebook-function',
        message:
          `step '${step.name}' uses '${name}', which step '${producer}' defines: on ` +
          `${ENGINE_NAMES[target]} it reaches the step only if the step image has cloudpickle ` +
          "(2.1 or later; scikit-learn's joblib brings it), which saves it with its code; " +
          `without it (python:3.11-slim has none), step '${step.name}' fails to load it. ` +
          'Install cloudpickle in the step image, or define it in a functions cell, which ' +
          'every step runs',
        ...firstUse(step, name)
      });
    }
  }
  return inNotebookOrder(diagnostics);
}
