/**
 * The most steps a cluster pipeline may have (issue 14, finding 13). Argo and KFP carry the whole
 * pipeline as one document (about 10 kB per step for KFP, whose every executor holds its step's
 * code), and the cluster keeps it in Kubernetes objects of at most 1.5 MiB each. 2,000 steps
 * compile in seconds to some 20 MB; 20,000 ran 25 s at 1.2 GB and then ran out of string length.
 * So a larger notebook is refused before anything is rendered, with what to do instead.
 */
import { UserError } from '../errors';
import { IPipelineIR } from '../ir/pipeline';

export const MAX_CLUSTER_STEPS = 2000;

export function assertClusterStepCount(
  ir: IPipelineIR,
  engine: 'Argo' | 'KFP'
): void {
  if (ir.steps.length <= MAX_CLUSTER_STEPS) {
    return;
  }
  const count = (n: number) => n.toLocaleString('en-US');
  throw new UserError(
    `${count(ir.steps.length)} steps are too many for one ${engine} pipeline: cellpipe ` +
      `compiles at most ${count(MAX_CLUSTER_STEPS)} steps for a cluster (the whole pipeline ` +
      'is one document the cluster must store); merge steps, split the notebook, or run it locally',
    { notebook: ir.notebook }
  );
}
