/**
 * The run viewer in a real JupyterLab against the real server extension and engine: a local run
 * of an example, opened in the viewer, its status turning Succeeded, a step's log read; a
 * failing step shows Failed and the traceback naming the notebook cell; the viewer survives a
 * reload; screenshots in the light and dark themes.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { codeCell, notebookText, setLabSetting } from './sidebar-helpers';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const viewer = '.jp-cellpipe-RunViewer';

/** Starts a local run through POST /cellpipe/runs, as the sidebar does, and returns its id. */
async function startRun(
  page: IJupyterLabPageFixture,
  notebook: string
): Promise<string> {
  return page.evaluate(async notebookPath => {
    const xsrf = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/)?.[1] ?? '';
    const response = await fetch('/cellpipe/runs', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-XSRFToken': decodeURIComponent(xsrf)
      },
      body: JSON.stringify({ path: notebookPath, target: 'local', params: {} })
    });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(
        `POST /cellpipe/runs: ${response.status} ${body.message}`
      );
    }
    return body.id as string;
  }, notebook);
}

async function openViewer(page: IJupyterLabPageFixture, id: string) {
  await page.evaluate(async runId => {
    // the command's result, the widget, does not serialize
    await (window as any).galata.app.commands.execute(
      'cellpipe:open-run-viewer',
      { id: runId }
    );
  }, id);
  await expect(page.locator(`${viewer}[data-run="${id}"]`)).toBeVisible();
}

/** Picks `step` in the viewer's steps table; its log's text. */
async function showStepLog(page: IJupyterLabPageFixture, step: string) {
  await page
    .locator(`${viewer} .jp-cellpipe-RunViewer-steps button`, {
      hasText: step
    })
    .click();
  return page.locator(
    `${viewer} .jp-cellpipe-RunViewer-log pre[data-step="${step}"]`
  );
}

function runStatus(page: IJupyterLabPageFixture, id: string) {
  return page.locator(
    `${viewer}[data-run="${id}"] header .jp-cellpipe-StatusChip`
  );
}

/**
 * Every step box of the viewer's DAG lies inside the drawing, clear of its edge, and no two boxes
 * touch (they were drawn wider than the layout had room for: side by side they met, and a box at
 * the left edge lost its outline).
 */
async function expectBoxesApart(page: IJupyterLabPageFixture, id: string) {
  const geometry = await page
    .locator(`${viewer}[data-run="${id}"] svg.jp-cellpipe-RunViewer-dag`)
    .evaluate(svg => {
      const [, , width, height] = svg
        .getAttribute('viewBox')!
        .split(' ')
        .map(Number);
      const boxes = [...svg.querySelectorAll('[data-step] rect')].map(rect => {
        const at = (name: string) => Number(rect.getAttribute(name));
        return {
          step: rect.parentElement!.getAttribute('data-step'),
          x: at('x'),
          y: at('y'),
          width: at('width'),
          height: at('height')
        };
      });
      return { width, height, boxes };
    });
  expect(geometry.boxes.length).toBeGreaterThan(1);
  for (const box of geometry.boxes) {
    expect(box.x).toBeGreaterThanOrEqual(4);
    expect(box.x + box.width).toBeLessThanOrEqual(geometry.width - 4);
    expect(box.y).toBeGreaterThanOrEqual(4);
    expect(box.y + box.height).toBeLessThanOrEqual(geometry.height - 4);
    for (const other of geometry.boxes) {
      if (other === box) {
        continue;
      }
      const apart =
        other.x >= box.x + box.width + 4 ||
        box.x >= other.x + other.width + 4 ||
        other.y >= box.y + box.height + 4 ||
        box.y >= other.y + other.height + 4;
      expect(apart, `${box.step} and ${other.step} touch`).toBe(true);
    }
  }
}

test.describe('the run viewer', () => {
  test('Compile and run in the sidebar runs locally, turns Succeeded, and its link opens the viewer', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/parameters-and-metrics.ipynb`;
    await page.contents.uploadFile(
      path.join(EXAMPLES, 'parameters-and-metrics.ipynb'),
      notebook
    );
    await page.notebook.openByPath(notebook);
    await page.notebook.activate('parameters-and-metrics.ipynb');
    await page.sidebar.openTab('cellpipe-sidebar');
    const compileAndRun = page.locator(
      '#cellpipe-sidebar .jp-cellpipe-SplitButton-main'
    );
    const dialog = page.locator('.jp-Dialog');
    // Closing the parameters dialog runs nothing, and the sidebar says so.
    await compileAndRun.click();
    await dialog.locator('.jp-mod-reject').click();
    await expect(
      page.locator('#cellpipe-sidebar .jp-cellpipe-Message')
    ).toContainText('Nothing was run: the parameters dialog was closed.');
    await expect(
      page.locator('#cellpipe-sidebar .jp-cellpipe-Run')
    ).toHaveCount(0);
    await compileAndRun.click();
    // The parameters dialog comes first, prefilled with the notebook's values, and checks
    // each value's type before anything runs.
    await expect(dialog.locator('.jp-Dialog-header')).toHaveText(
      'Run wine-params with these parameters'
    );
    await expect(dialog.locator('input[name="test_size"]')).toHaveValue('0.3');
    await expect(dialog.locator('input[name="seed"]')).toHaveValue('7');
    const runButton = dialog.locator('.jp-mod-accept');
    await expect(runButton).toBeEnabled();
    // A value not of its type is named under its field as it is typed, and Run is disabled.
    await dialog.locator('input[name="n_estimators"]').fill('twenty');
    await expect(dialog.locator('.jp-cellpipe-error')).toHaveText([
      'n_estimators must be a whole number, not "twenty"'
    ]);
    await expect(runButton).toBeDisabled();
    await dialog.locator('input[name="seed"]').fill('7.5');
    await expect(dialog.locator('.jp-cellpipe-error')).toHaveText([
      'seed must be a whole number, not "7.5"',
      'n_estimators must be a whole number, not "twenty"'
    ]);
    // Enter still asks: the dialog comes back with every bad value named, each on its line.
    await dialog.locator('input[name="seed"]').press('Enter');
    await expect(dialog.locator('.jp-cellpipe-error')).toHaveText([
      'seed must be a whole number, not "7.5"',
      'n_estimators must be a whole number, not "twenty"'
    ]);
    await expect(runButton).toBeDisabled();
    await expect(dialog.locator('input[name="n_estimators"]')).toHaveValue(
      'twenty'
    );
    // Each under its field, marked; the first to mend has the focus.
    await expect(dialog.locator('[aria-invalid="true"]')).toHaveCount(2);
    await expect(dialog.locator('input[name="seed"]')).toBeFocused();
    await expect(dialog.locator('input[name="test_size"]')).not.toHaveAttribute(
      'aria-invalid'
    );
    await expect(
      dialog.locator(
        'label:has(input[name="n_estimators"]) + p.jp-cellpipe-error'
      )
    ).toHaveText('n_estimators must be a whole number, not "twenty"');
    await dialog.locator('input[name="seed"]').fill('7');
    await expect(dialog.locator('.jp-cellpipe-error')).toHaveCount(1);
    await expect(dialog.locator('input[name="seed"]')).not.toHaveAttribute(
      'aria-invalid'
    );
    await dialog.locator('input[name="n_estimators"]').fill('20');
    await expect(dialog.locator('.jp-cellpipe-error')).toHaveCount(0);
    await runButton.click();
    await expect(dialog).toHaveCount(0);
    const run = page.locator('#cellpipe-sidebar .jp-cellpipe-Run').first();
    await expect(run).toBeVisible({ timeout: 30_000 });
    await expect(run).toHaveAttribute('data-status', 'Succeeded', {
      timeout: 180_000
    });
    const id = await run.getAttribute('data-run');
    // The sidebar's DAG shows each step's status in that run, and the message beside
    // Compile and run says how the run ended instead of "started".
    const nodes = page.locator('#cellpipe-sidebar .jp-cellpipe-Dag-node');
    const steps = await nodes.count();
    expect(steps).toBeGreaterThan(0);
    await expect(
      page.locator(
        '#cellpipe-sidebar .jp-cellpipe-Dag-node[data-status="Succeeded"]'
      )
    ).toHaveCount(steps);
    await expect(
      page.locator('#cellpipe-sidebar .jp-cellpipe-Message')
    ).toContainText(`Run ${id} ended: Succeeded.`);
    await run.locator('.jp-cellpipe-Run-link').first().click();
    await expect(runStatus(page, id!)).toHaveText('Succeeded');
    // It ran with the value given in the dialog.
    await expect(
      page.locator(
        `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-rerun input`
      )
    ).toHaveCount(4);
    expect(
      await page
        .locator(
          `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-rerun label`,
          {
            hasText: 'n_estimators'
          }
        )
        .locator('input')
        .inputValue()
    ).toBe('20');
    await expect(
      page.locator(
        `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-rerun button`
      )
    ).toHaveText('Rerun with these parameters');

    // A rerun runs the notebook as it is now: unsaved changes are saved first, as Compile
    // and run does. It shows up in the sidebar's runs list without a reload.
    const dirty = () =>
      page.evaluate(notebookPath => {
        const panel = Array.from(
          (window as any).galata.app.shell.widgets('main')
        ).find((w: any) => w.context?.path === notebookPath) as any;
        return panel ? panel.context.model.dirty : null;
      }, notebook);
    await page.evaluate(notebookPath => {
      const panel = Array.from(
        (window as any).galata.app.shell.widgets('main')
      ).find((w: any) => w.context?.path === notebookPath) as any;
      panel.context.model.dirty = true;
    }, notebook);
    expect(await dirty()).toBe(true);
    await page
      .locator(
        `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-rerun button`
      )
      .click();
    await expect(
      page.locator('#cellpipe-sidebar .jp-cellpipe-Run')
    ).toHaveCount(2);
    await expect.poll(dirty).toBe(false);
    // The server was started without its venv on PATH: the kernel's Python ran the steps, and
    // the viewer says which (jupyter_server_test_config.py).
    await expect(
      page.locator(`${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-python`)
    ).toHaveText(
      /^Python: \/\S+\/\.venv\/bin\/python3? \(from the notebook's kernel 'python3'\)$/
    );
  });

  test('follows a local run to Succeeded and reads a step’s log', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/linear-chain.ipynb`;
    await page.contents.uploadFile(
      path.join(EXAMPLES, 'linear-chain.ipynb'),
      notebook
    );
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Succeeded', {
      timeout: 180_000
    });
    const steps = page.locator(
      `${viewer} .jp-cellpipe-RunViewer-steps tbody tr`
    );
    await expect(steps).toHaveCount(5);
    await expect(
      page.locator(
        `${viewer} .jp-cellpipe-RunViewer-node[data-status="Succeeded"]`
      )
    ).toHaveCount(5);
    await expectBoxesApart(page, id);
    // No parameters: the form says so, and its button offers a plain rerun.
    const rerun = page.locator(
      `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-rerun`
    );
    await expect(rerun).toContainText('This pipeline has no parameters.');
    await expect(rerun.locator('button[type="submit"]')).toHaveText('Rerun');
    const log = await showStepLog(page, 'split');
    await expect(log).toContainText('ran the code of step split');
    await expect(log).toContainText('loaded df');

    // A reload brings the viewer back with the same run.
    await page.reload({ waitForIsReady: false });
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await expect(runStatus(page, id)).toHaveText('Succeeded', {
      timeout: 30_000
    });
  });

  test('a Local Python that is not one is said before the parameters dialog, and nothing runs', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/parameters-and-metrics.ipynb`;
    await page.contents.uploadFile(
      path.join(EXAMPLES, 'parameters-and-metrics.ipynb'),
      notebook
    );
    await setLabSetting(page, 'localPython', '/nowhere/python3');
    try {
      await page.notebook.openByPath(notebook);
      await page.notebook.activate('parameters-and-metrics.ipynb');
      await page.sidebar.openTab('cellpipe-sidebar');
      await page
        .locator('#cellpipe-sidebar .jp-cellpipe-SplitButton-main')
        .click();
      const message = page.locator('#cellpipe-sidebar .jp-cellpipe-Message');
      await expect(message).toHaveClass(/jp-mod-error/, { timeout: 30_000 });
      await expect(message).toContainText('/nowhere/python3');
      await expect(message).toContainText('Local Python');
      await expect(page.locator('.jp-Dialog')).toHaveCount(0);
      await expect(
        page.locator('#cellpipe-sidebar .jp-cellpipe-Run')
      ).toHaveCount(0);
    } finally {
      await setLabSetting(page, 'localPython', undefined);
    }
  });

  test('a 63-character step name wraps: the viewer stays as wide as its tab', async ({
    page,
    tmpPath
  }) => {
    const long =
      'load_the_raw_customer_transactions_dataset_from_warehouse_xx_yz';
    expect(long).toHaveLength(63);
    const notebook = `${tmpPath}/long-name.ipynb`;
    await page.contents.uploadContent(
      notebookText([
        codeCell('rows = [1, 2, 3]\nprint(len(rows))', [`step:${long}`])
      ]),
      'text',
      notebook
    );
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Succeeded', {
      timeout: 180_000
    });
    await expect(await showStepLog(page, long)).toContainText('3');
    const widths = await page
      .locator('.jp-cellpipe-RunViewer-widget')
      .evaluate(widget => ({
        scroll: widget.scrollWidth,
        client: widget.clientWidth
      }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  });

  test('a chain of eight steps, taller than the DAG box, is fitted whole: its last step is in view', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/eight-steps.ipynb`;
    const cells = [codeCell('v0 = 0', ['step:s0'])];
    for (let i = 1; i < 8; i++) {
      cells.push(codeCell(`v${i} = v${i - 1} + 1`, [`step:s${i}`]));
    }
    await page.contents.uploadContent(notebookText(cells), 'text', notebook);
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Succeeded', {
      timeout: 180_000
    });
    const box = page.locator(
      `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-dagScroll`
    );
    const drawing = await box.evaluate(scroll => {
      const svg = scroll.querySelector('svg')!;
      const [, , , height] = svg.getAttribute('viewBox')!.split(' ');
      return {
        units: Number(height),
        drawn: svg.getBoundingClientRect().height,
        room: parseFloat(getComputedStyle(scroll).maxHeight)
      };
    });
    // Taller than the box at 100 %: fitted below it, and nothing to scroll.
    expect(drawing.units).toBeGreaterThan(drawing.room);
    expect(drawing.drawn).toBeLessThanOrEqual(drawing.room);
    expect(
      await box.evaluate(scroll => scroll.scrollHeight <= scroll.clientHeight)
    ).toBe(true);
    const last = await page
      .locator(`${viewer}[data-run="${id}"] [data-step="s7"]`)
      .boundingBox();
    const shown = await box.boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(
      shown!.y + shown!.height
    );
  });

  test("the rerun form says each parameter's type as the notebook declares it, and a bool is a true/false choice", async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/typed.ipynb`;
    await page.contents.uploadContent(
      notebookText([
        codeCell("fast = True\nn = 3\nrate = 0.5\nlabel = 'x'", [
          'pipeline-parameters'
        ]),
        codeCell('print(fast, n, rate, label)', ['step:show'])
      ]),
      'text',
      notebook
    );
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Succeeded', {
      timeout: 180_000
    });
    const form = page.locator(
      `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-rerun`
    );
    // The notebook's types: an int is not a float, though both are JSON numbers in the record.
    await expect(form.locator('label > span')).toHaveText([
      'fast (bool)',
      'n (int)',
      'rate (float)',
      'label (text)'
    ]);
    const fast = form.locator('label', { hasText: 'fast' }).locator('select');
    await expect(fast).toHaveValue('true');
    await expect(fast.locator('option')).toHaveText(['true', 'false']);
    // Every bad value is named at once, by parameter.
    const field = (label: string) =>
      form.locator('label', { hasText: label }).locator('input');
    await field('n (int)').fill('2.5');
    await field('rate (float)').fill('fast');
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('.jp-cellpipe-error')).toHaveText([
      'n must be a whole number, not "2.5"',
      'rate must be a number, not "fast"'
    ]);
  });

  test('a run whose notebook was deleted has nothing to rerun, though a new notebook has its path', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/gone.ipynb`;
    const upload = (source: string) =>
      page.contents.uploadContent(
        notebookText([codeCell(source, ['step:only'])]),
        'text',
        notebook
      );
    await upload("raise ValueError('boom')");
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Failed', {
      timeout: 180_000
    });
    const run = page.locator(`${viewer}[data-run="${id}"]`);
    const message = run.locator(
      '.jp-cellpipe-RunViewer-log .jp-cellpipe-error'
    );
    await showStepLog(page, 'only');
    await expect(message.locator('.jp-cellpipe-Run-link')).toHaveText(
      'gone.ipynb [cell 1], line 1'
    );

    // Deleted through Jupyter, and another notebook made at the same path.
    await page.contents.deleteFile(notebook);
    await upload("print('another notebook')");
    await page.reload({ waitForIsReady: false });
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await expect(runStatus(page, id)).toHaveText('Failed', { timeout: 30_000 });
    const rerun = run.locator('.jp-cellpipe-RunViewer-rerun');
    await expect(rerun.locator('button[type="submit"]')).toBeDisabled();
    await expect(rerun).toContainText(
      `The notebook was deleted after this run, so there is nothing to rerun: a notebook now at ${notebook} is another one.`
    );
    // The error names the deleted notebook's cell, so it leads nowhere in the new one.
    await showStepLog(page, 'only');
    await expect(message).toContainText('gone.ipynb [cell 1], line 1');
    await expect(message.locator('.jp-cellpipe-Run-link')).toHaveCount(0);
  });

  test('a step that printed megabytes: its log is read in one go and only its end is shown', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/chatty.ipynb`;
    // About 6.5 MB of output: more than the viewer keeps (4 MB of text).
    await page.contents.uploadContent(
      notebookText([
        codeCell(
          "for i in range(250000):\n    print(f'epoch {i:07d}: loss={1 / (i + 1):.6f}')\nresult = 1",
          ['step:train']
        ),
        codeCell('print(result)', ['step:report'])
      ]),
      'text',
      notebook
    );
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Succeeded', {
      timeout: 120_000
    });
    const log = await showStepLog(page, 'train');
    await expect(log).toContainText('epoch 0249999: loss=0.000004');
    await expect(
      page.locator(`${viewer} .jp-cellpipe-RunViewer-trimmedNote`)
    ).toHaveText(
      `This log is long: only its end is shown. \`cellpipe logs ${id} train\` prints all of it.`
    );
    const shown = await log.evaluate(node => node.textContent ?? '');
    expect(shown.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(shown.startsWith('epoch ')).toBe(true);
    expect(shown).not.toContain('epoch 0000000:');
  });

  test('a failing step shows Failed and the traceback with the notebook cell', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/failing.ipynb`;
    await page.contents.uploadFile(
      path.join(FIXTURES, 'failing.ipynb'),
      notebook
    );
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Failed', {
      timeout: 120_000
    });
    await expect(
      page.locator(`${viewer} .jp-cellpipe-RunViewer-node[data-step="divide"]`)
    ).toHaveAttribute('data-status', 'Failed');
    const log = page.locator(
      `${viewer} .jp-cellpipe-RunViewer-log pre[data-step="divide"]`
    );
    await expect(log).toContainText('ZeroDivisionError');
    await expect(log).toContainText('failing.ipynb [cell 3], line 2');
    // The run says which step failed and why, from the runtime's last line.
    await expect(
      page.locator(`${viewer}[data-run="${id}"] header .jp-cellpipe-error`)
    ).toHaveText(
      "step 'divide' failed: ZeroDivisionError in failing.ipynb [cell 3], line 2: division by zero (exit code 1)"
    );
    // The place is a link: its words flow on with the message (a button is a box of its own,
    // whose text wrapped inside it in a narrow sidebar), and it opens the notebook with the
    // cursor on that line.
    await expect(
      page.locator(
        `${viewer}[data-run="${id}"] header .jp-cellpipe-error .jp-cellpipe-Run-link`
      )
    ).toHaveCSS('display', 'inline');
    await page
      .locator(`${viewer}[data-run="${id}"] header .jp-cellpipe-error`)
      .getByRole('link', { name: 'failing.ipynb [cell 3], line 2' })
      .click();
    const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
    await expect(active.locator('.cm-editor.cm-focused')).toHaveCount(1);
    const at = await page.evaluate(() => {
      const notebook = (window as any).jupyterapp.shell.currentWidget;
      return {
        path: notebook.context.path,
        cell: notebook.content.activeCellIndex,
        line: notebook.content.activeCell.editor.getCursorPosition().line
      };
    });
    expect(at).toEqual({ path: notebook, cell: 2, line: 1 });
    // The cell gone since the run, the link says so instead of doing nothing.
    await page.evaluate(() => {
      const open = (window as any).jupyterapp.shell.currentWidget;
      open.content.model.sharedModel.deleteCell(2);
    });
    await openViewer(page, id);
    await page
      .locator(`${viewer}[data-run="${id}"] header .jp-cellpipe-error`)
      .getByRole('link', { name: 'failing.ipynb [cell 3], line 2' })
      .click();
    await expect(
      page.locator('.Toastify__toast', {
        hasText:
          'failing.ipynb has no cell 3 now: the run was of an earlier version of it.'
      })
    ).toHaveCount(1);

    // A small window with both sidebars open: the log goes under the steps, and the status
    // chips and column heads keep their words whole.
    await page.setViewportSize({ width: 1024, height: 700 });
    await openViewer(page, id);
    await page.sidebar.openTab('jp-property-inspector');
    await page.sidebar.openTab('cellpipe-sidebar');
    const body = page.locator(
      `${viewer}[data-run="${id}"] .jp-cellpipe-RunViewer-body`
    );
    await expect
      .poll(() => body.evaluate(node => getComputedStyle(node).flexDirection))
      .toBe('column');
    const lines = await page
      .locator(
        `${viewer}[data-run="${id}"] .jp-cellpipe-StatusChip, ${viewer}[data-run="${id}"] th`
      )
      .evaluateAll(nodes =>
        nodes.map(node => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return new Set([...range.getClientRects()].map(r => r.top)).size;
        })
      );
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every(count => count === 1)).toBe(true);
  });

  test('run viewer screenshots in the light and dark themes', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/failing.ipynb`;
    await page.contents.uploadFile(
      path.join(FIXTURES, 'failing.ipynb'),
      notebook
    );
    const id = await startRun(page, notebook);
    await openViewer(page, id);
    await expect(runStatus(page, id)).toHaveText('Failed', {
      timeout: 120_000
    });
    await expectBoxesApart(page, id);
    const mask = [
      page.locator(`${viewer} header p`),
      page.locator(`${viewer} .jp-cellpipe-RunViewer-steps td:nth-child(3)`),
      page.locator(`${viewer} .jp-cellpipe-RunViewer-log pre`),
      // The failure message names the run's log file, whose path holds the run id.
      page.locator(`${viewer} .jp-cellpipe-RunViewer-log .jp-cellpipe-error`)
    ];
    const content = page.locator(`${viewer}[data-run="${id}"]`);
    expect
      .soft(await content.screenshot({ mask }))
      .toMatchSnapshot('run-viewer-light.png');
    await page.theme.setDarkTheme();
    expect(await content.screenshot({ mask })).toMatchSnapshot(
      'run-viewer-dark.png'
    );
    await page.theme.setLightTheme();
  });
});
