// A real Kubernetes control plane on loopback for the cluster tests: kine (SQLite) as the
// store and kube-apiserver built by scripts/setup.d/30-kube.sh. Self-signed certificates, a
// static token file (an admin and a restricted user), RBAC, and the default admission plugins
// (Pod Security included). Nothing listens on any address but 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

function versions() {
  const text = readFileSync(join(root, 'tools/kube/versions.env'), 'utf8');
  return Object.fromEntries(
    [...text.matchAll(/^(\w+)=(\S+)$/gm)].map(m => [m[1], m[2]])
  );
}

export function binaries() {
  const v = versions();
  return {
    apiserver: join(root, '.cache/kube', v.KUBE_VERSION, 'kube-apiserver'),
    kine: join(root, '.cache/kube', `kine-${v.KINE_VERSION}`, 'kine')
  };
}

export function binariesPresent() {
  const b = binaries();
  return existsSync(b.apiserver) && existsSync(b.kine);
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = server.address().port;
      server.close(() => done(port));
    });
  });
}

function openssl(args) {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** One HTTPS request to the apiserver; resolves to { status, body } (body parsed when JSON). */
export function kubeRequest(plane, method, path, body, options = {}) {
  const token = options.token ?? plane.adminToken;
  const payload =
    body === undefined
      ? undefined
      : typeof body === 'string'
        ? body
        : JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: plane.port,
        method,
        path,
        ca: plane.ca,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(payload === undefined
            ? {}
            : { 'content-type': options.contentType ?? 'application/json' })
        }
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () => {
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          done({ status: res.statusCode, body: parsed });
        });
      }
    );
    req.on('error', fail);
    req.end(payload);
  });
}

async function waitReady(plane, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `kube-apiserver exited (${child.exitCode}); log: ${plane.dir}/apiserver.log`
      );
    }
    try {
      const res = await kubeRequest(plane, 'GET', '/readyz');
      if (res.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `kube-apiserver not ready in ${deadlineMs} ms; log: ${plane.dir}/apiserver.log`
  );
}

function logFile(plane, name) {
  return openSync(join(plane.dir, name), 'a');
}

function startKine(plane) {
  const log = logFile(plane, 'kine.log');
  return spawn(
    binaries().kine,
    [
      `--listen-address=127.0.0.1:${plane.kinePort}`,
      `--endpoint=sqlite://${plane.dir}/state.db?_journal=WAL&cache=shared&_busy_timeout=30000`,
      `--metrics-bind-address=127.0.0.1:${plane.kineMetricsPort}`
    ],
    { stdio: ['ignore', log, log] }
  );
}

function apiserverArgs(plane) {
  const d = plane.dir;
  return [
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${plane.port}`,
    `--etcd-servers=http://127.0.0.1:${plane.kinePort}`,
    `--tls-cert-file=${d}/server.crt`,
    `--tls-private-key-file=${d}/server.key`,
    `--token-auth-file=${d}/tokens.csv`,
    '--authorization-mode=RBAC',
    `--service-account-key-file=${d}/sa.pub`,
    `--service-account-signing-key-file=${d}/sa.key`,
    '--service-account-issuer=https://kubernetes.default.svc',
    '--service-cluster-ip-range=10.96.0.0/24',
    '--endpoint-reconciler-type=none'
  ];
}

function startApiserver(plane) {
  const log = logFile(plane, 'apiserver.log');
  const child = spawn(binaries().apiserver, apiserverArgs(plane), {
    stdio: ['ignore', log, log]
  });
  plane.apiserver = child;
  return child;
}

function writeCredentials(plane) {
  const d = plane.dir;
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    `${d}/server.key`,
    '-out',
    `${d}/server.crt`,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1'
  ]);
  openssl(['genrsa', '-out', `${d}/sa.key`, '2048']);
  openssl(['rsa', '-in', `${d}/sa.key`, '-pubout', '-out', `${d}/sa.pub`]);
  plane.ca = readFileSync(`${d}/server.crt`);
  writeFileSync(
    `${d}/tokens.csv`,
    `${plane.adminToken},admin,admin-uid,"system:masters"\n` +
      `${plane.userToken},alice,alice-uid,"cellpipe-users"\n`
  );
}

/** A kubeconfig for `token` (default: the restricted user) with `namespace` as the context's. */
export function writeKubeconfig(plane, file, options = {}) {
  const token = options.token ?? plane.userToken;
  const server = options.server ?? `https://127.0.0.1:${plane.port}`;
  const ns = options.namespace ? `    namespace: ${options.namespace}\n` : '';
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: ${server}
    certificate-authority-data: ${Buffer.from(plane.ca).toString('base64')}
users:
- name: user
  user:
    token: ${token}
contexts:
- name: local
  context:
    cluster: local
    user: user
${ns}current-context: local
`
  );
  return file;
}

async function must(plane, method, path, body, contentType) {
  const res = await kubeRequest(plane, method, path, body, { contentType });
  if (res.status >= 300) {
    throw new Error(
      `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`
    );
  }
  return res.body;
}

const crdFiles = ['workflows', 'workflowtemplates', 'workflowtaskresults'];

async function applyFixtures(plane) {
  for (const name of crdFiles) {
    const yaml = readFileSync(
      join(plane.schemas, `argo-v4.1.2/crd-full-${name}.yaml`),
      'utf8'
    );
    await must(
      plane,
      'PATCH',
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}.argoproj.io` +
        '?fieldManager=cellpipe-tests&force=true',
      yaml,
      'application/apply-patch+yaml'
    );
  }
  for (const ns of [plane.namespace, plane.otherNamespace]) {
    await must(plane, 'POST', '/api/v1/namespaces', {
      metadata: {
        name: ns,
        labels: { 'pod-security.kubernetes.io/enforce': 'restricted' }
      }
    });
    // No controller-manager runs here to create it, and ServiceAccount admission needs it.
    await must(plane, 'POST', `/api/v1/namespaces/${ns}/serviceaccounts`, {
      metadata: { name: 'default' }
    });
  }
  const ns = plane.namespace;
  await must(
    plane,
    'POST',
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`,
    {
      metadata: { name: 'cellpipe-user' },
      rules: [
        {
          apiGroups: ['argoproj.io'],
          resources: ['workflows'],
          verbs: ['create', 'get', 'list', 'watch', 'patch', 'update', 'delete']
        },
        {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['create', 'get', 'list', 'patch', 'update', 'delete']
        },
        { apiGroups: [''], resources: ['pods'], verbs: ['create'] }
      ]
    }
  );
  await must(
    plane,
    'POST',
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`,
    {
      metadata: { name: 'cellpipe-user' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'cellpipe-user'
      },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }
      ]
    }
  );
  await waitForCrd(plane);
}

async function waitForCrd(plane) {
  for (let i = 0; i < 120; i++) {
    const res = await kubeRequest(
      plane,
      'GET',
      `/apis/argoproj.io/v1alpha1/namespaces/${plane.namespace}/workflows`
    );
    if (res.status === 200) {
      return;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error('the Workflow CRD was not served in 30 s');
}

function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(done => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/**
 * Starts kine and kube-apiserver, applies the Argo CRDs, the `restricted` namespaces and the
 * restricted user's Role. Returns the plane: ports, tokens, CA, and stop/restart functions.
 */
export async function startControlPlane() {
  const plane = {
    dir: mkdtempSync(join(tmpdir(), 'cellpipe-kube-')),
    schemas: process.env.CELLPIPE_SCHEMAS ?? resolve(root, '../shared/schemas'),
    port: await freePort(),
    kinePort: await freePort(),
    kineMetricsPort: await freePort(),
    adminToken: `admin-${Math.random().toString(36).slice(2)}`,
    userToken: `alice-${Math.random().toString(36).slice(2)}`,
    namespace: 'team-a',
    otherNamespace: 'team-b'
  };
  writeCredentials(plane);
  plane.kine = startKine(plane);
  startApiserver(plane);
  await waitReady(plane, plane.apiserver, 90000);
  await applyFixtures(plane);
  plane.stopApiserver = () => stopChild(plane.apiserver);
  plane.startApiserver = async () => {
    startApiserver(plane);
    await waitReady(plane, plane.apiserver, 90000);
  };
  plane.stop = async () => {
    await stopChild(plane.apiserver);
    await stopChild(plane.kine);
    if (!process.env.CELLPIPE_KEEP_KUBE) {
      rmSync(plane.dir, { recursive: true, force: true });
    }
  };
  return plane;
}
