// Rewrites tests/golden/compile/<target>/<notebook>.yaml from `cellpipe compile` of a fixed set of
// Kale corpus notebooks, with the built engine (run `npm run build:engine` first). It ends with
// what changed in each file (+added -removed lines); read each diff before committing: a golden
// is a claim that the output is right.
//   node scripts/refresh-golden-compile.mjs [--target argo|kfp|all]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoldenChanges } from './lib/golden-changes.mjs';

/** Parameters and metrics, GPU limits and many steps, a small serving pipeline, several steps. */
export const GOLDEN_NOTEBOOKS = [
  'pipeline_parameters_and_metrics',
  'dog-breed-classification_dog-breed-katib',
  'serving_sklearn_iris',
  'openvaccine-kaggle-competition_open-vaccine'
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { readablePacked } = createRequire(import.meta.url)(
  join(root, 'tests', 'support', 'packed-golden.js')
);
const corpus = join(root, '..', 'shared', 'corpus', 'kale');
const which = process.argv[process.argv.indexOf('--target') + 1];
const targets =
  process.argv.includes('--target') && which !== 'all'
    ? [which]
    : ['argo', 'kfp'];
const changes = new GoldenChanges(
  root,
  join(root, 'tests', 'golden', 'compile')
);
for (const target of targets) {
  if (!['argo', 'kfp'].includes(target)) {
    throw new Error(`--target must be argo, kfp or all, not ${target}`);
  }
  const folder = join(root, 'tests', 'golden', 'compile', target);
  mkdirSync(folder, { recursive: true });
  for (const name of GOLDEN_NOTEBOOKS) {
    const golden = join(folder, `${name}.yaml`);
    changes.remember(golden);
    execFileSync('node', [
      join(root, 'bin', 'cellpipe.js'),
      'compile',
      join(corpus, `${name}.ipynb`),
      '--target',
      target,
      '-o',
      golden
    ]);
    writeFileSync(golden, readablePacked(readFileSync(golden, 'utf8')));
    console.log('wrote', golden);
  }
}
changes.report();
