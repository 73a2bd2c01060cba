/**
 * The pipeline sidebar in a real JupyterLab: live DAG, diagnostics that land on the cell,
 * Compile and run with live status, runs that survive a reload, a failing step, and screenshot
 * snapshots in the light and dark themes.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';

const SIDEBAR = 'cellpipe-sidebar';
const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const panel = '#cellpipe-sidebar';
/** What changes between runs of the same screen: run ids, times, durations. */
const VOLATILE = ['.jp-cellpipe-Run-id', '.jp-cellpipe-Run-duration'];

async function openExample(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  name = 'fan-out.ipynb'
): Promise<string> {
  const target = `${tmpPath}/${name}`;
  await page.contents.uploadFile(path.join(EXAMPLES, name), target);
  await page.notebook.openByPath(target);
  await page.notebook.activate(name);
  await page.sidebar.openTab(SIDEBAR);
  await expect(page.locator(`${panel} .jp-cellpipe-Dag`)).toBeVisible();
  return target;
}

/** Reloads the page (the notebook tab, not the Launcher, comes back) and shows the sidebar. */
async function reloadWithNotebook(
  page: IJupyterLabPageFixture,
  notebook: string
) {
  await page.reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  const name = notebook.split('/').pop()!;
  // The restored layout usually brings the notebook back; open it if it did not.
  const tab = page.locator('.jp-mod-current.lm-TabBar-tab, .lm-TabBar-tab', {
    hasText: name
  });
  try {
    await tab.first().waitFor({ timeout: 10_000 });
  } catch {
    await page.notebook.openByPath(notebook);
  }
  await page.notebook.activate(name);
  if (!(await page.sidebar.isTabOpen(SIDEBAR))) {
    await page.sidebar.openTab(SIDEBAR);
  }
}

/** Whether the server side serves the runs routes (it is built in parallel with this sidebar). */
async function serverRuns(page: IJupyterLabPageFixture): Promise<boolean> {
  const status = await page.evaluate(async () => {
    const response = await fetch('/cellpipe/runs', {
      credentials: 'same-origin'
    });
    return response.status;
  });
  return status === 200;
}

/** A two-step notebook whose second step raises. */
function failingNotebook(): string {
  const cell = (source: string, tags: string[]) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: { tags },
    outputs: [],
    source
  });
  return JSON.stringify({
    cells: [
      cell('numbers = [1, 2, 3]\n', ['step:make']),
      cell('total = sum(numbers)\nraise ValueError("boom in step check")\n', [
        'step:check'
      ])
    ],
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python'
      },
      cellpipe: { name: 'failing' }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

/**
 * A stand-in for the server's run routes (design §4), for the runs list's own behaviour: the
 * records it returns follow src/core/runs/record.ts. Each started run goes Pending, Running,
 * then `finalStatus` after a few polls; cancel ends a run as Cancelled. Records outlive a page
 * reload, as the server's run store does.
 */
async function standInRunServer(
  page: IJupyterLabPageFixture,
  notebook: string,
  finalStatus: 'Succeeded' | 'Failed',
  pollsUntilDone = 3
) {
  const runs = new Map<string, { record: any; polls: number }>();
  let count = 0;
  await page.route(/\/cellpipe\/runs(\/|\?|$)/, async route => {
    const request = route.request();
    const url = new URL(request.url());
    const parts = url.pathname
      .split('/cellpipe/runs')[1]
      .split('/')
      .filter(Boolean);
    const json = (body: unknown) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(body)
      });
    if (request.method() === 'POST' && parts.length === 0) {
      const body = request.postDataJSON();
      count++;
      const id = `20261122-140000-00${count}abc`;
      const record = {
        id,
        status: 'Pending',
        target: body.target,
        notebook: body.path,
        pipeline: 'digits-fan-out',
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        params: body.params,
        links: [
          { kind: 'local', label: 'Run viewer', url: `lab?cellpipe-run=${id}` }
        ],
        steps: []
      };
      runs.set(id, { record, polls: 0 });
      return json(record);
    }
    if (request.method() === 'POST' && parts[1] === 'cancel') {
      const run = runs.get(parts[0])!;
      run.record = {
        ...run.record,
        status: 'Cancelled',
        finishedAt: new Date().toISOString()
      };
      run.polls = -1000;
      return json(run.record);
    }
    if (parts.length === 1) {
      const run = runs.get(parts[0])!;
      run.polls++;
      if (run.polls === 1) {
        run.record = {
          ...run.record,
          status: 'Running',
          startedAt: new Date().toISOString()
        };
      } else if (
        run.polls >= pollsUntilDone &&
        run.record.status === 'Running'
      ) {
        run.record = {
          ...run.record,
          status: finalStatus,
          finishedAt: new Date().toISOString(),
          ...(finalStatus === 'Failed'
            ? {
                error:
                  'step check failed: ValueError: boom (failing.ipynb, cell 1, line 2)'
              }
            : {})
        };
      }
      return json(run.record);
    }
    expect(url.searchParams.get('notebook')).toBe(notebook);
    return json([...runs.values()].map(run => run.record).reverse());
  });
  return runs;
}

test.describe('pipeline sidebar', () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test('shows the live DAG of the open notebook, with edges labelled by the variables', async ({
    page,
    tmpPath
  }) => {
    await openExample(page, tmpPath);
    const nodes = page.locator(`${panel} .jp-cellpipe-Dag-node`);
    await expect(nodes).toHaveCount(7);
    await expect(page.locator(`${panel} [data-step="compare"]`)).toBeVisible();
    await expect(
      page
        .locator(`${panel} .jp-cellpipe-Dag-edgeLabel`)
        .filter({ hasText: 'forest_score' })
    ).toHaveCount(1);

    // Clicking a node selects that step's first cell (cell 8 is step svm).
    await page.locator(`${panel} [data-step="svm"]`).click();
    await expect(
      page.locator('.jp-Notebook .jp-Cell.jp-mod-active')
    ).toContainText('svm');
  });

  test('an undefined name shows a diagnostic; clicking it lands on the cell and line', async ({
    page,
    tmpPath
  }) => {
    await openExample(page, tmpPath);
    await expect(page.locator(`${panel} .jp-cellpipe-Diagnostic`)).toHaveCount(
      0
    );

    await page.notebook.enterCellEditingMode(12);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nprint(nowhere_defined)');
    const diagnostic = page
      .locator(`${panel} .jp-cellpipe-Diagnostic`)
      .filter({ hasText: 'nowhere_defined' });
    await expect(diagnostic).toHaveCount(1);
    await expect(diagnostic).toContainText('cell 12');

    // Go elsewhere, then jump back through the diagnostic.
    await page.notebook.selectCells(0);
    await diagnostic.locator('button').click();
    const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
    await expect(active).toContainText('nowhere_defined');
    await expect(active.locator('.cm-editor.cm-focused')).toHaveCount(1);
    // The cursor is on the name, on the last line of the cell (the editor may have indented it).
    const cursor = await page.evaluate(() => {
      const editor = (window as any).jupyterapp.shell.currentWidget.content
        .activeCell.editor;
      const last = editor.lineCount - 1;
      return {
        at: editor.getCursorPosition(),
        name: {
          line: last,
          column: editor.getLine(last).indexOf('nowhere_defined')
        }
      };
    });
    expect(cursor.name.column).toBeGreaterThan(0);
    expect(cursor.at).toEqual(cursor.name);

    // Fixing it removes the diagnostic.
    await page.keyboard.press('Control+Z');
    await expect(diagnostic).toHaveCount(0);
  });

  test('sidebar screenshots in the light and dark themes', async ({
    page,
    tmpPath
  }) => {
    // One succeeded run from the stand-in, whatever the real server holds.
    await standInRunServer(page, `${tmpPath}/fan-out.ipynb`, 'Succeeded', 2);
    await openExample(page, tmpPath);
    await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
    await expect(page.locator(`${panel} .jp-cellpipe-StatusChip`)).toHaveText(
      'Succeeded'
    );
    await expect(page.locator(`${panel} .jp-cellpipe-Message`)).toContainText(
      'started'
    );
    // Wide enough for the whole fan-out DAG (a narrower sidebar scrolls it).
    await page.sidebar.setWidth(520);
    await page.locator(`${panel} [data-section="settings"] summary`).click();
    const sidebar = page.locator(panel);
    const mask = VOLATILE.map(selector => page.locator(selector));
    await expect(sidebar.locator('.jp-cellpipe-Dag-node')).toHaveCount(7);
    // No hover or focus styles: the pointer leaves the sidebar.
    await page.mouse.move(900, 500);
    expect(await sidebar.screenshot({ mask })).toMatchSnapshot(
      'sidebar-light.png',
      {
        maxDiffPixelRatio: 0.01
      }
    );

    await page.theme.setDarkTheme();
    await expect(sidebar.locator('.jp-cellpipe-Dag-node')).toHaveCount(7);
    await expect
      .poll(() => page.evaluate(() => document.body.dataset.jpThemeLight))
      .toBe('false');
    expect(await sidebar.screenshot({ mask })).toMatchSnapshot(
      'sidebar-dark.png',
      {
        maxDiffPixelRatio: 0.01
      }
    );
    await page.theme.setLightTheme();
  });

  test('a security weakening in the settings form is shown in red', async ({
    page,
    tmpPath
  }) => {
    await openExample(page, tmpPath);
    await page.locator(`${panel} [data-section="settings"] summary`).click();
    await page.locator(`${panel} input[name="runAsNonRoot"]`).uncheck();
    const weakening = page.locator(
      `${panel} ul.jp-cellpipe-Settings-weakening li`
    );
    await expect(weakening).toHaveCount(1);
    await expect(weakening).toContainText('runAsNonRoot is false');
    const colour = await weakening.evaluate(
      node => getComputedStyle(node).color
    );
    expect(colour).toMatch(/^rgb\((\d+), (\d+), (\d+)\)$/);
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(100);
    expect(b).toBeLessThan(100);

    // Applying writes only metadata.cellpipe and leaves the notebook dirty for the user to save.
    await page.locator(`${panel} button[type="submit"]`).click();
    const metadata = await page.evaluate(() => {
      const app = (window as any).jupyterapp;
      const widget = app.shell.currentWidget;
      return {
        cellpipe: widget.context.model.getMetadata('cellpipe'),
        dirty: widget.context.model.dirty
      };
    });
    expect(metadata).toEqual({
      cellpipe: {
        name: 'digits-fan-out',
        description: expect.any(String),
        security: { runAsNonRoot: false }
      },
      dirty: true
    });
  });

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

  test('Compile only shows the outcome; Export YAML opens the Argo document in an editor tab', async ({
    page,
    tmpPath
  }) => {
    test.skip(
      !(await serverRuns(page)),
      'the server does not serve /cellpipe/ routes yet'
    );
    await openExample(page, tmpPath);
    const caret = page.locator(`${panel} .jp-cellpipe-SplitButton-caret`);
    await caret.click();
    await page
      .locator(`${panel} .jp-cellpipe-SplitButton-item`, {
        hasText: 'Compile only'
      })
      .click();
    const message = page.locator(`${panel} .jp-cellpipe-Message`);
    await expect(message).toContainText('Compiled for argo', {
      timeout: 30_000
    });

    await caret.click();
    await page
      .locator(`${panel} .jp-cellpipe-SplitButton-item`, {
        hasText: 'Export YAML'
      })
      .click();
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

  test('a failing step shows Failed', async ({ page, tmpPath }) => {
    test.skip(
      !(await serverRuns(page)),
      'the server does not serve /cellpipe/runs yet'
    );
    test.setTimeout(180_000);
    const target = `${tmpPath}/failing.ipynb`;
    await page.contents.uploadContent(failingNotebook(), 'text', target);
    await page.notebook.openByPath(target);
    await page.notebook.activate('failing.ipynb');
    await page.sidebar.openTab(SIDEBAR);
    await expect(page.locator(`${panel} .jp-cellpipe-Dag-node`)).toHaveCount(2);
    await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
    const run = page.locator(`${panel} .jp-cellpipe-Run`).first();
    await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText('Failed', {
      timeout: 150_000
    });
  });
});
