/**
 * The local runner's step scripts: the step's own part, the observer
 * (templates/runtime/cellpipe_observer.py: what `--observe` reports, for the step cache, see
 * observed-files.ts), then the runtime. The cluster targets' scripts carry no observer: their
 * documents stay as small as before it.
 */
import observerSource from '../../../templates/runtime/cellpipe_observer.py';
import { IPipelineIR, IPipelineStep } from '../../core/ir/pipeline';
import { renderStepScriptParts } from '../../core/generate/step-script';

export function localStepScript(ir: IPipelineIR, step: IPipelineStep): string {
  const parts = renderStepScriptParts(ir, step);
  return parts.step + observerSource + parts.runtime;
}
