// Runs bench/analyze/updates.ts (bundled with esbuild) and writes bench/results/analyze-updates.json.
//   node bench/analyze/updates.mjs [ROUNDS] [UPDATES]
import { build } from 'esbuild';
import { nodeBundleAlias } from '../../scripts/lib/node-bundle.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('bench/.build', { recursive: true });
mkdirSync('bench/results', { recursive: true });
await build({
  entryPoints: ['bench/analyze/updates.ts'],
  outfile: 'bench/.build/analyze-updates.cjs',
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
  ['bench/.build/analyze-updates.cjs', ...process.argv.slice(2)],
  { maxBuffer: 1 << 24 }
).toString();
writeFileSync('bench/results/analyze-updates.json', out);
console.log(
  '| notebook (1,000 cells) | ms per update | CPU ms per update | rounds × updates |'
);
console.log('|---|---|---|---|');
for (const r of JSON.parse(out)) {
  console.log(
    `| ${r.notebook} | ${r.msPerUpdate} | ${r.cpuMsPerUpdate} | ${r.rounds} × ${r.updates} |`
  );
}
