/**
 * `clean` is a shortcut the IR builder reads instead of four lists: it must say exactly whether
 * a cell has a syntax error, a star import, a magic or a pip package. Checked on every corpus
 * code cell and on cells made to have each of those.
 */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import { corpusCodeSources } from '../../support/corpus-sources';

const made = [
  'x = 1',
  '# only a comment',
  '',
  'x = (',
  'def f(:\n    pass',
  '  x = 1',
  'from os import *',
  '%time x = 1',
  '!ls',
  '%pip install pandas',
  '!pip install numpy==1.26',
  'import math\n%matplotlib inline\ny = math.pi'
];

describe('clean', () => {
  const sources = [...made, ...corpusCodeSources()];

  it.each(sources.map(source => [source.slice(0, 40), source]))(
    'says whether %j has anything to report or install',
    (_, source) => {
      const analysis = analyzeCellSource(source);
      expect(analysis.clean).toBe(
        analysis.names.syntaxErrors.length === 0 &&
          analysis.names.starImports.length === 0 &&
          analysis.names.dynamicBindings.length === 0 &&
          analysis.magics.length === 0 &&
          analysis.packages.length === 0
      );
    }
  );

  it('is false for each kind of problem, and true for plain code', () => {
    const clean = (source: string) => analyzeCellSource(source).clean;
    expect(clean('x = 1')).toBe(true);
    expect(clean('x = (')).toBe(false);
    expect(clean('from os import *')).toBe(false);
    expect(clean('%timeit x = 1')).toBe(false);
    expect(clean('%time x = 1')).toBe(true); // runs as `pass; x = 1`
    expect(clean('exec("x = 1")')).toBe(false);
    expect(clean('%pip install pandas')).toBe(false);
  });
});
