// Benchmark (issue 3): cellpipe compile against Kale's full compile (notebook -> KFP YAML),
// side by side in one run. Per round and notebook, interleaved:
//   - Kale as a command: bench/kale/kale_compile.py (Python start, imports, NotebookProcessor,
//     Compiler -> KFP DSL script, kfputils.compile_pipeline -> YAML), which also reports the
//     in-process time of that compile;
//   - cellpipe as a command: `node bin/cellpipe.js compile NB --target kfp` (stdout = document);
// and per round one process timing cellpipe in-process (bench/compile/ours.ts, warm).
//   node bench/compile/run.mjs [ROUNDS] [REPETITIONS]   (after bash bench/setup-kale.sh)
// Writes bench/results/compile.json (every sample) and prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleBench } from '../lib/run-bundled.mjs';

const rounds = Number(process.argv[2] ?? 3);
const repetitions = Number(process.argv[3] ?? 10);
const corpus = join('..', 'shared', 'corpus', 'kale');
const notebooks = readdirSync(corpus)
  .filter(f => f.endsWith('.ipynb'))
  .sort()
  .map(f => join(corpus, f));
const kalePython = 'bench/.venv-kale/bin/python';
await bundleBench('bench/compile/ours.ts', 'compile-ours');

const median = values => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Wall seconds of one command, its exit status and output. */
const timed = (command, args) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    seconds,
    status: result.status,
    stdout: result.stdout,
    stderr: String(result.stderr)
  };
};
const name = path => path.split('/').pop();

const samples = new Map(
  notebooks.map(p => [
    name(p),
    {
      oursCommand: [],
      oursInProcess: [],
      oursArgoInProcess: [],
      kaleCommand: [],
      kaleInProcess: []
    }
  ])
);
const outcome = new Map(notebooks.map(p => [name(p), {}]));
const note = (key, fields) => Object.assign(outcome.get(key), fields);
for (let round = 0; round < rounds; round++) {
  for (const path of notebooks) {
    const key = name(path);
    const sample = samples.get(key);
    const kale = timed(kalePython, ['bench/kale/kale_compile.py', '1', path]);
    const kaleResult =
      kale.status === 0
        ? JSON.parse(kale.stdout)[key]
        : { error: kale.stderr.slice(-200) };
    if (kaleResult.error) note(key, { kaleError: kaleResult.error });
    else {
      sample.kaleCommand.push(kale.seconds);
      sample.kaleInProcess.push(kaleResult.seconds[0]);
      note(key, { kaleBytes: kaleResult.bytes });
    }
    const ours = timed(process.execPath, [
      'bin/cellpipe.js',
      'compile',
      path,
      '--target',
      'kfp'
    ]);
    if (ours.status === 0) {
      sample.oursCommand.push(ours.seconds);
      note(key, { oursBytes: ours.stdout.length });
    } else note(key, { oursError: ours.stderr.trim().split('\n')[0] });
  }
  const inProcess = timed(process.execPath, [
    'bench/.build/compile-ours.cjs',
    String(repetitions),
    ...notebooks
  ]);
  if (inProcess.status !== 0)
    throw new Error(`ours.ts failed: ${inProcess.stderr}`);
  for (const [key, result] of Object.entries(JSON.parse(inProcess.stdout))) {
    if (result.error) continue;
    samples.get(key).oursInProcess.push(...result.kfp);
    samples.get(key).oursArgoInProcess.push(...result.argo);
    note(key, { oursArgoBytes: result.argoBytes });
  }
}

const rows = notebooks.map(path => {
  const s = samples.get(name(path));
  return {
    notebook: name(path),
    oursCommand: median(s.oursCommand),
    oursInProcess: median(s.oursInProcess),
    oursArgoInProcess: median(s.oursArgoInProcess),
    kaleCommand: median(s.kaleCommand),
    kaleInProcess: median(s.kaleInProcess),
    ...outcome.get(name(path)),
    samples: s
  };
});
const ratio = (kale, ours) => (kale && ours ? kale / ours : null);
const both = rows.filter(r => r.kaleCommand && r.oursCommand);
const summary = {
  notebooks: both.length,
  medianRatioCommand: median(
    both.map(r => ratio(r.kaleCommand, r.oursCommand))
  ),
  medianRatioInProcess: median(
    both.map(r => ratio(r.kaleInProcess, r.oursInProcess))
  ),
  minRatioCommand: Math.min(
    ...both.map(r => ratio(r.kaleCommand, r.oursCommand))
  ),
  medianOursCommand: median(both.map(r => r.oursCommand)),
  medianKaleCommand: median(both.map(r => r.kaleCommand))
};
writeFileSync(
  'bench/results/compile.json',
  JSON.stringify(
    { rounds, repetitions, node: process.version, summary, rows },
    null,
    1
  ) + '\n'
);

const ms = v =>
  v === null || v === undefined ? '–' : (v * 1000).toFixed(v < 0.01 ? 2 : 0);
const times = v => (v === null ? '–' : `${v.toFixed(0)}×`);
console.log(
  '| notebook | cellpipe command (ms) | Kale command (ms) | Kale / cellpipe | cellpipe in-process (ms) | Kale in-process (ms) | Kale / cellpipe | cellpipe Argo in-process (ms) | KFP YAML bytes: cellpipe | Kale |'
);
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
);
for (const r of rows) {
  const kale = r.kaleError
    ? `Kale refuses: ${r.kaleError.slice(0, 50)}`
    : ms(r.kaleCommand);
  const oursCell = r.oursError
    ? `refused: ${r.oursError.slice(0, 50)}`
    : ms(r.oursCommand);
  console.log(
    `| ${r.notebook} | ${oursCell} | ${kale} | ${times(ratio(r.kaleCommand, r.oursCommand))} | ${ms(r.oursInProcess)} | ${ms(r.kaleInProcess)} | ${times(ratio(r.kaleInProcess, r.oursInProcess))} | ${ms(r.oursArgoInProcess)} | ${r.oursBytes ?? '–'} | ${r.kaleBytes ?? '–'} |`
  );
}
console.log(
  `\nMedian over ${summary.notebooks} notebooks: command ${ms(summary.medianOursCommand)} ms vs Kale ${ms(summary.medianKaleCommand)} ms, ` +
    `ratio ${times(summary.medianRatioCommand)} (lowest ${times(summary.minRatioCommand)}); in-process ratio ${times(summary.medianRatioInProcess)}.`
);
