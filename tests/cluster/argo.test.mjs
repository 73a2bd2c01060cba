// Argo submission against a real kube-apiserver (kine store) on loopback: CRD validation,
// ownerReferences, rollback, 403, apiserver down, name clash, watch across a restart, cancel.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import https from 'node:https';
import { mkdirSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kubeRequest, startControlPlane, writeKubeconfig } from './harness.mjs';
import {
  root as repoRoot,
  cellpipe,
  fixtureDocuments,
  loadEngine,
  skipReason,
  tempDir
} from './support.mjs';

const skip = skipReason();

describe('Argo submission against a real apiserver', { skip }, () => {
  let plane;
  let engine;
  let dir;
  let kubeconfig;

  // The Workflow's parameters but the step runtime (cellpipe_runtime), which is always there.
  const notebookParameters = workflow => {
    const parameters = workflow.spec.arguments.parameters;
    assert.equal(parameters.at(-1).name, 'cellpipe_runtime');
    assert.match(parameters.at(-1).value, /^[A-Za-z0-9+/]+=*$/);
    return parameters.slice(0, -1).map(p => [p.name, p.value]);
  };

  const workflowsPath = ns =>
    `/apis/argoproj.io/v1alpha1/namespaces/${ns}/workflows`;
  const configMapsPath = ns => `/api/v1/namespaces/${ns}/configmaps`;

  async function list(path, selector) {
    const query = selector
      ? `?labelSelector=${encodeURIComponent(selector)}`
      : '';
    const res = await kubeRequest(plane, 'GET', path + query);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items;
  }

  function writeCompiled(documents, file) {
    const path = join(dir, file);
    writeFileSync(
      path,
      [...documents.configMaps, documents.workflow]
        .map(d => stringify(d))
        .join('---\n')
    );
    return path;
  }

  const env = extra => ({
    KUBECONFIG: kubeconfig,
    CELLPIPE_HOME: join(dir, 'home'),
    ...extra
  });

  before(async () => {
    plane = await startControlPlane();
    engine = await loadEngine();
    dir = tempDir('cellpipe-cluster-');
    kubeconfig = writeKubeconfig(plane, join(dir, 'kubeconfig'), {
      namespace: plane.namespace
    });
  });

  after(async () => {
    await plane?.stop();
  });

  test('API requests through one connection reuse one TLS connection (client-node alone opens one per request)', async () => {
    const { connect, CoreV1Api } = engine;
    const opened = [];
    const createConnection = https.Agent.prototype.createConnection;
    https.Agent.prototype.createConnection = function (...args) {
      opened.push(args[0]?.host ?? args[0]);
      return createConnection.apply(this, args);
    };
    try {
      const api = connect({ kubeconfig }).config.makeApiClient(CoreV1Api);
      const namespace = plane.namespace;
      for (let i = 0; i < 4; i++) {
        const listed = await api.listNamespacedConfigMap({ namespace });
        assert.ok(Array.isArray(listed.items));
      }
      // A second connection to the same server with the same credentials shares the agent.
      const again = connect({ kubeconfig }).config.makeApiClient(CoreV1Api);
      await again.listNamespacedConfigMap({ namespace });
    } finally {
      https.Agent.prototype.createConnection = createConnection;
    }
    assert.equal(opened.length, 1, `connections opened: ${opened.join(', ')}`);
  });

  test('submit creates a Workflow the CRD schema accepts; ConfigMaps are owned by it; the run is recorded', async () => {
    const file = writeCompiled(fixtureDocuments('iris'), 'iris.yaml');
    const result = cellpipe(
      [
        'submit',
        file,
        '--target',
        'argo',
        '--json',
        '--argo-ui',
        'https://argo.example'
      ],
      env()
    );
    assert.equal(result.status, 0, result.stderr);
    const record = JSON.parse(result.stdout);
    assert.equal(record.target, 'argo');
    assert.equal(record.namespace, plane.namespace);
    assert.match(record.workflowName, /^iris-[a-z0-9]{5}$/);
    assert.deepEqual(
      record.links.map(l => l.url),
      [
        `https://argo.example/workflows/${plane.namespace}/${record.workflowName}`
      ]
    );
    assert.deepEqual(
      record.steps.map(s => [s.name, s.status]),
      [
        ['load', 'Pending'],
        ['train', 'Pending']
      ]
    );
    const wf = await kubeRequest(
      plane,
      'GET',
      `${workflowsPath(plane.namespace)}/${record.workflowName}`
    );
    assert.equal(wf.status, 200);
    const cms = await list(
      configMapsPath(plane.namespace),
      `cellpipe.dev/submission=${record.workflowName}`
    );
    assert.equal(cms.length, 1);
    assert.deepEqual(cms[0].metadata.ownerReferences, [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        name: record.workflowName,
        uid: wf.body.metadata.uid
      }
    ]);
    // The volume refers to the renamed ConfigMap.
    assert.equal(wf.body.spec.volumes[0].configMap.name, cms[0].metadata.name);
    const runs = cellpipe(['runs', '--json'], env());
    assert.equal(runs.status, 0, runs.stderr);
    assert.ok(
      JSON.parse(runs.stdout).some(
        r => r.id === record.id && r.target === 'argo'
      )
    );
  });

  test('a Workflow the CRD schema rejects fails clearly and leaves no ConfigMap behind', async () => {
    const documents = fixtureDocuments('broken');
    documents.workflow.spec.parallelism = 'many';
    const result = cellpipe(
      ['submit', writeCompiled(documents, 'broken.yaml'), '--target', 'argo'],
      env()
    );
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /rejected .*Workflow|rejected workflows/i);
    assert.match(result.stderr, /parallelism/);
    assert.match(result.stderr, /Nothing was left behind/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    const names = (await list(configMapsPath(plane.namespace))).map(
      c => c.metadata.name
    );
    assert.ok(!names.some(n => n.startsWith('broken')), names.join(','));
    assert.equal(
      (await list(workflowsPath(plane.namespace))).filter(w =>
        w.metadata.name.startsWith('broken')
      ).length,
      0
    );
  });

  /** Dry-runs a pod in the `restricted` namespace as the restricted user. */
  function dryRunPod(pod) {
    return kubeRequest(
      plane,
      'POST',
      `/api/v1/namespaces/${plane.namespace}/pods?dryRun=All`,
      { ...pod, metadata: { ...pod.metadata, namespace: plane.namespace } },
      { token: plane.userToken }
    );
  }

  test('every pod of every corpus notebook, Argo and KFP, dry-run as a Pod, is admitted by real Pod Security (restricted)', async () => {
    const notebooks = engine.corpusNotebooks();
    assert.equal(notebooks.length, 20);
    let admitted = 0;
    for (const notebook of notebooks) {
      assert.ok(notebook.ir, `${notebook.name}: ${notebook.unusable}`);
      for (const [target, podsOf] of [
        ['argo', engine.argoPods],
        ['kfp', engine.kfpPods]
      ]) {
        const pods = podsOf(engine.compile(notebook.ir, target).documents);
        assert.ok(pods.length > 0, `${notebook.name} ${target}: no pods`);
        for (const pod of pods) {
          const res = await dryRunPod(pod);
          assert.equal(
            res.status,
            201,
            `${notebook.name} ${target} ${pod.metadata.name}: ${JSON.stringify(res.body.message)}`
          );
          admitted += 1;
        }
      }
    }
    assert.ok(admitted >= 200, `only ${admitted} pods`);
    // The same admission denies a pod compiled with security explicitly turned off.
    const weak = engine.compile(notebooks[0].ir, 'argo', {
      security: {
        runAsNonRoot: false,
        runAsUser: 0,
        allowPrivilegeEscalation: true
      }
    });
    const denied = await dryRunPod(engine.argoPods(weak.documents)[0]);
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /violates PodSecurity "restricted/);
  });

  test('submit NOTEBOOK.ipynb compiles it and creates the Workflow (with a unit test of our watch: a test-written status shows in `cellpipe runs`)', async () => {
    const notebook = join(dir, 'iris.ipynb');
    writeFileSync(
      notebook,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { cellpipe: { name: 'iris notebook' } },
        cells: [
          {
            cell_type: 'code',
            metadata: { tags: ['step:load_data'] },
            source: 'x = [1, 2]',
            outputs: [],
            execution_count: null
          },
          {
            cell_type: 'code',
            metadata: { tags: ['step:train'] },
            source: 'y = sum(x)',
            outputs: [],
            execution_count: null
          }
        ]
      })
    );
    const result = cellpipe(
      ['submit', notebook, '--target', 'argo', '--json'],
      env()
    );
    assert.equal(result.status, 0, result.stderr);
    const record = JSON.parse(result.stdout);
    assert.match(record.workflowName, /^iris-notebook-[a-z0-9]{5}$/);
    assert.deepEqual(
      record.steps.map(s => s.name),
      ['load-data', 'train']
    );
    const wf = await kubeRequest(
      plane,
      'GET',
      `${workflowsPath(plane.namespace)}/${record.workflowName}`
    );
    assert.equal(wf.status, 200, JSON.stringify(wf.body));
    assert.equal(wf.body.spec.securityContext.runAsNonRoot, true);

    // `cellpipe runs` re-reads unfinished cluster runs: the controller's status shows up.
    const patched = await kubeRequest(
      plane,
      'PATCH',
      `${workflowsPath(plane.namespace)}/${record.workflowName}`,
      {
        status: {
          phase: 'Succeeded',
          startedAt: '2026-11-22T10:00:00Z',
          finishedAt: '2026-11-22T10:01:00Z',
          nodes: {
            a: {
              id: 'a',
              name: 'wf.load-data',
              displayName: 'load-data',
              type: 'Pod',
              phase: 'Succeeded'
            },
            b: {
              id: 'b',
              name: 'wf.train',
              displayName: 'train',
              type: 'Pod',
              phase: 'Succeeded'
            }
          }
        }
      },
      { contentType: 'application/merge-patch+json' }
    );
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const runs = cellpipe(['runs', '--json'], env());
    assert.equal(runs.status, 0, runs.stderr);
    const listed = JSON.parse(runs.stdout).find(r => r.id === record.id);
    assert.equal(listed.status, 'Succeeded');
    assert.deepEqual(
      listed.steps.map(s => s.status),
      ['Succeeded', 'Succeeded']
    );
  });

  test("inside a notebook pod, steps default to the pod's own image, read through the API", async () => {
    // The notebook pod, as Kubeflow creates it: a sidecar first, the notebook container named
    // after the end of NB_PREFIX. Created, never scheduled (there are no nodes).
    const restricted = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' }
    };
    const podImage = 'registry.example.com/team/notebook:2.1';
    const created = await kubeRequest(
      plane,
      'POST',
      `/api/v1/namespaces/${plane.namespace}/pods`,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'my-notebook-0' },
        spec: {
          containers: [
            { name: 'sidecar', image: 'proxy:1', securityContext: restricted },
            {
              name: 'my-notebook',
              image: podImage,
              securityContext: restricted
            }
          ]
        }
      }
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const podEnv = {
      HOSTNAME: 'my-notebook-0',
      NB_PREFIX: `/notebook/${plane.namespace}/my-notebook`
    };
    // The notebook's service account may read its own pod (the admin token stands in for it).
    const inPod = {
      ...engine.connect({
        kubeconfig: writeKubeconfig(plane, join(dir, 'pod-reader'), {
          token: plane.adminToken,
          namespace: plane.namespace
        })
      }),
      inCluster: true
    };
    assert.equal(await engine.notebookPodImage(inPod, podEnv), podImage);
    assert.equal(
      await engine.notebookPodImage(inPod, { HOSTNAME: 'my-notebook-0' }),
      'proxy:1',
      'without NB_PREFIX: the first container'
    );
    // Outside a pod, or with no right to read it, nothing is looked up or guessed.
    assert.equal(
      await engine.notebookPodImage({ ...inPod, inCluster: false }, podEnv),
      undefined
    );
    const userInPod = {
      ...engine.connect({ kubeconfig, namespace: plane.namespace }),
      inCluster: true
    };
    assert.equal(await engine.notebookPodImage(userInPod, podEnv), undefined);

    const ir = engine.analyzeNotebook(
      {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          {
            cell_type: 'code',
            metadata: { tags: ['step:only'] },
            source: 'x = 1',
            outputs: [],
            execution_count: null
          }
        ]
      },
      'pod.ipynb'
    );
    const saved = {
      HOSTNAME: process.env.HOSTNAME,
      NB_PREFIX: process.env.NB_PREFIX
    };
    Object.assign(process.env, podEnv);
    try {
      const fromPod = await engine.compileForCluster(ir, 'argo', {}, inPod);
      assert.equal(fromPod.settings.image, podImage);
      assert.ok(fromPod.compiled.text.includes(`image: "${podImage}"`));
      const given = await engine.compileForCluster(
        ir,
        'argo',
        { image: 'registry.example.com/team/step:1' },
        inPod
      );
      assert.equal(given.settings.image, 'registry.example.com/team/step:1');
      const denied = await engine.compileForCluster(ir, 'argo', {}, userInPod);
      assert.equal(denied.settings.image, 'python:3.11-slim');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) {
          delete process.env[name];
        } else {
          process.env[name] = value;
        }
      }
    }
  });

  test("the lab's path: the engine's startRun submits to Argo with checked parameters; listRuns and cancelRun follow it", async () => {
    const root = join(dir, 'lab-root');
    mkdirSync(root, { recursive: true });
    const cell = (source, tags) => ({
      cell_type: 'code',
      metadata: { tags },
      source,
      outputs: [],
      execution_count: null
    });
    writeFileSync(
      join(root, 'params.ipynb'),
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          // Parameters named like Object.prototype members: each must stay itself.
          cell("toString = 3\nconstructor = 'c'", ['pipeline-parameters']),
          cell('y = toString * 2', ['step:double']),
          cell('import helpers, tables\nprint(y, constructor)', ['step:show'])
        ]
      })
    );
    // Modules next to the notebook: helpers.py goes with the run; tables.py, past the size the
    // steps carry, does not, and the run starts with a warning that its pod will lack it.
    writeFileSync(join(root, 'helpers.py'), 'ANSWER = 42\n');
    writeFileSync(
      join(root, 'tables.py'),
      `ROWS = ${JSON.stringify('x'.repeat(300 * 1024))}\n`
    );
    const engineProcess = spawn(
      process.execPath,
      [join(repoRoot, 'bin/cellpipe.js'), 'engine', '--root', root],
      { env: { ...process.env, ...env() }, stdio: ['pipe', 'pipe', 'pipe'] }
    );
    const replies = new Map();
    let buffered = '';
    engineProcess.stdout.setEncoding('utf8');
    engineProcess.stdout.on('data', chunk => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const reply = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        replies.get(reply.id)?.(reply);
      }
    });
    let nextId = 1;
    const call = (method, params) =>
      new Promise(done => {
        const id = nextId++;
        replies.set(id, done);
        engineProcess.stdin.write(
          JSON.stringify({ id, method, params }) + '\n'
        );
      });
    try {
      const before = await list(workflowsPath(plane.namespace));
      for (const [params, message] of [
        [{ nope: 1 }, /unknown parameter 'nope'/],
        [{ toString: 'x' }, /not an integer/]
      ]) {
        const refused = await call('startRun', {
          path: 'params.ipynb',
          target: 'argo',
          params
        });
        assert.equal(refused.error?.status, 400, JSON.stringify(refused));
        assert.match(refused.error.message, message);
      }
      assert.equal(
        (await list(workflowsPath(plane.namespace))).length,
        before.length,
        'a refused run creates nothing'
      );

      const started = await call('startRun', {
        path: 'params.ipynb',
        target: 'argo',
        params: { constructor: 'k' }
      });
      assert.ok(started.result, JSON.stringify(started.error));
      const { warnings, shipped, ...record } = started.result;
      assert.deepEqual(shipped, ['helpers.py']);
      assert.equal(record.target, 'argo');
      assert.deepEqual(
        warnings.map(w => w.slice(0, w.indexOf(', next to'))),
        ["cell 3, line 1: 'tables' is imported from tables.py"]
      );
      assert.match(
        warnings[0],
        /cellpipe does not ship it with the pipeline: with it, the modules shipped would come to 301 KiB, over the 256 KiB that every step carries\. .* on Argo step 'show' runs in a pod that has the step image/
      );
      const workflow = await kubeRequest(
        plane,
        'GET',
        `${workflowsPath(plane.namespace)}/${record.workflowName}`
      );
      assert.equal(workflow.status, 200, JSON.stringify(workflow.body));
      const stepCode = [
        ...JSON.stringify(workflow.body).matchAll(
          /b64decode\('([A-Za-z0-9+/=]+)'\)/g
        )
      ].map(m => inflateSync(Buffer.from(m[1], 'base64')).toString('utf8'));
      assert.equal(
        stepCode.filter(code =>
          code.includes(
            "MODULE_FILES = [\n    ('helpers.py', 'ANSWER = 42\\n'),\n]"
          )
        ).length,
        2,
        'each step carries helpers.py, not tables.py'
      );
      assert.deepEqual(Object.fromEntries(notebookParameters(workflow.body)), {
        toString: '3',
        constructor: 'k'
      });

      const listed = await call('listRuns', { notebook: 'params.ipynb' });
      assert.ok(
        listed.result.some(r => r.id === record.id),
        JSON.stringify(listed)
      );
      const cancelled = await call('cancelRun', { id: record.id });
      assert.ok(cancelled.result, JSON.stringify(cancelled.error));
      const after = await kubeRequest(
        plane,
        'GET',
        `${workflowsPath(plane.namespace)}/${record.workflowName}`
      );
      assert.equal(after.body.spec.shutdown, 'Terminate');
    } finally {
      engineProcess.kill();
    }
  });

  test('submit --param: checked and typed as for local runs before anything is created; the Workflow gets the values', async () => {
    const notebook = join(dir, 'submit-params.ipynb');
    const cell = (source, tags) => ({
      cell_type: 'code',
      metadata: { tags },
      source,
      outputs: [],
      execution_count: null
    });
    writeFileSync(
      notebook,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { cellpipe: { name: 'submit params' } },
        cells: [
          cell("count = 2\nflag = False\nconstructor = 'c'", [
            'pipeline-parameters'
          ]),
          cell('print(count, flag, constructor)', ['step:show'])
        ]
      })
    );
    const before = await list(workflowsPath(plane.namespace));
    for (const [param, message] of [
      ['count=x', /bad value for parameter 'count' \(int\)/],
      ['flag=constructor', /not true, false, 1 or 0/],
      ['nope=1', /unknown parameter 'nope'/],
      ['count', /--param expects NAME=VALUE/]
    ]) {
      const refused = cellpipe(
        ['submit', notebook, '--target', 'argo', '--param', param],
        env()
      );
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, message);
    }
    assert.equal(
      (await list(workflowsPath(plane.namespace))).length,
      before.length,
      'a refused run creates nothing'
    );
    const compiledFile = writeCompiled(fixtureDocuments('params'), 'p.yaml');
    const onFile = cellpipe(
      ['submit', compiledFile, '--target', 'argo', '--param', 'count=1'],
      env()
    );
    assert.equal(onFile.status, 2);
    assert.match(onFile.stderr, /--param needs the notebook/);

    const result = cellpipe(
      [
        'submit',
        notebook,
        '--target',
        'argo',
        '--json',
        '--param',
        'count= 21',
        '--param',
        'flag=1',
        '--param',
        'constructor=k'
      ],
      env()
    );
    assert.equal(result.status, 0, result.stderr);
    const record = JSON.parse(result.stdout);
    assert.deepEqual(
      { ...record.params },
      { count: 21, flag: true, constructor: 'k' }
    );
    const workflow = await kubeRequest(
      plane,
      'GET',
      `${workflowsPath(plane.namespace)}/${record.workflowName}`
    );
    assert.deepEqual(Object.fromEntries(notebookParameters(workflow.body)), {
      count: '21',
      flag: 'true',
      constructor: 'k'
    });
  });

  test("the settings' volumes: a claim not in the namespace is refused before anything is created; one that is there, or one we may not read, goes ahead", async () => {
    const notebook = join(dir, 'mounts.ipynb');
    writeFileSync(
      notebook,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {
          cellpipe: {
            name: 'mounts',
            volumes: [{ claim: 'team-data', mountPath: '/data' }]
          }
        },
        cells: [
          {
            cell_type: 'code',
            metadata: { tags: ['step:read'] },
            source: 'import os\nprint(os.listdir("/data"))',
            outputs: [],
            execution_count: null
          }
        ]
      })
    );
    const admin = writeKubeconfig(plane, join(dir, 'admin-kubeconfig'), {
      token: plane.adminToken,
      namespace: plane.namespace
    });
    const mounts = async () =>
      (await list(workflowsPath(plane.namespace))).filter(w =>
        w.metadata.name.startsWith('mounts-')
      );
    const submit = kubeconfigFile =>
      cellpipe(
        ['submit', notebook, '--target', 'argo', '--json'],
        env({ KUBECONFIG: kubeconfigFile })
      );

    const refused = submit(admin);
    assert.equal(refused.status, 2, refused.stderr);
    assert.equal(
      refused.stderr,
      `cellpipe submit: ${notebook}: namespace '${plane.namespace}' has no ` +
        "PersistentVolumeClaim 'team-data', which the settings' volumes mount in every step: " +
        'nothing was submitted. Create the claim, or correct its name in the volumes\n'
    );
    assert.equal((await mounts()).length, 0);

    // alice may not read claims (403): the check cannot say, and the run goes ahead.
    const unchecked = submit(kubeconfig);
    assert.equal(unchecked.status, 0, unchecked.stderr);
    assert.equal((await mounts()).length, 1);

    await kubeRequest(
      plane,
      'POST',
      `/api/v1/namespaces/${plane.namespace}/persistentvolumeclaims`,
      {
        metadata: { name: 'team-data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } }
        }
      }
    );
    const found = submit(admin);
    assert.equal(found.status, 0, found.stderr);
    const created = await mounts();
    assert.equal(created.length, 2);
    for (const workflow of created) {
      assert.deepEqual(
        workflow.spec.volumes.find(v => v.persistentVolumeClaim),
        { name: 'volume-1', persistentVolumeClaim: { claimName: 'team-data' } }
      );
    }
  });

  test('a namespace the user may not use gives a clear 403 naming it and the permission', async () => {
    const file = writeCompiled(fixtureDocuments('denied'), 'denied.yaml');
    const result = cellpipe(
      ['submit', file, '--target', 'argo', '--namespace', plane.otherNamespace],
      env()
    );
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /permission denied \(403\)/);
    assert.match(
      result.stderr,
      new RegExp(`namespace '${plane.otherNamespace}'`)
    );
    assert.match(result.stderr, /'create' configmaps/);
    assert.equal((await list(configMapsPath(plane.otherNamespace))).length, 0);
  });

  test('the apiserver being down gives a clear error and creates nothing', async () => {
    const file = writeCompiled(fixtureDocuments('offline'), 'offline.yaml');
    const deadConfig = writeKubeconfig(plane, join(dir, 'dead-kubeconfig'), {
      namespace: plane.namespace,
      server: 'https://127.0.0.1:9'
    });
    const result = cellpipe(
      ['submit', file, '--target', 'argo'],
      env({ KUBECONFIG: deadConfig })
    );
    assert.equal(result.status, 2, result.stderr);
    assert.match(
      result.stderr,
      /cannot reach the Kubernetes apiserver at https:\/\/127\.0\.0\.1:9/
    );
    assert.doesNotMatch(result.stderr, /internal error/);
    const names = (await list(configMapsPath(plane.namespace))).map(
      c => c.metadata.name
    );
    assert.ok(!names.some(n => n.startsWith('offline')), names.join(','));
  });

  test('a name clash retries under a new name and leaves nothing from the clashing attempt', async () => {
    const connection = engine.connect({ kubeconfig });
    const first = await engine.submitWorkflow(
      connection,
      fixtureDocuments('clash'),
      { suffixes: ['aaaaa'] }
    );
    assert.equal(first.name, 'clash-aaaaa');
    const second = await engine.submitWorkflow(
      connection,
      fixtureDocuments('clash'),
      { suffixes: ['aaaaa', 'bbbbb'] }
    );
    assert.equal(second.name, 'clash-bbbbb');
    assert.equal(second.attempts, 2);
    const owned = await list(
      configMapsPath(plane.namespace),
      'cellpipe.dev/submission in (clash-aaaaa,clash-bbbbb)'
    );
    assert.deepEqual(
      owned.map(c => c.metadata.ownerReferences[0].name).sort(),
      ['clash-aaaaa', 'clash-bbbbb']
    );
  });

  test('cancel sets spec.shutdown to Terminate and podGC, so a cancelled run leaves no pods', async () => {
    const file = writeCompiled(fixtureDocuments('cancelme'), 'cancelme.yaml');
    const submitted = cellpipe(
      ['submit', file, '--target', 'argo', '--json'],
      env()
    );
    assert.equal(submitted.status, 0, submitted.stderr);
    const record = JSON.parse(submitted.stdout);
    const result = cellpipe(['submit', '--cancel', record.id], env());
    assert.equal(result.status, 0, result.stderr);
    const wf = await kubeRequest(
      plane,
      'GET',
      `${workflowsPath(plane.namespace)}/${record.workflowName}`
    );
    assert.equal(wf.body.spec.shutdown, 'Terminate');
    assert.deepEqual(wf.body.spec.podGC, { strategy: 'OnWorkflowCompletion' });
  });

  test('unit test of our watch (statuses written by the test, not a controller): it survives an apiserver restart and maps phases onto steps', async () => {
    const connection = engine.connect({ kubeconfig });
    const submitted = await engine.submitWorkflow(
      connection,
      fixtureDocuments('watched')
    );
    const watcher = new engine.WorkflowWatcher(
      connection,
      plane.namespace,
      submitted.name
    );
    const phases = [];
    const reconnects = [];
    const followed = watcher.follow(wf => phases.push(wf.status?.phase ?? ''), {
      initialBackoffMs: 200,
      maxBackoffMs: 1000,
      onReconnect: reason => reconnects.push(reason)
    });
    await new Promise(r => setTimeout(r, 500));
    await plane.stopApiserver();
    await new Promise(r => setTimeout(r, 1500));
    await plane.startApiserver();
    // What the workflow-controller would write once the steps ran.
    const path = `${workflowsPath(plane.namespace)}/${submitted.name}`;
    const status = {
      status: {
        phase: 'Succeeded',
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:01:00Z',
        nodes: {
          a: {
            id: 'a',
            name: `${submitted.name}.load`,
            displayName: 'load',
            type: 'Pod',
            phase: 'Succeeded'
          },
          b: {
            id: 'b',
            name: `${submitted.name}.train`,
            displayName: 'train',
            type: 'Pod',
            phase: 'Failed',
            message: 'exit 1'
          }
        }
      }
    };
    const patched = await kubeRequest(plane, 'PATCH', path, status, {
      contentType: 'application/merge-patch+json'
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const final = await followed;
    assert.equal(final.status.phase, 'Succeeded');
    assert.ok(reconnects.length >= 1, 'the watch reconnected');
    const record = engine.applyWorkflowStatus(
      {
        status: 'Pending',
        startedAt: null,
        finishedAt: null,
        steps: ['load', 'train'].map(name => ({
          name,
          status: 'Pending',
          startedAt: null,
          finishedAt: null,
          exitCode: null,
          log: null
        }))
      },
      final
    );
    assert.deepEqual(
      record.steps.map(s => [s.name, s.status]),
      [
        ['load', 'Succeeded'],
        ['train', 'Failed']
      ]
    );
  });
});

describe('connection (no apiserver needed)', () => {
  test('namespace order: setting, then kubeconfig context, then service account, then default', async () => {
    const { resolveNamespace, connect } = await loadEngine();
    assert.deepEqual(resolveNamespace('a', 'b', 'c'), {
      namespace: 'a',
      source: 'setting'
    });
    assert.deepEqual(resolveNamespace(undefined, 'b', 'c'), {
      namespace: 'b',
      source: 'kubeconfig'
    });
    assert.deepEqual(resolveNamespace(undefined, undefined, 'c'), {
      namespace: 'c',
      source: 'service account'
    });
    assert.deepEqual(resolveNamespace(undefined, undefined, undefined), {
      namespace: 'default',
      source: 'default'
    });
    const dir = tempDir('cellpipe-conn-');
    const sa = join(dir, 'sa');
    mkdirSync(sa);
    writeFileSync(join(sa, 'namespace'), 'from-pod\n');
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n'
    );
    assert.equal(
      connect({ kubeconfig, serviceAccountDir: sa }).namespace,
      'from-pod'
    );
    assert.equal(
      connect({ kubeconfig, serviceAccountDir: sa, namespace: 'flag' })
        .namespace,
      'flag'
    );
    assert.throws(
      () => connect({ kubeconfig: join(dir, 'missing') }),
      /no Kubernetes configuration: .*missing does not exist/
    );
  });
});
