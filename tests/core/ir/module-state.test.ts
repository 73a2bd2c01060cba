/** What the module-state warning says, and where. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('the module-state warning', () => {
  it('names the module, the change, the step that will not see it and the ways out', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import numpy as np', ['imports']),
        codeCell('x = np.zeros(2)\nnp.random.seed(42)', ['step:prepare']),
        codeCell('noise = np.random.rand(2) + x', ['step:train'])
      ]),
      'seed.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'module-state',
        message:
          "step 'prepare' changes state kept in the module 'np' (np.random.seed(42)), but " +
          "each step imports its modules afresh: step 'train', which uses 'np', does not see " +
          'the change, which top to bottom it would. Keep the generator in a variable made ' +
          'in one step (rng = np.random.default_rng(0)) and pass that: a seed in the imports ' +
          'cell would start every step at the same numbers',
        cell: 1,
        line: 2,
        column: 0
      }
    ]);
  });

  it('says to make a change that is no seed in the imports cell', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import pandas as pd', ['imports']),
        codeCell('pd.set_option("display.max_rows", 5)', ['step:prepare']),
        codeCell('frame = pd.DataFrame({"a": [1]})', ['step:show'])
      ]),
      'option.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message.split('. ').pop())).toEqual([
      'Make the change in the imports cell, which runs in every step, or keep the state in a ' +
        'variable (rng = np.random.default_rng(0)) and pass that'
    ]);
  });

  it('names logging where a step sets the level of a logger bound in the imports cell', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import logging\nlog = logging.getLogger("app")', ['imports']),
        codeCell('x = 1\nlog.setLevel(logging.DEBUG)', ['step:prepare']),
        codeCell('log.debug("x is %s", x)', ['step:show'])
      ]),
      'logger.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'module-state',
        message:
          "step 'prepare' changes state kept in the module 'logging' " +
          '(log.setLevel(logging.DEBUG)), but each step imports its modules afresh: step ' +
          "'show', which uses 'log', does not see the change, which top to bottom it would. " +
          'Configure logging in the imports cell, which runs in every step',
        cell: 1,
        line: 2,
        column: 0
      }
    ]);
  });

  it.each([
    [
      'import logging',
      'logging.getLogger("app").setLevel(logging.WARNING)',
      'logging.getLogger("app").info("x")'
    ],
    [
      'import logging',
      'logging.basicConfig(level=logging.INFO)',
      'logging.info("x")'
    ],
    ['import seaborn as sns', 'sns.set(style="darkgrid")', 'sns.histplot([1])'],
    ['import seaborn as sns', 'sns.set_theme()', 'sns.histplot([1])'],
    [
      'import matplotlib.pyplot as plt',
      'plt.style.use("ggplot")',
      'plt.plot([1])'
    ],
    [
      'import matplotlib',
      'matplotlib.use("Agg")',
      'matplotlib.pyplot.plot([1])'
    ],
    ['from tqdm import tqdm', 'tqdm.pandas()', 'for i in tqdm([1]): pass']
  ])(
    'is given where a step configures a module (%s: %s) a later step uses',
    (imports, change, use) => {
      const ir = analyzeNotebook(
        notebookJson([
          codeCell(imports, ['imports']),
          codeCell(`x = 1\n${change}`, ['step:prepare']),
          codeCell(`${use}\ny = x`, ['step:show'])
        ]),
        'configure.ipynb'
      );
      expect(
        ir.diagnostics.map(d => [
          d.code,
          d.cell,
          d.line,
          d.message.split(')')[0]
        ])
      ).toEqual([
        ['module-state', 1, 2, expect.stringContaining(change.split('(')[0])]
      ]);
    }
  );

  it.each([
    [
      'import pandas as pd',
      'pd.set_option("display.max_rows", 5)',
      'print(frame)',
      'pd'
    ],
    [
      'from sklearn import set_config',
      'set_config(transform_output="pandas")',
      'scaled = scaler.fit_transform(frame)',
      'sklearn'
    ],
    [
      'from sklearn import (\n    set_config,\n)',
      'set_config(transform_output="pandas")',
      'scaled = scaler.fit_transform(frame)',
      'sklearn'
    ],
    [
      'import warnings',
      'warnings.filterwarnings("ignore")',
      'frame.fillna(0)',
      'warnings'
    ],
    ['import os', 'os.chdir("data")', 'open("x.csv")', 'os']
  ])(
    'is given where a step changes a setting (%s: %s) and a step follows that never names the module',
    (imports, change, later, module) => {
      const ir = analyzeNotebook(
        notebookJson([
          codeCell(imports, ['imports']),
          codeCell(`frame = 1\nscaler = 2\n${change}`, ['step:prepare']),
          codeCell(`${later}\ny = frame`, ['step:show'])
        ]),
        'settings.ipynb'
      );
      expect(ir.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'module-state',
          message:
            `step 'prepare' changes state kept in the module '${module}' (${change}), but ` +
            "each step imports its modules afresh: the steps after it, from 'show' on, run " +
            'without the change, which top to bottom they would see. Make the change in the ' +
            'imports cell, which runs in every step, or keep the state in a variable ' +
            '(rng = np.random.default_rng(0)) and pass that',
          cell: 1,
          line: 3,
          column: 0
        }
      ]);
    }
  );

  it('is not given for a seed no later step draws from, or a setting no step follows', () => {
    const codes = (cells: ReturnType<typeof codeCell>[]) =>
      analyzeNotebook(notebookJson(cells), 'n.ipynb').diagnostics.map(
        d => d.code
      );
    expect(
      codes([
        codeCell('import numpy as np\nimport torch', ['imports']),
        codeCell('np.random.seed(0)\ntorch.manual_seed(0)\nx = 1', [
          'step:prepare'
        ]),
        codeCell('y = x + 1', ['step:show'])
      ])
    ).toEqual([]);
    expect(
      codes([
        codeCell('import pandas as pd', ['imports']),
        codeCell('x = 1', ['step:prepare']),
        codeCell('pd.set_option("display.max_rows", 5)\ny = x', ['step:show'])
      ])
    ).toEqual([]);
  });

  it('is not given for a method of those names on an object, or a configuration in the imports cell', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell(
          'import seaborn as sns\nimport logging\nlogging.basicConfig()',
          ['imports']
        ),
        codeCell('grid = sns.FacetGrid([])\ngrid.set(title="t")\nstyle = {}', [
          'step:prepare'
        ]),
        codeCell('sns.histplot([1])\nprint(grid, style)', ['step:show'])
      ]),
      'configure.ipynb'
    );
    expect(ir.diagnostics.filter(d => d.code === 'module-state')).toEqual([]);
  });
});

describe('the shared-seed warning', () => {
  it('is given at a seed in the imports cell when two steps draw from that module', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import numpy as np\nimport random\nnp.random.seed(0)', [
          'imports'
        ]),
        codeCell('a = np.random.rand()', ['step:first']),
        codeCell('b = np.random.normal(size=2)', ['step:second']),
        codeCell('print(a, b)', ['step:report'])
      ]),
      'seeded.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'shared-seed',
        message:
          "'np.random.seed(0)' runs again at the start of every step, so steps 'first' and " +
          "'second' both draw from 'np' starting at this seed: they draw the same numbers, " +
          'where top to bottom the second would go on from the first. Make a generator in ' +
          'one step and pass it (rng = np.random.default_rng(0)), or seed each step with a ' +
          'seed of its own',
        cell: 0,
        line: 3,
        column: 0
      }
    ]);
  });

  it('is not given where one step draws, a step seeds itself, a call draws nothing, the seed is in a function, or another module is seeded', () => {
    const codes = (cells: ReturnType<typeof codeCell>[]) =>
      analyzeNotebook(notebookJson(cells), 'n.ipynb').diagnostics.map(
        d => d.code
      );
    expect(
      codes([
        codeCell('import numpy as np\nnp.random.seed(0)', ['imports']),
        codeCell('a = np.random.rand()', ['step:first']),
        codeCell('b = np.zeros(2)', ['step:second'])
      ])
    ).toEqual([]);
    expect(
      codes([
        codeCell('import numpy as np', ['imports']),
        codeCell('def reset():\n    np.random.seed(0)', ['functions']),
        codeCell('a = np.random.rand()', ['step:first']),
        codeCell('b = np.random.rand()', ['step:second'])
      ])
    ).toEqual([]);
    expect(
      codes([
        codeCell('import numpy as np\nnp.random.seed(0)', ['imports']),
        codeCell('a = np.power(2, 3)', ['step:first']),
        codeCell('b = np.power(3, 2)', ['step:second'])
      ])
    ).toEqual([]);
    expect(
      codes([
        codeCell('import numpy as np\nnp.random.seed(0)', ['imports']),
        codeCell('np.random.seed(1)\na = np.random.rand()', ['step:first']),
        codeCell('np.random.seed(2)\nb = np.random.rand()', ['step:second'])
      ])
    ).toEqual(['module-state']);
    expect(
      codes([
        codeCell('import numpy as np\nimport random\nrandom.seed(0)', [
          'imports'
        ]),
        codeCell('a = np.random.rand()', ['step:first']),
        codeCell('b = np.random.rand()', ['step:second'])
      ])
    ).toEqual([]);
  });

  it("counts scikit-learn's calls that draw from NumPy's generator where they are given no random_state", () => {
    const warnings = (cells: ReturnType<typeof codeCell>[]) =>
      analyzeNotebook(notebookJson(cells), 'n.ipynb')
        .diagnostics.filter(d => d.code === 'shared-seed')
        .map(d => d.message.slice(0, d.message.indexOf(' starting')));
    const imports = codeCell(
      'import numpy\nfrom sklearn.model_selection import train_test_split\n' +
        'from sklearn.ensemble import RandomForestClassifier\nnumpy.random.seed(0)',
      ['imports']
    );
    expect(
      warnings([
        imports,
        codeCell(
          'train, test = train_test_split(\n    rows, test_size=0.2\n)',
          ['step:split']
        ),
        codeCell('model = RandomForestClassifier(n_estimators=10)', [
          'step:model'
        ])
      ])
    ).toEqual([
      "'numpy.random.seed(0)' runs again at the start of every step, so steps 'split' and " +
        "'model' both draw from 'numpy'"
    ]);
    // pandas' sample draws from it too.
    expect(
      warnings([
        imports,
        codeCell('a = df.sample(frac=1)', ['step:first']),
        codeCell('b = df.sample(n=2)', ['step:second'])
      ])
    ).toEqual([
      "'numpy.random.seed(0)' runs again at the start of every step, so steps 'first' and " +
        "'second' both draw from 'numpy'"
    ]);
    // Given random_state (over several lines too), they draw from a generator of their own.
    expect(
      warnings([
        imports,
        codeCell(
          'train, test = train_test_split(\n    rows, test_size=0.2,\n    random_state=7\n)',
          ['step:split']
        ),
        codeCell('model = RandomForestClassifier(random_state=1)', [
          'step:model'
        ])
      ])
    ).toEqual([]);
    // Only NumPy's seed: scikit-learn does not draw from the random module.
    expect(
      warnings([
        codeCell(
          'import random\nfrom sklearn.model_selection import train_test_split\nrandom.seed(0)',
          ['imports']
        ),
        codeCell('a, b = train_test_split(rows)', ['step:split']),
        codeCell('c, d = train_test_split(rows)', ['step:again'])
      ])
    ).toEqual([]);
  });
});
