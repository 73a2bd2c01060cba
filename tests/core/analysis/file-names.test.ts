/** Which string literals of a cell are file names, and which of them the cell writes. */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import {
  cellFileConstants,
  cellFileNames,
  cellFileVariables
} from '../../../src/core/analysis/file-names';
import { analyzeNotebook } from '../../../src/core/analyze';
import { corpusCodeSources } from '../../support/corpus-sources';
import { codeCell, notebookJson } from '../../support/notebook-json';

const names = (source: string) =>
  cellFileNames(analyzeCellSource(source)).map(n =>
    [n.path, n.written ? 'written' : 'used', `${n.line}:${n.column}`].join(' ')
  );

describe('cellFileNames', () => {
  it('finds the files writing calls write, by position, keyword or receiver', () => {
    expect(
      names(
        [
          'df.to_parquet(path="out/df.parquet")',
          'Path("notes.md").write_text("x")',
          'urlretrieve(URL, "data/raw.zip")',
          'plt.savefig("fig.png")',
          'with gzip.open("log.gz", "wt") as f: pass',
          "open(r'C:\\data\\in.csv')",
          'open("ro.txt", mode="r")'
        ].join('\n')
      )
    ).toEqual([
      'out/df.parquet written 1:19',
      'notes.md written 2:5',
      'data/raw.zip written 3:17',
      'fig.png written 4:12',
      'log.gz written 5:15',
      'C:\\data\\in.csv used 6:5',
      'ro.txt used 7:5'
    ]);
  });

  it('leaves out what is no file name: f-strings, URLs, globs, escapes, plain words, lone strings', () => {
    expect(
      names(
        [
          'open(f"{a}.csv", "w")',
          'open("https://x.org/a.csv")',
          'glob("data/*.csv")',
          'open("a\\nb.txt")',
          'x = "price"',
          '"""Writes notes.txt."""',
          '"notes.txt"',
          'b = b"raw.bin"',
          'y = "1.5"'
        ].join('\n')
      )
    ).toEqual([]);
  });
});

describe('file names bound in shared cells, and names passed to calls', () => {
  it('takes top-level bindings to file names only', () => {
    const constants = cellFileConstants(
      analyzeCellSource(
        [
          'import os',
          'OUT = "out/clean.csv"',
          'SEP = ","',
          'LOG = f"{OUT}.log"',
          'def f():',
          '    INNER = "inner.csv"'
        ].join('\n')
      )
    );
    expect([...constants]).toEqual([['OUT', 'out/clean.csv']]);
  });

  it('keeps each name passed straight to a call, and whether that call writes it', () => {
    const variables = cellFileVariables(
      analyzeCellSource(
        'df.to_csv(OUT, sep=SEP)\nx = pd.read_csv(filepath_or_buffer=OUT)\nprint(len(df))'
      )
    ).map(
      v => `${v.name} ${v.written ? 'written' : 'used'} ${v.line}:${v.column}`
    );
    expect(variables).toEqual([
      'OUT written 1:10',
      'SEP written 1:19',
      'OUT used 2:35',
      'df used 3:10'
    ]);
  });
});

describe('mayWriteFiles', () => {
  it('is true for every cell that writes a file (the IR looks no further when it is false)', () => {
    const corpus = corpusCodeSources();
    const made = [
      'df.to_csv("a.csv")',
      'Path("n.md").write_text("x")',
      'open ("log.txt", "a")',
      'np.savez_compressed("w.npz", a=1)',
      'print(open("in.txt").read())'
    ];
    const writing = [...corpus, ...made]
      .map(source => analyzeCellSource(source))
      .filter(a => cellFileNames(a).some(name => name.written));
    // The four made to write, and the corpus's two `submission.to_csv(...)`.
    expect(writing).toHaveLength(6);
    expect(writing.filter(a => !a.mayWriteFiles)).toEqual([]);
    expect(analyzeCellSource('x = json.dumps(y)').mayWriteFiles).toBe(false);
  });
});

describe('the unordered-file warning', () => {
  it('names the file, both steps, where it is written, and the two ways out', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import pandas as pd', ['imports']),
        codeCell('df = pd.DataFrame()\ndf.to_csv("clean.csv")', ['step:clean']),
        codeCell('again = pd.read_csv("clean.csv")', ['step:train'])
      ]),
      'side.ipynb'
    );
    const warning = ir.diagnostics.find(d => d.code === 'unordered-file');
    expect(warning).toEqual({
      severity: 'warning',
      code: 'unordered-file',
      message:
        "step 'train' uses the file 'clean.csv', which step 'clean' writes (cell 2, line 2), " +
        'but does not run after it: steps hand on variables, not files, so nothing orders the ' +
        "two. Add the tag prev:clean to step 'train' (a local run then finds the file), or pass " +
        'what the file holds as a variable: on a cluster each step has its own files',
      cell: 2,
      line: 1,
      column: 20
    });
  });
});
