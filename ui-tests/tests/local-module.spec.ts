/**
 * A module next to the notebook (helpers.py) imports in the kernel and in a local run; a step pod
 * for Argo or KFP has the step image only, so the pipeline carries the module. Compile only
 * compiles it silently, and warns in the sidebar, at the import, of one too large to carry.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { compileOnly, openNotebookText, panel } from './sidebar-helpers';

const EXAMPLE = path.resolve(
  __dirname,
  '..',
  '..',
  'examples',
  'fan-out.ipynb'
);

/** fan-out.ipynb with `import helpers` added to its imports cell. */
function importingNotebook(): string {
  const notebook = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  const imports = notebook.cells.find((cell: any) =>
    (cell.metadata?.tags ?? []).includes('imports')
  );
  const source = Array.isArray(imports.source)
    ? imports.source.join('')
    : imports.source;
  imports.source = `${source.trimEnd()}\nimport helpers\n`;
  return JSON.stringify(notebook);
}

/** Opens `uses-helpers.ipynb`, next to a helpers.py of `helpers`, and compiles it for Argo. */
async function compileWithHelpers(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  helpers: string
) {
  await page.contents.uploadContent(helpers, 'text', `${tmpPath}/helpers.py`);
  await openNotebookText(
    page,
    tmpPath,
    'uses-helpers.ipynb',
    importingNotebook()
  );
  await expect(page.locator(`${panel} .jp-cellpipe-Dag`)).toBeVisible();
  // The sidebar's live diagnostics do not know the target: no warning before compiling.
  await expect(page.locator(`${panel} .jp-cellpipe-Diagnostic`)).toHaveCount(0);
  return compileOnly(page);
}

test.describe('a module next to the notebook', () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test('Compile only (Argo) carries helpers.py with the pipeline, without a warning', async ({
    page,
    tmpPath
  }) => {
    const message = await compileWithHelpers(
      page,
      tmpPath,
      'def double(x):\n    return 2 * x\n'
    );
    await expect(message).toContainText('0 warnings');
    await expect(message).toContainText(
      "From the notebook's folder, the pipeline carries helpers.py."
    );
  });

  test('Compile only (Argo) warns of a helpers.py too large to carry', async ({
    page,
    tmpPath
  }) => {
    const message = await compileWithHelpers(
      page,
      tmpPath,
      `ROWS = '${'x'.repeat(300 * 1024)}'\n`
    );
    await expect(message).toContainText('1 warning');
    await expect(message).toContainText(
      "cell 2, line 10: 'helpers' is imported from helpers.py, next to the notebook, and cellpipe does not ship it with the pipeline: with it, the modules shipped would come to 301 KiB, over the 256 KiB that every step carries. A local run finds it, but on Argo every step runs in a pod that has the step image, not the notebook's folder, and fails with ModuleNotFoundError."
    );
  });
});
