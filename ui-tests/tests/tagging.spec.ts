/**
 * Cell tagging in a real JupyterLab: the Pipeline step panel renames a step and makes a cell a
 * new step; the cell's tags, its badge and the sidebar's DAG follow.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const stepPanel = '#cellpipe-step-panel';
const sidebar = '#cellpipe-sidebar';

async function cellTags(
  page: IJupyterLabPageFixture,
  index: number
): Promise<string[]> {
  return page.evaluate(
    i =>
      (window as any).galata.app.shell.currentWidget.content.widgets[
        i
      ].model.getMetadata('tags'),
    index
  );
}

async function openStepPanel(page: IJupyterLabPageFixture) {
  await page.evaluate(() =>
    (window as any).galata.app.commands.execute('cellpipe:edit-step')
  );
  await expect(page.locator(stepPanel)).toBeVisible();
}

test('a step renamed in the step panel changes the tags, the badge and the DAG', async ({
  page,
  tmpPath
}) => {
  const notebook = `${tmpPath}/fan-out.ipynb`;
  await page.contents.uploadFile(
    path.join(EXAMPLES, 'fan-out.ipynb'),
    notebook
  );
  await page.notebook.openByPath(notebook);
  await page.notebook.activate('fan-out.ipynb');
  await page.sidebar.openTab('cellpipe-sidebar');
  await expect(page.locator(`${sidebar} [data-step="mlp"]`)).toBeVisible();
  await expect(
    page.locator('.jp-Cell .jp-cellpipe-Badge', { hasText: 'mlp' })
  ).toHaveCount(1);

  await page.notebook.selectCells(9);
  await openStepPanel(page);
  const name = page.locator(`${stepPanel} input[name="name"]`);
  await expect(name).toHaveValue('mlp');
  await name.fill('2bad');
  await expect(page.locator(`${stepPanel} .jp-cellpipe-error`)).toContainText(
    'start with a letter'
  );
  await expect(
    page.locator(`${stepPanel} button[type="submit"]`)
  ).toBeDisabled();
  await name.fill('mlp_model');
  await page.locator(`${stepPanel} input[name="memoryLimit"]`).fill('2Gi');
  await page.locator(`${stepPanel} button[type="submit"]`).click();

  expect(await cellTags(page, 9)).toEqual([
    'step:mlp_model',
    'limit:memory:2Gi'
  ]);
  await expect(
    page.locator('.jp-Cell .jp-cellpipe-Badge', { hasText: 'mlp_model' })
  ).toHaveCount(1);
  await expect(
    page.locator(`${sidebar} [data-step="mlp_model"]`)
  ).toBeVisible();
  await expect(page.locator(`${sidebar} [data-step="mlp"]`)).toHaveCount(0);

  // The metrics cell becomes a new step that runs after split (prev:), chosen from the steps above.
  await page.notebook.selectCells(13);
  await expect(page.locator(`${stepPanel} select[name="role"]`)).toHaveValue(
    'metrics'
  );
  await page.locator(`${stepPanel} select[name="role"]`).selectOption('step');
  await page.locator(`${stepPanel} input[name="name"]`).fill('report');
  await page
    .locator(`${stepPanel} fieldset input[type="checkbox"]`)
    .first()
    .check();
  await page.locator(`${stepPanel} button[type="submit"]`).click();
  expect(await cellTags(page, 13)).toEqual(['step:report', 'prev:split']);
  await expect(page.locator(`${sidebar} [data-step="report"]`)).toBeVisible();
});
