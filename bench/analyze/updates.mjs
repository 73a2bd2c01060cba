// Runs bench/analyze/updates.ts and writes bench/results/analyze-updates.json.
//   node bench/analyze/updates.mjs [ROUNDS] [UPDATES]
import { runBundled } from '../lib/run-bundled.mjs';

const rows = await runBundled(
  'bench/analyze/updates.ts',
  'analyze-updates',
  process.argv.slice(2)
);
console.log(
  '| notebook (1,000 cells) | ms per update | CPU ms per update | rounds × updates |'
);
console.log('|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.notebook} | ${r.msPerUpdate} | ${r.cpuMsPerUpdate} | ${r.rounds} × ${r.updates} |`
  );
}
