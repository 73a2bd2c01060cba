/**
 * The warm interpreter imports the imports cell's modules ahead of the steps, but not past a
 * statement that may set what a later import reads as it loads: an environment variable a
 * library picks its backend from (KERAS_BACKEND), a folder added to sys.path. Before, the module
 * was imported before the cell set the variable, and the pipeline got the default backend where
 * the notebook run top to bottom (and --no-warm) got the chosen one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expectSameAsTopToBottom,
  notebookInTempDir
} from '../engine/local/local-run';

describe('an imports cell that sets an environment variable before an import', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'warm-preload',
    'env.ipynb',
    [
      {
        source: [
          'import os',
          "os.environ['CELLPIPE_TEST_BACKEND'] = 'chosen'",
          'import backend_probe'
        ].join('\n'),
        tags: ['imports']
      },
      { source: 'backend = backend_probe.BACKEND', tags: ['step:read'] },
      { source: 'print(backend)', tags: ['pipeline-metrics'] }
    ]
  );
  writeFileSync(
    join(dir, 'backend_probe.py'),
    "import os\nBACKEND = os.environ.get('CELLPIPE_TEST_BACKEND', 'default')\n"
  );

  it.each([[[]], [['--no-warm']]])(
    'gives the module the variable, as top to bottom (%j)',
    extra => {
      expectSameAsTopToBottom(home, notebook, { backend: 'chosen' }, extra);
    }
  );
});
