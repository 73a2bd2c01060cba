/**
 * `cellpipe render-step NB [STEP] [-o FILE|DIR]`: prints the generated Python script of a step.
 * For debugging and for the Python tests, which run real step scripts rendered through here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICliCommand } from '../command';
import { parseArgs } from '../args';
import { UserError } from '../../core/errors';
import { assertCompilable } from '../../core/generate/compile';
import { analyzeNotebookText } from '../../core/analyze';
import { IPipelineIR } from '../../core/ir/pipeline';
import {
  MetricsFormat,
  renderStepScript
} from '../../core/generate/step-script';
import { readNotebookFile } from '../../engine/notebook-file';

const usage = `usage: cellpipe render-step NOTEBOOK [STEP] [-o FILE|DIR] [--metrics-format json|kfp-v1]

Prints the Python script that runs STEP (docs/internals.md, "The step script").
Without STEP, writes every step's script to DIR/<step>.py (-o DIR is then required).`;

const METRICS_FORMATS: MetricsFormat[] = ['json', 'kfp-v1'];

function checkedIR(path: string): IPipelineIR {
  const ir = analyzeNotebookText(readNotebookFile(path), path);
  assertCompilable(ir);
  return ir;
}

export const renderStepCommand: ICliCommand = {
  name: 'render-step',
  summary: "print a step's generated Python script (debugging)",
  usage,
  async run(args) {
    const parsed = parseArgs(args, {
      options: ['--output', '--metrics-format'],
      aliases: { '-o': '--output' }
    });
    const [path, stepName, ...extra] = parsed.positionals;
    if (path === undefined || extra.length) {
      throw new UserError(`expected NOTEBOOK [STEP]\n${usage}`);
    }
    const format = (parsed.options.get('--metrics-format') ??
      'json') as MetricsFormat;
    if (!METRICS_FORMATS.includes(format)) {
      throw new UserError(
        `--metrics-format must be one of ${METRICS_FORMATS.join(', ')}`
      );
    }
    const ir = checkedIR(path);
    const output = parsed.options.get('--output');
    if (stepName === undefined) {
      if (output === undefined) {
        throw new UserError(`without STEP, -o DIR is required\n${usage}`);
      }
      mkdirSync(output, { recursive: true });
      for (const step of ir.steps) {
        const script = renderStepScript(ir, step, { metricsFormat: format });
        writeFileSync(join(output, `${step.name}.py`), script);
      }
      return 0;
    }
    const step = ir.steps.find(s => s.name === stepName);
    if (!step) {
      const known = ir.steps.map(s => s.name).join(', ') || 'none';
      throw new UserError(`no step '${stepName}' (steps: ${known})`, {
        notebook: ir.notebook
      });
    }
    const script = renderStepScript(ir, step, { metricsFormat: format });
    if (output === undefined) {
      process.stdout.write(script);
    } else {
      writeFileSync(output, script);
    }
    return 0;
  }
};
