/**
 * A cluster run whose step waits (its image cannot be pulled) says why in the runs list, not only
 * "Pending". The record is served by a stand-in for GET /cellpipe/runs: the engine's side, the
 * reason in the record of a real Argo run, is proven on the real cluster (tests/e2e/lab.test.mjs).
 */
import { expect, test } from '@jupyterlab/galata';
import { openExample, panel } from './sidebar-helpers';

const REASON =
  'ImagePullBackOff: Back-off pulling image "registry.example.com/team/trainer:1.4": ' +
  'ErrImagePull: failed to pull and unpack image "registry.example.com/team/trainer:1.4": ' +
  'failed to resolve reference: not found';

test('a run whose step waits for its image says why in the runs list', async ({
  page,
  tmpPath
}) => {
  const steps = ['split', 'forest'].map((name, index) => ({
    name,
    status: 'Pending',
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    log: null,
    ...(index === 0 ? { message: REASON } : {})
  }));
  await page.route(/\/cellpipe\/runs(\?|$)/, route =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify([
        {
          id: '20261201-130000-000abc',
          status: 'Running',
          target: 'argo',
          notebook: `${tmpPath}/fan-out.ipynb`,
          pipeline: 'digits-fan-out',
          createdAt: new Date().toISOString(),
          startedAt: new Date().toISOString(),
          finishedAt: null,
          params: {},
          links: [],
          steps
        }
      ])
    })
  );
  await openExample(page, tmpPath);
  const run = page.locator(`${panel} .jp-cellpipe-Run`).first();
  await expect(run.locator('.jp-cellpipe-StatusChip')).toHaveText('Running');
  const waiting = run.locator('.jp-cellpipe-Run-waiting li');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toHaveText(`split waits: ${REASON}`);
  // Wrapped inside the sidebar, not cut off or spilling past it.
  const box = (await waiting.boundingBox())!;
  const sidebar = (await page.locator(panel).boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(sidebar.x + sidebar.width + 1);
  expect(box.height).toBeGreaterThan(20);
});
