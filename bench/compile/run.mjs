// Benchmark (issue 3): cellpipe compile against Kale's full compile (notebook -> KFP YAML).
//   node bench/compile/run.mjs [ROUNDS]   (after bash bench/setup-kale.sh)
// Rounds alternate between the peers. Writes bench/results/compile.json, prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 3);
const corpus = join('..', 'shared', 'corpus', 'kale');
const notebooks = readdirSync(corpus)
  .filter(f => f.endsWith('.ipynb'))
  .sort()
  .map(f => join(corpus, f));
const kalePython = 'bench/.venv-kale/bin/python';
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Wall seconds of one command, its exit status and output size. */
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
const ourCompile = ['bin/cellpipe.js', 'compile', '--target', 'kfp'];
const oursAvailable =
  timed(process.execPath, [ourCompile[0], 'compile', '--help']).status === 0;

const samples = new Map(
  notebooks.map(p => [p, { ours: [], kaleCommand: [], kaleInProcess: [] }])
);
const outcome = new Map();
for (let round = 0; round < rounds; round++) {
  for (const path of notebooks) {
    const sample = samples.get(path);
    const kale = timed(kalePython, ['bench/kale/kale_compile.py', '1', path]);
    const kaleResult = JSON.parse(kale.stdout)[path.split('/').pop()];
    if (kaleResult.error)
      outcome.set(path, { ...outcome.get(path), kaleError: kaleResult.error });
    else {
      sample.kaleCommand.push(kale.seconds);
      sample.kaleInProcess.push(kaleResult.seconds[0]);
      outcome.set(path, { ...outcome.get(path), kaleBytes: kaleResult.bytes });
    }
    if (oursAvailable) {
      const ours = timed(process.execPath, [...ourCompile, path]);
      if (ours.status === 0) sample.ours.push(ours.seconds);
      outcome.set(path, {
        ...outcome.get(path),
        oursBytes: ours.stdout.length,
        oursStatus: ours.status
      });
    }
  }
}

const rows = notebooks.map(path => {
  const s = samples.get(path);
  const pick = values => (values.length ? median(values) : null);
  return {
    notebook: path.split('/').pop(),
    ours: pick(s.ours),
    kaleCommand: pick(s.kaleCommand),
    kaleInProcess: pick(s.kaleInProcess),
    ...outcome.get(path)
  };
});
writeFileSync(
  'bench/results/compile.json',
  JSON.stringify({ rounds, oursAvailable, rows }, null, 1) + '\n'
);

const ms = v => (v === null ? '–' : (v * 1000).toFixed(0));
console.log(
  '| notebook | cellpipe compile (ms) | Kale command (ms) | Kale in-process (ms) | Kale / cellpipe | KFP YAML bytes: cellpipe | Kale |'
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const ratio =
    r.ours && r.kaleCommand ? `${(r.kaleCommand / r.ours).toFixed(0)}×` : '–';
  const kale = r.kaleError
    ? `error: ${r.kaleError.slice(0, 60)}`
    : ms(r.kaleCommand);
  console.log(
    `| ${r.notebook} | ${ms(r.ours)} | ${kale} | ${ms(r.kaleInProcess ?? null)} | ${ratio} | ${r.oursBytes ?? '–'} | ${r.kaleBytes ?? '–'} |`
  );
}
if (!oursAvailable)
  console.log(
    '\ncellpipe has no `compile` command in this tree yet: only Kale was measured.'
  );
