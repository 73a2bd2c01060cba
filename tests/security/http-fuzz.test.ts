/**
 * Issue 14: a fuzz test of the HTTP API with fast-check. A real `jupyter server` (the project's
 * virtualenv, the cellpipe server extension relaying to the real Node engine) listens on a Unix
 * socket with a token; fast-check sends every /cellpipe/ route random methods, paths, query
 * strings, bodies (JSON of random shape, sizes and nesting, near-miss request objects, and
 * non-JSON) and checks that no answer is a 5xx: every refusal is a 4xx with a message.
 *
 * Seeded (FUZZ_SEED, default fixed so CI is repeatable) and bounded (FUZZ_RUNS requests, default
 * 400); the seed is printed, and a failure prints the request that reproduces it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../support/cli';
import { codeCell, notebookJson } from '../support/notebook-json';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const TOKEN = 'fuzz-token-0123456789abcdef';
const JUPYTER = join(ROOT, '.venv', 'bin', 'jupyter');

interface IReply {
  status: number;
  body: string;
}

interface IRequest {
  method: string;
  path: string;
  body?: Buffer;
  headers?: Record<string, string>;
}

let dir: string;
let socket: string;
let server: ChildProcess;
let serverLog = '';

function send(req: IRequest): Promise<IReply> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      {
        socketPath: socket,
        method: req.method,
        path: req.path,
        headers: {
          Authorization: `token ${TOKEN}`,
          ...(req.body ? { 'Content-Length': String(req.body.length) } : {}),
          ...req.headers
        }
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk as Buffer));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8')
          })
        );
        response.on('error', reject);
      }
    );
    call.on('error', reject);
    call.end(req.body);
  });
}

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

function notebook(tags: string[], source: string): string {
  return JSON.stringify(notebookJson([codeCell(source, tags)]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellpipe-fuzz-'));
  const root = join(dir, 'root');
  mkdirSync(root);
  writeFileSync(join(root, 'nb.ipynb'), notebook(['step:one'], 'x = 1'));
  writeFileSync(join(root, 'broken.ipynb'), notebook(['step:one'], 'x = ('));
  writeFileSync(join(root, 'not-json.ipynb'), '{"cells": [');
  socket = join(dir, 'jupyter.sock');
  const config = join(dir, 'jupyter_server_config.json');
  writeFileSync(
    config,
    JSON.stringify({
      ServerApp: {
        jpserver_extensions: { cellpipe: true },
        sock: socket,
        root_dir: root,
        open_browser: false,
        // CI machines run as root.
        allow_root: true
      },
      IdentityProvider: { token: TOKEN }
    })
  );
  server = spawn(JUPYTER, ['server', `--config=${config}`], {
    cwd: root,
    env: {
      ...process.env,
      CELLPIPE_HOME: join(dir, 'home'),
      // No cluster here: cluster targets must refuse with a message, not fail.
      KUBECONFIG: join(dir, 'no-kubeconfig'),
      KF_PIPELINES_ENDPOINT: '',
      JUPYTER_CONFIG_DIR: join(dir, 'config'),
      JUPYTER_RUNTIME_DIR: join(dir, 'runtime')
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  server.stdout!.on('data', chunk => (serverLog += String(chunk)));
  server.stderr!.on('data', chunk => (serverLog += String(chunk)));
  for (let attempt = 0; attempt < 600; attempt++) {
    if (server.exitCode !== null) {
      break;
    }
    if (existsSync(socket)) {
      try {
        const status = await send({ method: 'GET', path: '/cellpipe/version' });
        if (status.status === 200) {
          return;
        }
      } catch {
        // not listening yet
      }
    }
    await sleep(250);
  }
  throw new Error(`jupyter server did not start:\n${serverLog}`);
});

afterAll(async () => {
  // Let local runs the fuzz started finish before their store is removed.
  for (let attempt = 0; attempt < 240 && server?.exitCode === null; attempt++) {
    const runs = await send({ method: 'GET', path: '/cellpipe/runs' }).catch(
      () => undefined
    );
    const busy =
      runs?.status === 200 &&
      (JSON.parse(runs.body) as { status: string }[]).some(r =>
        ['Pending', 'Running'].includes(r.status)
      );
    if (!busy) {
      break;
    }
    await sleep(250);
  }
  if (server && server.exitCode === null) {
    const exited = new Promise(done => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

// ---- what is sent ----------------------------------------------------------------------

/** Every route of the server extension (cellpipe/routes.py) and the method it serves. */
const ROUTES: [string, string][] = [
  ['version', 'GET'],
  ['analyze', 'POST'],
  ['compile', 'POST'],
  ['settings', 'POST'],
  ['runs', 'GET'],
  ['runs', 'POST'],
  ['runs/{id}', 'GET'],
  ['runs/{id}/cancel', 'POST'],
  ['runs/{id}/steps/{step}/log', 'GET']
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** Path segments: plausible, hostile, unicode, encoded, long. */
const segment = fc.oneof(
  fc.constantFrom(
    '20261130-000000-abc123',
    'one',
    '..',
    '.',
    '%2e%2e',
    '%00',
    '%2F',
    '%ff',
    '__proto__',
    'constructor',
    'x'.repeat(3000)
  ),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 20 })
    .map(encodeURIComponent)
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('offset', 'notebook', 'x', '__proto__'),
        fc.oneof(
          fc.constantFrom(
            '0',
            '-1',
            '1e400',
            'NaN',
            '9'.repeat(400),
            'nb.ipynb',
            ''
          ),
          fc.string({ maxLength: 30 })
        )
      ),
      { maxLength: 3 }
    )
    .map(pairs =>
      pairs.length
        ? '?' + pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
        : ''
    )
);

const target = fc
  .tuple(
    fc.constantFrom(...ROUTES),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) }
    ),
    segment,
    segment,
    fc.array(segment, { maxLength: 3 }),
    fc.boolean(),
    query
  )
  .map(([[route, served], other, id, step, extra, trailing, q]) => {
    let p = `/cellpipe/${route.replace('{id}', id).replace('{step}', step)}`;
    if (extra.length && trailing) {
      p += '/' + extra.join('/');
    }
    // Mostly the method the route serves, so requests reach the engine; else any method.
    return { method: other ?? served, path: p + q };
  });

/** JSON nested `depth` deep, as arrays or objects. */
function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const anyJson = fc.jsonValue({ maxDepth: 6 });

/** Objects close to real requests, so the engine's deeper checks are reached. */
const nearMiss = fc.record(
  {
    path: fc.oneof(
      fc.constantFrom(
        'nb.ipynb',
        'broken.ipynb',
        'not-json.ipynb',
        'missing.ipynb',
        '../nb.ipynb',
        '/etc/passwd',
        '.hidden.ipynb',
        ''
      ),
      anyJson
    ),
    target: fc.oneof(
      fc.constantFrom('argo', 'kfp', 'local', 'airflow'),
      anyJson
    ),
    notebook: fc.oneof(
      anyJson,
      fc.constant(JSON.parse(notebook(['step:a'], 'y = 2'))),
      fc.record({
        cells: fc.array(
          fc.record({
            cell_type: fc.oneof(fc.constant('code'), anyJson),
            metadata: fc.oneof(
              fc.record({ tags: fc.oneof(fc.array(fc.string()), anyJson) }),
              anyJson
            ),
            source: fc.oneof(fc.string(), fc.array(fc.string()), anyJson)
          }),
          { maxLength: 4 }
        ),
        metadata: fc.oneof(
          anyJson,
          fc.record({ cellpipe: anyJson }),
          fc.record({ kubeflow_notebook: anyJson })
        ),
        nbformat: fc.oneof(fc.constant(4), anyJson)
      })
    ),
    overrides: fc.oneof(
      anyJson,
      fc.record({
        security: anyJson,
        stepDefaults: anyJson,
        namespace: anyJson,
        image: anyJson,
        python: anyJson
      })
    ),
    params: fc.oneof(
      anyJson,
      fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 3 })
    ),
    kernelPythons: anyJson
  },
  { requiredKeys: [] }
);

const body = fc.oneof(
  { weight: 5, arbitrary: nearMiss.map(v => Buffer.from(JSON.stringify(v))) },
  { weight: 2, arbitrary: anyJson.map(v => Buffer.from(JSON.stringify(v))) },
  { weight: 1, arbitrary: fc.string().map(s => Buffer.from(s)) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 200 }).map(a => Buffer.from(a))
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom('array', 'object')
      )
      .map(([depth, kind]) =>
        Buffer.from(
          `{"notebook": ${nested(depth, kind as 'array' | 'object')}}`
        )
      )
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 4 * 1024 * 1024 })
      .map(size => Buffer.from(JSON.stringify({ path: 'x'.repeat(size) })))
  },
  { weight: 1, arbitrary: fc.constant(undefined) }
);

const requestArb: fc.Arbitrary<IRequest> = fc
  .record({
    target,
    body,
    headers: fc.oneof(
      fc.constant({}),
      fc.constant({ 'Content-Type': 'application/json' }),
      fc.constant({ 'Content-Type': 'text/plain; charset=latin-1' })
    )
  })
  .map(({ target: { method, path }, body: data, headers }) => ({
    method,
    path,
    // HEAD and GET requests carry no body in practice; send one anyway now and then.
    body: data,
    headers
  }));

/** A short description of a request, for the failure message. */
function describe_(req: IRequest): string {
  const text = req.body?.toString('utf8') ?? '';
  return `${req.method} ${req.path.slice(0, 300)} body(${req.body?.length ?? 0} B): ${text.slice(0, 300)}`;
}

it('answers every route, method, path and body with no 5xx, and 4xx with a message', async () => {
  process.stdout.write(
    `http fuzz: seed ${SEED}, ${RUNS} requests (FUZZ_SEED, FUZZ_RUNS)\n`
  );
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(requestArb, async req => {
      const reply = await send(req);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      const where = `${describe_(req)}\n-> ${reply.status} ${reply.body.slice(0, 500)}`;
      if (reply.status >= 500) {
        throw new Error(`a 5xx answer:\n${where}`);
      }
      // A HEAD answer has no body by definition: its status is all there is to judge.
      if (reply.status >= 400 && req.method !== 'HEAD') {
        let message: unknown;
        try {
          message = (JSON.parse(reply.body) as { message?: unknown }).message;
        } catch {
          message = undefined;
        }
        if (typeof message !== 'string' || message.trim() === '') {
          throw new Error(`a 4xx without a JSON message:\n${where}`);
        }
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true }
  );
  process.stdout.write(
    `http fuzz: answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`
  );
  // The fuzz reached the engine's own refusals, not only the routing.
  expect(
    [...statuses.keys()].some(s => s >= 400 && s !== 404 && s !== 405)
  ).toBe(true);
});
