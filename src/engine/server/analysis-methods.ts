/** The engine's analyze, compile and settings methods. */
import { analyzeSummary, IAnalyzeSummary } from '../../core/ir/summary';
import { CompileTarget } from '../../core/generate/compiled';
import {
  COMPILE_TARGETS,
  compileWithSettings
} from '../../core/generate/compile';
import { resolveSettings } from '../../core/settings/resolve';
import {
  IPipelineSettings,
  ISettingsOverrides
} from '../../core/settings/resolved';
import { securityWeakenings } from '../../core/settings/security';
import { EngineError } from './protocol';
import {
  INotebookRequest,
  INotebookRoot,
  notebookIR,
  pathUnderRoot
} from './notebook-source';
import { clusterPipeline } from '../cluster-pipeline';
import { IPipelineIR } from '../../core/ir/pipeline';
import { formatLocation } from '../../core/errors';

export interface IAnalysisParams extends INotebookRequest {
  overrides?: unknown;
  target?: unknown;
}

export function overridesOf(value: unknown): ISettingsOverrides {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new EngineError(400, '"overrides" must be an object of settings');
  }
  return value as ISettingsOverrides;
}

export function analyzeMethod(
  root: INotebookRoot,
  params: IAnalysisParams
): IAnalyzeSummary {
  return analyzeSummary(notebookIR(root, params));
}

export function settingsMethod(
  root: INotebookRoot,
  params: IAnalysisParams
): { settings: IPipelineSettings; weakenings: string[] } {
  const settings = resolveSettings(
    notebookIR(root, params),
    overridesOf(params.overrides)
  );
  return { settings, weakenings: securityWeakenings(settings.security) };
}

export function compileMethod(
  root: INotebookRoot,
  params: IAnalysisParams
): {
  target: CompileTarget;
  text: string;
  warnings: string[];
  /** The file or folder of each module next to the notebook that the pipeline carries. */
  shipped: string[];
} {
  const target = params.target as CompileTarget;
  if (!COMPILE_TARGETS.includes(target)) {
    throw new EngineError(
      400,
      `"target" must be ${COMPILE_TARGETS.join(' or ')}`
    );
  }
  const {
    ir,
    shipped,
    warnings: cluster
  } = engineClusterPipeline(root, params, notebookIR(root, params), target);
  const settings = resolveSettings(ir, overridesOf(params.overrides));
  const compiled = compileWithSettings(ir, target, settings);
  const warnings = [...cluster, ...securityWeakenings(settings.security)];
  return { target, text: compiled.text, warnings, shipped };
}

/**
 * {@link clusterPipeline} for a request, its warnings as the lab shows them (`Cell 3, line 2: …`):
 * the notebook's folder is read when the request names its path under the root (an unsaved
 * notebook's `path` names it too).
 */
export function engineClusterPipeline(
  root: INotebookRoot,
  params: INotebookRequest,
  ir: IPipelineIR,
  target: CompileTarget
): { ir: IPipelineIR; shipped: string[]; warnings: string[] } {
  let file: string | null = null;
  try {
    file = params.path === undefined ? null : pathUnderRoot(root, params.path);
  } catch {
    // A path the engine would not read names no folder to look in.
  }
  const pipeline = clusterPipeline(ir, target, file);
  return {
    ir: pipeline.ir,
    shipped: pipeline.shipped,
    warnings: pipeline.warnings.map(
      d =>
        formatLocation(
          d.cell === null
            ? { notebook: ir.notebook }
            : { cell: d.cell, line: d.line }
        ) + d.message
    )
  };
}
