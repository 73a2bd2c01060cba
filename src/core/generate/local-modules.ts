/**
 * A module next to the notebook (`helpers.py`, or a package folder) imports in the kernel and in
 * a local run, which put the notebook's folder on the path. A cluster's step pod has the step
 * image only, so the cluster targets ship such modules with the pipeline (IPipelineIR.modules):
 * every step writes them to a folder first on its path. Which modules lie next to the notebook,
 * and their text, are the caller's to say: core reads no files. A module that cannot be shipped
 * (too large, unreadable) gets a warning at the first import that needs it.
 */
import {
  analysisTree,
  analyzeCellSource,
  ICellAnalysis
} from '../analysis/cell-analysis';
import { importedModules } from '../analysis/imported-modules';
import { IDiagnostic } from '../ir/diagnostic';
import { ICellCode, IPipelineIR } from '../ir/pipeline';
import { codeAnalysis } from './code-analysis';
import { CompileTarget } from './compiled';

/** The engine each target runs on, as warnings name it. */
export const ENGINE_NAMES: Record<CompileTarget, string> = {
  argo: 'Argo',
  kfp: 'Kubeflow Pipelines'
};

/** The first import of a module in the pipeline's code. */
export interface IPipelineModuleImport {
  module: string;
  cell: number;
  /** 1-based line and 0-based column of the module's name. */
  line: number;
  column: number;
  /** The step that runs the import; undefined for the imports and functions cells (every step). */
  step?: string;
}

/** The first import of each module the pipeline's code imports, in notebook order. */
export function pipelineModuleImports(
  ir: IPipelineIR
): IPipelineModuleImport[] {
  const owners = new Map<number, string>();
  for (const step of ir.steps) {
    step.code.forEach(code => owners.set(code.cell, step.name));
  }
  const cells: ICellCode[] = [
    ...ir.imports,
    ...ir.functions,
    ...ir.steps.flatMap(s => s.code)
  ];
  cells.sort((a, b) => a.cell - b.cell);
  const first = new Map<string, IPipelineModuleImport>();
  for (const code of cells) {
    for (const use of moduleImports(codeAnalysis(code))) {
      if (!first.has(use.module)) {
        first.set(use.module, {
          ...use,
          cell: code.cell,
          step: owners.get(code.cell)
        });
      }
    }
  }
  return [...first.values()];
}

/** The top-level names a module file's (or cell's) code imports, once each, in order. */
export function moduleFileImports(source: string): string[] {
  const imports = moduleImports(analyzeCellSource(source));
  return [...new Set(imports.map(use => use.module))];
}

function moduleImports(analysis: ICellAnalysis) {
  return importedModules(analysis.python, analysisTree(analysis));
}

/** A module next to the notebook that the pipeline needs and does not ship. */
export interface IUnshippedModule {
  module: string;
  /** Its file or folder under the notebook's folder: `helpers.py`, `pkg/`. */
  file: string;
  /** Why it is not shipped, completing "cellpipe does not ship it: …". */
  reason: string;
  /** The pipeline's import that needs it. */
  neededBy: IPipelineModuleImport;
  /** The shipped module whose code imports it, when the pipeline's code does not itself. */
  importedBy?: string;
}

/** A warning at the pipeline's import for each module the steps will lack. */
export function unshippedModuleWarnings(
  target: CompileTarget,
  unshipped: readonly IUnshippedModule[]
): IDiagnostic[] {
  return unshipped.map(({ module, file, reason, neededBy, importedBy }) => {
    const who =
      neededBy.step === undefined ? 'every step' : `step '${neededBy.step}'`;
    const importer =
      importedBy === neededBy.module
        ? `'${importedBy}'`
        : `'${importedBy}' (imported through '${neededBy.module}')`;
    const what =
      importedBy === undefined
        ? `'${module}' is imported from ${file}, next to the notebook`
        : `${importer} imports '${module}' (${file}, next to the notebook)`;
    return {
      severity: 'warning',
      code: 'local-module',
      message:
        `${what}, and cellpipe does not ship it with the pipeline: ${reason}. A local run ` +
        `finds it, but on ${ENGINE_NAMES[target]} ${who} runs in a pod that has the step image, ` +
        "not the notebook's folder, and fails with ModuleNotFoundError. Install it in the " +
        'step image (pip install your package there), or move its code into a functions cell',
      cell: neededBy.cell,
      line: neededBy.line,
      column: neededBy.column
    };
  });
}
