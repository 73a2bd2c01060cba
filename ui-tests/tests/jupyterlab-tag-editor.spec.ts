/**
 * Tags written by JupyterLab's own tag editor (Property Inspector, Common Tools, Add Tag) count
 * as cellpipe's do: the badge and the sidebar's DAG follow at once, also on a cell that had no
 * tags before.
 */
import { expect, test } from '@jupyterlab/galata';

const sidebar = '#cellpipe-sidebar';

test('a step tag added with JupyterLab’s tag editor to an untagged cell updates the badge and the DAG', async ({
  page
}) => {
  await page.notebook.createNew('jl-tags.ipynb');
  await page.notebook.setCell(0, 'code', 'numbers = [1, 2, 3]');
  await page.notebook.addCell('code', 'total = sum(numbers)');
  await page.evaluate(() => {
    const widgets = (window as any).galata.app.shell.currentWidget.content
      .widgets;
    widgets[0].model.setMetadata('tags', ['step:make']);
  });
  await page.sidebar.openTab('cellpipe-sidebar');
  await expect(page.locator(`${sidebar} .jp-cellpipe-Dag-node`)).toHaveCount(1);

  // The second cell has no tags at all: tag it with JupyterLab's editor.
  await page.notebook.selectCells(1);
  await page.sidebar.openTab('jp-property-inspector');
  const inspector = page.locator('#jp-right-stack');
  const addTag = inspector.getByPlaceholder('Add Tag');
  await expect(inspector.getByText('Common Tools')).toBeVisible();
  if (!(await addTag.isVisible())) {
    await inspector.getByText('Common Tools').click();
  }
  await addTag.click();
  await page.keyboard.type('step:report');
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      page.evaluate(() =>
        (
          window as any
        ).galata.app.shell.currentWidget.content.widgets[1].model.getMetadata(
          'tags'
        )
      )
    )
    .toEqual(['step:report']);

  await expect(
    page.locator('.jp-Cell .jp-cellpipe-Badge', { hasText: 'report' })
  ).toHaveCount(1);
  await page.sidebar.openTab('cellpipe-sidebar');
  await expect(page.locator(`${sidebar} .jp-cellpipe-Dag-node`)).toHaveCount(2);
  await expect(page.locator(`${sidebar} [data-step="report"]`)).toBeVisible();
  // The step panel, open on that cell, shows the new step too.
  await page.evaluate(() =>
    (window as any).galata.app.commands.execute('cellpipe:edit-step')
  );
  await expect(
    page.locator('#cellpipe-step-panel input[name="name"]')
  ).toHaveValue('report');
});
