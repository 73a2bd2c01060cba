/**
 * The files each step reads by name, for its cache key (step-cache.ts): the paths its cells and
 * the shared cells (imports, functions) name, literal or built from the shared cells' and the
 * parameters' path names (core/ir/step-files.ts), less those the step writes itself (its own
 * output would make every run a miss). A file that changes between runs then reruns the step.
 */
import { pipelineAnalysisOf } from '../../core/generate/code-analysis';
import { IPipelineIR, ParameterValue } from '../../core/ir/pipeline';
import {
  pathConstants,
  sharedFileNames,
  stepFileNames
} from '../../core/ir/step-files';

/** Step name → the paths (as the code names them) it reads, sorted; steps naming none left out. */
export function stepReadFiles(
  ir: IPipelineIR,
  params: Record<string, ParameterValue>
): Map<string, string[]> {
  const analysisOf = pipelineAnalysisOf(ir);
  const parameters = new Map(
    Object.entries(params)
      .filter(([, value]) => typeof value === 'string')
      .map(([name, value]) => [name, String(value)])
  );
  const sharedCells = [...ir.imports, ...ir.functions].map(c => c.cell);
  const constants = pathConstants(sharedCells, analysisOf, parameters);
  const shared = sharedFileNames(sharedCells, constants, analysisOf);
  const files = new Map<string, string[]>();
  for (const step of ir.steps) {
    const uses = [...shared, ...stepFileNames(step, constants, analysisOf)];
    const written = new Set(uses.filter(u => u.written).map(u => u.path));
    const read = [
      ...new Set(uses.map(u => u.path).filter(path => !written.has(path)))
    ].sort();
    if (read.length) {
      files.set(step.name, read);
    }
  }
  return files;
}
