/**
 * Issue 14, finding 1 (design §5, "Credentials stay with their endpoint"): a notebook that names
 * its own KFP endpoint must never receive the server's token. Driven through the built engine over
 * stdio, the lab's path, against two recording stand-in KFP servers (not a real KFP): one
 * configured on the server side, one named by the notebook.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IRecordedRequest, KfpPeer } from '../cluster/kfp-peer';
import { EngineProcess } from '../support/engine-process';
import { ROOT } from '../support/cli';

const TOKEN = 'tok-3f9a-never-leaves-the-server';

function answers(request: IRecordedRequest) {
  const route = `${request.method} ${request.path}`;
  if (route === 'GET /apis/v2beta1/healthz') {
    return { status: 200, body: { multi_user: false } };
  }
  if (route === 'GET /apis/v1beta1/healthz') {
    return {
      status: 200,
      body: { commit_sha: 'abc', tag_name: '2.17.0', multi_user: false }
    };
  }
  if (route === 'POST /apis/v2beta1/runs') {
    return {
      status: 200,
      body: { run_id: 'run-1', display_name: 'x', state: 'PENDING' }
    };
  }
  if (route === 'GET /apis/v2beta1/runs/run-1') {
    return { status: 200, body: { run_id: 'run-1', state: 'RUNNING' } };
  }
  if (route === 'POST /apis/v2beta1/runs/run-1:terminate') {
    return { status: 200, body: {} };
  }
  return undefined;
}

interface IRecord {
  id: string;
  kfpEndpoint?: string;
  kfpEndpointConfigured?: boolean;
  notice?: string;
}

function notebookNaming(root: string, endpoint: string | undefined): string {
  const notebook = JSON.parse(
    readFileSync(join(ROOT, 'examples', 'linear-chain.ipynb'), 'utf8')
  );
  notebook.metadata.cellpipe = {
    ...(notebook.metadata.cellpipe ?? {}),
    target: 'kfp',
    ...(endpoint ? { kfp: { endpoint } } : {})
  };
  const name = endpoint ? 'names-endpoint.ipynb' : 'plain.ipynb';
  writeFileSync(join(root, name), JSON.stringify(notebook));
  return name;
}

function leaked(peer: KfpPeer): string[] {
  return peer.requests
    .filter(r => JSON.stringify(r).includes(TOKEN) || r.headers.authorization)
    .map(r => `${r.method} ${r.path}`);
}

describe('KFP credentials go only to the configured endpoint', () => {
  const configured = new KfpPeer(answers);
  const named = new KfpPeer(answers);
  let engine: EngineProcess;
  let root = '';
  let namedUrl = '';

  beforeAll(async () => {
    const configuredUrl = await configured.start();
    namedUrl = await named.start();
    root = mkdtempSync(join(tmpdir(), 'cellpipe-creds-'));
    engine = new EngineProcess(root, {
      PATH: process.env.PATH,
      HOME: root,
      CELLPIPE_HOME: join(root, '.state'),
      KF_PIPELINES_ENDPOINT: configuredUrl,
      KF_PIPELINES_TOKEN: TOKEN
    });
  });
  afterAll(async () => {
    await engine.stop();
    await configured.stop();
    await named.stop();
  });

  it('a notebook-named endpoint gets the run without any credentials, and the record says so', async () => {
    const path = notebookNaming(root, namedUrl);
    const record = await engine.call<IRecord>('startRun', {
      path,
      target: 'kfp'
    });
    expect(named.requests.some(r => r.path === '/apis/v2beta1/runs')).toBe(
      true
    );
    expect(leaked(named)).toEqual([]);
    expect(configured.requests).toEqual([]);
    expect(record.kfpEndpoint).toBe(namedUrl);
    expect(record.kfpEndpointConfigured).toBe(false);
    expect(record.notice).toContain('without credentials');
    expect(record.notice).not.toContain(TOKEN);

    // Cancelling follows the recorded endpoint, still without credentials.
    named.requests.length = 0;
    await engine.call('cancelRun', { id: record.id });
    expect(named.requests.map(r => `${r.method} ${r.path}`)).toContain(
      'POST /apis/v2beta1/runs/run-1:terminate'
    );
    expect(leaked(named)).toEqual([]);
    expect(configured.requests).toEqual([]);
    expect(engine.stderr).not.toContain(TOKEN);
  });

  it('the configured endpoint gets the token', async () => {
    named.requests.length = 0;
    const path = notebookNaming(root, undefined);
    const record = await engine.call<IRecord>('startRun', {
      path,
      target: 'kfp'
    });
    const create = configured.requests.find(
      r => r.path === '/apis/v2beta1/runs'
    );
    expect(create?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(record.kfpEndpointConfigured).toBe(true);
    expect(record.notice).toBeUndefined();
    expect(named.requests).toEqual([]);
  });

  it('an endpoint URL holding a password is refused without being quoted', async () => {
    const path = notebookNaming(
      root,
      'http://user:hunter2-secret@127.0.0.1:9/'
    );
    const reply = await engine.request('startRun', { path, target: 'kfp' });
    expect(reply.error?.status).toBe(400);
    expect(reply.error?.message).not.toContain('hunter2-secret');
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
  });
});
