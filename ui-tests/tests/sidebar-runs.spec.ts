/**
 * Compile and run from the sidebar: the runs list (live status, links, cancel, reload) against
 * a stand-in for the run routes and against the real server, the toolbar button and shortcut,
 * Compile only and Export YAML.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import {
  failingNotebook,
  chooseAction,
  compileOnly,
  expectOneParagraph,
  openExample,
  openNotebookText,
  panel,
  reloadWithNotebook,
  renameNotebookTab,
  serverRuns,
  standInRunServer
} from './sidebar-helpers';

test.describe('pipeline sidebar runs', () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test('runs list (stand-in server): a started run shows a link, turns Succeeded live, and is listed after a reload', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/fan-out.ipynb`;
    await standInRunServer(page, notebook, 'Succeeded');
    await openExample(page, tmpPath);
    await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
    const run = page.locator(`${panel} .jp-cellpipe-Run`).first();
    await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText(
      /Pending|Running/
    );
    await expect(run.locator('.jp-cellpipe-Run-link')).toHaveText('Run viewer');
    await expect(run.locator('.jp-cellpipe-Run-cancel')).toBeVisible();
    await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText('Running');
    await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Succeeded',
      {
        timeout: 10_000
      }
    );
    await expect(run.locator('.jp-cellpipe-Run-cancel')).toHaveCount(0);
    await expect(run.locator('.jp-cellpipe-Run-duration')).toHaveText(/\d s$/);

    await reloadWithNotebook(page, notebook);
    await expect(
      page.locator(`${panel} .jp-cellpipe-Run .jp-cellpipe-StatusChip`)
    ).toHaveText('Succeeded');
  });

  test('runs list (stand-in server): cancel, and a failing run shows Failed with its error', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/fan-out.ipynb`;
    await standInRunServer(page, notebook, 'Failed', 6);
    await openExample(page, tmpPath);
    const button = page.locator(`${panel} .jp-cellpipe-SplitButton-main`);
    await button.click();
    const first = page.locator(`${panel} .jp-cellpipe-Run`).first();
    await expect(first.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Running'
    );
    await first.locator('.jp-cellpipe-Run-cancel').click();
    await expect(first.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Cancelled'
    );

    await button.click();
    const second = page.locator(`${panel} .jp-cellpipe-Run`).first();
    await expect(page.locator(`${panel} .jp-cellpipe-Run`)).toHaveCount(2);
    await expect(second.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Failed',
      {
        timeout: 15_000
      }
    );
    await expect(second).toContainText('ValueError: boom');
    await expectOneParagraph(second.locator('.jp-cellpipe-Settings-error'));
  });

  test('the notebook toolbar button and Accel Shift Enter run Compile and run', async ({
    page,
    tmpPath
  }) => {
    await standInRunServer(page, `${tmpPath}/fan-out.ipynb`, 'Succeeded');
    await openExample(page, tmpPath);
    const button = page.locator(
      '.jp-NotebookPanel-toolbar [data-jp-item-name="cellpipe-compile-and-run"] button'
    );
    await expect(button).toHaveCount(1);
    await button.click();
    await expect(page.locator(`${panel} .jp-cellpipe-Run`)).toHaveCount(1);

    await page.notebook.selectCells(4);
    await page.keyboard.press('Control+Shift+Enter');
    await expect(page.locator(`${panel} .jp-cellpipe-Run`)).toHaveCount(2);
  });

  test('Compile only shows the outcome and a read-only preview; Export YAML opens the Argo document in an editor tab', async ({
    page,
    tmpPath
  }) => {
    test.skip(
      !(await serverRuns(page)),
      'the server does not serve /cellpipe/ routes yet'
    );
    await openExample(page, tmpPath);
    const message = await compileOnly(page);
    // ... and the document, read-only in a tab of its own; nothing is written to disk.
    const preview = page.locator('.jp-cellpipe-YamlPreview pre');
    await expect(preview).toContainText('kind: Workflow');
    await expect(
      page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', {
        hasText: 'digits-fan-out · argo (preview)'
      })
    ).toHaveCount(1);
    expect(await page.contents.fileExists(`${tmpPath}/fan-out.argo.yaml`)).toBe(
      false
    );

    await chooseAction(page, 'Export YAML');
    await expect(message).toContainText('fan-out.argo.yaml', {
      timeout: 30_000
    });
    const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', {
      hasText: 'fan-out.argo.yaml'
    });
    await expect(tab).toHaveCount(1);
    await expect(
      page.locator('.jp-FileEditor .cm-content').last()
    ).toContainText('kind: Workflow');
    expect(await page.contents.fileExists(`${tmpPath}/fan-out.argo.yaml`)).toBe(
      true
    );
  });

  test('Compile and run: the run appears with a link, turns Succeeded, and survives a reload', async ({
    page,
    tmpPath
  }) => {
    test.skip(
      !(await serverRuns(page)),
      'the server does not serve /cellpipe/runs yet'
    );
    test.setTimeout(240_000);
    await openExample(page, tmpPath);
    await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
    const run = page.locator(`${panel} .jp-cellpipe-Run`).first();
    await expect(run).toBeVisible({ timeout: 30_000 });
    await expect(run.locator('.jp-cellpipe-Run-link')).toHaveCount(1);
    await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Succeeded',
      {
        timeout: 180_000
      }
    );
    const id = await run.getAttribute('data-run');

    await reloadWithNotebook(page, `${tmpPath}/fan-out.ipynb`);
    const again = page.locator(`${panel} .jp-cellpipe-Run[data-run="${id}"]`);
    await expect(again).toBeVisible({ timeout: 30_000 });
    await expect(again.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Succeeded'
    );
  });

  test('a double click of Compile and run starts one run; a click later starts another', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(240_000);
    await openExample(page, tmpPath);
    const button = page.locator(`${panel} .jp-cellpipe-SplitButton-main`);
    // A double click whose second click comes once the first run has started (its start
    // request takes about 100 ms; a slow double click, 500 ms apart, comes after it): the
    // browser says it is the second of two.
    const box = (await button.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.locator(`${panel} .jp-cellpipe-Run`)).toHaveCount(1, {
      timeout: 30_000
    });
    await page.mouse.down({ clickCount: 2 });
    await page.mouse.up({ clickCount: 2 });
    const runs = page.locator(`${panel} .jp-cellpipe-Run`);
    await expect(runs.first()).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(3_000);
    await expect(runs).toHaveCount(1);

    await button.click();
    await expect(runs).toHaveCount(2, { timeout: 30_000 });
    for (const chip of await runs.locator('.jp-cellpipe-StatusChip').all()) {
      await expect(chip).toHaveText('Succeeded', { timeout: 180_000 });
    }
  });

  test('a renamed notebook keeps its runs, and the run viewer reruns it from its new name', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(240_000);
    await openExample(page, tmpPath, 'linear-chain.ipynb');
    await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
    const run = page.locator(`${panel} .jp-cellpipe-Run`).first();
    await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Succeeded',
      { timeout: 180_000 }
    );
    const id = await run.getAttribute('data-run');

    // Renamed as a user does it: the tab's context menu.
    await renameNotebookTab(page, 'linear-chain.ipynb', 'chain.ipynb');
    const kept = page.locator(`${panel} .jp-cellpipe-Run[data-run="${id}"]`);
    await expect(kept.locator('.jp-cellpipe-StatusChip')).toHaveText(
      'Succeeded'
    );

    // The viewer names the notebook where it is now, and its rerun runs that file.
    await kept.locator('.jp-cellpipe-Run-link').first().click();
    const viewer = page.locator(`.jp-cellpipe-RunViewer[data-run="${id}"]`);
    await expect(viewer.locator('header')).toContainText(
      `of ${tmpPath}/chain.ipynb`
    );
    await viewer.locator('.jp-cellpipe-RunViewer-rerun button').click();
    await expect(page.locator(`${panel} .jp-cellpipe-Run`)).toHaveCount(2);
    await expect(
      page
        .locator(`${panel} .jp-cellpipe-Run`)
        .first()
        .locator('.jp-cellpipe-StatusChip')
    ).toHaveText('Succeeded', { timeout: 180_000 });
  });

  test('a failing step shows Failed', async ({ page, tmpPath }) => {
    test.skip(
      !(await serverRuns(page)),
      'the server does not serve /cellpipe/runs yet'
    );
    test.setTimeout(180_000);
    await openNotebookText(page, tmpPath, 'failing.ipynb', failingNotebook());
    await expect(page.locator(`${panel} .jp-cellpipe-Dag-node`)).toHaveCount(2);
    await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
    const run = page.locator(`${panel} .jp-cellpipe-Run`).first();
    await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText('Failed', {
      timeout: 150_000
    });
    // Why, in the list itself: the step runtime's last line, not only "Failed".
    const error = run.locator('.jp-cellpipe-Settings-error');
    await expect(error).toContainText(
      "step 'check' failed: ValueError in failing.ipynb"
    );
    await expectOneParagraph(error);
    const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
    const cursorLine = () =>
      page.evaluate(
        () =>
          (
            window as any
          ).jupyterapp.shell.currentWidget.content.activeCell.editor.getCursorPosition()
            .line
      );
    /** From the first cell, the place `where` names leads to the line that raised. */
    const placeLeadsThere = async (where: Locator) => {
      await page.notebook.selectCells(0);
      await expect(active).not.toContainText('boom in step check');
      await where
        .getByRole('link', { name: 'failing.ipynb [cell 2], line 2' })
        .click();
      await expect(active).toContainText('boom in step check');
      expect(await cursorLine()).toBe(1);
    };
    // The place it names leads to the line that raised (cell 2, line 2).
    await placeLeadsThere(error);
    await expect(active.locator('.cm-editor.cm-focused')).toHaveCount(1);
    // The message under Compile and run says how the run ended; its place leads there too.
    const message = page.locator(`${panel} .jp-cellpipe-Message`);
    await expect(message).toContainText('ended: Failed.');
    await placeLeadsThere(message);

    // Renamed since: the message names the notebook as it was called, and still leads there.
    await renameNotebookTab(page, 'failing.ipynb', 'checked.ipynb');
    await placeLeadsThere(error);
  });
});
