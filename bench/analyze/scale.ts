/**
 * Scale bench (issue 12): analysis time of one cell of 1k, 10k and 100k lines, and of one cell
 * binding 100k names, next to @lezer/python's bare parse of the same text. Linear cost shows as
 * a constant time per line. Prints JSON; `node bench/analyze/scale.mjs` runs it.
 */
import { parser } from '@lezer/python';
import { analyzeCellSource } from '../../src/core/analysis/cell-analysis';

/** A cell like a long real one: comments, assignments, calls, a function, a loop, a class. */
function realisticCell(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `# step ${i}: load and transform`,
      `data_${i} = load(path_${i % 50}, rows=${i})`,
      `def transform_${i}(frame, factor=scale):`,
      `    return [row * factor for row in frame if row > threshold]`,
      `for item in transform_${i}(data_${i}):`,
      `    results.append(item)`,
      `class Model${i}(Base):`,
      `    size = ${i}`
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function namesCell(names: number): string {
  const out: string[] = [];
  for (let i = 0; i < names; i++) {
    out.push(`name_${i} = value_${i % 1000} + ${i}`);
  }
  return out.join('\n') + '\n';
}

function time(run: () => void, repetitions: number): number {
  run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const rows: Record<string, unknown>[] = [];
const cases: [string, string, number][] = [
  ['1k lines', realisticCell(1_000), 20],
  ['10k lines', realisticCell(10_000), 7],
  ['100k lines', realisticCell(100_000), 3],
  ['100k names', namesCell(100_000), 3]
];
for (const [label, source, repetitions] of cases) {
  const lines = source.split('\n').length - 1;
  const analyzeMs = time(() => analyzeCellSource(source), repetitions);
  const parseMs = time(() => parser.parse(source), repetitions);
  const errors = analyzeCellSource(source).names.syntaxErrors.length;
  rows.push({
    cell: label,
    lines,
    analyzeMs: Math.round(analyzeMs * 10) / 10,
    parseMs: Math.round(parseMs * 10) / 10,
    analyzeOverParse: Math.round((analyzeMs / parseMs) * 100) / 100,
    usPerLine: Math.round((analyzeMs * 1000) / lines) / 1,
    syntaxErrors: errors
  });
}
process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
