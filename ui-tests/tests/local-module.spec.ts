/**
 * A module next to the notebook (helpers.py) imports in the kernel and in a local run, but a step
 * pod for Argo or KFP lacks it: Compile only says so in the sidebar, at the import.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { panel, SIDEBAR } from './sidebar-helpers';

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

test.describe('a module next to the notebook', () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test('Compile only (Argo) warns that the step pods will not have helpers.py', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/uses-helpers.ipynb`;
    await page.contents.uploadContent(importingNotebook(), 'text', notebook);
    await page.contents.uploadContent(
      'def double(x):\n    return 2 * x\n',
      'text',
      `${tmpPath}/helpers.py`
    );
    await page.notebook.openByPath(notebook);
    await page.notebook.activate('uses-helpers.ipynb');
    await page.sidebar.openTab(SIDEBAR);
    await expect(page.locator(`${panel} .jp-cellpipe-Dag`)).toBeVisible();
    // The sidebar's live diagnostics do not know the target: no warning before compiling.
    await expect(page.locator(`${panel} .jp-cellpipe-Diagnostic`)).toHaveCount(
      0
    );

    await page.locator(`${panel} .jp-cellpipe-SplitButton-caret`).click();
    await page
      .locator(`${panel} .jp-cellpipe-SplitButton-item`, {
        hasText: 'Compile only'
      })
      .click();
    const message = page.locator(`${panel} .jp-cellpipe-Message`);
    await expect(message).toContainText('Compiled for argo', {
      timeout: 30_000
    });
    await expect(message).toContainText('1 warning');
    await expect(message).toContainText(
      "cell 2, line 10: 'helpers' is imported from helpers.py, next to the notebook: a local run finds it, but on Argo every step runs in a pod that has the step image, not the notebook's folder, and fails with ModuleNotFoundError."
    );
  });
});
