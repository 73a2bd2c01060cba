/** Which string literals of a cell are file names, and which of them the cell writes. */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import {
  cellFileNames,
  cellFilePatterns,
  cellPathConstants
} from '../../../src/core/analysis/file-names';
import { PathPart } from '../../../src/core/analysis/path-expressions';
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
      'notes.md written 2:0',
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

/** Parts as text: names in braces, joins as ` + `. */
const partsText = (parts: readonly PathPart[]) =>
  parts
    .map(p => (typeof p === 'string' ? p : 'name' in p ? `{${p.name}}` : ' + '))
    .join('');

describe('paths bound in shared cells, and paths built with names', () => {
  it('takes top-level bindings to paths, as parts to resolve', () => {
    const constants = cellPathConstants(
      analyzeCellSource(
        [
          'import os',
          'OUT = "out/clean.csv"',
          'SEP = ","',
          'LOG = f"{OUT}.log"',
          'DATA = Path(ROOT, "data")',
          'N = len(rows)',
          'def f():',
          '    INNER = "inner.csv"'
        ].join('\n')
      )
    );
    expect(
      constants.map(([name, parts]) => `${name} = ${partsText(parts)}`)
    ).toEqual([
      'OUT = out/clean.csv',
      'SEP = ,',
      'LOG = {OUT}.log',
      'DATA = {ROOT} + data'
    ]);
  });

  it('keeps each path built with names, a name passed to a call included, and whether it is written', () => {
    const patterns = cellFilePatterns(
      analyzeCellSource(
        [
          'df.to_csv(OUT, sep=SEP)',
          'x = pd.read_csv(filepath_or_buffer=OUT)',
          'print(len(df))',
          'np.save(os.path.join(DATA, "w.npy"), w)',
          '(DATA / "m.json").write_text(s)',
          'open(DATA.joinpath("a", "b.txt"), "wb")',
          'print(f"{DATA}/{{x}}.csv", str(DATA) + "/y.csv")',
          'open(f"{DATA!r}.csv", os.path.join(DATA, name.strip()), "w")'
        ].join('\n')
      )
    ).map(
      p =>
        `${partsText(p.parts)} ${p.written ? 'written' : 'used'} ${p.line}:${p.column}`
    );
    expect(patterns).toEqual([
      '{OUT} written 1:10',
      '{SEP} written 1:19',
      '{OUT} used 2:35',
      '{df} used 3:10',
      '{DATA} + w.npy written 4:8',
      '{w} written 4:37',
      '{DATA} + m.json written 5:0',
      '{s} written 5:29',
      '{DATA} + a + b.txt written 6:5',
      '{DATA}/{x}.csv used 7:6',
      '{DATA}/y.csv used 7:27',
      // the join's other argument is a call: only the name passed to it is left
      '{DATA} used 8:35'
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
