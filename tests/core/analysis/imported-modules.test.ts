/** The modules a cell imports, by top-level name, wherever the import is. */
import {
  analysisTree,
  analyzeCellSource
} from '../../../src/core/analysis/cell-analysis';
import { importedModules } from '../../../src/core/analysis/imported-modules';

test('every import, aliased, dotted, nested or in a try, but not a relative one', () => {
  const analysis = analyzeCellSource(
    [
      'import a.b as c, d',
      'from helpers.sub import x as y',
      'from . import z',
      'from .m import w',
      'try:',
      '    import opt',
      'except ImportError:',
      '    opt = None',
      'def f():',
      '    import inner',
      '__import__("dyn")',
      'import a'
    ].join('\n')
  );
  expect(
    importedModules(analysis.python, analysisTree(analysis)).map(
      m => `${m.module} ${m.line}:${m.column}`
    )
  ).toEqual([
    'a 1:7',
    'd 1:17',
    'helpers 2:5',
    'opt 6:11',
    'inner 10:11',
    'a 12:7'
  ]);
});
