/**
 * A cluster run's notebook and settings checked by compiling them, before anything reads the
 * cluster's configuration. No Kubernetes client here: the engine loads that only for a cluster
 * run (cluster-runs.ts), and the lab's check before the parameters dialog must not.
 */
import { CompileTarget } from '../core/generate/compiled';
import { compileWithSettings } from '../core/generate/compile';
import { IPipelineIR } from '../core/ir/pipeline';
import { resolveSettings } from '../core/settings/resolve';
import { ISettingsOverrides } from '../core/settings/resolved';

/**
 * Compiles once with the settings as given, asking no cluster: a problem of the notebook or its
 * settings (a name holding '{{', a bad value) is said before the cluster's configuration is
 * read, which fails first on a machine without one.
 */
export function checkCompiles(
  ir: IPipelineIR,
  target: CompileTarget,
  overrides: ISettingsOverrides
): void {
  compileWithSettings(ir, target, resolveSettings(ir, overrides));
}
