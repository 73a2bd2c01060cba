/**
 * A refusal from the server that names a cell (an Argo artifact name the variable cannot have)
 * says so under Compile and run with a button that goes to that cell; so does the refusal of a
 * notebook with a syntax error, which names the notebook, the cell and the line.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  chooseAction,
  codeCell,
  notebookText,
  openNotebookText,
  panel
} from './sidebar-helpers';

/** Opens `name`: an imports cell (`import math`), then the steps `load` and `report`. */
async function openLoadAndReport(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  name: string,
  steps: { load: string; report: string }
): Promise<void> {
  await openNotebookText(
    page,
    tmpPath,
    name,
    notebookText([
      codeCell('import math', ['imports']),
      codeCell(steps.load, ['step:load']),
      codeCell(steps.report, ['step:report'])
    ])
  );
}

test('an error naming a cell has a button that goes there', async ({
  page,
  tmpPath
}) => {
  await openLoadAndReport(page, tmpPath, 'accents.ipynb', {
    load: '# load\n\ndonnées = [1, 2, 3]',
    report: 'total = math.fsum(données)\nprint(total)'
  });
  await expect(page.locator(`${panel} .jp-cellpipe-Dag-node`)).toHaveCount(2);
  await chooseAction(page, 'Compile only');
  const message = page.locator(`${panel} .jp-cellpipe-Message`);
  await expect(message).toHaveClass(/jp-mod-error/);
  await expect(message).toContainText(
    "step 'load' passes variable 'données', but Argo artifact names allow only ASCII"
  );
  await page.notebook.selectCells(2);
  await message.getByRole('button', { name: 'Go to cell 2' }).click();
  const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
  await expect(active).toContainText('données = [1, 2, 3]');
});

test('Compile and run refused for a syntax error names the notebook, cell and line, and goes there', async ({
  page,
  tmpPath
}) => {
  await openLoadAndReport(page, tmpPath, 'broken.ipynb', {
    load: 'values = [1, 2, 3]',
    report: 'total = math.fsum(values)\ndef broken(:\n    pass'
  });
  await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
  const message = page.locator(`${panel} .jp-cellpipe-Message`);
  await expect(message).toHaveClass(/jp-mod-error/);
  await expect(message.locator('p')).toHaveText(
    'broken.ipynb has 1 error; fix it first. Go to cell 3, line 2'
  );
  await expect(message).toContainText("Cell 3, line 2: '(' was never closed");
  await expect(page.locator(`${panel} .jp-cellpipe-Run`)).toHaveCount(0);
  await page.notebook.selectCells(0);
  await message.getByRole('button', { name: 'Go to cell 3, line 2' }).click();
  const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
  await expect(active).toContainText('def broken(:');
});
