// Benchmark (issue 3): size of the emitted Workflow and KFP document per step, 10 to 500 steps,
// cellpipe and Kale side by side in one run (same synthetic chain; see bench/sizes/ours.ts and
// bench/kale/kale_sizes.py).   node bench/sizes/run.mjs [N...]   (default 10 50 100 200 500)
// Writes bench/results/sizes.json and prints a Markdown table.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { bundleBench } from '../lib/run-bundled.mjs';

const sizes = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['10', '50', '100', '200', '500'];
await bundleBench('bench/sizes/ours.ts', 'sizes-ours');
const run = (command, args) =>
  JSON.parse(execFileSync(command, args, { maxBuffer: 1 << 28 }).toString());
const ours = run(process.execPath, ['bench/.build/sizes-ours.cjs', ...sizes]);
const kalePython = 'bench/.venv-kale/bin/python';
const kale = existsSync(kalePython)
  ? run(kalePython, ['bench/kale/kale_sizes.py', ...sizes])
  : [];
writeFileSync(
  'bench/results/sizes.json',
  JSON.stringify({ ours, kale }, null, 1) + '\n'
);

const kb = v => (v === undefined ? '–' : (v / 1024).toFixed(1));
const per = v => (v === undefined ? '–' : v.toFixed(0));
const ratio = (a, b) => (b === undefined ? '–' : `${(a / b).toFixed(2)}×`);
console.log(
  '| steps | Argo YAML KiB (all) | Workflow KiB (JSON) | ConfigMaps | Argo bytes/step | KFP YAML KiB | KFP bytes/step | Kale KFP YAML KiB | Kale bytes/step | Argo / Kale | KFP / Kale | cellpipe Argo / KFP compile (ms) | Kale compile (ms) |'
);
console.log(
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
);
for (const row of ours) {
  const k = kale.find(r => r.steps === row.steps);
  console.log(
    `| ${row.steps} | ${kb(row.argo.bytes)} | ${kb(row.argo.workflowBytes)} | ${row.argo.configMaps} | ${per(row.argo.bytesPerStep)} | ${kb(row.kfp.bytes)} | ${per(row.kfp.bytesPerStep)} | ${kb(k?.bytes)} | ${per(k?.bytes_per_step)} | ${ratio(row.argo.bytes, k?.bytes)} | ${ratio(row.kfp.bytes, k?.bytes)} | ${(row.argo.seconds * 1000).toFixed(1)} / ${(row.kfp.seconds * 1000).toFixed(1)} | ${k ? (k.seconds * 1000).toFixed(0) : '–'} |`
  );
}
