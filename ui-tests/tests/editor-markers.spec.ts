/**
 * Diagnostics in the cell editor (issue 15): the offending line is tinted with a severity icon at
 * its end, the name is underlined, each says the message on hover; fixing the code removes them.
 */
import { expect, test } from '@jupyterlab/galata';
import { openExample, panel } from './sidebar-helpers';

test('an undefined name is marked on its line in the cell editor until it is fixed', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath);
  await expect(page.locator(`${panel} .jp-cellpipe-Dag-node`)).toHaveCount(7);
  const cell = page.locator('.jp-Notebook .jp-Cell').nth(12);
  await expect(cell.locator('.jp-cellpipe-EditorLine')).toHaveCount(0);

  await expect(page.locator(`${panel} .jp-cellpipe-Diagnostic`)).toHaveCount(0);
  const source = (index: number) =>
    page.evaluate(
      i =>
        (window as any).jupyterapp.shell.currentWidget.content.widgets[
          i
        ].model.sharedModel.getSource() as string,
      index
    );
  const original = await source(12);
  await page.notebook.enterCellEditingMode(12);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint(nowhere_defined)');
  await expect(
    page
      .locator(`${panel} .jp-cellpipe-Diagnostic`)
      .filter({ hasText: 'nowhere_defined' })
  ).toHaveCount(1);

  // An undefined name is a warning (the sidebar lists it so): the marker has its severity.
  await expect(
    page
      .locator(`${panel} .jp-cellpipe-Diagnostic.jp-mod-warning`)
      .filter({ hasText: 'nowhere_defined' })
  ).toHaveCount(1);
  const line = cell.locator('.cm-line.jp-cellpipe-EditorLine.jp-mod-warning');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('print(nowhere_defined)');
  await expect(line).toHaveAttribute('title', /nowhere_defined/);
  const mark = line.locator('.jp-cellpipe-EditorMark.jp-mod-warning');
  await expect(mark).toHaveText('nowhere_defined');
  const icon = line.locator(
    '.jp-cellpipe-EditorMarker svg.jp-cellpipe-SeverityIcon.jp-mod-warning'
  );
  await expect(icon).toBeVisible();
  const size = (await icon.boundingBox())!;
  expect(size.width).toBeGreaterThan(0);
  // Only that line: the lines above it in the cell are not marked.
  await expect(cell.locator('.cm-line.jp-cellpipe-EditorLine')).toHaveCount(1);

  // Fixing it removes the markers. The cell gets its code back in one change (Undo may take
  // back only part of what was typed when typing was slow, leaving another undefined name).
  await page.evaluate(
    text =>
      (
        window as any
      ).jupyterapp.shell.currentWidget.content.widgets[12].model.sharedModel.setSource(
        text
      ),
    original
  );
  expect(await source(12)).toBe(original);
  await expect(page.locator(`${panel} .jp-cellpipe-Diagnostic`)).toHaveCount(0);
  await expect(cell.locator('.jp-cellpipe-EditorLine')).toHaveCount(0);
  await expect(cell.locator('.jp-cellpipe-EditorMark')).toHaveCount(0);
});

test('the markers go while the sidebar is hidden (it does not analyse then) and come back current when it shows', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath);
  await expect(page.locator(`${panel} .jp-cellpipe-Dag-node`)).toHaveCount(7);
  const cell = page.locator('.jp-Notebook .jp-Cell').nth(12);
  const marked = cell.locator('.cm-line.jp-cellpipe-EditorLine');
  await page.notebook.enterCellEditingMode(12);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint(first_missing)');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute('title', /first_missing/);

  // Hidden (another left tab shown): no markers, and none after the code changes meanwhile.
  await page.sidebar.openTab('filebrowser');
  await expect(page.locator(panel)).toBeHidden();
  await expect(marked).toHaveCount(0);
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 'first_missing)'.length; i++) {
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type('second_missing)');
  await expect(cell).toContainText('print(second_missing)');
  await expect(marked).toHaveCount(0);

  // Shown again: the markers are those of the code as it is now.
  await page.sidebar.openTab('cellpipe-sidebar');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute('title', /second_missing/);
  await expect(marked).not.toHaveAttribute('title', /first_missing/);
  // Hidden and shown with no edit between: they come back as they were.
  await page.sidebar.openTab('filebrowser');
  await expect(marked).toHaveCount(0);
  await page.sidebar.openTab('cellpipe-sidebar');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute('title', /second_missing/);
});
