/**
 * Functions and classes handed between steps on a cluster. A later step that uses a function or
 * class an earlier step defines loads it from what that step saved. Plain pickle saves such a
 * function by name only (`__main__.f`), which no other process can load; cloudpickle saves its
 * code (the runtime also takes the copy that joblib 1.4 and earlier carry). A local run uses the
 * kernel's Python, which `pip install cellpipe` gives cloudpickle; a pod has the step image only,
 * and common images (python:3.11-slim) lack it. An instance of a class a step defines is the
 * same: plain pickle saves its class by name. So compiling for a cluster warns
 * (`notebook-function`) where a step first uses each such value, before the run fails there.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic, inNotebookOrder } from '../ir/diagnostic';
import { IPipelineIR, IPipelineStep } from '../ir/pipeline';
import { codeAnalysis } from './code-analysis';
import { CompileTarget } from './compiled';
import { ENGINE_NAMES } from './local-modules';

/**
 * What the step leaves bound to something plain pickle cannot pass: name -> null for a function
 * or class it defines, or the class's name for an instance of a class a step defines
 * (`reader = Reader()`). A functions cell's class is defined in every step before its inputs
 * load, so its instances pickle by name. `stepClasses` collects the classes steps define.
 */
function unpicklableLeftBy(
  step: IPipelineStep,
  stepClasses: Set<string>
): Map<string, string | null> {
  const left = new Map<string, string | null>();
  for (const code of step.code) {
    const { writes, functions, instances } = codeAnalysis(code).names;
    for (const name in functions) {
      if (functions[name].isClass) {
        stepClasses.add(name);
      }
    }
    for (const name of writes) {
      if (Object.prototype.hasOwnProperty.call(functions, name)) {
        left.set(name, null);
      } else if (name in instances && stepClasses.has(instances[name])) {
        left.set(name, instances[name]);
      } else {
        left.delete(name);
      }
    }
  }
  return left;
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
  const stepClasses = new Set<string>();
  const leftBy = new Map<string, Map<string, string | null>>();
  const warned = new Set<string>();
  const diagnostics: IDiagnostic[] = [];
  for (const step of ir.steps) {
    for (const name of step.inputs) {
      const producer = step.producers[name];
      const made = leftBy.get(producer)?.get(name);
      const key = JSON.stringify([producer, name]);
      if (made === undefined || warned.has(key)) {
        continue;
      }
      warned.add(key);
      const what =
        made === null
          ? `'${name}', which step '${producer}' defines`
          : `'${name}', which step '${producer}' makes from the class '${made}' that a step defines`;
      diagnostics.push({
        severity: 'warning',
        code: 'notebook-function',
        message:
          `step '${step.name}' uses ${what}: on ` +
          `${ENGINE_NAMES[target]} it reaches the step only if the step image has cloudpickle ` +
          "(2.1 or later; scikit-learn's joblib brings it), which saves it with its code; " +
          `without it (python:3.11-slim has none), step '${step.name}' fails to load it. ` +
          `Install cloudpickle in the step image, or define ${made === null ? 'it' : 'the class'} ` +
          'in a functions cell, which every step runs',
        ...firstUse(step, name)
      });
    }
    leftBy.set(step.name, unpicklableLeftBy(step, stepClasses));
  }
  return inNotebookOrder(diagnostics);
}
