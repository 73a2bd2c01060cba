/**
 * Compile only with a namespace in the lab's settings (issue 15): the previewed Workflow names it
 * (it was left out of the exported document).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { compileOnly, openExample } from './sidebar-helpers';

const PLUGIN = 'cellpipe:plugin';

/** Sets (or, with undefined, removes) a cellpipe lab setting through JupyterLab's registry. */
async function setLabSetting(
  page: IJupyterLabPageFixture,
  key: string,
  value: string | undefined
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

test('Compile only puts the namespace from the lab settings into the Workflow', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath);
  await setLabSetting(page, 'namespace', 'team-a');
  try {
    await compileOnly(page, 60_000);
    const preview = page.locator('.jp-cellpipe-YamlPreview pre');
    await expect(preview).toContainText('kind: Workflow');
    const text = (await preview.textContent()) ?? '';
    const metadata = text.slice(
      text.indexOf('kind: Workflow'),
      text.indexOf('\nspec:')
    );
    expect(metadata).toContain('\n  namespace: "team-a"\n');
  } finally {
    await setLabSetting(page, 'namespace', undefined);
  }
});
