/** `cellpipe compile NB --target argo|kfp [-o FILE] [--namespace NS] [--image IMG] [--settings FILE]` */
import { readFileSync, writeFileSync } from 'node:fs';
import { ICliCommand } from '../command';
import { oneNotebook, parseArgs } from '../args';
import { UserError } from '../../core/errors';
import { analyzeNotebookText } from '../../core/analyze';
import { CompileTarget } from '../../core/generate/compiled';
import {
  COMPILE_TARGETS,
  compileWithSettings
} from '../../core/generate/compile';
import { resolveSettings } from '../../core/settings/resolve';
import { ISettingsOverrides } from '../../core/settings/resolved';
import { securityWeakenings } from '../../core/settings/security';
import { readNotebookFile } from '../../engine/notebook-file';
import { clusterPipeline, warningLines } from '../../engine/cluster-pipeline';

const usage = `usage: cellpipe compile NOTEBOOK --target argo|kfp [-o FILE]
                        [--namespace NS] [--image IMAGE] [--settings FILE.json]

Writes the pipeline document (stdout without -o).
  --target argo   an Argo Workflow; multi-document YAML when step code moves into ConfigMaps
  --target kfp    a KFP v2 PipelineSpec, then its Kubernetes platform document
  --settings FILE JSON object with the same keys as the notebook's metadata.cellpipe; it wins
                  over the notebook (see README, "Settings")
Security settings that fall short of Pod Security "restricted" are printed as warnings.`;

function readOverrides(path: string | undefined): ISettingsOverrides {
  if (path === undefined) {
    return {};
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read settings file ${path}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `settings file ${path} is not JSON: ${(error as Error).message}`
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`settings file ${path} must hold a JSON object`);
  }
  return value as ISettingsOverrides;
}

export const compileCommand: ICliCommand = {
  name: 'compile',
  summary: 'write the Argo Workflow or KFP pipeline document',
  usage,
  async run(args) {
    const parsed = parseArgs(args, {
      options: ['--target', '--output', '--namespace', '--image', '--settings'],
      aliases: { '-o': '--output', '-t': '--target' }
    });
    const path = oneNotebook(parsed, usage);
    const target = parsed.options.get('--target');
    if (target === undefined) {
      throw new UserError(`--target is required\n${usage}`);
    }
    if (!COMPILE_TARGETS.includes(target as CompileTarget)) {
      throw new UserError(
        `--target must be ${COMPILE_TARGETS.join(' or ')}, not ${JSON.stringify(target)}`
      );
    }
    const overrides = readOverrides(parsed.options.get('--settings'));
    for (const key of ['namespace', 'image'] as const) {
      const value = parsed.options.get(`--${key}`);
      if (value !== undefined) {
        overrides[key] = value;
      }
    }
    // The modules next to the notebook that its code imports go with the pipeline.
    const { ir, warnings } = clusterPipeline(
      analyzeNotebookText(readNotebookFile(path), path),
      target as CompileTarget,
      path
    );
    const settings = resolveSettings(ir, overrides);
    const compiled = compileWithSettings(ir, target as CompileTarget, settings);
    // Warnings (a dropped setting, a module the step pods will not have) name the notebook:
    // nothing is dropped silently.
    for (const line of warningLines(path, warnings)) {
      process.stderr.write(line);
    }
    for (const weakening of securityWeakenings(settings.security)) {
      process.stderr.write(
        `cellpipe: warning: ${weakening} (weaker than the Pod Security "restricted" defaults)\n`
      );
    }
    const output = parsed.options.get('--output');
    if (output === undefined) {
      process.stdout.write(compiled.text);
    } else {
      writeFileSync(output, compiled.text);
    }
    return 0;
  }
};
