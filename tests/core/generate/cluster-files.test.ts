/**
 * Files on a cluster: each step runs in a pod of its own, with the step image and none of the
 * notebook's folder. A step that reads a file next to the notebook (`local-file`), or one that
 * an earlier step it runs after writes (`step-file`), gets a warning where it uses it.
 */
import { analyzeNotebookText } from '../../../src/core/analyze';
import { clusterFileWarnings } from '../../../src/core/generate/cluster-files';
import { CompileTarget } from '../../../src/core/generate/compiled';
import { codeCell, ICodeCell, notebookJson } from '../../support/notebook-json';

/** [code, line, column, message start] of each warning, for files `present` next to the notebook. */
function warnings(
  cells: ICodeCell[],
  present: string[] = [],
  target: CompileTarget = 'argo'
) {
  const ir = analyzeNotebookText(
    JSON.stringify(notebookJson(cells)),
    'files.ipynb'
  );
  return clusterFileWarnings(ir, target, path => present.includes(path)).map(
    d => [d.code, d.cell, d.line, d.column, d.message]
  );
}

const localFile = (who: string, path: string, engine = 'Argo') =>
  `${who} uses '${path}', which lies next to the notebook: a local run finds it, but on ` +
  `${engine} ${who === 'every step' ? 'each step' : 'the step'} runs in a pod that has the step ` +
  "image, not the notebook's folder, and does not find it. Read it from storage the pods reach " +
  "(a claim mounted by the settings' volumes, object storage, a URL), or build it into the step " +
  'image';

test('a step reading a file next to the notebook: local-file, where it names it', () => {
  const cells = [
    codeCell('import pandas as pd', ['imports']),
    codeCell('x = 1\ndf = pd.read_csv("data/train.csv")', ['step:load'])
  ];
  expect(warnings(cells, ['data/train.csv'], 'kfp')).toEqual([
    [
      'local-file',
      1,
      2,
      17,
      localFile("step 'load'", 'data/train.csv', 'Kubeflow Pipelines')
    ]
  ]);
  expect(warnings(cells, [])).toEqual([]);
});

test('paths built from names the shared cells or the parameters bind', () => {
  const cells = [
    codeCell('import os\nfrom pathlib import Path\nDATA = Path("data")', [
      'imports'
    ]),
    codeCell('RAW = "raw"', ['pipeline-parameters']),
    codeCell(
      'a = open(DATA / "a.csv").read()\nb = open(os.path.join(RAW, "b.csv")).read()',
      ['step:load']
    )
  ];
  expect(
    warnings(cells, ['data/a.csv', 'raw/b.csv']).map(w => w.slice(0, 4))
  ).toEqual([
    ['local-file', 2, 1, 9],
    ['local-file', 2, 2, 9]
  ]);
});

test('the shared cells reading one: every step, once', () => {
  const cells = [
    codeCell('import json\nconfig = json.load(open("config.json"))', [
      'imports'
    ]),
    codeCell('def f():\n    return open("config.json").read()', ['functions']),
    codeCell('x = config', ['step:a'])
  ];
  expect(warnings(cells, ['config.json'])).toEqual([
    ['local-file', 0, 2, 24, localFile('every step', 'config.json')]
  ]);
});

test('no warning for an absolute path, a URL, a file the step wrote first, or one not there', () => {
  const cells = [
    codeCell(
      'a = open("/data/a.csv").read()\n' +
        'b = open("~/b.csv").read()\n' +
        'import pandas as pd\n' +
        'c = pd.read_csv("https://example.com/c.csv")\n' +
        'open("out.txt", "w").write("x")\n' +
        'd = open("out.txt").read()\n' +
        'e = open("missing.csv").read()',
      ['step:load']
    )
  ];
  expect(
    warnings(cells, ['/data/a.csv', '~/b.csv', 'out.txt', 'c.csv'])
  ).toEqual([]);
});

test('a file an earlier step writes, read by a step that runs after it: step-file', () => {
  const cells = [
    codeCell('import pandas as pd', ['imports']),
    codeCell('df = pd.DataFrame({"a": [1]})\ndf.to_csv("clean.csv")', [
      'step:clean'
    ]),
    codeCell(
      'n = len(df)\nback = pd.read_csv("clean.csv")\nagain = pd.read_csv("clean.csv")',
      ['step:count']
    )
  ];
  // Next to the notebook too (a local run left it there): the step's writer is what counts.
  expect(warnings(cells, ['clean.csv'])).toEqual([
    [
      'step-file',
      2,
      2,
      19,
      "step 'count' uses 'clean.csv', which step 'clean' writes (cell 2, line 2): a local run " +
        "shares the notebook's folder, but on Argo each step runs in a pod of its own, and the " +
        "file stays in the pod of step 'clean'. Pass what the file holds as a variable (steps " +
        'hand on variables), or write it to storage both pods reach (a claim mounted by the ' +
        "settings' volumes)"
    ]
  ]);
});

test('a file in a folder an earlier step extracts or copies: step-file, naming the folder', () => {
  const cells = [
    codeCell('import shutil, zipfile', ['imports']),
    codeCell(
      'zipfile.ZipFile("raw.zip").extractall("data/raw")\nshutil.copytree("site", "out/site")',
      ['step:fetch']
    ),
    codeCell(
      'train = open("data/raw/train.csv").read()\npage = open("site/index.html").read()',
      ['step:load', 'prev:fetch']
    )
  ];
  // The copy's source next to the notebook is the notebook's file, not the step's.
  expect(warnings(cells, ['site/index.html'])).toEqual([
    [
      'step-file',
      2,
      1,
      13,
      "step 'load' uses 'data/raw/train.csv', which step 'fetch' writes (cell 2, line 1, which " +
        "writes the folder 'data/raw'): a local run shares the notebook's folder, but on Argo " +
        "each step runs in a pod of its own, and the file stays in the pod of step 'fetch'. " +
        'Pass what the file holds as a variable (steps hand on variables), or write it to ' +
        "storage both pods reach (a claim mounted by the settings' volumes)"
    ],
    ['local-file', 2, 2, 12, localFile("step 'load'", 'site/index.html')]
  ]);
});

test('a Hugging Face model folder: saved by an earlier step (step-file), or next to the notebook (local-file)', () => {
  const saved = [
    codeCell('from transformers import AutoModel', ['imports']),
    codeCell(
      'model = AutoModel.from_pretrained("bert-base-uncased")\nmodel.save_pretrained("tuned")',
      ['step:train']
    ),
    codeCell('model = AutoModel.from_pretrained("tuned/")', [
      'step:evaluate',
      'prev:train'
    ])
  ];
  expect(warnings(saved, ['tuned']).map(w => w.slice(0, 4))).toEqual([
    ['step-file', 2, 1, 34]
  ]);
  const local = [
    codeCell('from transformers import AutoModel', ['imports']),
    codeCell('model = AutoModel.from_pretrained("my_model")', ['step:load'])
  ];
  expect(warnings(local, ['my_model'])).toEqual([
    ['local-file', 1, 1, 34, localFile("step 'load'", 'my_model')]
  ]);
  // A hub id is no folder of the notebook's.
  expect(warnings(local, [])).toEqual([]);
});

test('through other steps, and by prev:, too; not where nothing orders them (unordered-file)', () => {
  const chain = [
    codeCell('open("a.txt", "w").write("x")\nv = 1', ['step:first']),
    codeCell('w = v + 1', ['step:second']),
    codeCell('t = open("a.txt").read()\nprint(w)', ['step:third'])
  ];
  expect(warnings(chain).map(w => w.slice(0, 3))).toEqual([
    ['step-file', 2, 1]
  ]);
  const tagged = [
    codeCell('open("a.txt", "w").write("x")', ['step:first']),
    codeCell('t = open("a.txt").read()', ['step:second', 'prev:first'])
  ];
  expect(warnings(tagged).map(w => w[0])).toEqual(['step-file']);
  const unordered = [
    codeCell('open("a.txt", "w").write("x")', ['step:first']),
    codeCell('t = open("a.txt").read()', ['step:second'])
  ];
  expect(warnings(unordered)).toEqual([]);
});

test('a step listing a folder next to the notebook (glob, listdir, pathlib): local-file', () => {
  const cells = [
    codeCell(
      'import glob, os\nfrom glob import iglob\nfrom pathlib import Path\nDATA = Path("data")',
      ['imports']
    ),
    codeCell(
      [
        'a = glob.glob("data/*.csv")',
        'b = iglob(os.path.join(DATA, "*.json"))',
        'c = os.listdir("images")',
        'd = list(DATA.glob("*.csv"))',
        'e = [p for p in Path("photos").iterdir()] + os.listdir("images")',
        'f = glob.glob("*.csv") + glob.glob("/mnt/data/*.csv") + os.listdir(".")',
        'g = os.listdir("absent")'
      ].join('\n'),
      ['step:load']
    )
  ];
  expect(
    warnings(cells, ['data', 'images', 'photos']).map(w => [
      w[2],
      w[3],
      (w[4] as string).split(',')[0]
    ])
  ).toEqual([
    [1, 14, "step 'load' uses 'data/*.csv'"],
    [2, 10, "step 'load' uses 'data/*.json'"],
    [3, 15, "step 'load' uses 'images/'"],
    [4, 9, "step 'load' uses 'data/'"],
    [5, 16, "step 'load' uses 'photos/'"]
  ]);
});

test("a folder the pipeline writes into first is not the notebook's", () => {
  const cells = [
    codeCell('import glob', ['imports']),
    codeCell('open("out/a.csv", "w").write("x")\nv = 1', ['step:write']),
    codeCell('files = glob.glob("out/*.csv")\nprint(v)', ['step:read'])
  ];
  // The listing is not warned of; the first write is (cluster-folders.test.ts): in its pod,
  // the folder a local run left next to the notebook is missing.
  expect(warnings(cells, ['out']).map(w => w.slice(0, 3))).toEqual([
    ['step-folder', 1, 1]
  ]);
});

test('the shared cells listing one: every step', () => {
  const cells = [
    codeCell('import os\nNAMES = os.listdir("labels")', ['imports']),
    codeCell('x = NAMES', ['step:a'])
  ];
  expect(warnings(cells, ['labels']).map(w => w.slice(0, 4))).toEqual([
    ['local-file', 0, 2, 19]
  ]);
});
