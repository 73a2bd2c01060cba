/**
 * A module next to the notebook (`helpers.py`, or a package folder) imports in the kernel and in
 * a local run, which put the notebook's folder on the path. A cluster's step pod has the step
 * image only, not the notebook's folder, so the step fails there with ModuleNotFoundError.
 * Compiling for Argo or KFP warns at the first import of each such module. Which modules lie next
 * to the notebook is the caller's to say: core reads no files.
 */
import { analysisTree, analyzeCellSource } from '../analysis/cell-analysis';
import { importedModules } from '../analysis/imported-modules';
import { IDiagnostic } from '../ir/diagnostic';
import { ICellCode, IPipelineIR } from '../ir/pipeline';
import { CompileTarget } from './compiled';

const ENGINES: Record<CompileTarget, string> = {
  argo: 'Argo',
  kfp: 'Kubeflow Pipelines'
};

/**
 * Warnings for the modules the pipeline's code imports that `localFile` finds next to the
 * notebook (it gives the file or folder, or null).
 */
export function localModuleWarnings(
  ir: IPipelineIR,
  target: CompileTarget,
  localFile: (module: string) => string | null
): IDiagnostic[] {
  const shared = [...ir.imports, ...ir.functions];
  const owners = new Map<number, string>();
  for (const step of ir.steps) {
    step.code.forEach(code => owners.set(code.cell, step.name));
  }
  const cells: ICellCode[] = [...shared, ...ir.steps.flatMap(s => s.code)];
  cells.sort((a, b) => a.cell - b.cell);
  const seen = new Set<string>();
  const diagnostics: IDiagnostic[] = [];
  for (const code of cells) {
    const analysis = analyzeCellSource(code.source);
    for (const use of importedModules(
      analysis.python,
      analysisTree(analysis)
    )) {
      if (seen.has(use.module)) {
        continue;
      }
      seen.add(use.module);
      const file = localFile(use.module);
      if (file === null) {
        continue;
      }
      const owner = owners.get(code.cell);
      const who = owner === undefined ? 'every step' : `step '${owner}'`;
      diagnostics.push({
        severity: 'warning',
        code: 'local-module',
        message:
          `'${use.module}' is imported from ${file}, next to the notebook: a local run finds ` +
          `it, but on ${ENGINES[target]} ${who} runs in a pod that has the step image, not the ` +
          "notebook's folder, and fails with ModuleNotFoundError. Install it in the step image " +
          '(pip install your package there), or move its code into a functions cell',
        cell: code.cell,
        line: use.line,
        column: use.column
      });
    }
  }
  return diagnostics;
}
