/**
 * Preparing a local run: analyse the notebook, check the parameters and the interpreter, then
 * lay out the run directory (notebook copy, params.json, scripts/, plan.json, run.json Pending).
 * Every problem here is a UserError that names the notebook, cell and line; nothing has run yet.
 */
import { stepReadFiles } from './step-data-files';
import { localModuleFiles } from './step-module-files';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { UserError } from '../../core/errors';
import { analyzeNotebookText } from '../../core/analyze';
import { IPipelineIR } from '../../core/ir/pipeline';
import { localStepScript } from './observer-script';
import {
  mergeStepSettings,
  resolveSettings
} from '../../core/settings/resolve';
import { IRunLink, IRunRecord, pendingStep } from '../../core/runs/record';
import { readNotebookFile } from '../notebook-file';
import { cellpipeHome, RunPaths } from '../paths';
import { resolveParameters } from './params';
import { threadsPerStep } from './threads';
import { parameterReads } from './parameter-reads';
import {
  choosePython,
  CLI_PYTHON_ADVICE,
  IKernelPythons,
  LAB_PYTHON_ADVICE,
  notebookKernelName,
  SERVER_PYTHON_ADVICE,
  probePython
} from './python';
import { IRunPlan, planPath } from './plan';
import {
  isFileSystemError,
  newRunId,
  reserveBytes,
  storeProblem,
  writeFileAtomically,
  writeRecord
} from './store';

export interface IRunRequest {
  notebook: string;
  /** The notebook's text when the caller already read it (the engine reads it checked, once). */
  text?: string;
  /** `NAME=VALUE` strings (CLI) or a map (engine API). */
  params?: string[] | Record<string, string | number | boolean>;
  workdir?: string;
  jobs?: number;
  python?: string;
  /** Where `python` came from, for messages and the run record (default `--python`). */
  pythonSource?: string;
  /** Kernel interpreters as the Jupyter server resolved them (lab runs). */
  kernelPythons?: IKernelPythons;
  useCache?: boolean;
  /**
   * Fork steps from a warm interpreter (default: true unless CELLPIPE_WARM=0); false spawns a
   * fresh Python per step, for libraries that cannot survive a fork after import.
   */
  warm?: boolean;
  home?: string;
  env?: NodeJS.ProcessEnv;
}

export interface IPreparedRun {
  plan: IRunPlan;
  record: IRunRecord;
}

/** The run viewer inside JupyterLab (record.ts: relative to the server's base URL). */
export function localRunLink(id: string): IRunLink {
  return {
    kind: 'local',
    // The engine runs outside the lab's translator; the lab may relabel it.
    // eslint-disable-next-line jupyter/no-untranslated-string
    label: 'Run viewer',
    url: `lab?cellpipe-run=${encodeURIComponent(id)}`
  };
}

function checkedIR(text: string, path: string): IPipelineIR {
  const ir = analyzeNotebookText(text, path);
  const errors = ir.diagnostics.filter(d => d.severity === 'error');
  const error = errors[0];
  if (error) {
    const more = errors.length - 1;
    throw new UserError(
      `${error.message} (${error.code}); fix it, then run again` +
        (more
          ? ` (and ${more} more ${more === 1 ? 'error' : 'errors'}: \`cellpipe analyze ${path}\` lists them all)`
          : ''),
      {
        notebook: ir.notebook,
        cell: error.cell ?? undefined,
        line: error.cell === null ? undefined : error.line
      }
    );
  }
  return ir;
}

function jobCount(jobs: number | undefined): number {
  if (jobs === undefined) {
    return Math.max(1, cpus().length);
  }
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new UserError(
      `--jobs must be a whole number of at least 1, got ${jobs}`
    );
  }
  return jobs;
}

/**
 * Checks a run as `prepareRun` does (the notebook, its parameters, the Python that would run
 * it) and writes nothing: the lab asks this before it asks for parameter values, so that a
 * Local Python that cannot run the steps is said before the user types them.
 */
export function checkRun(request: IRunRequest): void {
  planRun(request);
}

export function prepareRun(request: IRunRequest): IPreparedRun {
  const { plan, record, ir, text, workdir, values } = planRun(request);
  const { home, runId } = plan;
  const paths = new RunPaths(runId, home);
  try {
    mkdirSync(paths.dir, { recursive: true });
    // First: the space the final record will need even if the disk fills during the run.
    writeFileSync(
      paths.spaceReserve,
      Buffer.alloc(reserveBytes(ir.steps.length))
    );
    mkdirSync(workdir, { recursive: true });
    // The text analysed, not the file again: it may have changed since.
    writeFileSync(paths.notebook, text);
    writeFileSync(paths.params, JSON.stringify(values, null, 2) + '\n');
    for (const step of ir.steps) {
      mkdirSync(dirname(paths.script(step.name)), { recursive: true });
      writeFileSync(paths.script(step.name), localStepScript(ir, step));
    }
    writeFileAtomically(
      planPath(runId, home),
      JSON.stringify(plan, null, 2) + '\n'
    );
    writeRecord(record, home);
  } catch (error) {
    // No run folder without its run.json: what could not be laid out is removed again.
    rmSync(paths.dir, { recursive: true, force: true });
    if (isFileSystemError(error)) {
      throw new UserError(
        `cannot prepare the run: ${storeProblem(home, error)}`,
        {
          notebook: request.notebook
        }
      );
    }
    throw error;
  }
  return { plan, record };
}

interface IPlannedRun extends IPreparedRun {
  ir: IPipelineIR;
  text: string;
  workdir: string;
  values: IPreparedRun['plan']['params'];
}

/** The run's plan and record, from the notebook, its parameters and the Python: no file written. */
function planRun(request: IRunRequest): IPlannedRun {
  const home = request.home ?? cellpipeHome(request.env);
  const notebookPath = resolve(request.notebook);
  const text = request.text ?? readNotebookFile(request.notebook);
  const ir = checkedIR(text, request.notebook);
  const { values, overrides } = resolveParameters(ir, request.params ?? []);
  // The notebook's stepDefaults (checked there) apply to local runs as they do on a cluster.
  const stepDefaults = resolveSettings(ir, {}).stepDefaults;
  const jobs = jobCount(request.jobs);
  const workdir = resolve(request.workdir ?? dirname(notebookPath));
  let kernel: string | undefined;
  try {
    kernel = notebookKernelName(JSON.parse(text));
  } catch {
    kernel = undefined;
  }
  const python = probePython(
    choosePython(
      request.python,
      kernel,
      request.env ?? process.env,
      request.kernelPythons,
      request.pythonSource
    ),
    // A run the lab starts names its source: the lab's advice, not the command line's, and
    // where the setting is empty and the server's CELLPIPE_PYTHON chose, that variable.
    !request.pythonSource
      ? CLI_PYTHON_ADVICE
      : !request.python && (request.env ?? process.env).CELLPIPE_PYTHON
        ? SERVER_PYTHON_ADVICE
        : LAB_PYTHON_ADVICE
  );
  const reads = parameterReads(ir);
  const files = stepReadFiles(ir, values);
  const modules = localModuleFiles(ir, notebookPath);

  const runId = newRunId();
  const paths = new RunPaths(runId, home);
  const plan: IRunPlan = {
    runId,
    home,
    notebook: notebookPath,
    python: {
      command: python.command,
      executable: python.executable,
      version: python.version,
      source: python.source,
      pickler: python.pickler
    },
    workdir,
    jobs,
    useCache: request.useCache ?? true,
    warm: request.warm ?? (request.env ?? process.env).CELLPIPE_WARM !== '0',
    preload: ir.imports.map(cell => cell.source),
    threads: threadsPerStep(ir.steps, jobs, cpus().length),
    params: values,
    overrides,
    steps: ir.steps.map(step => {
      const settings = mergeStepSettings(stepDefaults, step.settings);
      return {
        name: step.name,
        after: step.after,
        producers: step.producers,
        outputs: step.outputs,
        metrics: step.metrics,
        parameters: reads.get(step.name) ?? ir.parameters.map(p => p.name),
        timeoutSeconds: settings.timeoutSeconds,
        retries: settings.retries ?? 0,
        cache: settings.cache !== false,
        packages: step.packages,
        ...(files.has(step.name) || modules.length
          ? { files: [...(files.get(step.name)?.read ?? []), ...modules] }
          : {}),
        ...(files.get(step.name)?.writes
          ? { writes: files.get(step.name)?.writes }
          : {}),
        ...(files.get(step.name)?.written
          ? { written: files.get(step.name)?.written }
          : {})
      };
    })
  };
  const record: IRunRecord = {
    id: runId,
    status: 'Pending',
    target: 'local',
    // Absolute: a path as given on the command line is relative to where the command ran, and
    // the lab would read it against its own root (another notebook of the same name).
    notebook: notebookPath,
    pipeline: ir.pipeline.name,
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    params: values,
    python: {
      executable: python.executable,
      version: python.version,
      source: python.source
    },
    links: [localRunLink(runId)],
    steps: ir.steps.map(step => ({
      ...pendingStep(step.name, paths.log(step.name)),
      after: step.after
    }))
  };
  return { plan, record, ir, text, workdir, values };
}
