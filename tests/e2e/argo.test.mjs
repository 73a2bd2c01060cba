// End-to-end: pipelines run by Argo's own workflow-controller on the real single-node cluster of
// scripts/cluster.sh (design §7). Each test submits with `cellpipe submit --watch` and checks
// what the cluster did. Needs the cluster up; run through scripts/test.d/70-e2e-argo.sh.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cellpipe,
  cellpipeSync,
  clusterUp,
  kube,
  logs,
  metricLines,
  namespace,
  notebook,
  root,
  submitWatch,
  until,
  work,
  workflowPods
} from './support.mjs';

const examples = readdirSync(join(root, 'examples'))
  .filter(name => name.endsWith('.ipynb'))
  .map(name => join(root, 'examples', name));
const kaleCorpus = '/work/shared/corpus/kale/base_candies_sharing.ipynb';

/** Runs the notebook locally and on Argo; both must succeed with the same metrics. */
async function sameAsLocal(path) {
  const local = cellpipeSync(['run', path, '--json']);
  assert.equal(
    local.status,
    0,
    `local run of ${path}: ${local.stdout}\n${local.stderr}`
  );
  const localRecord = JSON.parse(local.stdout);
  const argo = await submitWatch(path);
  assert.equal(
    argo.record.status,
    'Succeeded',
    `${path} on Argo: ${argo.stderr}\n${JSON.stringify(argo.record)}`
  );
  assert.equal(argo.status, 0);
  // Argo task names are DNS labels (extra_trees runs as extra-trees): compare statuses.
  assert.equal(argo.record.steps.length, localRecord.steps.length);
  assert.ok(
    argo.record.steps.every(s => s.status === 'Succeeded'),
    JSON.stringify(argo.record.steps)
  );
  const clusterMetrics = metricLines(await logs(argo.record.id));
  const localMetrics = metricLines(
    (await cellpipe(['logs', localRecord.id])).stdout
  );
  assert.deepEqual(clusterMetrics, localMetrics);
  return { argo: argo.record, local: localRecord, metrics: clusterMetrics };
}

describe('Argo Workflows end to end (real controller, real pods)', () => {
  before(() => clusterUp());

  for (const path of examples) {
    test(`example ${path.split('/').pop()} succeeds on Argo with the local run's metrics`, async () => {
      await sameAsLocal(path);
    });
  }

  // Kale's candies example: offline, no GPU (pipeline_parameters_and_metrics asks for an
  // nvidia.com/gpu this node does not have); it reports no metrics, both sides alike.
  test("a Kale corpus notebook (offline) succeeds on Argo with the local run's metrics", async () => {
    await sameAsLocal(kaleCorpus);
  });

  test('a step runs as uid 1000 on a read-only root with /tmp writable, without a service account token', async () => {
    const path = notebook('probe', [
      [
        [
          'import os',
          'print("uid", os.getuid(), "gid", os.getgid())',
          'try:',
          '    open("/probe", "w")',
          '    print("root writable")',
          'except OSError as error:',
          '    print("root read-only", error.errno)',
          'with open("/tmp/probe", "w") as f:',
          '    f.write("ok")',
          'print("tmp writable", open("/tmp/probe").read())',
          'print("token", os.path.exists("/var/run/secrets/kubernetes.io/serviceaccount/token"))',
          'print("status", open("/proc/self/status").read().split("CapEff:")[1].split()[0],',
          '      open("/proc/self/status").read().split("NoNewPrivs:")[1].split()[0])'
        ].join('\n'),
        ['step:probe']
      ]
    ]);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    const text = await logs(record.id, 'probe');
    assert.match(text, /^uid 1000 gid 100$/m);
    assert.match(text, /^root read-only 30$/m);
    assert.match(text, /^tmp writable ok$/m);
    assert.match(text, /^token False$/m);
    assert.match(text, /^status 0000000000000000 1$/m);
  });

  test('a failing step fails the run, later steps do not run, the log maps the traceback to the cell and line', async () => {
    const path = notebook('failing', [
      ['x = 1', ['step:first']],
      ['y = x + 1\nz = 1 / (x - 1)', ['step:boom']],
      ['print(y, z)', ['step:never']]
    ]);
    const { record, status } = await submitWatch(path);
    assert.equal(record.status, 'Failed');
    assert.equal(status, 1);
    const steps = Object.fromEntries(record.steps.map(s => [s.name, s.status]));
    assert.deepEqual(steps, {
      first: 'Succeeded',
      boom: 'Failed',
      never: 'Skipped'
    });
    const pods = await workflowPods(record.workflowName);
    assert.equal(pods.length, 2, 'no pod for the step after the failure');
    const text = await logs(record.id, 'boom');
    assert.match(text, /ZeroDivisionError/);
    assert.match(
      text,
      /cellpipe: step 'boom' failed: ZeroDivisionError in .*\[cell 2\], line 2/
    );
  });

  test('retry:1 on a step that fails once: Succeeded after two attempts, both logs shown', async () => {
    // The run's data volume (there since a value is passed) outlives the first attempt's pod.
    const path = notebook('retry-once', [
      ['x = 1', ['step:make']],
      [
        [
          'import os',
          'print("x is", x)',
          'marker = "/cellpipe/data/attempted"',
          'if not os.path.exists(marker):',
          '    open(marker, "w").close()',
          '    raise RuntimeError("first attempt fails")',
          'print("second attempt")'
        ].join('\n'),
        ['step:flaky', 'retry:1']
      ]
    ]);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    const flaky = record.steps.find(s => s.name === 'flaky');
    assert.equal(flaky.status, 'Succeeded');
    assert.equal(flaky.attempts, 2);
    const text = await logs(record.id, 'flaky');
    assert.match(text, /==> flaky attempt 1\/2 .*\n[\s\S]*first attempt fails/);
    assert.match(text, /==> flaky attempt 2\/2 .*\n[\s\S]*second attempt/);
  });

  test('timeout: stops a sleeping step with a clear reason', async () => {
    const path = notebook('timeout', [
      ['import time\ntime.sleep(600)', ['step:sleepy', 'timeout:5']]
    ]);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Failed');
    const step = record.steps[0];
    assert.equal(step.status, 'Failed');
    assert.match(
      step.message ?? record.error ?? '',
      /deadline/i,
      JSON.stringify(record)
    );
  });

  test('cancel mid-run: Cancelled, and its pods are gone', async () => {
    const path = notebook('cancel', [
      ['import time\ntime.sleep(600)', ['step:sleepy']],
      ['print("never")', ['step:after', 'prev:sleepy']]
    ]);
    const submitted = await cellpipe([
      'submit',
      path,
      '--target',
      'argo',
      '--namespace',
      namespace,
      '--image',
      'localhost/cellpipe-python:3.11',
      '--json'
    ]);
    assert.equal(submitted.status, 0, submitted.stderr);
    const record = JSON.parse(submitted.stdout);
    await until(async () =>
      (await workflowPods(record.workflowName)).some(
        p => p.status?.phase === 'Running'
      )
    );
    const watching = cellpipe(['submit', '--cancel', record.id]);
    assert.equal((await watching).status, 0);
    const followed = await cellpipe(['runs', '--json']);
    assert.equal(followed.status, 0);
    const final = await until(async () => {
      const runs = JSON.parse((await cellpipe(['runs', '--json'])).stdout);
      const run = runs.find(r => r.id === record.id);
      return ['Cancelled', 'Failed', 'Succeeded'].includes(run?.status)
        ? run
        : undefined;
    });
    assert.equal(final.status, 'Cancelled');
    await until(
      async () => (await workflowPods(record.workflowName)).length === 0
    );
  });

  test('a notebook past the 256 KiB budget runs with its code in ConfigMaps', async () => {
    // Comments of pseudo-random hex (a fixed seed): packed code does not compress them away.
    let seed = 42;
    const hex = () =>
      Array.from({ length: 64 }, () => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) % 16;
      })
        .map(n => n.toString(16))
        .join('');
    const filler = Array.from({ length: 5000 }, () => `# ${hex()}`).join('\n');
    const path = notebook('large', [
      [`${filler}\nvalues = list(range(10))`, ['step:make']],
      [`${filler}\nprint("total", sum(values))`, ['step:total']]
    ]);
    const compiled = cellpipeSync(['compile', path, '--target', 'argo']);
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.match(compiled.stdout, /^kind: ConfigMap$/m);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    assert.match(await logs(record.id, 'total'), /^total 45$/m);
  });

  test('a step writes and reads files next to itself, as a notebook does, on the read-only root', async () => {
    // The image's working folder (/) is read-only: the step works in a folder under /tmp.
    const path = notebook('relative-files', [
      ['import os', ['imports']],
      [
        'open("out.csv", "w").write("a,b\\n1,2\\n")\n' +
          'rows = open("out.csv").read().splitlines()\n' +
          'print("rows", len(rows), os.getcwd().startswith("/tmp/cellpipe-work-"))',
        ['step:write']
      ],
      ['print("next", len(rows))', ['step:next']]
    ]);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    const text = await logs(record.id, 'write');
    assert.match(text, /^rows 2 True$/m);
    assert.match(
      text,
      /^cellpipe: the working folder \/ is read-only; the step works in \/tmp\/cellpipe-work-/m
    );
    assert.match(await logs(record.id, 'next'), /^next 2$/m);
  });

  test("the settings' volumes: a claim mounted in every step, written by one run, read through a read-only subPath by the next", async () => {
    // A new name each time: a claim stays "being deleted" while the finished runs' pods remain.
    const claim = `team-data-${Date.now().toString(36)}`;
    const { core } = kube();
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: { name: claim },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } }
        }
      }
    });
    try {
      const writer = notebook(
        'volume-writer',
        [
          ['import os', ['imports']],
          [
            'os.makedirs("/data/project", exist_ok=True)\n' +
              'open("/data/project/train.csv", "w").write("x,y\\n1,2\\n3,4\\n")\n' +
              'print("wrote", sorted(os.listdir("/data/project")))',
            ['step:write']
          ],
          [
            'print("also", os.path.ismount("/data"))',
            ['step:check', 'prev:write']
          ]
        ],
        {
          cellpipe: {
            name: 'volume-writer',
            volumes: [{ claim, mountPath: '/data' }]
          }
        }
      );
      const written = await submitWatch(writer);
      assert.equal(
        written.record.status,
        'Succeeded',
        JSON.stringify(written.record)
      );
      assert.match(
        await logs(written.record.id, 'write'),
        /^wrote \['train\.csv'\]$/m
      );
      assert.match(await logs(written.record.id, 'check'), /^also True$/m);

      const reader = notebook(
        'volume-reader',
        [
          [
            'rows = open("/mnt/team/train.csv").read().splitlines()\n' +
              'try:\n' +
              '    open("/mnt/team/new.csv", "w")\n' +
              '    print("wrote to a read-only volume")\n' +
              'except OSError as error:\n' +
              '    print("refused", error.errno)',
            ['step:read']
          ],
          ['print("rows", len(rows))', ['step:count']]
        ],
        {
          cellpipe: {
            name: 'volume-reader',
            volumes: [
              {
                claim,
                mountPath: '/mnt/team',
                subPath: 'project',
                readOnly: true
              }
            ]
          }
        }
      );
      const read = await submitWatch(reader);
      assert.equal(
        read.record.status,
        'Succeeded',
        JSON.stringify(read.record)
      );
      // EROFS: the mount is read-only; the file the first run wrote is there.
      assert.match(await logs(read.record.id, 'read'), /^refused 30$/m);
      assert.match(await logs(read.record.id, 'count'), /^rows 3$/m);
    } finally {
      await core.deleteNamespacedPersistentVolumeClaim({
        name: claim,
        namespace
      });
    }
  });

  test('a module and a package next to the notebook go with the pipeline to the step pods', async () => {
    // The pods have the step image only: argo_shapes.py and argo_tools/ reach them in the steps'
    // code. A Box from the module passes between steps (pickled by reference), and the module's
    // template text reaches Python as written.
    writeFileSync(
      join(work, 'argo_shapes.py'),
      'from argo_tools.scale import factor\n' +
        "TEMPLATE = '{{workflow.name}}'\n\n\n" +
        'def double(x):\n    return x * factor\n\n\n' +
        'class Box:\n    def __init__(self, value):\n        self.value = value\n'
    );
    mkdirSync(join(work, 'argo_tools'), { recursive: true });
    writeFileSync(join(work, 'argo_tools', '__init__.py'), '');
    writeFileSync(join(work, 'argo_tools', 'scale.py'), 'factor = 2\n');
    const path = notebook('modules', [
      ['import argo_shapes', ['imports']],
      ['box = argo_shapes.Box(argo_shapes.double(21))', ['step:make']],
      [
        'from argo_tools.scale import factor\n' +
          'print("show", box.value, type(box).__module__, factor, argo_shapes.TEMPLATE)',
        ['step:show']
      ]
    ]);
    const compiled = cellpipeSync(['compile', path, '--target', 'argo']);
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.equal(compiled.stderr, '');
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    assert.match(
      await logs(record.id, 'show'),
      /^show 42 argo_shapes 2 \{\{workflow\.name\}\}$/m
    );
  });

  test("a function and a class one step defines run in a later pod with that pod's globals", async () => {
    // The step image has no cloudpickle of its own; Debian's joblib (scikit-learn's) carries
    // a copy, which the runtime takes. Compiling warns that the image needs one.
    const path = notebook('step-functions', [
      [
        'x = 1\n' +
          'def read_x():\n    return x\n\n' +
          'class Reader:\n    def get(self):\n        return x * 10\n',
        ['step:define']
      ],
      ['x = 2', ['step:rebind']],
      [
        'print("seen", read_x(), Reader().get())\n' +
          'x = 3\n' +
          'print("after", read_x())',
        ['step:use']
      ]
    ]);
    const compiled = cellpipeSync(['compile', path, '--target', 'argo']);
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.match(
      compiled.stderr,
      /step 'use' uses 'read_x', which step 'define' defines: on Argo it reaches the step only if the step image has cloudpickle/
    );
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    const printed = await logs(record.id, 'use');
    assert.match(printed, /^seen 2 20$/m);
    assert.match(printed, /^after 3$/m);
  });

  test('steps named with capitals run; a dotted import and a functions cell dataclass reach the next pod intact', async () => {
    // Argo names a pod after its template as it is, and Kubernetes refuses capitals in pod names.
    const path = notebook('capitals', [
      [
        'from dataclasses import dataclass\n' +
          '@dataclass\nclass Point:\n    x: int\n    y: int',
        ['functions']
      ],
      ['import email.mime.text\npoint = Point(1, 2)', ['step:LoadData']],
      [
        'print("kind", email.mime.text.MIMEText("hi").get_content_type())\n' +
          'print("same", point == Point(1, 2), isinstance(point, Point))',
        ['step:TrainModel']
      ]
    ]);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    assert.deepEqual(
      record.steps.map(step => step.name),
      ['LoadData', 'TrainModel']
    );
    const printed = await logs(record.id, 'TrainModel');
    assert.match(printed, /^kind text\/plain$/m);
    assert.match(printed, /^same True True$/m);
  });

  test('a name one step may leave unbound reaches the next pod unbound, and the run goes on as top to bottom', async () => {
    const path = notebook('maybe-unbound', [
      [
        'def load_config():\n    global config\n    config = {"lr": 0.5}\n' +
          'flag = False\nif flag:\n    sample = [1, 2]',
        ['step:defs']
      ],
      ['load_config()', ['step:use']],
      [
        'print("seen", config["lr"], len(sample) if flag else 0)',
        ['step:report']
      ]
    ]);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    const printed = await logs(record.id, 'report');
    assert.match(printed, /^seen 0.5 0$/m);
  });

  test('a step whose packed code passes 128 KiB (one argument at most) starts and runs, inline', async () => {
    // 150,000 bytes that do not compress: the packed step goes in several container arguments.
    const bytes = Buffer.alloc(150_000);
    let state = 7;
    for (let i = 0; i < bytes.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    const blob = bytes.toString('base64');
    const path = notebook('long-code', [
      [
        `import hashlib\nblob = ${JSON.stringify(blob)}\n` +
          'print("blob", len(blob), hashlib.sha256(blob.encode()).hexdigest()[:16])',
        ['step:carry']
      ]
    ]);
    const compiled = cellpipeSync(['compile', path, '--target', 'argo']);
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.doesNotMatch(compiled.stdout, /kind: ConfigMap/);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    const digest = createHash('sha256').update(blob).digest('hex').slice(0, 16);
    assert.match(
      await logs(record.id, 'carry'),
      new RegExp(`^blob ${blob.length} ${digest}$`, 'm')
    );
  });

  test('a cell printing "{{workflow.name}}" prints exactly that', async () => {
    const path = notebook('template-text', [
      [
        'print("{{workflow.name}}")\nprint("{{=sprig.upper(\'x\')}}", "{{inputs.parameters.x}}")',
        ['step:show']
      ]
    ]);
    const { record } = await submitWatch(path);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    const text = await logs(record.id, 'show');
    assert.match(text, /^\{\{workflow\.name\}\}$/m);
    assert.match(
      text,
      /^\{\{=sprig\.upper\('x'\)\}\} \{\{inputs\.parameters\.x\}\}$/m
    );
  });

  test('submit --param: typed and checked as for local runs, and the step sees the value', async () => {
    const path = notebook('params', [
      ['count = 2\nname = "a"', ['pipeline-parameters']],
      ['print("count", count * 2, type(count).__name__, name)', ['step:show']]
    ]);
    const bad = await cellpipe([
      'submit',
      path,
      '--target',
      'argo',
      '--namespace',
      namespace,
      '--param',
      'count=x'
    ]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /not an integer/);
    const { record } = await submitWatch(path, [
      '--param',
      'count=21',
      '--param',
      'name=b c'
    ]);
    assert.equal(record.status, 'Succeeded', JSON.stringify(record));
    assert.deepEqual({ ...record.params }, { count: 21, name: 'b c' });
    assert.match(await logs(record.id, 'show'), /^count 42 int b c$/m);
  });
});
