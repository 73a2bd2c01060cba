/**
 * Python names that are also Object.prototype's (`__proto__`, `constructor`, `toString`) as
 * pipeline parameters, passed variables and metrics of a real local run: each one is an entry
 * like any other, through --param, the data passed between steps, the metrics and the step
 * cache. A plain `{}` drops `__proto__` into its setter and finds the others on the prototype.
 */
import {
  notebookInTempDir,
  runJson,
  step,
  writeNotebook
} from '../engine/local/local-run';

const CELLS = [
  {
    source: "__proto__ = 3\nconstructor = 'c'",
    tags: ['pipeline-parameters']
  },
  { source: 'toString = __proto__ * 2', tags: ['step:double'] },
  {
    source: "hasOwnProperty = f'{constructor}{toString + 1}'",
    tags: ['step:label']
  },
  { source: 'print(hasOwnProperty)', tags: ['pipeline-metrics'] }
];

describe('prototype names in a local run', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'proto',
    'proto.ipynb',
    CELLS
  );
  const metric = (record: ReturnType<typeof runJson>['record']) =>
    Object.getOwnPropertyDescriptor(
      step(record, 'label').metrics ?? {},
      'hasOwnProperty'
    )?.value;

  it('runs with the declared defaults', () => {
    const { code, record, stderr } = runJson(home, [notebook]);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/given twice/);
    expect(record.status).toBe('Succeeded');
    expect(metric(record)).toBe('c7');
  });

  it('takes --param __proto__ and --param constructor, and reruns what reads them', () => {
    const { code, record } = runJson(home, [
      notebook,
      '--param',
      '__proto__=5',
      '--param',
      'constructor=k'
    ]);
    expect(code).toBe(0);
    expect(
      Object.getOwnPropertyDescriptor(record.params, '__proto__')?.value
    ).toBe(5);
    expect(metric(record)).toBe('k11');
    expect(step(record, 'double').cached).toBeFalsy();
    expect(step(record, 'label').cached).toBeFalsy();
  });

  it('keys the step cache on an input variable named __proto__', () => {
    // A passed variable (not a parameter) named __proto__: `label` reads it from `double`.
    const passing = writeNotebook(dir, 'passing.ipynb', [
      {
        source: "toString = 3\nconstructor = 'c'",
        tags: ['pipeline-parameters']
      },
      { source: '__proto__ = toString * 2', tags: ['step:double'] },
      {
        source: "hasOwnProperty = f'{constructor}{__proto__ + 1}'",
        tags: ['step:label']
      },
      {
        source: 'print(hasOwnProperty)\nprint(__proto__)',
        tags: ['pipeline-metrics']
      }
    ]);
    const first = runJson(home, [passing, '--param', 'toString=5']);
    expect(first.code).toBe(0);
    expect(metric(first.record)).toBe('c11');
    const again = runJson(home, [passing, '--param', 'toString=5']);
    expect(step(again.record, 'double').cached).toBe(true);
    expect(step(again.record, 'label').cached).toBe(true);
    // Only `double` reads toString; `label` must still run again, as its input __proto__ changed.
    const changed = runJson(home, [passing, '--param', 'toString=6']);
    expect(changed.code).toBe(0);
    expect(step(changed.record, 'double').cached).toBeFalsy();
    expect(step(changed.record, 'label').cached).toBeFalsy();
    expect(metric(changed.record)).toBe('c13');
    const doubled = step(changed.record, 'double').metrics ?? {};
    expect(Object.getOwnPropertyDescriptor(doubled, '__proto__')?.value).toBe(
      12
    );
  });
});
