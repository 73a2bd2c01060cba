/**
 * A notebook compiled for a cluster submission (`cellpipe submit NOTEBOOK.ipynb`, and the lab's
 * Compile and run with target Argo or KFP). Inside a notebook pod with no image set in the
 * notebook, the lab settings or the command line, steps run in the notebook pod's own image,
 * read through the API, as users expect on Kubeflow.
 */
import { CompileTarget, ICompiled } from '../../core/generate/compiled';
import { IPipelineIR } from '../../core/ir/pipeline';
import { compileWithSettings } from '../../core/generate/compile';
import { analyzeNotebookText } from '../../core/analyze';
import { resolveSettings } from '../../core/settings/resolve';
import {
  IPipelineSettings,
  ISettingsOverrides
} from '../../core/settings/resolved';
import { securityWeakenings } from '../../core/settings/security';
import { readNotebookFile } from '../notebook-file';
import { IKubeConnection, notebookPodImage } from './connection';
import { clusterPipeline, warningLines } from '../cluster-pipeline';
import { checkCompiles } from '../compile-check';

export interface IClusterCompiled {
  compiled: ICompiled;
  settings: IPipelineSettings;
}

export async function compileForCluster(
  ir: IPipelineIR,
  target: CompileTarget,
  overrides: ISettingsOverrides,
  connection?: IKubeConnection
): Promise<IClusterCompiled> {
  const given = overrides.image ?? ir.settings.image;
  const podImage =
    given === undefined && connection
      ? await notebookPodImage(connection)
      : undefined;
  const settings = resolveSettings(
    ir,
    podImage === undefined ? overrides : { ...overrides, image: podImage }
  );
  return { compiled: compileWithSettings(ir, target, settings), settings };
}

/** `cellpipe submit NOTEBOOK.ipynb`: the compiled text, warnings on stderr. */
export async function compileForSubmit(
  file: string,
  target: CompileTarget,
  overrides: ISettingsOverrides,
  connection?: IKubeConnection
): Promise<string> {
  return (
    await compileNotebookForSubmit(file, target, overrides, () => connection)
  ).text;
}

/**
 * {@link compileForSubmit}, with the notebook's IR (to check `--param` values against) and its
 * resolved settings (the KFP experiment).
 */
export async function compileNotebookForSubmit(
  file: string,
  target: CompileTarget,
  overrides: ISettingsOverrides,
  connect?: () => IKubeConnection | undefined
): Promise<{ text: string; ir: IPipelineIR; settings: IPipelineSettings }> {
  const { ir, warnings } = clusterPipeline(
    analyzeNotebookText(readNotebookFile(file), file),
    target,
    file
  );
  checkCompiles(ir, target, overrides);
  const { compiled, settings } = await compileForCluster(
    ir,
    target,
    overrides,
    connect?.()
  );
  for (const line of warningLines(file, warnings)) {
    process.stderr.write(line);
  }
  for (const weakening of securityWeakenings(settings.security)) {
    process.stderr.write(
      `cellpipe: warning: ${weakening} (weaker than the Pod Security "restricted" defaults)\n`
    );
  }
  return { text: compiled.text, ir, settings };
}
