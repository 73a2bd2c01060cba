/**
 * What a run shows besides its status (issue 15), against the real server and engine: the run
 * viewer's tab names the run, its metrics are a table, its DAG fits, a cached step's log is what
 * the step printed when it ran, and the sidebar's runs list shows each run's parameters.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const viewer = '.jp-cellpipe-RunViewer';

/** Starts a local run through POST /cellpipe/runs, as the sidebar does, and returns its id. */
async function startRun(
  page: IJupyterLabPageFixture,
  notebook: string,
  params: Record<string, number>
): Promise<string> {
  return page.evaluate(
    async ({ notebookPath, values }) => {
      const xsrf = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/)?.[1] ?? '';
      const response = await fetch('/cellpipe/runs', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-XSRFToken': decodeURIComponent(xsrf)
        },
        body: JSON.stringify({
          path: notebookPath,
          target: 'local',
          params: values
        })
      });
      const body = await response.json();
      if (!response.ok) {
        throw new Error(
          `POST /cellpipe/runs: ${response.status} ${body.message}`
        );
      }
      return body.id as string;
    },
    { notebookPath: notebook, values: params }
  );
}

async function openViewer(page: IJupyterLabPageFixture, id: string) {
  await page.evaluate(
    runId =>
      (window as any).galata.app.commands.execute('cellpipe:open-run-viewer', {
        id: runId
      }),
    id
  );
  const content = page.locator(`${viewer}[data-run="${id}"]`);
  await expect(content).toBeVisible();
  await expect(content.locator('header .jp-cellpipe-StatusChip')).toHaveText(
    'Succeeded',
    { timeout: 180_000 }
  );
  return content;
}

test.describe('run details', () => {
  test('tab names, metrics table, fitted DAG, cached log and parameters in the runs list', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/parameters-and-metrics.ipynb`;
    await page.contents.uploadFile(
      path.join(EXAMPLES, 'parameters-and-metrics.ipynb'),
      notebook
    );
    const first = await startRun(page, notebook, { n_estimators: 20 });
    const firstView = await openViewer(page, first);
    // The same values again: every step is reused from the first run.
    const second = await startRun(page, notebook, { n_estimators: 20 });
    const secondView = await openViewer(page, second);

    // Each tab names the pipeline, which run (its id's last part) and its status.
    const titles = await page.evaluate(
      ids =>
        ids.map(
          id =>
            (window as any).galata.app.shell
              .widgets('main')
              .find((w: any) => w.id === `cellpipe-run-${id}`)?.title
              .label as string
        ),
      [first, second]
    );
    expect(titles).toEqual([
      `wine-params #${first.split('-').pop()} · Succeeded`,
      `wine-params #${second.split('-').pop()} · Succeeded`
    ]);
    expect(first.split('-').pop()).not.toBe(second.split('-').pop());

    // Metrics as a table: one row per metric, with its value and the step that reported it.
    for (const view of [firstView, secondView]) {
      const rows = view.locator('.jp-cellpipe-RunViewer-metrics tbody tr');
      await expect(rows).toHaveCount(3);
      await expect(rows.locator('td:first-child')).toHaveText([
        'accuracy',
        'macro_f1',
        'train_rows'
      ]);
      await expect(
        view.locator(
          '.jp-cellpipe-RunViewer-metrics tr[data-metric="train_rows"] td'
        )
      ).toHaveText(['train_rows', '124', 'evaluate']);
    }

    // The run viewer's DAG fits its column: nothing clipped, no horizontal scrolling.
    const dag = secondView.locator('.jp-cellpipe-ZoomPane-scroll');
    await expect(secondView.locator('.jp-cellpipe-ZoomPane')).toHaveAttribute(
      'data-zoom',
      'fit'
    );
    await expect
      .poll(() => dag.evaluate(node => node.scrollWidth - node.clientWidth))
      .toBeLessThanOrEqual(0);

    // A cached step's log is what it printed when it ran, marked as reused.
    await expect(
      secondView.locator('.jp-cellpipe-RunViewer-steps tbody tr', {
        hasText: 'cached'
      })
    ).toHaveCount(3);
    await secondView
      .locator('.jp-cellpipe-RunViewer-steps button', { hasText: 'evaluate' })
      .click();
    await expect(
      secondView.locator('.jp-cellpipe-RunViewer-cachedNote')
    ).toBeVisible();
    const log = secondView.locator(
      '.jp-cellpipe-RunViewer-log pre[data-step="evaluate"]'
    );
    await expect(log).toContainText(
      `outputs reused from run ${first}, step evaluate (cached)`
    );
    await expect(log).toContainText('ran the code of step evaluate');
    await expect(log).toContainText('metric train_rows = 124');

    // The sidebar's runs list shows the parameters each run was given.
    await page.notebook.openByPath(notebook);
    await page.notebook.activate('parameters-and-metrics.ipynb');
    await page.sidebar.openTab('cellpipe-sidebar');
    const runs = page.locator('#cellpipe-sidebar .jp-cellpipe-Run');
    await expect(runs).toHaveCount(2);
    for (const id of [first, second]) {
      await expect(
        page.locator(
          `#cellpipe-sidebar .jp-cellpipe-Run[data-run="${id}"] .jp-cellpipe-Run-params`
        )
      ).toHaveText(
        'parameters: test_size=0.3, seed=7, n_estimators=20, max_depth=3'
      );
    }
    // The second run reused every step: its row says so; the first's says nothing.
    await expect(
      page.locator(
        `#cellpipe-sidebar .jp-cellpipe-Run[data-run="${second}"] .jp-cellpipe-Run-cached`
      )
    ).toHaveText('3 of 3 steps reused from the cache');
    await expect(
      page.locator(
        `#cellpipe-sidebar .jp-cellpipe-Run[data-run="${first}"] .jp-cellpipe-Run-cached`
      )
    ).toHaveCount(0);
  });
});
