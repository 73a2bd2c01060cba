// Rewrites tests/golden/analyze/*.json from `cellpipe analyze --json` on every Kale corpus
// notebook, with the built engine (run `npm run build:engine` first). It ends with what changed
// in each file (+added -removed lines); read each diff before committing: a golden is a claim
// that the output is right.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoldenChanges } from './lib/golden-changes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'kale');
const goldens = join(root, 'tests', 'golden', 'analyze');
const changes = new GoldenChanges(root, goldens);
for (const file of readdirSync(corpus)
  .filter(f => f.endsWith('.ipynb'))
  .sort()) {
  let out;
  try {
    out = execFileSync('node', [
      join(root, 'bin', 'cellpipe.js'),
      'analyze',
      '--json',
      join(corpus, file)
    ]);
  } catch (error) {
    out = error.stdout; // exit 1 when a diagnostic is an error; the JSON is still the output
  }
  const golden = join(goldens, file.replace(/\.ipynb$/, '.json'));
  changes.remember(golden);
  writeFileSync(golden, out);
  console.log('wrote', golden);
}
changes.report();
