/** The names a step's cells tie to one object, and what unties them (step-ties.ts). */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import {
  StepTies,
  tieCellNames,
  untieRebound
} from '../../../src/core/ir/step-ties';

/** Runs the cells as one step's, in order, as step-names.ts and aliased-names.ts do. */
function tiesAfter(...cells: string[]): Record<string, Record<string, string>> {
  const ties: StepTies = new Map();
  for (const source of cells) {
    const { names } = analyzeCellSource(source);
    untieRebound(ties, names);
    tieCellNames(ties, names);
  }
  return Object.fromEntries(
    [...ties].map(([name, others]) => [name, Object.fromEntries(others)])
  );
}

describe('the ties of a step', () => {
  it('ties `b = a` both ways as the same object', () => {
    expect(tiesAfter('a = [1]\nb = a')).toEqual({
      a: { b: 'same' },
      b: { a: 'same' }
    });
  });

  it('ties a pipeline to the estimator it holds, and the estimator to its holder', () => {
    expect(tiesAfter('model = object()\npipe = make_pipeline(model)')).toEqual({
      pipe: { model: 'holds' },
      model: { pipe: 'held' }
    });
  });

  it('unties a name a later cell binds again, on both sides', () => {
    expect(tiesAfter('a = [1]\nb = a', 'b = [2]')).toStrictEqual({ a: {} });
  });

  it('keeps the tie of a name a later cell changes in place', () => {
    expect(tiesAfter('a = [1]\nb = a', 'b.append(2)')).toEqual({
      a: { b: 'same' },
      b: { a: 'same' }
    });
  });

  it('unties a name a later cell binds and then changes: the change is to the new object', () => {
    expect(tiesAfter('a = [1]\nb = a', 'b = []\nb.append(2)')).toStrictEqual({
      a: {}
    });
  });
});
