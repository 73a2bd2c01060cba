// Runs bench/analyze/scale.ts (bundled with esbuild) and writes bench/results/analyze-scale.json.
//   node bench/analyze/scale.mjs
import { build } from 'esbuild';
import { nodeBundleAlias } from '../../scripts/lib/node-bundle.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('bench/.build', { recursive: true });
mkdirSync('bench/results', { recursive: true });
await build({
  entryPoints: ['bench/analyze/scale.ts'],
  outfile: 'bench/.build/analyze-scale.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  alias: nodeBundleAlias,
  logLevel: 'warning'
});
const out = execFileSync(process.execPath, ['bench/.build/analyze-scale.cjs'], {
  maxBuffer: 1 << 24
}).toString();
writeFileSync('bench/results/analyze-scale.json', out);
const rows = JSON.parse(out);
console.log(
  '| cell | lines | analyze ms | tree-sitter parse ms | analyze / parse | µs per line | analyze CPU ms | parse CPU ms | analyze / parse (CPU) |'
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.cell} | ${r.lines} | ${r.analyzeMs} | ${r.parseMs} | ${r.analyzeOverParse} | ${r.usPerLine} | ${r.analyzeCpuMs} | ${r.parseCpuMs} | ${r.analyzeOverParseCpu} |`
  );
}
