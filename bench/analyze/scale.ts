/**
 * Scale bench (issue 12): analysis time of one cell of 1k, 10k and 100k lines, and of one cell
 * binding 100k names, next to tree-sitter-python's bare parse of the same text (web-tree-sitter,
 * the tree freed at once). Linear cost shows as
 * a constant time per line. Prints JSON; `node bench/analyze/scale.mjs` runs it.
 */
import { analyzeCellSource } from '../../src/core/analysis/cell-analysis';
import { bareParse } from '../../src/core/analysis/python-tree';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';

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

/**
 * Median wall and CPU milliseconds of `run`. CPU time (user + system of this process) is the
 * steadier measure on a loaded machine: waiting for a core does not count.
 */
function time(
  run: () => void,
  repetitions: number
): { wall: number; cpu: number } {
  // Warm-up: as many runs as are measured, so the JIT has compiled both sides before timing
  // (with one, the first and smallest cell was measured half-compiled: 2.7x its parse).
  for (let i = 0; i < repetitions; i++) {
    run();
  }
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    run();
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1e3);
  }
  const median = (xs: number[]) =>
    xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(walls), cpu: median(cpus) };
}

const round = (x: number, places = 1) =>
  Math.round(x * 10 ** places) / 10 ** places;

async function main(): Promise<void> {
  await initPythonParserFromFiles();
  const rows: Record<string, unknown>[] = [];
  const cases: [string, string, number][] = [
    ['1k lines', realisticCell(1_000), 20],
    ['10k lines', realisticCell(10_000), 7],
    ['100k lines', realisticCell(100_000), 3],
    ['100k names', namesCell(100_000), 3]
  ];
  for (const [label, source, repetitions] of cases) {
    const lines = source.split('\n').length - 1;
    const analyze = time(() => analyzeCellSource(source), repetitions);
    const parse = time(() => bareParse(source), repetitions);
    const errors = analyzeCellSource(source).names.syntaxErrors.length;
    rows.push({
      cell: label,
      lines,
      analyzeMs: round(analyze.wall),
      parseMs: round(parse.wall),
      analyzeOverParse: round(analyze.wall / parse.wall, 2),
      usPerLine: round((analyze.wall * 1000) / lines, 0),
      analyzeCpuMs: round(analyze.cpu),
      parseCpuMs: round(parse.cpu),
      analyzeOverParseCpu: round(analyze.cpu / parse.cpu, 2),
      syntaxErrors: errors
    });
  }
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}

void main();
