/**
 * Contract tests of every KFP request cellpipe sends, against the vendored v2beta1 swagger.
 * The peer is a recording stand-in on 127.0.0.1, not a real Kubeflow Pipelines server.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KfpClient } from '../../src/engine/kfp/client';
import { resolveKfpEndpoint } from '../../src/engine/kfp/endpoint';
import {
  cancelKfpRun,
  parseKfpDocuments,
  pollKfpRun,
  submitKfpRun
} from '../../src/engine/kfp/kfp-run';
import { UserError } from '../../src/core/errors';
import { IRecordedRequest, KfpPeer, SCHEMAS } from './kfp-peer';

const examples = join(SCHEMAS, 'kfp-2.17/compiled-examples');

interface IState {
  version: string;
  runState: string;
  /** The experiments the server has, by display name. */
  experiments: Record<string, string>;
  /** Whether it refuses to create runs. */
  refuseRuns?: boolean;
  /** The pipelines uploaded (each with one version). */
  pipelines: string[];
}

function responder(state: IState) {
  return (
    request: IRecordedRequest
  ): { status: number; body: unknown } | undefined => {
    const route = `${request.method} ${request.path}`;
    if (route === 'POST /apis/v2beta1/runs' && state.refuseRuns) {
      return { status: 400, body: { message: 'invalid pipeline spec' } };
    }
    if (route === 'GET /apis/v2beta1/healthz') {
      return { status: 200, body: { multi_user: false } };
    }
    if (route === 'GET /apis/v1beta1/healthz') {
      return {
        status: 200,
        body: { commit_sha: 'abc', tag_name: state.version, multi_user: false }
      };
    }
    if (route === 'POST /apis/v2beta1/pipelines/create') {
      state.pipelines.push('pipe-1');
      return {
        status: 200,
        body: { pipeline_id: 'pipe-1', display_name: 'x' }
      };
    }
    if (route === 'GET /apis/v2beta1/pipelines/pipe-1/versions') {
      return {
        status: 200,
        body: {
          pipeline_versions: [
            { pipeline_id: 'pipe-1', pipeline_version_id: 'ver-1' }
          ],
          total_size: 1
        }
      };
    }
    if (route === 'POST /apis/v2beta1/runs') {
      return {
        status: 200,
        body: { run_id: 'run-1', display_name: 'x', state: 'PENDING' }
      };
    }
    if (route === 'GET /apis/v2beta1/runs/run-1') {
      return {
        status: 200,
        body: {
          run_id: 'run-1',
          state: state.runState,
          run_details: {
            task_details: [
              { display_name: 'add-numbers', state: state.runState }
            ]
          }
        }
      };
    }
    if (route === 'GET /apis/v2beta1/experiments') {
      // Answers the one filter cellpipe sends: display_name EQUALS a name.
      const { predicates } = JSON.parse(request.query.filter) as {
        predicates: { key: string; operation: string; stringValue: string }[];
      };
      const matching = Object.entries(state.experiments).filter(([name]) =>
        predicates.every(
          p =>
            p.key === 'display_name' &&
            p.operation === 'EQUALS' &&
            p.stringValue === name
        )
      );
      return {
        status: 200,
        body: matching.length
          ? {
              experiments: matching.map(([name, id]) => ({
                experiment_id: id,
                display_name: name
              })),
              total_size: matching.length
            }
          : {}
      };
    }
    if (route === 'POST /apis/v2beta1/experiments') {
      const { display_name: name } = request.body as { display_name: string };
      state.experiments[name] =
        `exp-${Object.keys(state.experiments).length + 1}`;
      return {
        status: 200,
        body: { experiment_id: state.experiments[name], display_name: name }
      };
    }
    if (route.startsWith('DELETE /apis/v2beta1/experiments/')) {
      const id = request.path.split('/').pop();
      for (const [name, made] of Object.entries(state.experiments)) {
        if (made === id) {
          delete state.experiments[name];
        }
      }
      return { status: 200, body: {} };
    }
    if (route === 'DELETE /apis/v2beta1/pipelines/pipe-1') {
      // As KFP: a pipeline with versions goes only with them (cascade).
      if (request.query.cascade !== 'true') {
        return { status: 400, body: { message: 'pipeline has versions' } };
      }
      state.pipelines = state.pipelines.filter(id => id !== 'pipe-1');
      return { status: 200, body: {} };
    }
    if (route === 'POST /apis/v2beta1/runs/run-1:terminate') {
      return { status: 200, body: {} };
    }
    return undefined;
  };
}

describe('KFP v2beta1 contract (stand-in peer, not a real KFP)', () => {
  const state: IState = {
    version: '2.17.0',
    runState: 'RUNNING',
    experiments: {},
    pipelines: []
  };
  const peer = new KfpPeer(responder(state));
  let url = '';
  let home = '';

  beforeAll(async () => {
    url = await peer.start();
  });
  afterAll(() => peer.stop());
  beforeEach(() => {
    peer.requests.length = 0;
    state.version = '2.17.0';
    state.runState = 'RUNNING';
    state.experiments = { fraud: 'exp-fraud' };
    state.refuseRuns = false;
    state.pipelines = [];
    home = mkdtempSync(join(tmpdir(), 'cellpipe-kfp-'));
  });
  afterEach(() => {
    for (const request of peer.requests) {
      expect({
        request: `${request.method} ${request.path}`,
        problems: request.problems
      }).toEqual({
        request: `${request.method} ${request.path}`,
        problems: []
      });
    }
  });

  function client(extra: Record<string, string | boolean> = {}): KfpClient {
    return new KfpClient(
      resolveKfpEndpoint(
        {
          endpoint: url,
          uiEndpoint: 'https://kfp.example/pipeline',
          upload: extra.upload === true
        },
        {
          KF_PIPELINES_TOKEN: 'secret-token'
        }
      )
    );
  }

  const compiled = (name: string) => {
    const file = join(examples, name);
    return parseKfpDocuments(readFileSync(file, 'utf8'), file);
  };

  // pipeline_with_secret_as_env.yaml (the one example with a platform spec) has a quoted
  // scalar the strict `yaml` parser rejects, so a platform spec is added here instead.
  const platformSpec = {
    platforms: {
      kubernetes: { deploymentSpec: { executors: { 'exec-add-numbers': {} } } }
    }
  };
  it.each([
    ['add_numbers.yaml', false],
    ['flip_coin.yaml', false],
    ['mixed_parameters.yaml', false],
    ['add_numbers.yaml', true]
  ])(
    'creates a run with the compiled %s inline (platform spec: %s), authenticated, and records it',
    async (name, withPlatform) => {
      const documents = {
        ...compiled(name as string),
        ...(withPlatform ? { platformSpec } : {})
      };
      const record = await submitKfpRun(
        client(),
        {
          notebook: name,
          displayName: 'demo',
          ...documents,
          parameters: { a: 1 }
        },
        home
      );
      const create = peer.requests.find(
        r => r.method === 'POST' && r.path === '/apis/v2beta1/runs'
      );
      expect(create?.headers.authorization).toBe('Bearer secret-token');
      const spec = (create?.body as { pipeline_spec: Record<string, unknown> })
        .pipeline_spec;
      if (documents.platformSpec) {
        expect(spec).toEqual({
          pipeline_spec: documents.pipelineSpec,
          platform_spec: documents.platformSpec
        });
      } else {
        expect(spec).toEqual(documents.pipelineSpec);
      }
      expect(record.kfpRunId).toBe('run-1');
      expect(record.links).toEqual([
        {
          kind: 'kfp-run',
          label: 'Kubeflow run',
          url: 'https://kfp.example/pipeline/#/runs/details/run-1'
        }
      ]);
      expect(
        JSON.parse(
          readFileSync(join(home, 'runs', record.id, 'run.json'), 'utf8')
        ).target
      ).toBe('kfp');
    }
  );

  it('uploads the pipeline and runs its version when the upload setting is on', async () => {
    const record = await submitKfpRun(
      client({ upload: true }),
      {
        notebook: 'nb.ipynb',
        displayName: 'demo',
        ...compiled('add_numbers.yaml')
      },
      home
    );
    expect(
      peer.requests.map(r => `${r.method} ${r.operation ?? r.path}`)
    ).toEqual([
      'GET /apis/v2beta1/healthz',
      'GET /apis/v1beta1/healthz',
      'POST /apis/v2beta1/pipelines/create',
      'GET /apis/v2beta1/pipelines/{pipeline_id}/versions',
      'POST /apis/v2beta1/runs'
    ]);
    const run = peer.requests[4].body as Record<string, unknown>;
    expect(run.pipeline_version_reference).toEqual({
      pipeline_id: 'pipe-1',
      pipeline_version_id: 'ver-1'
    });
    expect(run.pipeline_spec).toBeUndefined();
    expect(record.links.map(l => l.url)).toEqual([
      'https://kfp.example/pipeline/#/runs/details/run-1',
      'https://kfp.example/pipeline/#/pipelines/details/pipe-1'
    ]);
  });

  it('an uploaded pipeline whose run cannot be created is deleted again, with its version', async () => {
    state.refuseRuns = true;
    await expect(
      submitKfpRun(
        client({ upload: true }),
        {
          notebook: 'nb.ipynb',
          displayName: 'demo',
          ...compiled('add_numbers.yaml')
        },
        home
      )
    ).rejects.toThrow(/invalid pipeline spec/);
    expect(
      peer.requests.map(r => `${r.method} ${r.operation ?? r.path}`).slice(2)
    ).toEqual([
      'POST /apis/v2beta1/pipelines/create',
      'GET /apis/v2beta1/pipelines/{pipeline_id}/versions',
      'POST /apis/v2beta1/runs',
      'DELETE /apis/v2beta1/pipelines/{pipeline_id}'
    ]);
    expect(state.pipelines).toEqual([]);
  });

  /** A run of add_numbers.yaml in the experiment named so (in `namespace`). */
  const submitToExperiment = (experimentName: string, namespace?: string) =>
    submitKfpRun(
      client(),
      {
        notebook: 'nb.ipynb',
        displayName: 'demo',
        ...compiled('add_numbers.yaml'),
        experimentName,
        namespace
      },
      home
    );

  it('runs in the experiment the settings name, found by name, and makes it when missing', async () => {
    const submit = (experimentName: string) =>
      submitToExperiment(experimentName, 'team-a');
    await submit('fraud');
    const calls = () =>
      peer.requests.map(r => `${r.method} ${r.operation ?? r.path}`);
    expect(calls()).toEqual([
      'GET /apis/v2beta1/healthz',
      'GET /apis/v1beta1/healthz',
      'GET /apis/v2beta1/experiments',
      'POST /apis/v2beta1/runs'
    ]);
    expect(peer.requests[2].query.namespace).toBe('team-a');
    expect(peer.requests[3].body).toMatchObject({ experiment_id: 'exp-fraud' });

    peer.requests.length = 0;
    await submit('churn "q4"');
    expect(calls()).toEqual([
      'GET /apis/v2beta1/healthz',
      'GET /apis/v1beta1/healthz',
      'GET /apis/v2beta1/experiments',
      'POST /apis/v2beta1/experiments',
      'POST /apis/v2beta1/runs'
    ]);
    expect(peer.requests[3].body).toEqual({
      display_name: 'churn "q4"',
      namespace: 'team-a'
    });
    expect(peer.requests[4].body).toMatchObject({ experiment_id: 'exp-2' });

    // Made once: the next run finds it.
    peer.requests.length = 0;
    await submit('churn "q4"');
    expect(calls()).not.toContain('POST /apis/v2beta1/experiments');
    expect(peer.requests.at(-1)?.body).toMatchObject({
      experiment_id: 'exp-2'
    });
  });

  it('a run that cannot be created leaves no experiment made for it, and one found stays', async () => {
    state.refuseRuns = true;
    const submit = (experimentName: string) =>
      submitToExperiment(experimentName);
    await expect(submit('churn')).rejects.toThrow(/invalid pipeline spec/);
    expect(
      peer.requests.map(r => `${r.method} ${r.operation ?? r.path}`).slice(2)
    ).toEqual([
      'GET /apis/v2beta1/experiments',
      'POST /apis/v2beta1/experiments',
      'POST /apis/v2beta1/runs',
      'DELETE /apis/v2beta1/experiments/{experiment_id}'
    ]);
    expect(state.experiments).toEqual({ fraud: 'exp-fraud' });
    peer.requests.length = 0;
    await expect(submit('fraud')).rejects.toThrow(/invalid pipeline spec/);
    expect(peer.requests.map(r => r.method)).not.toContain('DELETE');
    expect(state.experiments).toEqual({ fraud: 'exp-fraud' });
  });

  it('an experiment ID given (--kfp-experiment) wins over the name; none leaves the run in the default experiment', async () => {
    await submitKfpRun(
      client(),
      {
        notebook: 'nb.ipynb',
        displayName: 'demo',
        ...compiled('add_numbers.yaml'),
        experimentId: 'exp-given',
        experimentName: 'fraud'
      },
      home
    );
    expect(peer.requests.map(r => r.path)).not.toContain(
      '/apis/v2beta1/experiments'
    );
    expect(peer.requests.at(-1)?.body).toMatchObject({
      experiment_id: 'exp-given'
    });
    peer.requests.length = 0;
    await submitKfpRun(
      client(),
      { notebook: 'nb', displayName: 'demo', ...compiled('add_numbers.yaml') },
      home
    );
    expect(peer.requests.map(r => r.path)).not.toContain(
      '/apis/v2beta1/experiments'
    );
    expect(
      (peer.requests.at(-1)?.body as Record<string, unknown>).experiment_id
    ).toBeUndefined();
  });

  it('polls the status until the run finishes and maps task states onto steps', async () => {
    const kfp = client();
    const record = await submitKfpRun(
      kfp,
      { notebook: 'nb', displayName: 'demo', ...compiled('add_numbers.yaml') },
      home
    );
    setTimeout(() => (state.runState = 'SUCCEEDED'), 50);
    const final = await pollKfpRun(kfp, record, { intervalMs: 20, home });
    expect(final.status).toBe('Succeeded');
    expect(final.steps).toEqual([
      expect.objectContaining({ name: 'add-numbers', status: 'Succeeded' })
    ]);
  });

  it('cancels with :terminate', async () => {
    const kfp = client();
    const record = await submitKfpRun(
      kfp,
      { notebook: 'nb', displayName: 'demo', ...compiled('add_numbers.yaml') },
      home
    );
    await cancelKfpRun(kfp, record.id, home);
    expect(peer.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/apis/v2beta1/runs/run-1:terminate'
    });
  });

  it('refuses a server older than 2.16 with a clear message, sending no run', async () => {
    state.version = '2.15.2';
    const attempt = submitKfpRun(
      client(),
      { notebook: 'nb', displayName: 'demo', ...compiled('add_numbers.yaml') },
      home
    );
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(
      /version 2\.15\.2; cellpipe needs 2\.16 or newer/
    );
    expect(peer.requests.some(r => r.path === '/apis/v2beta1/runs')).toBe(
      false
    );
  });

  it('reads the service-account token for service-account auth', async () => {
    const tokenFile = join(home, 'token');
    writeFileSync(tokenFile, 'projected-token\n');
    const endpoint = resolveKfpEndpoint(
      { endpoint: url, auth: 'service-account' },
      { KF_PIPELINES_SA_TOKEN_PATH: tokenFile }
    );
    await new KfpClient(endpoint).getRun('run-1');
    expect(peer.requests[0].headers.authorization).toBe(
      'Bearer projected-token'
    );
  });

  it('takes the endpoints from KF_PIPELINES_ENDPOINT and KF_PIPELINES_UI_ENDPOINT; none sends no header', async () => {
    const endpoint = resolveKfpEndpoint(
      {},
      {
        KF_PIPELINES_ENDPOINT: `${url}/`,
        KF_PIPELINES_UI_ENDPOINT: 'http://ui.example'
      }
    );
    expect(endpoint).toMatchObject({
      api: url,
      ui: 'http://ui.example',
      auth: 'none'
    });
    await new KfpClient(endpoint).getRun('run-1');
    expect(peer.requests[0].headers.authorization).toBeUndefined();
    expect(() => resolveKfpEndpoint({}, {})).toThrow(/KF_PIPELINES_ENDPOINT/);
  });

  it('an unreachable endpoint is a clear error', async () => {
    const kfp = new KfpClient(
      resolveKfpEndpoint({ endpoint: 'http://127.0.0.1:9' }, {})
    );
    await expect(kfp.getRun('x')).rejects.toThrow(
      /cannot reach Kubeflow Pipelines at http:\/\/127\.0\.0\.1:9 \(.*\): check the KFP endpoint setting \(the lab's Settings Editor/
    );
    // Set in the environment, the message names the environment variable.
    const fromEnvironment = new KfpClient(
      resolveKfpEndpoint({}, { KF_PIPELINES_ENDPOINT: 'http://127.0.0.1:9' })
    );
    await expect(fromEnvironment.getRun('x')).rejects.toThrow(
      /: check KF_PIPELINES_ENDPOINT$/
    );
  });
});
