/**
 * Scale bench (issue 12): analysis time of one cell of 1k, 10k and 100k lines, and of one cell
 * binding 100k names (one a line, and ten a line; and as a step of a notebook analysed whole,
 * the pipeline built too), side by side with tree-sitter-python's bare parse of the same text
 * (web-tree-sitter, the tree freed at once). Linear cost shows as a
 * constant time per line. Prints JSON; `node bench/analyze/scale.mjs` runs it.
 */
import { analyzeCellSource } from '../../src/core/analysis/cell-analysis';
import { analyzeNotebookText } from '../../src/core/analyze';
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

/**
 * A cell binding `names` names, `perLine` to a line: one per line (`name_7 = value_7 + 7`,
 * as many lines as names, so the parse itself is as long as the 100k-line cell's) or several
 * by unpacking (`name_0, name_1, ... = values_0`).
 */
function namesCell(names: number, perLine = 1): string {
  const out: string[] = [];
  for (let i = 0; i < names; i += perLine) {
    if (perLine === 1) {
      out.push(`name_${i} = value_${i % 1000} + ${i}`);
    } else {
      const targets: string[] = [];
      for (let j = i; j < i + perLine; j++) {
        targets.push(`name_${j}`);
      }
      out.push(`${targets.join(', ')} = values_${i % 1000}`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * A cell of `lines` lines of ten kinds of statement that the analysis follows across names:
 * ties (`alias = name`), changes in place, loops over a name, figures drawn on, functions that
 * change their defaults and their calls, open files, strings, `del`. Each kind once had a cost
 * that grew with the names before it in the cell.
 */
function mixedCell(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    switch (i % 10) {
      case 0:
        out.push(`name_${i} = value_${i % 1000} + ${i}`);
        break;
      case 1:
        out.push(`alias_${i} = name_${i - 1}`);
        break;
      case 2:
        out.push(`name_${i - 2}.append(${i})`);
        break;
      case 3:
        out.push(`for x_${i} in name_${i - 3}:`, '    pass');
        break;
      case 4:
        out.push(`fig_${i}, ax_${i} = plt.subplots()`);
        break;
      case 5:
        out.push(`ax_${i - 1}.plot([1])`);
        break;
      case 6:
        out.push(
          `def f_${i}(x, acc=[]):`,
          '    acc.append(x)',
          '    return acc'
        );
        break;
      case 7:
        out.push(`r_${i} = f_${i - 1}(1)`);
        break;
      case 8:
        out.push(`h_${i} = open("p_${i}.txt")`);
        break;
      default:
        out.push(`del alias_${i - 8}`);
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/**
 * The names cell as the middle step of a notebook, analysed whole: the pipeline is built too,
 * with the checks that look at what each name is bound to (a loop over a name, a drawing).
 */
const NOTEBOOK_CASE = '100k names, in a notebook (the pipeline built too)';
const MIXED_CASE = '100k lines of ten kinds, in a notebook';
const LOOPS_AND_DRAWINGS =
  'for item in items:\n    print(item)\nax.plot(name_1)\nrows = rng.sample(items, 1)\n';

function stepsAround(source: string): string {
  const cell = (text: string, tag: string) => ({
    cell_type: 'code',
    metadata: { tags: [tag] },
    source: text,
    outputs: [],
    execution_count: null
  });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      cell('import random\nimport matplotlib.pyplot as plt\n', 'imports'),
      cell(
        'items = [1, 2]\nrng = random.Random(0)\nfig, ax = plt.subplots()\n' +
          Array.from({ length: 1000 }, (_, i) => `value_${i} = ${i}`).join(
            '\n'
          ) +
          '\n',
        'step:load'
      ),
      cell(source, 'step:names'),
      cell('print(name_5, rows, fig)\n', 'step:report')
    ]
  });
}

interface ISample {
  wall: number;
  cpu: number;
}

function sample(run: () => void): ISample {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e3 };
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Analysis and bare parse of one source, side by side: each repetition times both, one right
 * after the other (which goes first alternates), so a slow spell of this shared 2-core machine
 * hits both sides of a pair alike. The ratio is the median of the per-pair ratios. CPU time
 * (user + system of this process) is the steadier measure: waiting for a core does not count.
 */
function sideBySide(
  analyze: () => void,
  parse: () => void,
  repetitions: number
): { analyze: ISample; parse: ISample; ratio: ISample } {
  // Warm-up: as many rounds as are measured, so the JIT has compiled both sides before timing.
  for (let i = 0; i < repetitions; i++) {
    analyze();
    parse();
  }
  const a: ISample[] = [];
  const p: ISample[] = [];
  for (let i = 0; i < repetitions; i++) {
    if (i % 2 === 0) {
      a.push(sample(analyze));
      p.push(sample(parse));
    } else {
      p.push(sample(parse));
      a.push(sample(analyze));
    }
  }
  const of = (xs: ISample[]) => ({
    wall: median(xs.map(x => x.wall)),
    cpu: median(xs.map(x => x.cpu))
  });
  return {
    analyze: of(a),
    parse: of(p),
    ratio: {
      wall: median(a.map((x, i) => x.wall / p[i].wall)),
      cpu: median(a.map((x, i) => x.cpu / p[i].cpu))
    }
  };
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
    ['100k names', namesCell(100_000), 3],
    ['100k names, 10 a line', namesCell(100_000, 10), 5],
    [NOTEBOOK_CASE, namesCell(100_000) + LOOPS_AND_DRAWINGS, 3],
    [MIXED_CASE, mixedCell(100_000), 3]
  ];
  for (const [label, source, repetitions] of cases) {
    const lines = source.split('\n').length - 1;
    const notebook =
      label === NOTEBOOK_CASE || label === MIXED_CASE
        ? stepsAround(source)
        : null;
    const { analyze, parse, ratio } = sideBySide(
      notebook
        ? () => analyzeNotebookText(notebook, 'scale.ipynb')
        : () => analyzeCellSource(source),
      () => bareParse(source),
      repetitions
    );
    const errors = analyzeCellSource(source).names.syntaxErrors.length;
    rows.push({
      cell: label,
      lines,
      analyzeMs: round(analyze.wall),
      parseMs: round(parse.wall),
      analyzeOverParse: round(ratio.wall, 2),
      usPerLine: round((analyze.wall * 1000) / lines, 0),
      analyzeCpuMs: round(analyze.cpu),
      parseCpuMs: round(parse.cpu),
      analyzeOverParseCpu: round(ratio.cpu, 2),
      syntaxErrors: errors
    });
  }
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}

void main();
