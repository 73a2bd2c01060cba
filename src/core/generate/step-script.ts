/**
 * The step script (docs/internals.md, "The step script"): one self-contained Python file per
 * step, run the same way by the local runner, Argo and KFP. Everything the template needs is
 * computed here; the template only lays it out, every value through a serializing filter.
 */
import stepTemplate from '../../../templates/step.py.njk';
import runtimeSource from '../../../templates/runtime/cellpipe_runtime.py';
import { ICellCode, IPipelineIR, IPipelineStep } from '../ir/pipeline';
import { registerTemplates, renderTemplate } from './environment';
import { cellNumber } from '../cell-number';

registerTemplates({ 'step.py.njk': stepTemplate });

/**
 * How the script writes `--metrics FILE`:
 * - `json`: `{name: value}` (numbers as JSON numbers);
 * - `kfp-v1`: `{"metrics": [{"name", "numberValue", "format": "RAW"}]}`, numeric metrics only.
 */
export type MetricsFormat = 'json' | 'kfp-v1';

export interface IStepScriptOptions {
  metricsFormat?: MetricsFormat;
}

/**
 * The file name a cell's code is compiled under, so tracebacks read `titanic.ipynb [cell 6]`
 * (counted from 1, as JupyterLab counts cells).
 */
export function cellFileName(notebook: string, cell: number): string {
  return `${notebook} [cell ${cellNumber(cell)}]`;
}

interface ICellEntry {
  fileName: string;
  source: string;
}

function cellEntries(notebook: string, cells: ICellCode[]): ICellEntry[] {
  return cells.map(cell => ({
    fileName: cellFileName(notebook, cell.cell),
    source: cell.source
  }));
}

/** The step's metrics as {metric name: variable}, from the IR's metric list. */
function stepMetrics(
  ir: IPipelineIR,
  step: IPipelineStep
): Record<string, string> {
  const metrics: Record<string, string> = Object.create(null);
  for (const name of step.metrics) {
    const metric = ir.metrics.find(
      m => m.name === name && m.step === step.name
    );
    if (!metric) {
      throw new Error(
        `step '${step.name}' reports metric '${name}', which the IR does not list`
      );
    }
    metrics[metric.name] = metric.variable;
  }
  return metrics;
}

/**
 * The two parts of a step script: the step's own part (its constants and cells) and the runtime
 * after it, the same text for every step of every notebook. The script is `step + runtime`;
 * the cluster targets carry the runtime once per pipeline and each step's own part with its step.
 */
export interface IStepScriptParts {
  step: string;
  runtime: string;
}

function stepContext(
  ir: IPipelineIR,
  step: IPipelineStep,
  options: IStepScriptOptions
): Record<string, unknown> {
  return {
    notebook: ir.notebook,
    step: step.name,
    parameters: ir.parameters.map(p => ({
      name: p.name,
      type: p.type,
      default: p.default
    })),
    inputs: step.inputs,
    producers: Object.fromEntries(
      step.inputs
        .filter(name => step.producers[name] !== undefined)
        .map(name => [name, step.producers[name]])
    ),
    outputs: step.outputs,
    maybeUnbound: step.mayBeUnbound ?? [],
    metrics: stepMetrics(ir, step),
    metricsFormat: options.metricsFormat ?? 'json',
    setupCells: cellEntries(ir.notebook, [...ir.imports, ...ir.functions]),
    stepCells: cellEntries(ir.notebook, step.code),
    moduleFiles: ir.modules ?? []
  };
}

/**
 * The runtime part of every step script: templates/runtime/cellpipe_runtime.py as written (no
 * template syntax, no user text). It is plain Python, linted and unit-tested on its own.
 */
export function stepRuntimeScript(): string {
  return runtimeSource;
}

/** The step's own part and the runtime; together, `renderStepScript`'s script. */
export function renderStepScriptParts(
  ir: IPipelineIR,
  step: IPipelineStep,
  options: IStepScriptOptions = {}
): IStepScriptParts {
  return {
    step: renderTemplate('step.py.njk', stepContext(ir, step, options)),
    runtime: stepRuntimeScript()
  };
}

/** The Python script that runs `step` of `ir`. */
export function renderStepScript(
  ir: IPipelineIR,
  step: IPipelineStep,
  options: IStepScriptOptions = {}
): string {
  const parts = renderStepScriptParts(ir, step, options);
  return parts.step + parts.runtime;
}
