/**
 * The engine's run methods: start (local, Argo or KFP), list, get, log and cancel. Local runs go
 * through the local runs API; cluster runs compile in process, submit, and are then followed
 * in the background so their records stay current while the engine lives.
 */

import { IRunRecord } from '../../core/runs/record';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import * as local from '../local/api';
import { checkRun } from '../local/prepare';
import { checkCompiles } from '../compile-check';
import {
  INotebookRename,
  movesAnyRun,
  notebookNow,
  readRenames,
  recordRename
} from '../local/notebook-renames';
import { IKernelPythons } from '../local/python';
import { listRecords } from '../local/store';
import { EngineError } from './protocol';
import { notebookIR, readNotebookUnderRoot } from './notebook-source';
import { engineClusterPipeline, overridesOf } from './analysis-methods';

export interface IEngineContext {
  root: string;
  /** Serve hidden files and directories (the Jupyter server's allow_hidden). */
  allowHidden?: boolean;
  /** The engine bundle, which detached local runners run. */
  entry: string;
  home?: string;
}

type Params = Record<string, unknown>;

/**
 * The record as the lab sees it: its notebook where it is now (renames made through Jupyter
 * move a notebook's runs with it: notebook-renames.ts), relative to the server root. A notebook
 * deleted through Jupyter since keeps the path it had, and the record says it was deleted.
 */
export function presented(
  context: IEngineContext,
  record: IRunRecord,
  renames: readonly INotebookRename[] = readRenames(context.home)
): IRunRecord {
  const then = resolve(context.root, record.notebook);
  const now = notebookNow(then, record.createdAt, renames);
  const shown = presentedAt(context, record, then, now ?? then);
  return now === null ? { ...shown, notebookDeleted: true } : shown;
}

/** {@link presented}, with its notebook at `now` (absolute, as `then` is: where it ran). */
function presentedAt(
  context: IEngineContext,
  record: IRunRecord,
  then: string,
  now: string
): IRunRecord {
  if (now === then && !isAbsolute(record.notebook)) {
    return record;
  }
  const moved = now === then ? {} : { ranFrom: record.notebook };
  const inside = relative(context.root, now);
  return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)
    ? { ...record, notebook: now === then ? record.notebook : now, ...moved }
    : { ...record, notebook: inside.split('\\').join('/'), ...moved };
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new EngineError(400, `the request needs "${name}"`);
  }
  return value;
}

function runParams(value: unknown): Record<string, string | number | boolean> {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new EngineError(
      400,
      '"params" must be an object of parameter values'
    );
  }
  for (const [name, item] of Object.entries(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof item)) {
      throw new EngineError(
        400,
        `parameter ${name} must be a string, number or boolean`
      );
    }
  }
  return value as Record<string, string | number | boolean>;
}

/** The server extension's `kernelPythons` (see local/python.ts), checked. */
function kernelPythons(value: unknown): IKernelPythons | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const given = value as { kernels?: unknown; defaultKernel?: unknown };
  const kernels: Record<string, string> = Object.create(null);
  if (typeof given.kernels === 'object' && given.kernels !== null) {
    for (const [name, path] of Object.entries(given.kernels)) {
      if (typeof path === 'string' && path) {
        kernels[name] = path;
      }
    }
  }
  return {
    kernels,
    defaultKernel:
      typeof given.defaultKernel === 'string' ? given.defaultKernel : undefined
  };
}

export async function startRunMethod(
  context: IEngineContext,
  params: Params
): Promise<
  (IRunRecord & { warnings?: string[]; shipped?: string[] }) | { checked: true }
> {
  const path = text(params.path, 'path');
  const target = params.target ?? 'local';
  const values = runParams(params.params);
  if (target === 'local') {
    // Read once, through the descriptor checked to be under the root (notebook-source.ts).
    const { full, text } = readNotebookUnderRoot(context, path);
    // The lab's Local Python setting wins; a notebook never names the interpreter.
    const python = overridesOf(params.overrides).python;
    if (python !== undefined && typeof python !== 'string') {
      throw new EngineError(400, 'the Local Python setting must be a path');
    }
    const request = {
      notebook: full,
      text,
      params: values,
      home: context.home,
      python: python || undefined,
      pythonSource: 'the Local Python setting',
      kernelPythons: kernelPythons(params.kernelPythons)
    };
    if (params.check === true) {
      // Asked before the parameters dialog: a run that cannot start says so before values are typed.
      checkRun(request);
      return { checked: true };
    }
    const record = local.startRun(request, { entry: context.entry });
    return presented(context, record);
  }
  if (target !== 'argo' && target !== 'kfp') {
    throw new EngineError(400, '"target" must be local, argo or kfp');
  }
  // The modules next to the notebook go with the run. The lab shows them, and the warnings, with
  // "Run started": the run may fail on a warning (a module the pods lack).
  const { ir, shipped, warnings } = engineClusterPipeline(
    context,
    { path },
    notebookIR(context, { path }),
    target
  );
  if (params.check === true) {
    // Compiled with the settings too (a name holding '{{'); nothing is submitted.
    checkCompiles(ir, target, overridesOf(params.overrides));
    return { checked: true };
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cluster = require('./cluster-runs') as typeof import('./cluster-runs');
  const record = await cluster.submitNotebook(
    context,
    path,
    ir,
    target,
    overridesOf(params.overrides),
    values
  );
  return {
    ...record,
    ...(warnings.length ? { warnings } : {}),
    ...(shipped.length ? { shipped } : {})
  };
}

/** When each unfinished cluster run was last re-read, so polling lists stay cheap. */
const refreshed = new Map<string, number>();
const REFRESH_EVERY_MS = 5000;

/** Unfinished cluster runs re-read from the cluster, at most every few seconds each. */
async function withClusterStatus(
  context: IEngineContext,
  runs: IRunRecord[]
): Promise<IRunRecord[]> {
  const now = Date.now();
  const due = runs.filter(
    r =>
      r.target !== 'local' &&
      ['Pending', 'Running'].includes(r.status) &&
      now - (refreshed.get(r.id) ?? 0) >= REFRESH_EVERY_MS
  );
  if (!due.length) {
    return runs;
  }
  due.forEach(r => refreshed.set(r.id, now));
  const { refreshClusterRuns } =
    require('../cluster-refresh') as typeof import('../cluster-refresh');
  const updated = new Map(
    (await refreshClusterRuns(due, context.home)).map(r => [r.id, r])
  );
  return runs.map(r => updated.get(r.id) ?? r);
}

export async function listRunsMethod(
  context: IEngineContext,
  params: Params
): Promise<IRunRecord[]> {
  const all = await withClusterStatus(context, local.listRuns(context.home));
  const renames = readRenames(context.home);
  const notebook = params.notebook;
  if (typeof notebook !== 'string') {
    return all.map(r => presented(context, r, renames));
  }
  // A notebook's runs: not those of a notebook deleted since, whose path a new one may have.
  return all
    .map(r => presented(context, r, renames))
    .filter(r => !r.notebookDeleted && r.notebook === notebook);
}

export async function getRunMethod(
  context: IEngineContext,
  params: Params
): Promise<IRunRecord> {
  const [record] = await withClusterStatus(context, [
    local.getRun(text(params.id, 'id'), context.home)
  ]);
  return presented(context, record);
}

export async function readLogMethod(
  context: IEngineContext,
  params: Params
): Promise<{ text: string; offset: number; complete: boolean }> {
  const id = text(params.id, 'id');
  const step = text(params.step, 'step');
  const offset = Number(params.offset ?? 0);
  if (!Number.isFinite(offset) || offset < 0) {
    throw new EngineError(400, '"offset" must be a byte offset ≥ 0');
  }
  const run = local.getRun(id, context.home);
  if (run.target !== 'local') {
    // Cluster runs: the step pods' logs, read through the API (as `cellpipe logs` does).
    if (!run.steps.some(s => s.name === step)) {
      throw new EngineError(404, `run '${id}' has no step '${step}'`);
    }
    const cluster =
      require('./cluster-runs') as typeof import('./cluster-runs');
    return cluster.readClusterLog(run, step, offset);
  }
  const chunk = local.readStepLog(id, step, offset, context.home, 1024 * 1024);
  const record = local.getRun(id, context.home);
  const entry = record.steps.find(s => s.name === step);
  const finished =
    entry !== undefined && !['Pending', 'Running'].includes(entry.status);
  return {
    text: chunk.text,
    offset: chunk.offset,
    complete: finished && chunk.offset >= chunk.size
  };
}

export async function cancelRunMethod(
  context: IEngineContext,
  params: Params
): Promise<IRunRecord> {
  const id = text(params.id, 'id');
  const record = local.getRun(id, context.home);
  if (record.target === 'local') {
    return presented(context, await local.cancelRun(id, context.home));
  }
  const cluster = require('./cluster-runs') as typeof import('./cluster-runs');
  return cluster.cancelClusterRun(context, record);
}

/**
 * Jupyter renamed `from` to `to` (paths under the server root; cellpipe/renames.py reports it):
 * when that moves the notebook of a recorded run, the rename is recorded, and the runs follow
 * the notebook. Other renames are not recorded. Answers whether it was.
 */
export function notebookRenamedMethod(
  context: IEngineContext,
  params: Params
): { recorded: boolean } {
  const from = underRoot(context, text(params.from, 'from'));
  const to = underRoot(context, text(params.to, 'to'));
  const renames = readRenames(context.home);
  if (from === to || !movesAnyRun(from, recordedNotebooks(context), renames)) {
    return { recorded: false };
  }
  recordRename({ from, to, at: new Date().toISOString() }, context.home);
  return { recorded: true };
}

/**
 * Jupyter deleted `path` (a notebook or a folder; cellpipe/renames.py reports it): when that
 * takes away the notebook of a recorded run, the deletion is recorded, so that a new notebook
 * later made at the same path does not show those runs as its own. Answers whether it was.
 */
export function notebookDeletedMethod(
  context: IEngineContext,
  params: Params
): { recorded: boolean } {
  const path = underRoot(context, text(params.path, 'path'));
  const renames = readRenames(context.home);
  if (!movesAnyRun(path, recordedNotebooks(context), renames)) {
    return { recorded: false };
  }
  recordRename(
    { from: path, to: null, at: new Date().toISOString() },
    context.home
  );
  return { recorded: true };
}

/**
 * Each recorded run's notebook (absolute) and when the run was made. The records as stored: a
 * rename or deletion has no reason to mark dead runners' runs Failed.
 */
function recordedNotebooks(
  context: IEngineContext
): { notebook: string; createdAt: string }[] {
  return listRecords(context.home).map(r => ({
    notebook: resolve(context.root, r.notebook),
    createdAt: r.createdAt
  }));
}

/** A path under the server root as Jupyter's contents API gives it, made absolute. */
function underRoot(context: IEngineContext, path: string): string {
  const full = resolve(context.root, path.replace(/^\/+/, ''));
  const inside = relative(context.root, full);
  if (
    inside === '' ||
    inside === '..' ||
    inside.startsWith(`..${sep}`) ||
    isAbsolute(inside)
  ) {
    throw new EngineError(403, `${path} is not a path under the server root`);
  }
  return full;
}
