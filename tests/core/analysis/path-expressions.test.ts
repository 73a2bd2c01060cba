/** Paths followed through joins, pathlib, f-strings and names, and resolved as os.path would. */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import { analysisTree } from '../../../src/core/analysis/cell-analysis';
import {
  pathParts,
  resolvePath
} from '../../../src/core/analysis/path-expressions';

const VALUES: Record<string, string> = {
  DATA: 'data',
  ROOT: '/srv/',
  EMPTY: ''
};

/** The path the expression on the cell's one line builds, with VALUES for its names. */
function pathOf(expression: string): string | null {
  const analysis = analyzeCellSource(expression);
  const node = analysisTree(analysis).children[0].children[0];
  const parts = pathParts(analysis.python, node);
  return parts && resolvePath(parts, name => VALUES[name]);
}

describe('pathParts and resolvePath', () => {
  it.each([
    ['"a.csv"', 'a.csv'],
    ["r'C:\\\\x.csv'", 'C:\\\\x.csv'],
    ['f"x.csv"', 'x.csv'],
    ['f"{DATA}/{{raw}}.csv"', 'data/{raw}.csv'],
    ['"data/" "x.csv"', 'data/x.csv'],
    ['os.path.join(DATA, "sub", "x.csv")', 'data/sub/x.csv'],
    ['os.path.join(DATA, "/abs", "x.csv")', '/abs/x.csv'],
    ['join(ROOT, "x.csv")', '/srv/x.csv'],
    ['Path(DATA) / "sub" / "x.csv"', 'data/sub/x.csv'],
    ['pathlib.Path(".", DATA, "./x.csv")', 'data/x.csv'],
    ['DATA.joinpath("x.csv")', 'data/x.csv'],
    ['str(Path(DATA) / "x.csv")', 'data/x.csv'],
    ['os.fspath(DATA + "/x.csv")', 'data/x.csv'],
    ['(DATA + "//x.csv")', 'data/x.csv'],
    ['os.path.join(EMPTY, "x.csv")', 'x.csv'],
    ['"https://example.org/a.csv"', 'https://example.org/a.csv']
  ])('%s is %s', (expression, path) => {
    expect(pathOf(expression)).toBe(path);
  });

  it.each([
    'f"{DATA!r}.csv"',
    'f"{DATA:>8}.csv"',
    'f"{DATA=}.csv"',
    'f"{DATA.upper()}.csv"',
    'b"x.csv"',
    '"a\\nb.csv"',
    'os.path.join(DATA, name.strip())',
    'Path(DATA, *parts)',
    'Path(DATA, mode=1)',
    'DATA * "x"',
    '"x" if a else "y"',
    'Path()',
    'UNKNOWN + ".csv"'
  ])('%s is no path it follows', expression => {
    expect(pathOf(expression)).toBeNull();
  });
});
