// Shared by the end-to-end tests (tests/e2e): they run against the real single-node cluster of
// scripts/cluster.sh (Argo's own workflow-controller driving real pods), inside the cluster's
// network namespace (scripts/test.d/70-e2e-argo.sh starts them with `cluster.sh exec`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as k8s from '@kubernetes/client-node';

export const root = resolve(import.meta.dirname, '../..');
export const kubeconfig = join(root, '.cache/cluster/kubeconfig');
export const namespace = 'cellpipe-e2e';
export const image = 'localhost/cellpipe-python:3.11';
/** Every run of this process records into its own CELLPIPE_HOME. */
export const home = mkdtempSync(join(tmpdir(), 'cellpipe-e2e-home-'));
export const work = mkdtempSync(join(tmpdir(), 'cellpipe-e2e-'));

export function clusterUp() {
  if (!existsSync(kubeconfig)) {
    throw new Error('the cluster is not up: bash scripts/cluster.sh up');
  }
}

/** Local runs (to compare with) use the project's venv, which has the examples' packages. */
const venvPython = join(root, '.venv/bin/python');

export function env(extra = {}) {
  return {
    ...process.env,
    ...(existsSync(venvPython) ? { CELLPIPE_PYTHON: venvPython } : {}),
    KUBECONFIG: kubeconfig,
    CELLPIPE_HOME: home,
    ...extra
  };
}

/** `node bin/cellpipe.js ARGS`, asynchronously (runs may take minutes; tests may overlap). */
export function cellpipe(args, options = {}) {
  return new Promise(done => {
    const child = spawn(
      process.execPath,
      [join(root, 'bin/cellpipe.js'), ...args],
      {
        env: env(options.env),
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
    child.on('close', status => done({ status, stdout, stderr }));
  });
}

export function cellpipeSync(args) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin/cellpipe.js'), ...args],
    {
      encoding: 'utf8',
      env: env()
    }
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr
  };
}

/** `cellpipe submit NB --target argo --watch --json` into the e2e namespace: the final record. */
export async function submitWatch(notebook, extra = []) {
  const result = await cellpipe([
    'submit',
    notebook,
    '--target',
    'argo',
    '--namespace',
    namespace,
    '--image',
    image,
    '--watch',
    '--json',
    ...extra
  ]);
  let record;
  try {
    record = JSON.parse(result.stdout);
  } catch {
    throw new Error(
      `submit printed no record (exit ${result.status}):\n${result.stdout}\n${result.stderr}`
    );
  }
  return { ...result, record };
}

export async function logs(id, ...steps) {
  const result = await cellpipe(['logs', id, ...steps]);
  if (result.status !== 0) {
    throw new Error(
      `cellpipe logs ${id} ${steps.join(' ')} failed (${result.status}): ${result.stderr}`
    );
  }
  return result.stdout;
}

/** The `cellpipe: metric NAME = VALUE` lines a run's steps printed, sorted. */
export function metricLines(text) {
  return text
    .split('\n')
    .filter(line => line.startsWith('cellpipe: metric '))
    .sort();
}

const cell = (source, tags = []) => ({
  cell_type: 'code',
  metadata: { tags },
  source,
  outputs: [],
  execution_count: null
});

/** Writes a notebook of [source, tags] cells; returns its path. */
export function notebook(name, cells, metadata = {}) {
  const path = join(work, `${name}.ipynb`);
  writeFileSync(
    path,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { cellpipe: { name }, ...metadata },
      cells: cells.map(([source, tags]) => cell(source, tags))
    })
  );
  return path;
}

export function kube() {
  const config = new k8s.KubeConfig();
  config.loadFromFile(kubeconfig);
  return {
    core: config.makeApiClient(k8s.CoreV1Api),
    custom: config.makeApiClient(k8s.CustomObjectsApi)
  };
}

export const sleep = ms => new Promise(done => setTimeout(done, ms));

/** Polls `check` until it returns a truthy value (no time limit of its own: the test's applies). */
export async function until(check, everyMs = 1000) {
  for (;;) {
    const value = await check();
    if (value) return value;
    await sleep(everyMs);
  }
}

export async function workflowPods(workflowName) {
  const { core } = kube();
  return (
    await core.listNamespacedPod({
      namespace,
      labelSelector: `workflows.argoproj.io/workflow=${workflowName}`
    })
  ).items;
}
