/** `cellpipe tag --by-headings`: step tags at `## ` headings, nothing else changed. */
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebookText } from '../../src/core/analyze';
import { stepName } from '../../src/core/notebook/tag-by-headings';
import { cellpipe, CORPUS } from '../support/cli';

const kaggle = readdirSync(join(CORPUS, 'kaggle')).filter(f =>
  f.endsWith('.ipynb')
);

function withoutTags(text: string): unknown {
  const notebook = JSON.parse(text);
  for (const cell of notebook.cells) {
    delete cell.metadata.tags;
  }
  return notebook;
}

describe('cellpipe tag --by-headings', () => {
  it.each(kaggle)('%s becomes a pipeline, and only tags change', file => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpipe-tag-'));
    const input = join(dir, file);
    copyFileSync(join(CORPUS, 'kaggle', file), input);
    const result = cellpipe(['tag', input, '--by-headings']);
    expect(result.code).toBe(0);
    const output = input.replace(/\.ipynb$/, '.tagged.ipynb');
    expect(result.stdout).toContain(`wrote ${output}`);
    const before = readFileSync(input, 'utf8');
    const after = readFileSync(output, 'utf8');
    expect(withoutTags(after)).toEqual(withoutTags(before));
    const changed = after.split('\n').filter(line => !before.includes(line));
    for (const line of changed) {
      expect(line).toMatch(
        /^\s*("tags": \[|"(step:[a-z0-9_]+|imports)"|\],?|\},?|"metadata": \{)$/
      );
    }
    const ir = analyzeNotebookText(after, output);
    expect(ir.steps.length).toBeGreaterThan(2);
    expect(ir.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    // Each tag is listed at its cell, counted from 1 as JupyterLab counts cells.
    for (const step of ir.steps) {
      expect(result.stdout).toContain(
        `cell ${step.cells[0] + 1}: step:${step.name}  (`
      );
    }
  });

  it('rewrites the notebook with --in-place and refuses a tagged notebook the second time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpipe-tag-'));
    const input = join(dir, kaggle[0]);
    copyFileSync(join(CORPUS, 'kaggle', kaggle[0]), input);
    expect(cellpipe(['tag', input, '--by-headings', '--in-place']).code).toBe(
      0
    );
    const again = cellpipe(['tag', input, '--by-headings', '--in-place']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has step tags \(cell \d+: step:/);
  });

  it('says what is wrong with a notebook that has no headings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpipe-tag-'));
    const input = join(dir, 'flat.ipynb');
    writeFileSync(
      input,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { cell_type: 'code', metadata: {}, source: 'x = 1', outputs: [] }
        ]
      })
    );
    const result = cellpipe(['tag', input, '--by-headings']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no `## ` markdown heading/);
  });

  it.each([
    ['Data Cleaning & EDA', 'data_cleaning_eda'],
    ['1. Load the data', 'step_1_load_the_data'],
    ['Café crème', 'cafe_creme'],
    ['!!!', 'step']
  ])('names the step for heading %j: %s', (heading, name) => {
    expect(stepName(heading)).toBe(name);
  });
});
