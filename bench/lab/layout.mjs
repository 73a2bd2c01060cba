// Runs bench/lab/layout.ts (bundled with esbuild) and writes bench/results/lab-layout.json.
//   node bench/lab/layout.mjs
import { build } from 'esbuild';
import { nodeBundleAlias } from '../../scripts/lib/node-bundle.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('bench/.build', { recursive: true });
mkdirSync('bench/results', { recursive: true });
await build({
  entryPoints: ['bench/lab/layout.ts'],
  outfile: 'bench/.build/lab-layout.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  alias: nodeBundleAlias,
  loader: { '.njk': 'text', '.py': 'text' },
  logLevel: 'warning'
});
const out = execFileSync(
  process.execPath,
  ['bench/.build/lab-layout.cjs', ...process.argv.slice(2)],
  { maxBuffer: 1 << 24 }
).toString();
writeFileSync('bench/results/lab-layout.json', out);
console.log('| notebook | cells | steps | edges | full layout ms |');
console.log('|---|---|---|---|---|');
for (const r of JSON.parse(out)) {
  console.log(
    `| ${r.notebook} | ${r.cells} | ${r.steps} | ${r.edges} | ${r.layoutMs} |`
  );
}
