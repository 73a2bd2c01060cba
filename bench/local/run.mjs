// Benchmark (issue 4): local runs of each example pipeline against `jupyter nbconvert --execute`,
// side by side, interleaved; and cellpipe's overhead from command start to the first step running.
//   node bench/local/run.mjs [ROUNDS]   (uses /work/main/.venv for both peers)
// Writes bench/results/local.json and prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const rounds = Number(process.argv[2] ?? 3);
const python = resolve('.venv/bin/python');
const examples = readdirSync('examples')
  .filter(f => f.endsWith('.ipynb'))
  .sort();
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const scratch = mkdtempSync(join(tmpdir(), 'cellpipe-bench-local-'));
const env = { ...process.env, CELLPIPE_HOME: join(scratch, 'home') };

/** Runs a command; returns wall seconds, the epoch ms it started at and its stdout. */
const timed = (command, args) => {
  const startedMs = Date.now();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, maxBuffer: 1 << 26 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return {
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    startedMs,
    stdout: String(result.stdout)
  };
};
const cellpipe = (notebook, extra) => {
  const run = timed(process.execPath, [
    'bin/cellpipe.js',
    'run',
    `examples/${notebook}`,
    '--json',
    '--no-cache',
    '--python',
    python,
    ...extra
  ]);
  const record = JSON.parse(run.stdout);
  const firstStep = Math.min(
    ...record.steps.filter(s => s.startedAt).map(s => Date.parse(s.startedAt))
  );
  return { seconds: run.seconds, overhead: (firstStep - run.startedMs) / 1000 };
};
const nbconvert = notebook =>
  timed(python, [
    '-m',
    'jupyter',
    'nbconvert',
    '--execute',
    '--to',
    'notebook',
    '--output-dir',
    scratch,
    `examples/${notebook}`
  ]).seconds;

const samples = Object.fromEntries(
  examples.map(n => [
    n,
    { warm: [], cold: [], overhead: [], overheadCold: [], nbconvert: [] }
  ])
);
try {
  for (let round = 0; round < rounds; round++) {
    for (const notebook of examples) {
      const s = samples[notebook];
      s.nbconvert.push(nbconvert(notebook));
      const warm = cellpipe(notebook, []);
      s.warm.push(warm.seconds);
      s.overhead.push(warm.overhead);
      const cold = cellpipe(notebook, ['--no-warm']);
      s.cold.push(cold.seconds);
      s.overheadCold.push(cold.overhead);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const rows = examples.map(notebook => {
  const s = samples[notebook];
  return Object.fromEntries([
    ['notebook', notebook],
    ...Object.entries(s).map(([k, v]) => [k, median(v)])
  ]);
});
writeFileSync(
  'bench/results/local.json',
  JSON.stringify({ rounds, rows, samples }, null, 1) + '\n'
);
const ms = v => (v * 1000).toFixed(0);
console.log(
  '| example | nbconvert --execute (ms) | cellpipe run (ms) | run / nbconvert | cellpipe run --no-warm (ms) | start → first step (ms) | same, --no-warm (ms) |'
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.notebook} | ${ms(r.nbconvert)} | ${ms(r.warm)} | ${(r.warm / r.nbconvert).toFixed(2)} | ${ms(r.cold)} | ${ms(r.overhead)} | ${ms(r.overheadCold)} |`
  );
}
