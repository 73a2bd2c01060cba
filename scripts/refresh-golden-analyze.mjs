// Rewrites tests/golden/analyze/*.json from `cellpipe analyze --json` on every Kale corpus
// notebook. Read each diff before committing: a golden is a claim that the output is right.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const corpus = join('..', 'shared', 'corpus', 'kale');
for (const file of readdirSync(corpus).filter(f => f.endsWith('.ipynb')).sort()) {
  let out;
  try {
    out = execFileSync('node', ['bin/cellpipe.js', 'analyze', '--json', join(corpus, file)]);
  } catch (error) {
    out = error.stdout; // exit 1 when a diagnostic is an error; the JSON is still the output
  }
  writeFileSync(join('tests', 'golden', 'analyze', file.replace(/\.ipynb$/, '.json')), out);
  console.log('wrote', file);
}
