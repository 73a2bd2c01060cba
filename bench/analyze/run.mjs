// Benchmark (issue 2): cellpipe's analyzer against Kale's dependency detection, side by side.
// Rounds alternate between the two so that noise on this 2-core machine hits both alike.
//   node bench/analyze/run.mjs [ROUNDS] [REPETITIONS]   (after bash bench/setup-kale.sh)
// Writes bench/results/analyze.json and prints a Markdown table.
import { bundleBench } from '../lib/run-bundled.mjs';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 3);
const repetitions = Number(process.argv[3] ?? 20);
/** The first fifth of each process's repetitions warm up V8's JIT and are not counted. */
const warm = times => times.slice(Math.floor(times.length / 5));
const corpus = join('..', 'shared', 'corpus', 'kale');
const notebooks = readdirSync(corpus)
  .filter(f => f.endsWith('.ipynb'))
  .sort()
  .map(f => join(corpus, f));
await bundleBench('bench/analyze/ours.ts', 'analyze-ours');

const run = (command, args) =>
  JSON.parse(execFileSync(command, args, { maxBuffer: 1 << 26 }).toString());
const ours = [];
const kale = [];
const endToEnd = { ours: new Map(), kale: new Map() };
const wall = (command, args) => {
  const started = process.hrtime.bigint();
  try {
    execFileSync(command, args, { stdio: 'ignore' });
  } catch {
    // `analyze` exits 1 on error diagnostics; the time is what counts here
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
};
const record = (map, key, value) =>
  map.set(key, [...(map.get(key) ?? []), value]);
for (let round = 0; round < rounds; round++) {
  kale.push(
    run('bench/.venv-kale/bin/python', [
      'bench/kale/kale_analyze.py',
      String(repetitions),
      ...notebooks
    ])
  );
  ours.push(
    run(process.execPath, [
      'bench/.build/analyze-ours.cjs',
      String(repetitions),
      ...notebooks
    ])
  );
  for (const path of notebooks) {
    const name = path.split('/').pop();
    record(
      endToEnd.kale,
      name,
      wall('bench/.venv-kale/bin/python', [
        'bench/kale/kale_analyze.py',
        '1',
        path
      ])
    );
    record(
      endToEnd.ours,
      name,
      wall(process.execPath, ['bin/cellpipe.js', 'analyze', '--json', path])
    );
  }
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)];
const ms = seconds => (seconds * 1000).toFixed(2);

const rows = [];
const differences = [];
for (const path of notebooks) {
  const name = path.split('/').pop();
  const oursTimes = ours.flatMap(r => warm(r[name].seconds));
  /** Second sweep: every notebook of the corpus has run once in this process (see ours.ts). */
  const oursWarmTimes = ours.flatMap(r => r[name].warmSeconds);
  /** tree-sitter-python's parse alone of the same cells, second sweep (see ours.ts). */
  const parseTimes = ours.flatMap(r => r[name].parseSeconds);
  const kaleResult = kale[0][name];
  const cli = {
    ours: median(endToEnd.ours.get(name)),
    kale: median(endToEnd.kale.get(name))
  };
  if (kaleResult.error) {
    rows.push({
      name,
      ours: median(oursTimes),
      oursWarm: median(oursWarmTimes),
      parseOnly: median(parseTimes),
      kale: null,
      cli,
      note: kaleResult.error,
      samples: {
        ours: oursTimes,
        oursWarm: oursWarmTimes,
        parseOnly: parseTimes
      }
    });
    continue;
  }
  const kaleTimes = kale.flatMap(r => warm(r[name].seconds));
  rows.push({
    name,
    ours: median(oursTimes),
    oursWarm: median(oursWarmTimes),
    parseOnly: median(parseTimes),
    kale: median(kaleTimes),
    cli,
    samples: {
      ours: oursTimes,
      oursWarm: oursWarmTimes,
      parseOnly: parseTimes,
      kale: kaleTimes
    }
  });
  const kaleSteps = new Map(kaleResult.steps.map(s => [s.name, s]));
  for (const step of ours[0][name].steps) {
    const peer = kaleSteps.get(step.name);
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    if (!peer || !same(peer.ins, step.ins) || !same(peer.outs, step.outs)) {
      differences.push({
        notebook: name,
        step: step.name,
        ours: step,
        kale: peer ?? null
      });
    }
  }
}
const synthetic = ours.map(r => r['synthetic-1000-cells']);
const full = synthetic.flatMap(s => s.full);
const incremental = synthetic.flatMap(s => s.incremental);
const compared = rows.filter(r => r.kale !== null);
const summary = {
  rounds,
  repetitions,
  medianOurs: median(compared.map(r => r.ours)),
  medianKale: median(compared.map(r => r.kale)),
  medianRatio: median(compared.map(r => r.kale / r.ours)),
  medianOursWarm: median(compared.map(r => r.oursWarm)),
  medianRatioWarm: median(compared.map(r => r.kale / r.oursWarm)),
  medianParseOnly: median(compared.map(r => r.parseOnly)),
  medianParseCeiling: median(compared.map(r => r.kale / r.parseOnly)),
  medianCliOurs: median(compared.map(r => r.cli.ours)),
  medianCliKale: median(compared.map(r => r.cli.kale)),
  medianCliRatio: median(compared.map(r => r.cli.kale / r.cli.ours)),
  synthetic: {
    fullMedian: median(full),
    incrementalMedian: median(incremental),
    incrementalP90: percentile(incremental, 0.9),
    incrementalP99: percentile(incremental, 0.99)
  }
};
writeFileSync(
  'bench/results/analyze.json',
  JSON.stringify({ summary, rows, differences }, null, 1) + '\n'
);

console.log(
  '| notebook | in-process: cellpipe (ms) | Kale (ms) | Kale / cellpipe | cellpipe, 2nd sweep (ms) | Kale / cellpipe | tree-sitter parse alone (ms) | Kale / parse | command: cellpipe (ms) | Kale (ms) | Kale / cellpipe |'
);
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
);
for (const r of rows) {
  const ratio = r.kale === null ? '–' : `${(r.kale / r.ours).toFixed(1)}×`;
  const warmRatio =
    r.kale === null ? '–' : `${(r.kale / r.oursWarm).toFixed(1)}×`;
  const parseRatio =
    r.kale === null ? '–' : `${(r.kale / r.parseOnly).toFixed(1)}×`;
  const cli = `${ms(r.cli.ours)} | ${ms(r.cli.kale)} | ${(r.cli.kale / r.cli.ours).toFixed(1)}×`;
  console.log(
    `| ${r.name} | ${ms(r.ours)} | ${r.kale === null ? r.note : ms(r.kale)} | ${ratio} | ${ms(r.oursWarm)} | ${warmRatio} | ${ms(r.parseOnly)} | ${parseRatio} | ${cli} |`
  );
}
console.log(
  `\nin-process, warm: median cellpipe ${ms(summary.medianOurs)} ms, Kale ${ms(summary.medianKale)} ms; ` +
    `median of per-notebook ratios ${summary.medianRatio.toFixed(1)}×`
);
console.log(
  `in-process, second sweep (the corpus ran once before in the process): median cellpipe ${ms(summary.medianOursWarm)} ms; ` +
    `median of per-notebook ratios to Kale ${summary.medianRatioWarm.toFixed(1)}×`
);
console.log(
  `tree-sitter parse alone (the same cells, second sweep): median ${ms(summary.medianParseOnly)} ms; ` +
    `median of per-notebook ratios to Kale ${summary.medianParseCeiling.toFixed(1)}×, ` +
    `the most any analyzer on tree-sitter-python could reach here`
);
console.log(
  `command, end to end: median cellpipe ${ms(summary.medianCliOurs)} ms, Kale ${ms(summary.medianCliKale)} ms; ` +
    `median of per-notebook ratios ${summary.medianCliRatio.toFixed(1)}×`
);
console.log(
  `synthetic 1000 cells: full ${ms(summary.synthetic.fullMedian)} ms; incremental after one edit: ` +
    `median ${ms(summary.synthetic.incrementalMedian)} ms, p90 ${ms(summary.synthetic.incrementalP90)} ms, ` +
    `p99 ${ms(summary.synthetic.incrementalP99)} ms`
);
console.log(
  `\n${differences.length} steps where the variables passed differ (details in bench/results/analyze.json)`
);
for (const d of differences) {
  const fmt = s => (s ? `in=[${s.ins}] out=[${s.outs}]` : 'no such step');
  console.log(
    `- ${d.notebook} / ${d.step}: cellpipe ${fmt(d.ours)}; Kale ${fmt(d.kale)}`
  );
}
