// Submission against the local kube-apiserver (tests/cluster/harness.mjs; needs
// `bash scripts/setup.d/30-kube.sh`), with Workflows compiled by the real generator:
// - latency: `cellpipe submit NOTEBOOK --target argo` from command start to exit (the Workflow
//   exists then), over N submissions of a 3-step notebook: median and p95;
// - for synthetic notebooks of 10, 100 and 500 steps: the documents' size (compact JSON) and how
//   long the apiserver takes to accept them (ConfigMaps, Workflow, ownerReferences), median of 5.
//   node bench/submit/run.mjs [SUBMISSIONS]   (default 50)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  startControlPlane,
  writeKubeconfig
} from '../../tests/cluster/harness.mjs';
import { loadEngine, root, tempDir } from '../../tests/cluster/support.mjs';

const submissions = Number(process.argv[2] ?? 50);
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const median = values => quantile(values, 0.5);

const plane = await startControlPlane();
const engine = await loadEngine();
const dir = tempDir('cellpipe-bench-submit-');
const kubeconfig = writeKubeconfig(plane, join(dir, 'kubeconfig'), {
  namespace: plane.namespace
});
const env = {
  ...process.env,
  KUBECONFIG: kubeconfig,
  CELLPIPE_HOME: join(dir, 'home')
};
try {
  const notebook = join(dir, 'small.ipynb');
  writeFileSync(notebook, JSON.stringify(engine.syntheticNotebook(15, 5)));
  const latencies = [];
  for (let i = 0; i < submissions; i++) {
    const start = performance.now();
    const result = spawnSync(
      'node',
      [
        join(root, 'bin/cellpipe.js'),
        'submit',
        notebook,
        '--target',
        'argo',
        '--json'
      ],
      { env, encoding: 'utf8' }
    );
    latencies.push(performance.now() - start);
    if (result.status !== 0) {
      throw new Error(result.stderr);
    }
  }
  const connection = engine.connect({ kubeconfig, namespace: plane.namespace });
  const sizes = [];
  for (const steps of [10, 100, 500]) {
    const ir = engine.analyzeNotebook(
      engine.syntheticNotebook(steps * 5, 5),
      `s${steps}.ipynb`
    );
    const compiled = engine.compile(ir, 'argo');
    const documents = engine.parseArgoDocuments(
      compiled.text,
      `s${steps}.yaml`
    );
    const workflowBytes = Buffer.byteLength(JSON.stringify(documents.workflow));
    const configMapBytes = documents.configMaps.reduce(
      (sum, c) => sum + Buffer.byteLength(JSON.stringify(c)),
      0
    );
    const times = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await engine.submitWorkflow(connection, documents);
      times.push(performance.now() - start);
    }
    sizes.push({
      steps,
      configMaps: documents.configMaps.length,
      workflowKiB: +(workflowBytes / 1024).toFixed(1),
      configMapsKiB: +(configMapBytes / 1024).toFixed(1),
      acceptMs: +median(times).toFixed(1)
    });
  }
  const result = {
    submissions,
    latencyMs: {
      median: +median(latencies).toFixed(1),
      p95: +quantile(latencies, 0.95).toFixed(1)
    },
    sizes
  };
  writeFileSync(
    join(root, 'bench/results/submit.json'),
    JSON.stringify(result, null, 2) + '\n'
  );
  const lines = [
    `submit latency (cellpipe submit NOTEBOOK, command start to exit, ${submissions} runs): ` +
      `median ${result.latencyMs.median} ms, p95 ${result.latencyMs.p95} ms`,
    '',
    '| steps | Workflow KiB | ConfigMaps | ConfigMaps KiB | apiserver accepts (median of 5) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...sizes.map(
      s =>
        `| ${s.steps} | ${s.workflowKiB} | ${s.configMaps} | ${s.configMapsKiB} | ${s.acceptMs} ms |`
    )
  ];
  console.log(lines.join('\n'));
} finally {
  await plane.stop();
}
