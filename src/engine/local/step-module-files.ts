/**
 * The modules next to the notebook that the pipeline imports (`helpers.py`, the `.py` files of a
 * package folder, and the local modules those import), found as the cluster targets find the
 * modules they ship (shipped-modules.ts). A local run imports them from the notebook's folder, so
 * they are part of every step's cache key: editing `helpers.py` reruns the steps.
 */
import { dirname, join } from 'node:path';
import { IPipelineIR } from '../../core/ir/pipeline';
import { shipLocalModules } from '../shipped-modules';

/** Their absolute paths, sorted; none when the pipeline imports no module next to it. */
export function localModuleFiles(ir: IPipelineIR, notebook: string): string[] {
  const folder = dirname(notebook);
  return shipLocalModules(ir, notebook, Number.POSITIVE_INFINITY)
    .files.map(file => join(folder, file.path))
    .sort();
}
