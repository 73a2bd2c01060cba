/**
 * The notebook's `experiment` setting (or Kale's `experiment_name`) picks the KFP experiment of a
 * run, from the lab (the built engine over stdio) and from `cellpipe submit NOTEBOOK`: found by
 * name, made when missing. The peer is a recording stand-in on 127.0.0.1 that checks each request
 * against the vendored v2beta1 swagger, not a real Kubeflow Pipelines server.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { IRecordedRequest, KfpPeer } from './kfp-peer';
import { EngineProcess } from '../support/engine-process';
import { ROOT } from '../support/cli';

/** The experiments the stand-in has, by display name. */
const experiments: Record<string, string> = {};

function answers(request: IRecordedRequest) {
  const route = `${request.method} ${request.path}`;
  if (route === 'GET /apis/v2beta1/healthz') {
    return { status: 200, body: { multi_user: true } };
  }
  if (route === 'GET /apis/v1beta1/healthz') {
    return { status: 200, body: { tag_name: '2.17.0', multi_user: true } };
  }
  if (route === 'GET /apis/v2beta1/experiments') {
    const wanted = (
      JSON.parse(request.query.filter) as {
        predicates: { stringValue: string }[];
      }
    ).predicates[0].stringValue;
    const id = experiments[wanted];
    return {
      status: 200,
      body: id
        ? { experiments: [{ experiment_id: id, display_name: wanted }] }
        : {}
    };
  }
  if (route === 'POST /apis/v2beta1/experiments') {
    const name = (request.body as { display_name: string }).display_name;
    experiments[name] = `made-${name}`;
    return {
      status: 200,
      body: { experiment_id: experiments[name], display_name: name }
    };
  }
  if (route === 'POST /apis/v2beta1/runs') {
    return { status: 200, body: { run_id: 'run-1', state: 'PENDING' } };
  }
  if (route === 'GET /apis/v2beta1/runs/run-1') {
    return { status: 200, body: { run_id: 'run-1', state: 'RUNNING' } };
  }
  return undefined;
}

/** examples/linear-chain.ipynb with `metadata` merged in, written to `root/name`. */
function notebookWith(
  root: string,
  name: string,
  metadata: Record<string, unknown>
): string {
  const notebook = JSON.parse(
    readFileSync(join(ROOT, 'examples', 'linear-chain.ipynb'), 'utf8')
  );
  delete notebook.metadata.cellpipe;
  Object.assign(notebook.metadata, metadata);
  writeFileSync(join(root, name), JSON.stringify(notebook));
  return name;
}

describe("a KFP run goes to the notebook's experiment (stand-in peer, not a real KFP)", () => {
  const peer = new KfpPeer(answers);
  let url = '';
  let root = '';
  let engine: EngineProcess;
  const environment = () => ({
    PATH: process.env.PATH,
    HOME: root,
    CELLPIPE_HOME: join(root, '.state'),
    KF_PIPELINES_ENDPOINT: url
  });

  beforeAll(async () => {
    url = await peer.start();
    root = mkdtempSync(join(tmpdir(), 'cellpipe-experiment-'));
    engine = new EngineProcess(root, environment());
  });
  afterAll(async () => {
    await engine.stop();
    await peer.stop();
  });
  beforeEach(() => {
    peer.requests.length = 0;
    for (const name of Object.keys(experiments)) {
      delete experiments[name];
    }
    experiments.fraud = 'exp-fraud';
  });
  afterEach(() => {
    expect(peer.requests.flatMap(r => r.problems)).toEqual([]);
  });

  const runBody = () =>
    peer.requests.find(
      r => r.method === 'POST' && r.path === '/apis/v2beta1/runs'
    )?.body as Record<string, unknown>;
  const experimentCalls = () =>
    peer.requests
      .filter(r => r.path === '/apis/v2beta1/experiments')
      .map(r => ({ method: r.method, namespace: r.query.namespace }));

  it('from the lab: an existing experiment is found by name, in the namespace of the settings', async () => {
    const path = notebookWith(root, 'fraud.ipynb', {
      cellpipe: { target: 'kfp', experiment: 'fraud', namespace: 'team-a' }
    });
    await engine.call('startRun', { path, target: 'kfp' });
    expect(experimentCalls()).toEqual([{ method: 'GET', namespace: 'team-a' }]);
    expect(runBody().experiment_id).toBe('exp-fraud');
  });

  it("from the lab: Kale's experiment_name is made when the server has none", async () => {
    const path = notebookWith(root, 'kale.ipynb', {
      kubeflow_notebook: { experiment_name: 'churn', pipeline_name: 'churn' }
    });
    await engine.call('startRun', { path, target: 'kfp' });
    expect(experimentCalls().map(c => c.method)).toEqual(['GET', 'POST']);
    expect(
      peer.requests.find(
        r => r.method === 'POST' && r.path === '/apis/v2beta1/experiments'
      )?.body
    ).toEqual({ display_name: 'churn' });
    expect(runBody().experiment_id).toBe('made-churn');
  });

  it('from the lab: no experiment setting asks for none (KFP uses its default)', async () => {
    const path = notebookWith(root, 'plain.ipynb', {
      cellpipe: { target: 'kfp' }
    });
    await engine.call('startRun', { path, target: 'kfp' });
    expect(experimentCalls()).toEqual([]);
    expect(runBody().experiment_id).toBeUndefined();
  });

  it('from the CLI: `submit NOTEBOOK` uses the setting; --kfp-experiment ID wins over it', async () => {
    const path = notebookWith(root, 'cli.ipynb', {
      cellpipe: { experiment: 'fraud', namespace: 'team-b' }
    });
    // Asynchronously: the stand-in answers from this process.
    const submit = (...extra: string[]) =>
      promisify(execFile)(
        process.execPath,
        [
          join(ROOT, 'bin', 'cellpipe.js'),
          'submit',
          join(root, path),
          '--target',
          'kfp',
          ...extra
        ],
        { cwd: root, env: environment() }
      );
    await submit();
    expect(experimentCalls()).toEqual([{ method: 'GET', namespace: 'team-b' }]);
    expect(runBody().experiment_id).toBe('exp-fraud');

    peer.requests.length = 0;
    await submit('--kfp-experiment', 'exp-given');
    expect(experimentCalls()).toEqual([]);
    expect(runBody().experiment_id).toBe('exp-given');
  });
});
