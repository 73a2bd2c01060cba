/**
 * The incremental analyzer hands back the previous IR's step objects where a new step equals
 * one (steps-reusing.ts): an unchanged step is the same object, a changed one (even changed by
 * a later step's reads) a new one, and the IR always equals a fresh analysis.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { IncrementalAnalyzer } from '../../../src/core/analysis/incremental';
import {
  COMPARED_STEP_FIELDS,
  reusingEarlierSteps,
  samePlainData
} from '../../../src/core/ir/steps-reusing';
import { IPipelineIR, IPipelineStep } from '../../../src/core/ir/pipeline';
import { caseNotebook } from '../../support/analyzer-cases';

type Cell = { source: string; tags?: string[] };

function notebook(cells: Cell[]): object {
  return caseNotebook(
    cells.map(c => ({ tags: c.tags ?? [], source: c.source }))
  );
}

const base: Cell[] = [
  { source: 'import math', tags: ['imports'] },
  { source: 'x = 1\ny = 2', tags: ['step:load'] },
  { source: 'z = math.sqrt(x)', tags: ['step:fit'] },
  { source: 'print(z)', tags: ['step:report'] }
];

function edited(cells: Cell[], at: number, source: string): Cell[] {
  return cells.map((c, i) => (i === at ? { ...c, source } : c));
}

/** The steps of a first update, then of a second one with `next`, and a fresh analysis's. */
function twice(next: Cell[]) {
  const analyzer = new IncrementalAnalyzer('n.ipynb');
  const first = analyzer.update(notebook(base));
  const second = analyzer.update(notebook(next));
  return {
    first,
    second,
    fresh: analyzeNotebook(notebook(next), 'n.ipynb')
  };
}

describe('reusingEarlierSteps, through IncrementalAnalyzer', () => {
  it('keeps every step, and the list, when nothing a step holds changed', () => {
    const { first, second, fresh } = twice(edited(base, 3, 'print(z)  # ok'));
    // the comment is part of the step's code: only that step is new
    expect(second.steps[0]).toBe(first.steps[0]);
    expect(second.steps[1]).toBe(first.steps[1]);
    expect(second.steps[2]).not.toBe(first.steps[2]);
    expect(second).toEqual(fresh);

    const analyzer = new IncrementalAnalyzer('n.ipynb');
    const once = analyzer.update(notebook(base));
    const again = analyzer.update(notebook(base));
    expect(again.steps).toBe(once.steps);
  });

  it('makes a new earlier step when a later step starts taking more from it', () => {
    const { first, second, fresh } = twice(
      edited(base, 2, 'z = math.sqrt(x) + y')
    );
    expect(first.steps[0].outputs).toEqual(['x']);
    expect(second.steps[0]).not.toBe(first.steps[0]);
    expect(second.steps[0].outputs).toEqual(['x', 'y']);
    expect(second.steps[2]).toBe(first.steps[2]);
    expect(second).toEqual(fresh);
  });

  it('makes new steps of the cells that moved down when a step was inserted above them', () => {
    const inserted = [
      ...base.slice(0, 2),
      { source: 'w = 0', tags: ['step:extra'] },
      ...base.slice(2)
    ];
    const { first, second, fresh } = twice(inserted);
    expect(second.steps.map(s => s.name)).toEqual([
      'load',
      'extra',
      'fit',
      'report'
    ]);
    // the cells moved down, so the later steps are new; the first is the same
    expect(second.steps[0]).toBe(first.steps[0]);
    expect(second.steps[2]).not.toBe(first.steps[1]);
    expect(second).toEqual(fresh);
  });

  it('reuses a step that moved in the list but not in the notebook', () => {
    // a markdown-free way to move a step in the list only: delete the step above it
    const analyzer = new IncrementalAnalyzer('n.ipynb');
    const withExtra = [
      ...base.slice(0, 2),
      { source: '', tags: ['step:extra'] },
      ...base.slice(2)
    ];
    const first = analyzer.update(notebook(withExtra));
    const second = analyzer.update(
      notebook(withExtra.map((c, i) => (i === 2 ? { ...c, tags: [] } : c)))
    );
    // the empty cell now continues 'load': 'load' changed, 'fit' is at index 1, not 2
    expect(second.steps.map(s => s.name)).toEqual(['load', 'fit', 'report']);
    expect(second.steps[1]).toBe(first.steps[2]);
    expect(second).toEqual(
      analyzeNotebook(
        notebook(withExtra.map((c, i) => (i === 2 ? { ...c, tags: [] } : c))),
        'n.ipynb'
      )
    );
  });
});

describe('reusingEarlierSteps, field by field', () => {
  /** A step with every field set. */
  const full: IPipelineStep = {
    name: 'fit',
    cells: [2, 3],
    after: ['load'],
    inputs: ['x', 'y'],
    outputs: ['model'],
    producers: Object.assign(Object.create(null), { x: 'load', y: 'load' }),
    mayBeUnbound: ['model'],
    prev: ['load'],
    code: [
      { cell: 2, source: 'model = fit(x, y)' },
      { cell: 3, source: 'print(model)' }
    ],
    packages: ['scikit-learn'],
    settings: {
      limits: { cpu: '1' },
      requests: {},
      labels: {},
      annotations: {},
      retries: 2
    },
    metrics: ['score']
  };
  const ir = (step: IPipelineStep): IPipelineIR => ({
    pipeline: { name: 'n', description: '' },
    notebook: 'n.ipynb',
    settings: {} as IPipelineIR['settings'],
    parameters: [],
    metrics: [],
    imports: [],
    functions: [],
    steps: [step],
    diagnostics: []
  });
  /** One change to each field (the type asks for every field of a step). */
  const changes: {
    [K in keyof Required<IPipelineStep>]: (s: IPipelineStep) => void;
  } = {
    name: s => (s.name = 'other'),
    cells: s => s.cells.push(4),
    after: s => s.after.push('clean'),
    inputs: s => s.inputs.push('z'),
    outputs: s => s.outputs.push('score'),
    producers: s => (s.producers.y = 'clean'),
    mayBeUnbound: s => (s.mayBeUnbound = undefined),
    prev: s => (s.prev = []),
    code: s => (s.code[1] = { cell: 3, source: 'print(model, x)' }),
    packages: s => s.packages.push('pandas'),
    settings: s => (s.settings.limits.cpu = '2'),
    metrics: s => s.metrics.push('loss')
  };

  it('reuses an equal step, even a copy', () => {
    const again = reusingEarlierSteps(ir(structuredClone(full)), ir(full));
    expect(again.steps[0]).toBe(full);
  });

  it.each(Object.keys(COMPARED_STEP_FIELDS) as (keyof IPipelineStep)[])(
    'keeps the new step when its %s differs',
    field => {
      const step = structuredClone(full);
      changes[field](step);
      const next = reusingEarlierSteps(ir(step), ir(full));
      expect(next.steps[0]).toBe(step);
    }
  );
});

describe('samePlainData', () => {
  const shared = { a: [1] };
  it.each([
    ['equal nested data', { a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }, true],
    ['the same object', shared, shared, true],
    [
      'an object with no prototype',
      Object.assign(Object.create(null), { a: 1 }),
      { a: 1 },
      true
    ],
    ['a longer array', [1, 2], [1, 2, 3], false],
    ['an element changed', ['a', 'b'], ['a', 'c'], false],
    ['a field more', { a: 1 }, { a: 1, b: 2 }, false],
    ['a field less', { a: 1, b: 2 }, { a: 1 }, false],
    [
      'a field left out, not undefined',
      { a: 1, b: undefined },
      { a: 1 },
      false
    ],
    ['an array and an object', [1], { 0: 1 }, false],
    ['null and an object', null, {}, false],
    ['a number and its text', 1, '1', false]
  ])('%s', (_, a, b, same) => {
    expect(samePlainData(a, b)).toBe(same);
    expect(samePlainData(b, a)).toBe(same);
  });
});
