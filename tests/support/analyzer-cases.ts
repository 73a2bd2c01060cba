/**
 * Loads analyzer cases kept as data files in the lezer style:
 *
 *   # title
 *   --- step:load            (optional: starts a cell with these tags; `---` alone = untagged)
 *   source lines
 *   ==>
 *   reads: a, b               (single-cell cases: the step's reads and writes)
 *   writes: c
 *   step load: inputs= outputs=df after=     (multi-cell cases: per step)
 *   diag: undefined-name@1:2  (code@cell:line, as many as expected; none means none)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IAnalyzerCase {
  file: string;
  title: string;
  cells: { tags: string[]; source: string }[];
  expected: string[];
}

export function loadAnalyzerCases(dir: string): IAnalyzerCase[] {
  const cases: IAnalyzerCase[] = [];
  for (const file of readdirSync(dir)
    .filter(f => f.endsWith('.txt'))
    .sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let i = 0;
    while (i < lines.length) {
      if (!lines[i].trim()) {
        i++;
        continue;
      }
      if (!lines[i].startsWith('# ')) {
        throw new Error(`${file}:${i + 1}: expected a '# title' line`);
      }
      const title = lines[i++].slice(2).trim();
      const input: string[] = [];
      while (i < lines.length && lines[i] !== '==>') {
        input.push(lines[i++]);
      }
      if (i >= lines.length) {
        throw new Error(`${file}: case '${title}' has no ==> line`);
      }
      i++;
      const expected: string[] = [];
      while (i < lines.length && lines[i].trim()) {
        expected.push(lines[i++].trim());
      }
      if (!expected.length) {
        // a case with nothing under ==> would check no more than that there are no diagnostics
        throw new Error(`${file}: case '${title}' expects nothing after ==>`);
      }
      cases.push({
        file,
        title,
        cells: splitCells(input.join('\n')),
        expected
      });
    }
  }
  return cases;
}

function splitCells(input: string): { tags: string[]; source: string }[] {
  const lines = input.split('\n');
  if (!lines[0]?.startsWith('---')) {
    return [{ tags: ['step:main'], source: input }];
  }
  const cells: { tags: string[]; source: string[] }[] = [];
  for (const line of lines) {
    if (line.startsWith('---')) {
      cells.push({
        tags: line.slice(3).trim().split(/\s+/).filter(Boolean),
        source: []
      });
    } else {
      cells[cells.length - 1].source.push(line);
    }
  }
  return cells.map(c => ({ tags: c.tags, source: c.source.join('\n') }));
}

/** A notebook (nbformat 4 JSON) holding the case's cells. */
export function caseNotebook(
  cells: { tags: string[]; source: string }[]
): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(c => ({
      cell_type: 'code',
      metadata: { tags: c.tags },
      source: c.source,
      outputs: [],
      execution_count: null
    }))
  };
}
