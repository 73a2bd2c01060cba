/**
 * Compile and run on a new notebook still named Untitled: JupyterLab's "Rename file" dialog of
 * the first save comes first, and the run has the name given there (not Untitled, with the
 * dialog coming later at the user's own save).
 */
import { expect, test } from '@jupyterlab/galata';
import { panel, SIDEBAR } from './sidebar-helpers';

test('an Untitled notebook is named as Compile and run saves it, and runs under that name', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(180_000);
  await page.evaluate(
    cwd =>
      (window as any).jupyterapp.commands.execute('notebook:create-new', {
        cwd,
        kernelName: 'python3'
      }),
    tmpPath
  );
  const untitled = page.locator('.lm-TabBar-tab.jp-mod-current', {
    hasText: 'Untitled'
  });
  await expect(untitled).toBeVisible();
  await page.notebook.setCell(0, 'code', 'answer = 6 * 7');
  await page.notebook.addCell('code', 'print(answer)');
  await page.evaluate(() => {
    const cells = (window as any).jupyterapp.shell.currentWidget.content
      .widgets;
    cells[0].model.setMetadata('tags', ['step:compute']);
    cells[1].model.setMetadata('tags', ['step:report']);
  });
  await page.sidebar.openTab(SIDEBAR);
  await expect(page.locator(`${panel} .jp-cellpipe-Dag-node`)).toHaveCount(2);

  await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('.jp-Dialog-header')).toHaveText('Rename file');
  await dialog
    .locator('input[type="text"], input:not([type])')
    .first()
    .fill('answer.ipynb');
  await dialog.getByRole('button', { name: 'Rename and Save' }).click();
  await expect(
    page.locator('.lm-TabBar-tab.jp-mod-current', { hasText: 'answer.ipynb' })
  ).toBeVisible();
  const run = page.locator(`${panel} .jp-cellpipe-Run`).first();
  await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText('Succeeded', {
    timeout: 150_000
  });
  const notebooks = await page.evaluate(async () => {
    const response = await fetch('/cellpipe/runs', {
      credentials: 'same-origin'
    });
    return ((await response.json()) as { notebook: string }[]).map(
      r => r.notebook
    );
  });
  expect(notebooks.filter(n => n.startsWith(`${tmpPath}/`))).toEqual([
    `${tmpPath}/answer.ipynb`
  ]);
  // Named now: the user's next save asks nothing.
  await page.notebook.addCell('code', 'x = 1');
  await page.keyboard.press('Control+s');
  await expect(
    page.locator('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')
  ).toHaveCount(0);
  await expect(dialog).toHaveCount(0);
});
