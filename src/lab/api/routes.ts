/**
 * Typed wrappers, one per server route of design §4 "Server API". Everything goes through
 * `requestAPI`/`postAPI` (the only server boundary), so tests mock only that module.
 *
 * Keep this file backward compatible: the sidebar and the run viewer both use it.
 */
import { IAnalyzeSummary } from '../../core/ir/summary';
import { IRunRecord } from '../../core/runs/record';
import { INotebookSettings, Target } from '../../core/settings/types';
import { IPipelineSettings } from '../../core/settings/resolved';
import { postAPI, requestAPI } from './request';

/** Which notebook a request is about: a path under the server root, or its JSON. */
export type NotebookSource = { path: string } | { notebook: unknown };

/** Lab settings the user set, applied above notebook metadata (issue 3 point 6). */
export type SettingsOverrides = Partial<INotebookSettings> & {
  [key: string]: unknown;
};

export interface IVersionReply {
  version: string;
  engine: string | null;
  problem: string | null;
}

export interface ICompileReply {
  target: 'argo' | 'kfp';
  /** The YAML document(s). */
  text: string;
  warnings: string[];
  /** The module files and folders next to the notebook that the pipeline carries. */
  shipped?: string[];
}

export interface ISettingsReply {
  settings: IPipelineSettings;
  /** One line per way the settings weaken Pod Security `restricted`. */
  weakenings: string[];
}

export type RunParams = Record<string, number | string | boolean>;

export interface IStartRunRequest {
  path: string;
  target: Target;
  params: RunParams;
  overrides?: SettingsOverrides;
}

/** A piece of a step's log from `offset` on; `offset` in the reply is where to continue. */
export interface ILogChunk {
  text: string;
  offset: number;
  /** True once the step has finished and nothing more will be written. */
  complete?: boolean;
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

export function getVersion(): Promise<IVersionReply> {
  return requestAPI<IVersionReply>('version');
}

export function analyze(
  source: NotebookSource,
  overrides?: SettingsOverrides
): Promise<IAnalyzeSummary> {
  return postAPI<IAnalyzeSummary>('analyze', { ...source, overrides });
}

export function compile(
  source: NotebookSource,
  target: 'argo' | 'kfp',
  overrides?: SettingsOverrides
): Promise<ICompileReply> {
  return postAPI<ICompileReply>('compile', { ...source, target, overrides });
}

export function resolveSettings(
  source: NotebookSource,
  overrides?: SettingsOverrides
): Promise<ISettingsReply> {
  return postAPI<ISettingsReply>('settings', { ...source, overrides });
}

/** A started run, and the warnings of compiling it for a cluster (none for a local run). */
export interface IStartedRun {
  record: IRunRecord;
  warnings: string[];
  /** The module files and folders next to the notebook that the run carries. */
  shipped: string[];
}

export async function startRun(
  request: IStartRunRequest
): Promise<IStartedRun> {
  const { warnings, shipped, ...record } = await postAPI<
    IRunRecord & { warnings?: string[]; shipped?: string[] }
  >('runs', request);
  return { record, warnings: warnings ?? [], shipped: shipped ?? [] };
}

/**
 * Checks that the run could start (the notebook, its Python for a local run, its compile for a
 * cluster) without starting it: asked before the parameters dialog. Throws what the start would.
 */
export async function checkRun(request: IStartRunRequest): Promise<void> {
  await postAPI<{ checked: true }>('runs', { ...request, check: true });
}

/** Run records, newest first; only those of `notebook` when given. */
export async function listRuns(notebook?: string): Promise<IRunRecord[]> {
  const query = notebook === undefined ? '' : `?notebook=${enc(notebook)}`;
  const reply = await requestAPI<IRunRecord[] | { runs: IRunRecord[] }>(
    `runs${query}`
  );
  const runs = Array.isArray(reply) ? reply : (reply?.runs ?? []);
  return [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function getRun(id: string): Promise<IRunRecord> {
  return requestAPI<IRunRecord>(`runs/${enc(id)}`);
}

export function cancelRun(id: string): Promise<IRunRecord> {
  return postAPI<IRunRecord>(`runs/${enc(id)}/cancel`, {});
}

export function getStepLog(
  id: string,
  step: string,
  offset = 0
): Promise<ILogChunk> {
  return requestAPI<ILogChunk>(
    `runs/${enc(id)}/steps/${enc(step)}/log?offset=${offset}`
  );
}
