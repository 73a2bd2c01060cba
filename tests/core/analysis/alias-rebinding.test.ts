/**
 * A name bound again stops standing for the objects it was tied to, and stops being one that
 * another name stands for (NameRecorder.unalias): a change through the other name no longer
 * changes it.
 */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';

const namesOf = (lines: string[]) =>
  analyzeCellSource(lines.join('\n') + '\n').names;

test('a loop variable over names no longer changes a name the body binds again', () => {
  const { mutations, reboundAndChanged } = namesOf([
    'for d in [a, b]:',
    '    a = {}',
    '    d["x"] = 1'
  ]);
  expect(mutations).toEqual(['d', 'b']);
  expect(reboundAndChanged).toEqual(['d']);
});

test('b = a: a change through b changes a until a is bound again', () => {
  expect(namesOf(['b = a', 'b.append(1)']).mutations).toEqual(['b', 'a']);
  expect(namesOf(['b = a', 'a = []', 'b.append(1)']).mutations).toEqual(['b']);
  // binding another name leaves the tie
  expect(namesOf(['b = a', 'c = []', 'b.append(1)']).mutations).toEqual([
    'b',
    'a'
  ]);
});
