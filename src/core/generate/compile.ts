/**
 * `compile(ir, target, overrides)`: the one entry every caller (CLI, engine, tests) uses to turn
 * an analysed notebook into a pipeline document. Refuses a notebook with error diagnostics.
 */
import { UserError } from '../errors';
import { IPipelineIR } from '../ir/pipeline';
import { IPipelineSettings, ISettingsOverrides } from '../settings/resolved';
import { resolveSettings } from '../settings/resolve';
import { CompileTarget, ICompiled } from './compiled';
import { compileArgo } from './argo/compile-argo';
import { compileKfp } from './kfp/compile-kfp';
import { RUNTIME_PARAMETER } from './packed-script';
import {
  assertOnlyOwnPlaceholders,
  checkPipelineText
} from './template-syntax';

export const COMPILE_TARGETS: CompileTarget[] = ['argo', 'kfp'];

/** Throws the first error diagnostic as a UserError naming the notebook, cell and line. */
export function assertCompilable(ir: IPipelineIR): void {
  const error = ir.diagnostics.find(d => d.severity === 'error');
  if (error) {
    throw new UserError(error.message, {
      notebook: ir.notebook,
      cell: error.cell ?? undefined,
      line: error.cell === null ? undefined : error.line
    });
  }
  if (!ir.steps.length) {
    throw new UserError('no steps: tag at least one code cell `step:NAME`', {
      notebook: ir.notebook
    });
  }
}

export function compileWithSettings(
  ir: IPipelineIR,
  target: CompileTarget,
  settings: IPipelineSettings
): ICompiled {
  assertCompilable(ir);
  checkPipelineText(ir);
  const reserved = ir.parameters.find(p => p.name === RUNTIME_PARAMETER);
  if (reserved) {
    throw new UserError(
      `parameter '${RUNTIME_PARAMETER}' has a name cellpipe reserves for the step runtime ` +
        'it passes to every step; rename it',
      { notebook: ir.notebook, cell: reserved.cell, line: reserved.line }
    );
  }
  const compiled = generate(ir, target, settings);
  // ConfigMaps carry step code as files; neither engine reads templates there.
  const read = compiled.documents.filter(d => d.kind !== 'ConfigMap');
  assertOnlyOwnPlaceholders(read, target, ir.notebook);
  return compiled;
}

function generate(
  ir: IPipelineIR,
  target: CompileTarget,
  settings: IPipelineSettings
): ICompiled {
  switch (target) {
    case 'argo':
      return compileArgo(ir, settings);
    case 'kfp':
      return compileKfp(ir, settings);
    default:
      throw new UserError(
        `unknown target ${JSON.stringify(target)}; expected ${COMPILE_TARGETS.join(' or ')}`
      );
  }
}

export function compile(
  ir: IPipelineIR,
  target: CompileTarget,
  overrides: ISettingsOverrides = {}
): ICompiled {
  return compileWithSettings(ir, target, resolveSettings(ir, overrides));
}
