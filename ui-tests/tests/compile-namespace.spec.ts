/**
 * Compile only with a namespace in the lab's settings (issue 15): the previewed Workflow names it
 * (it was left out of the exported document).
 */
import { expect, test } from '@jupyterlab/galata';
import { compileOnly, openExample, setLabSetting } from './sidebar-helpers';

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
