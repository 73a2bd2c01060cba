// Runs bench/lab/layout.ts and writes bench/results/lab-layout.json.
//   node bench/lab/layout.mjs
import { runBundled } from '../lib/run-bundled.mjs';

const rows = await runBundled('bench/lab/layout.ts', 'lab-layout', []);
console.log('| notebook | cells | steps | edges | full layout ms |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.notebook} | ${r.cells} | ${r.steps} | ${r.edges} | ${r.layoutMs} |`
  );
}
