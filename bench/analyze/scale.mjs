// Runs bench/analyze/scale.ts and writes bench/results/analyze-scale.json.
//   node bench/analyze/scale.mjs
import { runBundled } from '../lib/run-bundled.mjs';

const rows = await runBundled('bench/analyze/scale.ts', 'analyze-scale', []);
console.log(
  '| cell | lines | analyze ms | tree-sitter parse ms | analyze / parse | µs per line | analyze CPU ms | parse CPU ms | analyze / parse (CPU) |'
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.cell} | ${r.lines} | ${r.analyzeMs} | ${r.parseMs} | ${r.analyzeOverParse} | ${r.usPerLine} | ${r.analyzeCpuMs} | ${r.parseCpuMs} | ${r.analyzeOverParseCpu} |`
  );
}
