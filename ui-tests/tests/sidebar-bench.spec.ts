/**
 * Browser measurements of the sidebar (issues 5 and 12, bench/lab): keystroke -> DAG updated
 * (issue 12's goal: p95 within one frame, 16 ms, in a 1,000-cell notebook), the plugin's
 * activation, and the sidebar's first load. In CI it runs as a test on 200 cells and reports
 * the figures; the goals are checked only with CELLPIPE_BENCH_STRICT=1 (bench runs).
 *
 * Keys are timed three times: 20 right after the DAG is drawn, while JupyterLab is still
 * attaching the notebook's cells in idle time (a key that arrives during an attachment waits for
 * it), then 40 once every cell is attached, back to back (each sent as soon as the last one's DAG
 * is measured), then 40 more at a fast typist's pace, ten a second. The goals are about the
 * settled keys. Each key's time is also split at the notebook model's change: before it is
 * JupyterLab and CodeMirror handling the key.
 *
 * CELLPIPE_BENCH_CELLS=N sets the notebook's size (default 200; bench/lab/run.sh uses 1000), and
 * CELLPIPE_BENCH_SHAPE its shape (below).
 * With CELLPIPE_BENCH_OUT=FILE the figures are written there as JSON (bench/lab/run.sh).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import { chainNotebook } from './sidebar-helpers';

const SIDEBAR = 'cellpipe-sidebar';
const CELLS = Number(process.env.CELLPIPE_BENCH_CELLS ?? 200);
const KEYSTROKES = 40;
/** A fast typist's pace: ten keys a second (120 words a minute). */
const PACE_MS = 100;
const EARLY_KEYSTROKES = 20;

/**
 * The notebook's shape (CELLPIPE_BENCH_SHAPE): `chain`, each step reading the step before's
 * value, or `shared`, each step also reading the `df` the first step makes, as notebooks that
 * load their data once do (the first step then has an edge to every other; bench/analyze/updates
 * measures the same shapes in Node).
 */
const SHAPE = process.env.CELLPIPE_BENCH_SHAPE ?? 'chain';
if (SHAPE !== 'chain' && SHAPE !== 'shared') {
  throw new Error(
    `CELLPIPE_BENCH_SHAPE is ${SHAPE}: it must be chain or shared`
  );
}

/** CELLS cells: an imports cell, then CELLS - 1 steps, each reading the previous step's variable. */
function bigNotebook(): string {
  const shared = SHAPE === 'shared';
  return chainNotebook(
    CELLS - 1,
    (i, reads) =>
      `# step ${i}\n` +
      (shared && i === 1 ? 'df = [0.5] * 10\n' : '') +
      `v${i} = math.sqrt(${reads} + ${shared ? 'len(df) + ' : ''}${i})\n` +
      `w${i} = [v${i}] * 3\n`
  );
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    median: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    max: sorted[sorted.length - 1],
    min: sorted[0]
  };
}

async function measures(
  page: IJupyterLabPageFixture,
  name: string
): Promise<number[]> {
  return page.evaluate(
    n => performance.getEntriesByName(n, 'measure').map(e => e.duration),
    name
  );
}

test(`keystroke -> DAG updated in a ${CELLS}-cell notebook (measured)`, async ({
  page,
  tmpPath
}) => {
  test.setTimeout(240_000 + CELLS * 600);
  const activation = await measures(page, 'cellpipe:activate');
  const startup = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter(e => e.name.includes('/lab/extensions/cellpipe/'))
      .map(e => ({ name: e.name.split('/').pop(), ms: e.duration }))
  );

  const target = `${tmpPath}/big.ipynb`;
  await page.contents.uploadContent(bigNotebook(), 'text', target);
  await page.notebook.openByPath(target);
  await page.notebook.activate('big.ipynb');
  const opened = Date.now();
  await page.sidebar.openTab(SIDEBAR);
  // The whole graph's size (a DAG of 300 steps or more draws only what is in view).
  const dag = page.locator('#cellpipe-sidebar svg.jp-cellpipe-Dag');
  await expect(dag).toHaveAttribute('data-nodes', String(CELLS - 1), {
    timeout: 60_000
  });
  const firstDag = Date.now() - opened;
  const sidebarLoad = await measures(page, 'cellpipe:sidebar-load');

  // Type into a step in the middle: each key is timed from its keydown to the DAG drawn.
  // The analysis at open parses every cell; the measures below are the keys'.
  const firstAnalysisMs = (await measures(page, 'cellpipe:analysis'))[0];
  await page.notebook.enterCellEditingMode(100);
  await page.keyboard.press('Control+End');
  await page.evaluate(() => {
    (window as any).cellpipeKeys = [];
    (window as any).cellpipeKeyWaits = [];
    document.addEventListener(
      'keydown',
      event => {
        (window as any).cellpipeKeys.push(event.timeStamp);
        // How long the key waited before the page could handle it (the page was busy).
        (window as any).cellpipeKeyWaits.push(
          performance.now() - event.timeStamp
        );
      },
      { capture: true }
    );
    for (const name of [
      'cellpipe:edit-to-dag',
      'cellpipe:analysis',
      'cellpipe:wait',
      'cellpipe:snapshot',
      'cellpipe:render'
    ]) {
      performance.clearMeasures(name);
    }
  });
  // Resolves to keydown -> DAG drawn of the last key, once its DAG update has been measured: the
  // first that began after its keydown (the notebook model may change without a key too, as when
  // the kernel reports its language and JupyterLab writes it into the metadata).
  const lastKeyDrawn = async () =>
    (
      await page.waitForFunction(() => {
        const keys: number[] = (window as any).cellpipeKeys;
        const key = keys[keys.length - 1];
        const update = performance
          .getEntriesByName('cellpipe:edit-to-dag', 'measure')
          .find(entry => entry.startTime >= key);
        return update && update.startTime + update.duration - key;
      })
    ).jsonValue();
  let typed = 0;
  /**
   * Types `count` keys, one at a time: each waits until the last one's DAG update has been
   * measured, and with `paceMs`, also until that long after the last key was sent.
   */
  const typeKeys = async (count: number, paceMs = 0) => {
    for (let i = 0; i < count; i++) {
      const sent = Date.now();
      await page.keyboard.type(typed % 2 === 0 ? 'x' : '1');
      typed++;
      await lastKeyDrawn();
      const rest = paceMs - (Date.now() - sent);
      if (rest > 0) {
        await page.waitForTimeout(rest);
      }
    }
  };
  // Each key's measures, matched by time, not by count: its DAG update is the first that began
  // after its keydown and before the next key's; its split (wait, snapshot, analysis, render)
  // lies inside that update.
  const keyMeasures = async (from: number, to: number) =>
    page.evaluate(
      ([first, last]) => {
        const keys: number[] = (window as any).cellpipeKeys;
        const entries = (name: string) =>
          performance.getEntriesByName(name, 'measure');
        const drawn = entries('cellpipe:edit-to-dag');
        const inside = (name: string, update: PerformanceEntry) =>
          entries(name).find(
            e =>
              e.startTime >= update.startTime &&
              e.startTime + e.duration <=
                update.startTime + update.duration + 0.001
          )?.duration ?? NaN;
        return keys.slice(first, last).map((key, i) => {
          const next = keys[first + i + 1] ?? Infinity;
          const update = drawn.find(
            e => e.startTime >= key && e.startTime < next
          );
          if (!update) {
            throw new Error(`key ${first + i} has no DAG update of its own`);
          }
          return {
            toDag: update.startTime + update.duration - key,
            toModelChange: update.startTime - key,
            modelChangeToDag: update.duration,
            wait: inside('cellpipe:wait', update),
            snapshot: inside('cellpipe:snapshot', update),
            analysis: inside('cellpipe:analysis', update),
            render: inside('cellpipe:render', update)
          };
        });
      },
      [from, to]
    );

  // While the notebook is still attaching cells: JupyterLab's windowed notebook attaches the
  // cells outside the viewport in idle callbacks (about 15 a second here), each some tens of
  // milliseconds of script and style, and a key that arrives during one waits for it.
  await typeKeys(EARLY_KEYSTROKES);
  const early = await keyMeasures(0, EARLY_KEYSTROKES);
  // Then the goal's figure: the notebook settled, every cell attached.
  const attachStarted = Date.now();
  await page.waitForFunction(
    n => document.querySelectorAll('.jp-Notebook .jp-Cell').length >= n,
    CELLS,
    { timeout: 60_000 + CELLS * 300, polling: 500 }
  );
  const allCellsAttachedMs = Date.now() - opened;
  const attachWaitMs = Date.now() - attachStarted;
  await typeKeys(KEYSTROKES);
  const settled = await keyMeasures(
    EARLY_KEYSTROKES,
    EARLY_KEYSTROKES + KEYSTROKES
  );
  const keyToDag = settled.map(k => k.toDag);
  const editToDag = settled.map(k => k.modelChangeToDag);
  // DAG updates no key made (the model changed by itself), for the record.
  const updatesWithoutKey =
    (await measures(page, 'cellpipe:edit-to-dag')).length -
    EARLY_KEYSTROKES -
    KEYSTROKES;
  const analysis = await measures(page, 'cellpipe:analysis');
  // The keys' three slowest analyses, each with how many cells it parsed (one, unless the cache
  // lost the others): a slow analysis that parsed one cell was the machine's or the GC's.
  const slowestAnalyses = await page.evaluate(() =>
    performance
      .getEntriesByName('cellpipe:analysis', 'measure')
      .map(entry => ({
        ms: entry.duration,
        parsedCells: (entry as PerformanceMeasure).detail?.parsedCells
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
  );
  const layout = await measures(page, 'cellpipe:layout');
  // cellpipe's part of each settled key, split (measures in src/lab/sidebar/live-analysis.ts).
  const split = {
    waitMs: stats(settled.map(k => k.wait)),
    snapshotMs: stats(settled.map(k => k.snapshot)),
    analysisMs: stats(settled.map(k => k.analysis)),
    renderMs: stats(settled.map(k => k.render))
  };
  const keyWaits = await page.evaluate(
    first => ((window as any).cellpipeKeyWaits as number[]).slice(first),
    EARLY_KEYSTROKES
  );

  // The same keys at a fast typist's pace, one every PACE_MS: back to back, above, each key is
  // sent as soon as the last one's DAG is measured, while the page still draws that key's frame
  // (JupyterLab's and CodeMirror's layout, measure and paint), and waits for it.
  const pacedFrom = EARLY_KEYSTROKES + KEYSTROKES;
  await typeKeys(KEYSTROKES, PACE_MS);
  const paced = await keyMeasures(pacedFrom, pacedFrom + KEYSTROKES);
  const pacedWaits = await page.evaluate(
    ([first, last]) =>
      ((window as any).cellpipeKeyWaits as number[]).slice(first, last),
    [pacedFrom, pacedFrom + KEYSTROKES]
  );

  // A new edge: step 100 starts reading v5 (typed on a new line). The keys stay fast (the
  // previous layout is kept, dimmed); the new layout comes once typing pauses.
  const edgesBefore = Number(await dag.getAttribute('data-edges'));
  await page.keyboard.press('Enter');
  await lastKeyDrawn();
  const structural: number[] = [];
  for (const key of 'q = v5') {
    await page.keyboard.type(key);
    structural.push(await lastKeyDrawn());
  }
  const lastKey = await page.evaluate(() => performance.now());
  await expect(dag).toHaveAttribute('data-edges', String(edgesBefore + 1), {
    timeout: 10_000
  });
  const newEdgeDrawnMs =
    (await page.evaluate(() => performance.now())) - lastKey;

  // The reference, side by side in the same notebook and browser: JupyterLab alone. With the
  // sidebar closed cellpipe does no work on a key (its analysis follows only a visible panel),
  // so keystroke -> notebook model change is all JupyterLab's and CodeMirror's.
  const analysesBefore = (await measures(page, 'cellpipe:analysis')).length;
  await page.sidebar.close('left');
  await expect(page.locator('#cellpipe-sidebar')).toBeHidden();
  // Closing the sidebar takes the focus: back to the end of the same cell.
  await page.notebook.enterCellEditingMode(100);
  await page.keyboard.press('Control+End');
  // The keydown listener above goes on recording: these keys are the ones from here on.
  const aloneFrom = await page.evaluate(() => {
    (window as any).cellpipeAloneChanges = [];
    const notebook = (window as any).jupyterapp.shell.currentWidget;
    notebook.content.model.contentChanged.connect(() =>
      (window as any).cellpipeAloneChanges.push(performance.now())
    );
    return ((window as any).cellpipeKeys as number[]).length;
  });
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.type(i % 2 === 0 ? 'x' : '1');
    await page.waitForFunction(
      n => (window as any).cellpipeAloneChanges.length > n,
      i
    );
    // As above, the next key comes once this one's frame is drawn.
    await page.evaluate(
      () => new Promise(resolve => requestAnimationFrame(resolve))
    );
  }
  // And at the typist's pace.
  for (let i = KEYSTROKES; i < 2 * KEYSTROKES; i++) {
    const sent = Date.now();
    await page.keyboard.type(i % 2 === 0 ? 'x' : '1');
    await page.waitForFunction(
      n => (window as any).cellpipeAloneChanges.length > n,
      i
    );
    const rest = PACE_MS - (Date.now() - sent);
    if (rest > 0) {
      await page.waitForTimeout(rest);
    }
  }
  const aloneChanges = await page.evaluate(first => {
    const keys: number[] = (window as any).cellpipeKeys.slice(first);
    const changes: number[] = (window as any).cellpipeAloneChanges;
    return keys.map((key, i) => changes[i] - key);
  }, aloneFrom);
  expect(aloneChanges.length).toBe(2 * KEYSTROKES);
  const aloneKeyToModelChange = aloneChanges.slice(0, KEYSTROKES);
  const pacedAloneKeyToModelChange = aloneChanges.slice(KEYSTROKES);
  // cellpipe did nothing meanwhile.
  expect((await measures(page, 'cellpipe:analysis')).length).toBe(
    analysesBefore
  );

  const result = {
    cells: CELLS,
    shape: SHAPE,
    steps: CELLS - 1,
    keystrokes: KEYSTROKES,
    // Typed once every cell is attached (the goal's figure).
    keystrokeToDagMs: stats(keyToDag),
    keystrokeToModelChangeMs: stats(settled.map(k => k.toModelChange)),
    // The reference: the same keys with the sidebar closed (cellpipe idle), JupyterLab alone.
    jupyterLabAloneKeystrokeToModelChangeMs: stats(aloneKeyToModelChange),
    modelChangeToDagMs: stats(editToDag),
    updatesWithoutKey,
    // Of keystroke -> model change: how long the key waited before the page could handle it.
    keystrokeWaitMs: stats(keyWaits.slice(0, KEYSTROKES)),
    // The same keys at a typist's pace (one every paceMs), and JupyterLab alone at that pace.
    paceMs: PACE_MS,
    pacedKeystrokeToDagMs: stats(paced.map(k => k.toDag)),
    pacedKeystrokeToModelChangeMs: stats(paced.map(k => k.toModelChange)),
    pacedKeystrokeWaitMs: stats(pacedWaits),
    pacedModelChangeToDagMs: stats(paced.map(k => k.modelChangeToDag)),
    pacedJupyterLabAloneKeystrokeToModelChangeMs: stats(
      pacedAloneKeyToModelChange
    ),
    // Every key's keystroke -> DAG, in the order typed (back to back, then paced).
    keystrokeToDagSamplesMs: keyToDag,
    pacedKeystrokeToDagSamplesMs: paced.map(k => k.toDag),
    // Of model change -> DAG: the rest of the key's task before the analysis (JupyterLab's
    // listeners), reading the notebook, the analysis (the reading included), and the render.
    modelChangeToDagSplit: split,
    // The first keys, typed while JupyterLab was still attaching the notebook's cells.
    earlyKeystrokes: EARLY_KEYSTROKES,
    earlyKeystrokeToDagMs: stats(early.map(k => k.toDag)),
    earlyKeystrokeToModelChangeMs: stats(early.map(k => k.toModelChange)),
    // From opening the sidebar until JupyterLab had attached every cell.
    allCellsAttachedMs,
    attachWaitMs,
    // The analyses of the keys typed (the first keys' and the settled ones).
    analysisMs: stats(analysis),
    slowestAnalyses,
    firstAnalysisMs,
    // Full dagre layouts: only when steps or edges change (the first open here).
    layoutMs: layout,
    // Keys that change an edge (typing "q = v5" on a new line of step 100).
    edgeChangeKeyToDagMs: stats(structural),
    // From the last of those keys to the new edge on screen (pause + layout).
    lastKeyToNewEdgeMs: newEdgeDrawnMs,
    activationMs: activation,
    sidebarFirstLoadMs: sidebarLoad,
    openSidebarToFirstDagMs: firstDag,
    // Of the whole DAG, the boxes drawn (the rest is outside the view).
    drawnNodes: Number(await dag.getAttribute('data-drawn-nodes')),
    startupResources: startup,
    userAgent: await page.evaluate(() => navigator.userAgent)
  };
  console.log(JSON.stringify(result, null, 2));
  if (process.env.CELLPIPE_BENCH_OUT) {
    fs.writeFileSync(
      process.env.CELLPIPE_BENCH_OUT,
      JSON.stringify(result, null, 2) + '\n'
    );
  }
  expect(keyToDag.length).toBe(KEYSTROKES);
  // The goals are measurements, not CI gates: on a loaded shared machine a timing threshold
  // fails for reasons that are not the code's. They are reported here and in bench/README.md;
  // CELLPIPE_BENCH_STRICT=1 makes them fail the test (for bench runs).
  test.info().annotations.push({
    type: 'keystroke -> DAG median / p95 (goals: median < 50 ms; p95 <= 16 ms at 1,000 cells)',
    description: `${result.keystrokeToDagMs.median.toFixed(1)} / ${result.keystrokeToDagMs.p95.toFixed(1)} ms (${CELLS} cells)`
  });
  test.info().annotations.push({
    type: `keystroke -> DAG median / p95, keys ${PACE_MS} ms apart`,
    description: `${result.pacedKeystrokeToDagMs.median.toFixed(1)} / ${result.pacedKeystrokeToDagMs.p95.toFixed(1)} ms (${CELLS} cells)`
  });
  if (process.env.CELLPIPE_BENCH_STRICT === '1') {
    expect(result.keystrokeToDagMs.median).toBeLessThan(50);
    expect(result.keystrokeToDagMs.p95).toBeLessThanOrEqual(16);
  }
});
