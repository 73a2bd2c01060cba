/**
 * The warnings of compiling a notebook for a cluster: the analysis' own, then one for each
 * module next to the notebook that the steps import (the step pods will not have it).
 */
import { formatLocation } from '../core/errors';
import { CompileTarget } from '../core/generate/compiled';
import { localModuleWarnings } from '../core/generate/local-modules';
import { IDiagnostic } from '../core/ir/diagnostic';
import { IPipelineIR } from '../core/ir/pipeline';
import { localModuleFinder } from './local-modules';

/** `notebook`: the notebook file's path (it need not exist: its folder is what is read). */
export function clusterWarnings(
  ir: IPipelineIR,
  target: CompileTarget,
  notebook: string
): IDiagnostic[] {
  return [
    ...ir.diagnostics.filter(d => d.severity === 'warning'),
    ...localModuleWarnings(ir, target, localModuleFinder(notebook))
  ];
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
