/** Shared by the sidebar UI tests: opening examples, reloads, and a stand-in for the run routes. */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as path from 'path';

export const SIDEBAR = 'cellpipe-sidebar';
const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
export const panel = '#cellpipe-sidebar';
export async function openExample(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  name = 'fan-out.ipynb'
): Promise<string> {
  const target = `${tmpPath}/${name}`;
  await page.contents.uploadFile(path.join(EXAMPLES, name), target);
  await openWithSidebar(page, target);
  await expect(page.locator(`${panel} .jp-cellpipe-Dag`)).toBeVisible();
  return target;
}

/** Saves notebook `text` as `tmpPath/name`, opens it and the sidebar; returns its path. */
export async function openNotebookText(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  name: string,
  text: string
): Promise<string> {
  const target = `${tmpPath}/${name}`;
  await page.contents.uploadContent(text, 'text', target);
  await openWithSidebar(page, target);
  return target;
}

/** Renames the notebook in tab `from` to `to` as a user does: the tab's context menu. */
export async function renameNotebookTab(
  page: IJupyterLabPageFixture,
  from: string,
  to: string
): Promise<void> {
  await page
    .locator('.lm-TabBar-tab', { hasText: from })
    .click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Rename Notebook' }).click();
  await page.locator('.jp-Dialog input').fill(to);
  await page.locator('.jp-Dialog .jp-mod-accept').click();
  await expect(
    page.locator('.lm-TabBar-tab.jp-mod-current', { hasText: to })
  ).toBeVisible();
}

/** Opens the sidebar's Pipeline settings section; gives its form. */
export async function openSettingsForm(
  page: IJupyterLabPageFixture
): Promise<Locator> {
  await page.locator(`${panel} [data-section="settings"] summary`).click();
  return page.locator(`${panel} form.jp-cellpipe-Settings`);
}

/** The `cellpipe` metadata of the notebook in the main area, as its model holds it now. */
export function cellpipeMetadata(page: IJupyterLabPageFixture): Promise<any> {
  return page.evaluate(() => {
    const app = (window as any).jupyterapp;
    return app.shell.currentWidget.context.model.getMetadata('cellpipe');
  });
}

/** Picks `item` (Compile only, Export YAML…) from the Compile and run button's menu. */
export async function chooseAction(page: IJupyterLabPageFixture, item: string) {
  await page.locator(`${panel} .jp-cellpipe-SplitButton-caret`).click();
  await page
    .locator(`${panel} .jp-cellpipe-SplitButton-item`, { hasText: item })
    .click();
}

/** Compile only, then waits for "Compiled for argo"; returns the sidebar's message. */
export async function compileOnly(
  page: IJupyterLabPageFixture,
  timeout = 30_000
) {
  await chooseAction(page, 'Compile only');
  const message = page.locator(`${panel} .jp-cellpipe-Message`);
  await expect(message).toContainText('Compiled for argo', { timeout });
  return message;
}

async function openWithSidebar(page: IJupyterLabPageFixture, target: string) {
  await page.notebook.openByPath(target);
  await page.notebook.activate(target.split('/').pop()!);
  await page.sidebar.openTab(SIDEBAR);
}

/** Reloads the page (the notebook tab, not the Launcher, comes back) and shows the sidebar. */
export async function reloadWithNotebook(
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
export async function serverRuns(
  page: IJupyterLabPageFixture
): Promise<boolean> {
  const status = await page.evaluate(async () => {
    const response = await fetch('/cellpipe/runs', {
      credentials: 'same-origin'
    });
    return response.status;
  });
  return status === 200;
}

/** A code cell as Jupyter writes it; `tags` omitted leaves the cell's metadata empty. */
export function codeCell(source: string, tags?: string[]): object {
  return {
    cell_type: 'code',
    execution_count: null,
    metadata: tags ? { tags } : {},
    outputs: [],
    source
  };
}

export function markdownCell(source: string): object {
  return { cell_type: 'markdown', metadata: {}, source };
}

/** The text of an nbformat 4 notebook of `cells` on the python3 kernel, `metadata` added. */
export function notebookText(
  cells: object[],
  metadata: Record<string, unknown> = {}
): string {
  return JSON.stringify({
    cells,
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python'
      },
      ...metadata
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

/**
 * An imports cell (`import math`), then `steps` steps s1, s2, ... in a chain: step i's cell is
 * `source(i, reads)`, where `reads` is the previous step's variable (`0` for the first).
 */
export function chainNotebook(
  steps: number,
  source: (i: number, reads: string) => string
): string {
  const cells = [codeCell('import math\n', ['imports'])];
  for (let i = 1; i <= steps; i++) {
    cells.push(
      codeCell(source(i, i === 1 ? '0' : `v${i - 1}`), [`step:s${i}`])
    );
  }
  return notebookText(cells);
}

/** A two-step notebook whose second step raises. */
export function failingNotebook(): string {
  return notebookText(
    [
      codeCell('numbers = [1, 2, 3]\n', ['step:make']),
      codeCell(
        'total = sum(numbers)\nraise ValueError("boom in step check")\n',
        ['step:check']
      )
    ],
    { cellpipe: { name: 'failing' } }
  );
}

/**
 * A stand-in for the server's run routes (design §4), for the runs list's own behaviour: the
 * records it returns follow src/core/runs/record.ts. Each started run goes Pending, Running,
 * then `finalStatus` after a few polls; cancel ends a run as Cancelled. Records outlive a page
 * reload, as the server's run store does.
 */
export async function standInRunServer(
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
      if (body.check) {
        return json({ checked: true }); // asked before the parameters dialog
      }
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

const PLUGIN = 'cellpipe:plugin';

/** Sets (or, with undefined, removes) a cellpipe lab setting through JupyterLab's registry. */
export async function setLabSetting(
  page: IJupyterLabPageFixture,
  key: string,
  value: unknown
) {
  await page.evaluate(
    async ({ plugin, key, value }) => {
      const registry = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      if (value === undefined) {
        await registry.remove(plugin, key);
      } else {
        await registry.set(plugin, key, value);
      }
    },
    { plugin: PLUGIN, key, value }
  );
}

/**
 * A run's error reads as one wrapped paragraph across the run's whole width: not split into
 * columns (as a flex row would) and not cut off at the side.
 */
export async function expectOneParagraph(error: Locator): Promise<void> {
  const layout = await error.evaluate(element => {
    const run = element.closest('.jp-cellpipe-Run') as HTMLElement;
    return {
      display: getComputedStyle(element).display,
      width: element.getBoundingClientRect().width,
      runWidth: run.getBoundingClientRect().width,
      clipped: element.scrollWidth > element.clientWidth + 1
    };
  });
  expect(layout.display).toBe('block');
  expect(Math.abs(layout.width - layout.runWidth)).toBeLessThan(2);
  expect(layout.clipped).toBe(false);
}
