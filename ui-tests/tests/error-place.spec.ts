/**
 * A refusal from the server that names a cell (an Argo artifact name the variable cannot have)
 * says so under Compile and run with a button that goes to that cell.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  chooseAction,
  codeCell,
  notebookText,
  openNotebookText,
  panel
} from './sidebar-helpers';

test('an error naming a cell has a button that goes there', async ({
  page,
  tmpPath
}) => {
  await openNotebookText(
    page,
    tmpPath,
    'accents.ipynb',
    notebookText([
      codeCell('import math', ['imports']),
      codeCell('# load\n\ndonnées = [1, 2, 3]', ['step:load']),
      codeCell('total = math.fsum(données)\nprint(total)', ['step:report'])
    ])
  );
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
