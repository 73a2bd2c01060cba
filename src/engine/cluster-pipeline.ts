/**
 * A notebook's pipeline made ready for a cluster: the modules next to the notebook that its steps
 * import go with it (the step pods have the step image only). The warnings of compiling it are
 * the analysis' own, then, in notebook order, one for each such module that cannot go, one for
 * each file a step uses that its pod will not have, and one for each function or class a step
 * takes from another (which needs cloudpickle in the step image).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatLocation } from '../core/errors';
import { CompileTarget } from '../core/generate/compiled';
import { clusterFileWarnings } from '../core/generate/cluster-files';
import { notebookFunctionWarnings } from '../core/generate/cluster-functions';
import { unshippedModuleWarnings } from '../core/generate/local-modules';
import { IDiagnostic, inNotebookOrder } from '../core/ir/diagnostic';
import { IPipelineIR } from '../core/ir/pipeline';
import { shipLocalModules } from './shipped-modules';

export interface IClusterPipeline {
  /** The IR with `modules` set (unchanged when nothing is shipped). */
  ir: IPipelineIR;
  /** The file or folder of each module shipped (`helpers.py`, `pkg/`). */
  shipped: string[];
  warnings: IDiagnostic[];
}

/**
 * `notebook`: the notebook file's path (it need not exist: its folder is what is read), or null
 * when there is no folder to read.
 */
export function clusterPipeline(
  ir: IPipelineIR,
  target: CompileTarget,
  notebook: string | null
): IClusterPipeline {
  const own = ir.diagnostics.filter(d => d.severity === 'warning');
  const folder = notebook === null ? null : dirname(notebook);
  const files = inNotebookOrder([
    ...clusterFileWarnings(
      ir,
      target,
      path => folder !== null && existsSync(join(folder, path))
    ),
    ...notebookFunctionWarnings(ir, target)
  ]);
  if (notebook === null) {
    return { ir, shipped: [], warnings: [...own, ...files] };
  }
  const shipped = shipLocalModules(ir, notebook);
  const cluster = inNotebookOrder([
    ...unshippedModuleWarnings(target, shipped.unshipped),
    ...files
  ]);
  return {
    ir: shipped.files.length ? { ...ir, modules: shipped.files } : ir,
    shipped: shipped.modules,
    warnings: [...own, ...cluster]
  };
}

/** Each warning as the command line prints it: `cellpipe: warning: NB, cell C, line L: …`. */
export function warningLines(
  notebook: string,
  warnings: readonly IDiagnostic[]
): string[] {
  return warnings.map(d => {
    const where = formatLocation({
      notebook,
      cell: d.cell ?? undefined,
      line: d.cell === null ? undefined : d.line
    });
    return `cellpipe: warning: ${where}${d.message}\n`;
  });
}
