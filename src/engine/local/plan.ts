/**
 * A prepared local run: everything the runner needs, written to `runs/<id>/plan.json` next to
 * the notebook copy, parameters and step scripts. `cellpipe run` prepares and executes in one
 * process; the engine API prepares (so bad input is reported at once) and leaves the execution
 * to a detached runner process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../../core/errors';
import { ParameterValue } from '../../core/ir/pipeline';
import { cellpipeHome, RunPaths } from '../paths';
import { Pickler } from './python';

export interface IPlannedStep {
  name: string;
  after: string[];
  /** Input variable → producing step. */
  producers: Record<string, string>;
  outputs: string[];
  metrics: string[];
  /** Pipeline parameters the step reads (for its cache key). */
  parameters: string[];
  timeoutSeconds?: number;
  retries: number;
  cache: boolean;
  /**
   * Files the step reads by name (step-data-files.ts), relative to the working folder or
   * absolute, and the modules next to the notebook that the pipeline imports
   * (step-module-files.ts): their sizes and times are part of its cache key. Absent when there
   * are none, and in plans written before it was added.
   */
  files?: string[];
  /** Files the step writes into a folder it lists: not counted in that folder's listing. */
  writes?: string[];
  /**
   * The files the step names that it writes and no other step (nor a shared cell) writes. Their
   * sizes and times after it ran go in its cache entry, which serves a later run only while they
   * still match here: a step served from the cache does not write them again. Absent when there
   * are none.
   */
  written?: string[];
  /**
   * What the step's cells install with `%pip install` (with the imports' and functions'). A local
   * run installs nothing: it names them when the step fails for a missing module. Absent in
   * plans written before it was added.
   */
  packages?: string[];
}

export interface IRunPlan {
  runId: string;
  home: string;
  notebook: string;
  python: {
    command: string;
    executable: string;
    version: string;
    source: string;
    /** The pickler there (see IPython); absent in plans written before it was added. */
    pickler?: Pickler;
  };
  workdir: string;
  jobs: number;
  useCache: boolean;
  /** Fork steps from a warm interpreter that has the imports loaded (see warm.ts). */
  warm: boolean;
  /** Native threads per step where steps run side by side (see threads.ts). */
  threads?: number;
  /** Sources of the `imports` cells, whose modules the warm interpreter imports up front. */
  preload?: string[];
  params: Record<string, ParameterValue>;
  /** `--param NAME=RAW` strings for the step scripts. */
  overrides: Record<string, string>;
  steps: IPlannedStep[];
}

export function planPath(runId: string, home = cellpipeHome()): string {
  return new RunPaths(runId, home).dir + '/plan.json';
}

export function readPlan(runId: string, home = cellpipeHome()): IRunPlan {
  const path = planPath(runId, home);
  if (!existsSync(path)) {
    throw new UserError(`run ${runId} was not prepared: there is no ${path}`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as IRunPlan;
}

/** The step script's command line for `step` of the run. */
export function stepArguments(plan: IRunPlan, step: IPlannedStep): string[] {
  const paths = new RunPaths(plan.runId, plan.home);
  const args = [paths.script(step.name)];
  for (const [name, producer] of Object.entries(step.producers).sort()) {
    args.push('--input', `${name}=${paths.data(producer, name)}`);
  }
  for (const name of step.outputs) {
    args.push('--output', `${name}=${paths.data(step.name, name)}`);
  }
  for (const [name, raw] of Object.entries(plan.overrides).sort()) {
    args.push('--param', `${name}=${raw}`);
  }
  if (step.metrics.length) {
    args.push('--metrics', paths.metrics(step.name));
  }
  if (plan.useCache && step.cache) {
    args.push('--observe', paths.observed(step.name));
  }
  return args;
}
