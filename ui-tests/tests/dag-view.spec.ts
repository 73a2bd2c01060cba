/**
 * The sidebar DAG at the sidebar's default width (issue 15): fitted, zoomed, panned, with one
 * colour per step, the same on the cells' badges. A long DAG, drawn only in view, and the
 * keyboard going through all of its steps, in the sidebar and in the run viewer.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  chainNotebook,
  openExample,
  openNotebookText,
  panel
} from './sidebar-helpers';

const pane = `${panel} .jp-cellpipe-ZoomPane`;
const scroller = `${pane} .jp-cellpipe-ZoomPane-scroll`;

/**
 * Opens a notebook of an imports cell and `steps` chained steps (more than DAG_CULL_MIN_NODES,
 * 300) with the sidebar, once its DAG has every step. With `newChainAt`, the step of that
 * number reads no earlier step: a second chain starts there, drawn beside the first from the
 * top.
 */
async function openLongDag(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  steps: number,
  newChainAt?: number
) {
  await openNotebookText(
    page,
    tmpPath,
    'long.ipynb',
    chainNotebook(
      steps,
      (i, reads) => `v${i} = math.sqrt(${i === newChainAt ? '0' : reads} + 1)\n`
    )
  );
  const dag = page.locator(`${panel} svg.jp-cellpipe-Dag`);
  await expect(dag).toHaveAttribute('data-nodes', String(steps), {
    timeout: 60_000
  });
  return dag;
}

/** How far the drawing sticks out of its scrolling box, in pixels (0 when it fits). */
async function overflow(page: import('@playwright/test').Page) {
  return page.locator(scroller).evaluate(node => ({
    x: node.scrollWidth - node.clientWidth,
    y: node.scrollLeft
  }));
}

test.describe('sidebar DAG: fit, zoom, pan and colours', () => {
  test('fits the default sidebar width; zooms in, pans by dragging, fits again', async ({
    page,
    tmpPath
  }) => {
    await openExample(page, tmpPath);
    const nodes = page.locator(`${panel} .jp-cellpipe-Dag-node`);
    await expect(nodes).toHaveCount(7);
    await expect(page.locator(pane)).toHaveAttribute('data-zoom', 'fit');
    // Every step is inside the sidebar: nothing clipped, no horizontal scrolling.
    await expect
      .poll(async () => (await overflow(page)).x)
      .toBeLessThanOrEqual(0);
    const box = (await page.locator(scroller).boundingBox())!;
    for (const node of await nodes.all()) {
      const b = (await node.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(box.x - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 1);
    }

    // Zoom in until the drawing is wider than the sidebar.
    const zoomIn = page.locator(`${pane} .jp-cellpipe-ZoomPane-in`);
    for (let i = 0; i < 4; i++) {
      await zoomIn.click();
    }
    await expect(page.locator(pane)).not.toHaveAttribute('data-zoom', 'fit');
    await expect.poll(async () => (await overflow(page)).x).toBeGreaterThan(50);

    // Drag the background (its top-left corner is margin, not a step) to pan right.
    const start = { x: box.x + 60, y: box.y + 4 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x - 40, start.y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await overflow(page)).y).toBeGreaterThan(0);

    // Steps stay clickable when zoomed (cell 8 is step svm).
    await page
      .locator(`${panel} [data-step="svm"]`)
      .evaluate(node =>
        node.scrollIntoView({ block: 'center', inline: 'center' })
      );
    await page.locator(`${panel} [data-step="svm"]`).click();
    await expect(
      page.locator('.jp-Notebook .jp-Cell.jp-mod-active')
    ).toContainText('svm');

    await page.locator(`${pane} .jp-cellpipe-ZoomPane-fit`).click();
    await expect(page.locator(pane)).toHaveAttribute('data-zoom', 'fit');
    await expect
      .poll(async () => (await overflow(page)).x)
      .toBeLessThanOrEqual(0);
  });

  test('gives every step its own colour, the same on its cells', async ({
    page,
    tmpPath
  }) => {
    await openExample(page, tmpPath);
    await expect(page.locator(`${panel} .jp-cellpipe-Dag-node`)).toHaveCount(7);
    // Every step's cells have their badge: JupyterLab attaches the cells below the view later
    // (its windowed notebook), and the badges follow them (the last step's came late once in CI).
    await expect
      .poll(() =>
        page.evaluate(() =>
          [
            ...new Set(
              [
                ...document.querySelectorAll<HTMLElement>(
                  '.jp-Cell[data-cellpipe-step]'
                )
              ].map(cell => cell.dataset.cellpipeStep)
            )
          ].sort()
        )
      )
      .toEqual([
        'compare',
        'extra_trees',
        'forest',
        'knn',
        'mlp',
        'split',
        'svm'
      ]);
    const colours = await page.evaluate(() => {
      const dag: Record<string, string> = {};
      for (const node of document.querySelectorAll(
        '#cellpipe-sidebar .jp-cellpipe-Dag-node'
      )) {
        const rect = node.querySelector('rect') as SVGRectElement;
        dag[(node as HTMLElement).dataset.step!] = getComputedStyle(rect).fill;
      }
      const cells: Record<string, string> = {};
      for (const cell of document.querySelectorAll<HTMLElement>(
        '.jp-Cell[data-cellpipe-step]'
      )) {
        const probe = document.createElement('span');
        probe.style.color = cell.style.getPropertyValue(
          '--jp-cellpipe-step-colour'
        );
        document.body.appendChild(probe);
        cells[cell.dataset.cellpipeStep!] = getComputedStyle(probe).color;
        probe.remove();
      }
      return { dag, cells };
    });
    const steps = Object.keys(colours.dag).sort();
    expect(steps).toEqual([
      'compare',
      'extra_trees',
      'forest',
      'knn',
      'mlp',
      'split',
      'svm'
    ]);
    // knn, mlp and compare were all the same teal.
    expect(new Set(Object.values(colours.dag)).size).toBe(7);
    expect(Object.keys(colours.cells).sort()).toEqual(steps);
    for (const step of steps) {
      expect({ step, colour: colours.cells[step] }).toEqual({
        step,
        colour: colours.dag[step]
      });
    }
  });
  test('a long DAG draws the steps in view, and others as it is scrolled', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(180_000);
    const steps = 320;
    const dag = await openLongDag(page, tmpPath, steps);
    // The first and last steps are always drawn (Tab and Shift+Tab enter the DAG there): the
    // second and the last but one show what is culled.
    const second = page.locator(`${panel} [data-step="s2"]`);
    const nearEnd = page.locator(`${panel} [data-step="s${steps - 1}"]`);
    const last = page.locator(`${panel} [data-step="s${steps}"]`);
    await expect(second).toHaveCount(1);
    await expect(nearEnd).toHaveCount(0);
    await expect
      .poll(async () => Number(await dag.getAttribute('data-drawn-nodes')))
      .toBeLessThan(steps);
    // Scrolled to the end: the last steps are drawn, the first ones no longer.
    await page
      .locator(scroller)
      .evaluate(node => (node.scrollTop = node.scrollHeight));
    await expect(nearEnd).toHaveCount(1);
    await expect(second).toHaveCount(0);
    // A step drawn after scrolling still selects its cell and scrolls the notebook to it. The
    // notebook was just opened: JupyterLab attaches its cells a few at a time (here 20 to 30 a
    // second, all 321 in 11 to 22 s, longer on a slower machine) and gives up scrolling to a
    // cell that is not there within 10 s, so the cell is shown once it is attached.
    await last.click();
    const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
    await expect(active).toContainText(`v${steps} = `, { timeout: 90_000 });
    await expect(active).toBeInViewport();
  });

  test('the keyboard reaches every step of a long DAG, scrolling to the steps it was not drawing', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(180_000);
    const steps = 320;
    // Steps 1 to 40 are one chain, 41 to 320 another, drawn beside it: after step 40, at the
    // bottom of the first chain, comes step 41 at the top of the second, far from it.
    const far = 40;
    const dag = await openLongDag(page, tmpPath, steps, far + 1);
    const step = (i: number) => page.locator(`${panel} [data-step="s${i}"]`);
    const scrollTop = () =>
      page.locator(scroller).evaluate(node => node.scrollTop);
    const focusInDag = () =>
      dag.evaluate(svg => svg.contains(document.activeElement));
    // Step 40 lies far below the view (each step takes 66 pixels): not drawn.
    await expect(step(far)).toHaveCount(0);
    expect(await scrollTop()).toBe(0);

    // The DAG is one stop in the Tab order: one step can be tabbed to, the first at the start.
    await expect(dag.locator('[data-step][tabindex="0"]')).toHaveCount(1);
    await page.locator(`${pane} .jp-cellpipe-ZoomPane-fit`).focus();
    await page.keyboard.press('Tab');
    await expect(step(1)).toBeFocused();
    await expect(step(1)).toHaveAttribute('aria-label', 'step s1, Cell 2');
    // The arrow keys go through the steps in order, drawing each as the pane scrolls to it.
    for (let i = 2; i <= far; i++) {
      await page.keyboard.press('ArrowDown');
      await expect(step(i)).toBeFocused();
    }
    await expect(step(far)).toBeInViewport();
    const atFar = await scrollTop();
    expect(atFar).toBeGreaterThan(0);
    expect(Number(await dag.getAttribute('data-drawn-nodes'))).toBeLessThan(
      steps
    );
    // The next step, at the top of the other chain, is out of view and not drawn; the key goes
    // to it (not to a drawn step of that chain near step 40) and scrolls the pane up to it.
    await expect(step(far + 1)).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await expect(step(far + 1)).toBeFocused();
    await expect(step(far + 1)).toBeInViewport();
    expect(await scrollTop()).toBeLessThan(atFar);
    await page.keyboard.press('ArrowLeft');
    await expect(step(far)).toBeFocused();
    await expect(step(far)).toBeInViewport();
    await page.keyboard.press('ArrowUp');
    await expect(step(far - 1)).toBeFocused();

    // Tab leaves the DAG at once, from any step; Shift+Tab comes back to the step it left,
    // now the DAG's one Tab stop.
    await page.keyboard.press('Tab');
    expect(await focusInDag()).toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expect(step(far - 1)).toBeFocused();
    await expect(dag.locator('[data-step][tabindex="0"]')).toHaveCount(1);
    await expect(step(far - 1)).toHaveAttribute('tabindex', '0');
    // Shift+Tab leaves it backwards (to the zoom buttons), and Tab comes back to the same step.
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDag()).toBe(false);
    await page.keyboard.press('Tab');
    await expect(step(far - 1)).toBeFocused();

    // End goes to the last step, scrolling the pane to the end of the drawing.
    await page.keyboard.press('End');
    await expect(step(steps)).toBeFocused();
    await expect(step(steps)).toBeInViewport();
    await expect(step(steps - 1)).toBeInViewport();
    await expect(step(2)).toHaveCount(0);
    // Home goes back to the first.
    await page.keyboard.press('Home');
    await expect(step(1)).toBeFocused();
    await expect(step(1)).toBeInViewport();
    expect(await scrollTop()).toBe(0);

    // Scrolled away with the mouse, the focused step stays drawn and focused; the next key
    // scrolls back to the step it moves to, which was not drawn.
    await page
      .locator(scroller)
      .evaluate(node => (node.scrollTop = node.scrollHeight));
    await expect(step(2)).toHaveCount(0);
    await expect(step(1)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(step(2)).toBeFocused();
    await expect(step(2)).toBeInViewport();

    // Out of view after the focus left, the Tab stop stays drawn, and Tab scrolls back to it.
    await page.keyboard.press('Tab');
    expect(await focusInDag()).toBe(false);
    await page
      .locator(scroller)
      .evaluate(node => (node.scrollTop = node.scrollHeight));
    await expect(step(3)).toHaveCount(0);
    await expect(step(2)).toHaveCount(1);
    await page.keyboard.press('Shift+Tab');
    await expect(step(2)).toBeFocused();
    await expect(step(2)).toBeInViewport();

    // The DAG says how many steps it has, drawn or not.
    await expect(dag).toHaveAttribute('role', 'group');
    await expect(dag).toHaveAttribute(
      'aria-label',
      `pipeline steps: ${steps} steps`
    );

    // Enter selects the focused step's cell.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await expect(step(steps - 1)).toBeFocused();
    await page.keyboard.press('Enter');
    const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
    await expect(active).toContainText(`v${steps - 1} = `, {
      timeout: 90_000
    });
    await expect(active).toBeInViewport();
  });
});

test.describe('run viewer DAG: the keyboard in a long DAG', () => {
  test('reaches a step far outside the view and selects it', async ({
    page
  }) => {
    test.setTimeout(120_000);
    const steps = 320;
    const id = '20261130-140000-000abc';
    const names = Array.from({ length: steps }, (_, i) => `s${i + 1}`);
    const record = {
      id,
      status: 'Succeeded',
      target: 'local',
      notebook: 'long.ipynb',
      pipeline: 'long',
      createdAt: '2026-11-30T14:00:00.000Z',
      startedAt: '2026-11-30T14:00:00.000Z',
      finishedAt: '2026-11-30T14:05:00.000Z',
      params: {},
      links: [],
      steps: names.map((name, i) => ({
        name,
        status: 'Succeeded',
        startedAt: '2026-11-30T14:00:00.000Z',
        finishedAt: '2026-11-30T14:00:01.000Z',
        exitCode: 0,
        log: null,
        after: i ? [names[i - 1]] : []
      }))
    };
    // A stand-in for the run's record and its steps' logs (design §4).
    await page.route(/\/cellpipe\/runs\//, route => {
      const url = new URL(route.request().url());
      const log = url.pathname.match(/\/steps\/([^/]+)\/log$/);
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(
          log
            ? { text: `log of ${log[1]}\n`, offset: 12, complete: true }
            : record
        )
      });
    });
    await page.evaluate(
      runId =>
        (window as any).galata.app.commands.execute(
          'cellpipe:open-run-viewer',
          { id: runId }
        ),
      id
    );
    const viewer = page.locator(`.jp-cellpipe-RunViewer[data-run="${id}"]`);
    const dag = viewer.locator('svg.jp-cellpipe-RunViewer-dag');
    await expect(dag).toHaveAttribute('data-nodes', String(steps));
    const step = (i: number) => dag.locator(`[data-step="s${i}"]`);
    const far = 30;
    await expect(step(far)).toHaveCount(0);

    await viewer.locator('.jp-cellpipe-ZoomPane-fit').focus();
    await page.keyboard.press('Tab');
    await expect(step(1)).toBeFocused();
    for (let i = 2; i <= far; i++) {
      await page.keyboard.press('ArrowDown');
      await expect(step(i)).toBeFocused();
    }
    await expect(step(far)).toBeInViewport();
    expect(
      await viewer
        .locator('.jp-cellpipe-RunViewer-dagScroll')
        .evaluate(node => node.scrollTop)
    ).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect(step(far)).toHaveClass(/jp-mod-selected/);
    await expect(viewer).toContainText(`log of s${far}`);
    await expect(dag).toHaveAttribute(
      'aria-label',
      `run steps by status: ${steps} steps`
    );
  });
});
