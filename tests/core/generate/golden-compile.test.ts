/**
 * The compiled documents of four Kale corpus notebooks, byte for byte, for both targets, with
 * each packed step script shown by its size and hash (tests/support/packed-golden.js).
 * Refresh with `npm run build:engine && node scripts/refresh-golden-compile.mjs`, then read the diff.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeNotebookText } from '../../../src/core/analyze';
import { compile } from '../../../src/core/generate/compile';
import { CORPUS } from '../../support/cli';
import { readablePacked } from '../../support/packed-golden';

const NOTEBOOKS = [
  'pipeline_parameters_and_metrics',
  'dog-breed-classification_dog-breed-katib',
  'serving_sklearn_iris',
  'openvaccine-kaggle-competition_open-vaccine'
];
const GOLDEN = resolve(__dirname, '../../golden/compile');

describe.each(['argo', 'kfp'] as const)('%s goldens', target => {
  it.each(NOTEBOOKS)('%s', name => {
    const path = resolve(CORPUS, 'kale', `${name}.ipynb`);
    const ir = analyzeNotebookText(readFileSync(path, 'utf8'), path);
    const expected = readFileSync(
      resolve(GOLDEN, target, `${name}.yaml`),
      'utf8'
    );
    expect(readablePacked(compile(ir, target).text)).toBe(expected);
  });
});
