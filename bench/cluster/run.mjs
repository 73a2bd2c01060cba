// Benchmarks on the real cluster (scripts/cluster.sh up; run inside its network namespace):
//   bash scripts/cluster.sh exec node bench/cluster/run.mjs [ROUNDS]
// 1. Per-step overhead: a 10-step linear chain compiled by cellpipe against a hand-written minimal
//    Workflow of 10 `script` steps (python3, source `pass`) in the same image, interleaved.
//    Time = the Workflow's own startedAt..finishedAt (what the controller spent).
// 2. Fan-out: examples/fan-out.ipynb on the cluster against a local run (`cellpipe run`).
// 3. Submit latency from a running lab engine: startRun (target argo) round trips, p50, in two
//    series. "Idle": each startRun after the previous run has finished, as a user clicks Compile
//    and run (the goal's figure). "Back to back": the next startRun as soon as the last returns,
//    so up to 20 Workflows start their pods on the same 2 cores while later calls are timed.
//   bash scripts/cluster.sh exec node bench/cluster/run.mjs latency   (only part 3)
// Writes bench/results/cluster.json (all samples) and cluster.md (the table); with `latency`,
// cluster-latency.json and cluster-latency.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const onlyLatency = process.argv[2] === 'latency';
const rounds = onlyLatency ? 0 : Number(process.argv[2] ?? 3);
const namespace = 'cellpipe-e2e';
const image = 'localhost/cellpipe-python:3.11';
const work = mkdtempSync(join(tmpdir(), 'cellpipe-bench-cluster-'));
const env = {
  ...process.env,
  KUBECONFIG: join(root, '.cache/cluster/kubeconfig'),
  CELLPIPE_HOME: join(work, 'home'),
  // Local runs use the project's venv, which has the examples' packages.
  CELLPIPE_PYTHON: join(root, '.venv/bin/python')
};

function cli(args) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin/cellpipe.js'), ...args],
    {
      env,
      encoding: 'utf8'
    }
  );
  if (result.status !== 0) {
    throw new Error(
      `cellpipe ${args.join(' ')}: ${result.status}\n${result.stdout}\n${result.stderr}`
    );
  }
  return result.stdout;
}

const seconds = (a, b) => (Date.parse(b) - Date.parse(a)) / 1000;
const median = xs =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function workflowTime(record) {
  // The record's times come from the Workflow's status (controller clock).
  return seconds(record.startedAt, record.finishedAt);
}

function chainNotebook() {
  const cells = Array.from({ length: 10 }, (_, i) => ({
    cell_type: 'code',
    metadata: { tags: [`step:s${i}`, ...(i ? [`prev:s${i - 1}`] : [])] },
    source: 'pass',
    outputs: [],
    execution_count: null
  }));
  const path = join(work, 'chain.ipynb');
  writeFileSync(
    path,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { cellpipe: { name: 'chain10' } },
      cells
    })
  );
  return path;
}

function handWritten() {
  const security = {
    runAsNonRoot: true,
    runAsUser: 1000,
    runAsGroup: 100,
    seccompProfile: { type: 'RuntimeDefault' }
  };
  const container = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true
  };
  const workflow = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName: 'hand10-' },
    spec: {
      entrypoint: 'main',
      automountServiceAccountToken: false,
      securityContext: security,
      templates: [
        {
          name: 'main',
          dag: {
            tasks: Array.from({ length: 10 }, (_, i) => ({
              name: `s${i}`,
              template: 'pass',
              ...(i ? { dependencies: [`s${i - 1}`] } : {})
            }))
          }
        },
        {
          name: 'pass',
          script: {
            image,
            command: ['python3'],
            source: 'pass',
            securityContext: container,
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }]
          }
        }
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }]
    }
  };
  const path = join(work, 'hand10.yaml');
  writeFileSync(path, stringify(workflow));
  return path;
}

function submitWatch(file) {
  return JSON.parse(
    cli(
      [
        'submit',
        file,
        '--target',
        'argo',
        '--namespace',
        namespace,
        '--image',
        image,
        '--watch',
        '--json'
      ].filter(
        (arg, i, all) =>
          !(
            file.endsWith('.yaml') &&
            (arg === '--image' || all[i - 1] === '--image')
          )
      )
    )
  );
}

const FINISHED = new Set(['Succeeded', 'Failed', 'Error', 'Cancelled']);

/** `waitForEach`: time each call only after the previous run has finished. */
function engineLatency(samples, waitForEach) {
  return new Promise((done, fail) => {
    const labRoot = join(work, 'lab');
    mkdirSync(labRoot, { recursive: true });
    writeFileSync(
      join(labRoot, 'one.ipynb'),
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { cellpipe: { name: 'latency' } },
        cells: [
          {
            cell_type: 'code',
            metadata: { tags: ['step:one'] },
            source: 'pass',
            outputs: [],
            execution_count: null
          }
        ]
      })
    );
    const engine = spawn(
      process.execPath,
      [join(root, 'bin/cellpipe.js'), 'engine', '--root', labRoot],
      {
        env,
        stdio: ['pipe', 'pipe', 'inherit']
      }
    );
    let buffered = '';
    const waiting = new Map();
    engine.stdout.setEncoding('utf8').on('data', chunk => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const reply = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        waiting.get(reply.id)?.(reply);
      }
    });
    let id = 0;
    const call = (method, params) =>
      new Promise(reply => {
        waiting.set(++id, reply);
        engine.stdin.write(JSON.stringify({ id, method, params }) + '\n');
      });
    (async () => {
      const times = [];
      for (let i = 0; i < samples + 3; i++) {
        const start = process.hrtime.bigint();
        const reply = await call('startRun', {
          path: 'one.ipynb',
          target: 'argo',
          overrides: { namespace, image }
        });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (!reply.result) throw new Error(JSON.stringify(reply.error));
        if (i >= 3) times.push(ms); // the first calls load the Kubernetes client
        while (waitForEach) {
          const run = await call('getRun', { id: reply.result.id });
          if (!run.result) throw new Error(JSON.stringify(run.error));
          if (FINISHED.has(run.result.status)) break;
          await new Promise(wait => setTimeout(wait, 500));
        }
      }
      engine.kill();
      done(times);
    })().catch(error => {
      engine.kill();
      fail(error);
    });
  });
}

const results = {
  rounds,
  chain: [],
  hand: [],
  fanOutCluster: [],
  fanOutLocal: [],
  submitMs: [],
  submitBackToBackMs: []
};
const chain = chainNotebook();
const hand = handWritten();
const fanOut = join(root, 'examples/fan-out.ipynb');
for (let round = 0; round < rounds; round++) {
  results.chain.push(workflowTime(submitWatch(chain)));
  results.hand.push(workflowTime(submitWatch(hand)));
  results.fanOutCluster.push(workflowTime(submitWatch(fanOut)));
  const local = JSON.parse(cli(['run', fanOut, '--json', '--no-cache']));
  results.fanOutLocal.push(seconds(local.startedAt, local.finishedAt));
  process.stderr.write(`round ${round + 1}/${rounds} done\n`);
}
results.submitMs = await engineLatency(20, true);
results.submitBackToBackMs = await engineLatency(20, false);
const p90 = xs => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1];
const latencyRows = [
  `| lab engine startRun (argo), idle cluster, p50 / p90 ms | ${median(results.submitMs).toFixed(0)} / ${p90(results.submitMs).toFixed(0)} | | |`,
  `| lab engine startRun (argo), back to back, p50 / p90 ms | ${median(results.submitBackToBackMs).toFixed(0)} / ${p90(results.submitBackToBackMs).toFixed(0)} | | |`
];
const table = [
  '| measure | cellpipe | peer | ratio |',
  '| --- | --- | --- | --- |',
  ...(onlyLatency
    ? []
    : [
        `| 10-step chain, Workflow time (s) | ${median(results.chain).toFixed(1)} | ${median(results.hand).toFixed(1)} (hand-written, 10 script steps) | ${(median(results.chain) / median(results.hand)).toFixed(2)}x |`,
        `| fan-out example (s) | ${median(results.fanOutCluster).toFixed(1)} (cluster) | ${median(results.fanOutLocal).toFixed(1)} (local run) | ${(median(results.fanOutCluster) / median(results.fanOutLocal)).toFixed(2)}x |`
      ]),
  ...latencyRows
].join('\n');
mkdirSync(join(root, 'bench/results'), { recursive: true });
const output = onlyLatency ? 'cluster-latency' : 'cluster';
writeFileSync(
  join(root, `bench/results/${output}.json`),
  JSON.stringify(results, null, 2) + '\n'
);
writeFileSync(join(root, `bench/results/${output}.md`), table + '\n');
process.stdout.write(table + '\n');
