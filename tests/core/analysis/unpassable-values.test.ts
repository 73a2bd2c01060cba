/**
 * Which bound values the analysis says no step can hand on (analysis/unpassable.ts,
 * ir/unpassable-outputs.ts), against the real thing: each binding is run in the project's Python
 * and saved with cloudpickle, as a step saves its outputs. The analysis may leave a value it cannot tell unflagged (a mode it
 * cannot read), but must never flag one cloudpickle saves.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';
import { runPython } from '../../support/python';

const BINDINGS: [string, boolean][] = [
  ['value = open("data.txt")', false],
  ['value = open("data.txt", "r")', false],
  ['value = open("data.txt", "r+")', false],
  ['value = open("data.txt", "w+")', false],
  ['value = open("data.txt", encoding="utf-8")', false],
  ['value = open("data.txt", "w")', true],
  ['value = open("data.txt", mode="a")', true],
  ['value = open("new.txt", "x")', true],
  ['value = open("data.txt", "rb")', true],
  ['value = open("data.txt", "wb")', true],
  ['value = io.open("data.txt", "w")', true],
  ['value = pathlib.Path("data.txt").open("w")', true],
  ['value = pathlib.Path("data.txt").open()', false],
  ['value = gzip.open("data.gz", "wt")', true],
  ['value = gzip.open("data.gz")', true],
  ['value = (n * 2 for n in range(3))', true],
  ['def numbers():\n    yield 1\nvalue = numbers()', true],
  ['def numbers():\n    return [1]\nvalue = numbers()', false],
  ['value = list(n * 2 for n in range(3))', false],
  ['value = iter([1, 2])', false],
  ['value = io.StringIO("x")', false]
];

describe('values no step can hand on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellpipe-unpassable-'));
  writeFileSync(join(dir, 'data.txt'), 'a\n');
  const gzipped = runPython(
    ['-c', 'import gzip; gzip.open("data.gz", "wt").write("a")'],
    '',
    { cwd: dir }
  );
  expect(gzipped.status).toBe(0);

  it.each(BINDINGS)(
    '%s: flagged %s, as cloudpickle saves it or not',
    (binding, flagged) => {
      const ir = analyzeNotebook(
        notebookJson([
          codeCell(binding, ['step:make']),
          codeCell('print(value)', ['step:use'])
        ]),
        'values.ipynb'
      );
      expect(
        ir.diagnostics
          .filter(d => d.code === 'unpassable-value')
          .map(d => d.message.split(',')[0])
      ).toEqual(flagged ? ["step 'make' hands 'value' on to step 'use'"] : []);
      const saved = runPython(
        [
          '-c',
          [
            'import gzip, io, os, pathlib, cloudpickle',
            'if os.path.exists("new.txt"): os.remove("new.txt")',
            binding,
            'try:',
            '    cloudpickle.dumps(value)',
            '    print("saved")',
            'except Exception as error:',
            '    print("refused", type(error).__name__)'
          ].join('\n')
        ],
        '',
        { cwd: dir }
      );
      expect(saved.stderr).toBe('');
      expect(saved.stdout.startsWith('refused')).toBe(flagged);
    }
  );
});
