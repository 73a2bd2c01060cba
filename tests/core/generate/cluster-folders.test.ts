/**
 * Folders on a cluster (`step-folder`): a step that writes into a folder an earlier step made, or
 * one next to the notebook, fails in its own pod, where the folder is missing.
 */
import { analyzeNotebookText } from '../../../src/core/analyze';
import { clusterFileWarnings } from '../../../src/core/generate/cluster-files';
import { codeCell, ICodeCell, notebookJson } from '../../support/notebook-json';

/** [code, cell, line, column] of each warning, and the messages, for `present` paths. */
function warnings(cells: ICodeCell[], present: string[] = []) {
  const ir = analyzeNotebookText(
    JSON.stringify(notebookJson(cells)),
    'folders.ipynb'
  );
  const found = clusterFileWarnings(ir, 'argo', path =>
    present.includes(path)
  ).filter(d => d.code === 'step-folder');
  return {
    at: found.map(d => [d.cell, d.line, d.column]),
    messages: found.map(d => d.message)
  };
}

const imports = codeCell(
  'import os\nfrom pathlib import Path\nimport pandas as pd',
  ['imports']
);

test('a folder an earlier step makes, written into by a later step: where the write is', () => {
  const { at, messages } = warnings([
    imports,
    codeCell('os.makedirs("out/models", exist_ok=True)\ndf = pd.DataFrame()', [
      'step:prepare'
    ]),
    codeCell('df.to_csv("out/clean.csv")', ['step:save'])
  ]);
  expect(at).toEqual([[2, 1, 10]]);
  expect(messages).toEqual([
    "step 'save' writes 'out/clean.csv' into 'out', which step 'prepare' makes (cell 2, " +
      "line 1): a local run shares the notebook's folder, but on Argo each step runs in a pod " +
      "of its own, where 'out' is missing, and the write fails. Make the folder in this step " +
      'first (os.makedirs("out", exist_ok=True)), or in the imports or functions cell, which ' +
      'every step runs'
  ]);
});

test("pathlib's mkdir and a path constant; a folder next to the notebook; once per folder", () => {
  const { at, messages } = warnings(
    [
      codeCell('from pathlib import Path\nOUT = Path("reports")', ['imports']),
      codeCell('Path("figs").mkdir()\nx = 1', ['step:plot']),
      codeCell(
        'import matplotlib.pyplot as plt\nplt.savefig("figs/a.png")\nplt.savefig("figs/b.png")\n' +
          'open(OUT / "r.txt", "w").write(str(x))',
        ['step:report']
      )
    ],
    ['reports']
  );
  expect(at).toEqual([
    [2, 2, 12],
    [2, 4, 5]
  ]);
  expect(messages[0]).toContain("into 'figs', which step 'plot' makes");
  expect(messages[1]).toContain(
    "writes 'reports/r.txt' into 'reports', which lies next to the notebook"
  );
});

test('no warning where the step or the shared cells make the folder, or where it is nowhere', () => {
  expect(
    warnings([
      codeCell('import os\nos.makedirs("out", exist_ok=True)', ['imports']),
      codeCell('x = 1\nopen("out/a.txt", "w").write("a")', ['step:a']),
      codeCell('open("out/b.txt", "w").write(str(x))', ['step:b'])
    ]).at
  ).toEqual([]);
  expect(
    warnings(
      [
        imports,
        codeCell('os.makedirs("out")\nx = 1', ['step:a']),
        codeCell(
          'os.makedirs("out", exist_ok=True)\nopen("out/b.txt", "w").write(str(x))',
          ['step:b']
        ),
        // Absolute: storage the settings mount; missing everywhere: not a cluster's problem.
        codeCell(
          'open("/data/out/c.txt", "w").write(str(x))\nopen("nowhere/d.txt", "w").write("d")',
          ['step:c']
        ),
        // The notebook's own folder, or one above it.
        codeCell(
          'open("./e.txt", "w").write(str(x))\nopen("out/../f.txt", "w").write("f")\n' +
            'open("../g.txt", "w").write("g")',
          ['step:d']
        )
      ],
      ['out', '..', 'out/..', '.']
    ).at
  ).toEqual([]);
});
