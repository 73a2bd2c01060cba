/**
 * `cellpipe submit NOTEBOOK.ipynb`: the notebook is compiled in process, as `cellpipe compile`
 * would, then submitted. Inside a notebook pod with no image set in the notebook or on the
 * command line, steps run in the notebook pod's own image (read through the API).
 */
import { CompileTarget } from '../../core/generate/compiled';
import { compileWithSettings } from '../../core/generate/compile';
import { analyzeNotebookText } from '../../core/analyze';
import { resolveSettings } from '../../core/settings/resolve';
import { ISettingsOverrides } from '../../core/settings/resolved';
import { securityWeakenings } from '../../core/settings/security';
import { readNotebookFile } from '../../engine/notebook-file';
import {
  IKubeConnection,
  notebookPodImage
} from '../../engine/kube/connection';

export async function compileForSubmit(
  file: string,
  target: CompileTarget,
  overrides: ISettingsOverrides,
  connection?: IKubeConnection
): Promise<string> {
  const ir = analyzeNotebookText(readNotebookFile(file), file);
  const given = overrides.image ?? ir.settings.image;
  const podImage =
    given === undefined && connection
      ? await notebookPodImage(connection)
      : undefined;
  const settings = resolveSettings(
    ir,
    podImage === undefined ? overrides : { ...overrides, image: podImage }
  );
  for (const weakening of securityWeakenings(settings.security)) {
    process.stderr.write(
      `cellpipe: warning: ${weakening} (weaker than the Pod Security "restricted" defaults)\n`
    );
  }
  return compileWithSettings(ir, target, settings).text;
}
