/**
 * The sidebar DAG at the sidebar's default width (issue 15): fitted, zoomed, panned, with one
 * colour per step, the same on the cells' badges.
 */
import { expect, test } from '@jupyterlab/galata';
import { chainNotebook, openExample, panel } from './sidebar-helpers';

const pane = `${panel} .jp-cellpipe-ZoomPane`;
const scroller = `${pane} .jp-cellpipe-ZoomPane-scroll`;

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
    await expect(
      page.locator('.jp-Cell[data-cellpipe-step]').first()
    ).toBeVisible();
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
    // An imports cell and 320 chained steps: more than DAG_CULL_MIN_NODES (300).
    const steps = 320;
    const target = `${tmpPath}/long.ipynb`;
    await page.contents.uploadContent(
      chainNotebook(steps, (i, reads) => `v${i} = math.sqrt(${reads} + 1)\n`),
      'text',
      target
    );
    await page.notebook.openByPath(target);
    await page.notebook.activate('long.ipynb');
    await page.sidebar.openTab('cellpipe-sidebar');
    const dag = page.locator(`${panel} svg.jp-cellpipe-Dag`);
    await expect(dag).toHaveAttribute('data-nodes', String(steps), {
      timeout: 60_000
    });
    const first = page.locator(`${panel} [data-step="s1"]`);
    const last = page.locator(`${panel} [data-step="s${steps}"]`);
    await expect(first).toHaveCount(1);
    await expect(last).toHaveCount(0);
    await expect
      .poll(async () => Number(await dag.getAttribute('data-drawn-nodes')))
      .toBeLessThan(steps);
    // Scrolled to the end: the last steps are drawn, the first ones no longer.
    await page
      .locator(scroller)
      .evaluate(node => (node.scrollTop = node.scrollHeight));
    await expect(last).toHaveCount(1);
    await expect(first).toHaveCount(0);
    // A step drawn after scrolling still selects its cell.
    await last.click();
    await expect(
      page.locator('.jp-Notebook .jp-Cell.jp-mod-active')
    ).toContainText(`v${steps} = `, { timeout: 30_000 });
  });
});
