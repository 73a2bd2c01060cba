/**
 * dagKey decides whether a keystroke needs a new layout. It is built without intermediate arrays
 * (it runs on every key), and a step that names its producers keeps its part of the key; this
 * checks it against the plain definition: two step lists get equal keys exactly when their
 * names, first cells and edges with the variables passed are equal.
 */
import fc from 'fast-check';
import {
  dagKey,
  IDagStep,
  variablesPassed
} from '../../../src/lab/sidebar/dag-model';

/**
 * The definition, written the obvious way. An edge's variables: those the step's `producers`
 * say come through it, else (a run's summary) those among the earlier step's outputs.
 */
function referenceKey(steps: IDagStep[]): string {
  const byName = new Map(steps.map(step => [step.name, step]));
  return JSON.stringify(
    steps.map(step => [
      step.name,
      step.cells.length ? Math.min(...step.cells) : -1,
      step.after.map(before => {
        const producers = step.producers;
        if (producers) {
          // the IR's steps name where each input comes from
          return [before, ...step.inputs.filter(n => producers[n] === before)];
        }
        const from = byName.get(before);
        return from ? [before, ...variablesPassed(step, from)] : [before];
      })
    ])
  );
}

// Names that could confuse a key made by joining: separators, digits, the key's own letters.
const name = fc.constantFrom(
  'a',
  'b',
  'ab',
  'S1:a',
  'A1',
  'V',
  '1',
  ':',
  '',
  'a@0'
);
const step: fc.Arbitrary<IDagStep> = fc.record(
  {
    name,
    cells: fc.array(fc.nat(4), { maxLength: 3 }),
    after: fc.array(name, { maxLength: 3 }),
    inputs: fc.array(name, { maxLength: 3 }),
    outputs: fc.array(name, { maxLength: 3 }),
    producers: fc.dictionary(name, name, { maxKeys: 3 })
  },
  { requiredKeys: ['name', 'cells', 'after', 'inputs', 'outputs'] }
);
const steps = fc.array(step, { maxLength: 3 });
/**
 * Two lists: unrelated, or the second a copy of the first (or the same step objects) with at most
 * one step replaced.
 */
const pair = fc.oneof(
  fc.tuple(steps, steps),
  fc
    .tuple(steps, step, fc.nat())
    .map(([a, changed, at]): [IDagStep[], IDagStep[]] => {
      const b = structuredClone(a);
      if (b.length) {
        b[at % b.length] = changed;
      }
      return [a, b];
    }),
  // sharing the other step objects, as the lab's analysis hands them back (their key parts kept)
  fc
    .tuple(steps, step, fc.nat())
    .map(([a, changed, at]): [IDagStep[], IDagStep[]] => {
      const b = [...a];
      if (b.length) {
        b[at % b.length] = changed;
      }
      return [a, b];
    }),
  fc
    .tuple(steps, fc.nat(), fc.nat(4))
    .map(([a, at, cell]): [IDagStep[], IDagStep[]] => {
      const b = structuredClone(a);
      if (b.length) {
        b[at % b.length].cells.push(cell);
      }
      return [a, b];
    })
);

describe('dagKey', () => {
  it('is equal for two step lists exactly when the plain definition is', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(dagKey(a) === dagKey(b)).toBe(
          referenceKey(a) === referenceKey(b)
        );
      }),
      { numRuns: 2000 }
    );
  });

  it('tells apart lists that differ in one variable, one edge or one first cell', () => {
    const base: IDagStep[] = [
      { name: 'a', cells: [0], after: [], inputs: [], outputs: ['x'] },
      { name: 'b', cells: [2, 1], after: ['a'], inputs: ['x'], outputs: [] }
    ];
    const key = dagKey(base);
    expect(dagKey(structuredClone(base))).toBe(key);
    const noVariable = structuredClone(base);
    noVariable[0].outputs = [];
    const noEdge = structuredClone(base);
    noEdge[1].after = [];
    const moved = structuredClone(base);
    moved[1].cells = [2, 3];
    for (const other of [noVariable, noEdge, moved]) {
      expect(dagKey(other)).not.toBe(key);
    }
  });

  it('cannot be fooled by names that run together', () => {
    const passing = (variables: string[]): IDagStep[] => [
      { name: 'a', cells: [0], after: [], inputs: [], outputs: variables },
      { name: 'b', cells: [1], after: ['a'], inputs: variables, outputs: [] }
    ];
    expect(dagKey(passing(['x', 'y']))).not.toBe(dagKey(passing(['xy'])));
    expect(dagKey(passing(['V1:x']))).not.toBe(dagKey(passing(['V', 'x'])));
  });
});
