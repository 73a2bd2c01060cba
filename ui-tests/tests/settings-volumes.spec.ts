/**
 * The settings form's volumes: a claim typed in the sidebar is checked as it is typed, applied to
 * `metadata.cellpipe.volumes`, and mounted in the Workflow that Compile only previews. Every bad
 * field of the form is named at once.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  cellpipeMetadata,
  compileOnly,
  openExample,
  openSettingsForm,
  setLabSetting
} from './sidebar-helpers';

test('a volume added in the settings form is checked, applied and mounted in the Workflow', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath);
  const form = await openSettingsForm(page);
  await form.getByRole('button', { name: 'Add volume' }).click();
  await form.locator('input[name="volumes.0.claim"]').fill('team-data');
  await form.locator('input[name="volumes.0.mountPath"]').fill('data');
  const error = form.locator('.jp-cellpipe-Settings-error');
  await expect(error).toContainText(
    'volumes[0].mountPath must be an absolute path such as /data'
  );
  const apply = form.locator('button[type="submit"]');
  await expect(apply).toBeDisabled();
  // A second bad field: both are named at once, in the order of the form.
  await form.locator('input[name="image"]').fill('has space');
  await expect(error).toHaveText([
    /^Pipeline settings: image "has space"/,
    /volumes\[0\]\.mountPath must be an absolute path such as \/data/
  ]);
  await form.locator('input[name="image"]').fill('');

  await form.locator('input[name="volumes.0.mountPath"]').fill('/data');
  await form.locator('input[name="volumes.0.readOnly"]').check();
  await expect(error).toHaveCount(0);
  await apply.click();
  const volumes = (await cellpipeMetadata(page)).volumes;
  expect(volumes).toEqual([
    { claim: 'team-data', mountPath: '/data', readOnly: true }
  ]);

  await compileOnly(page, 60_000);
  const preview = page.locator('.jp-cellpipe-YamlPreview pre');
  await expect(preview).toContainText('kind: Workflow');
  const text = (await preview.textContent()) ?? '';
  expect(text).toContain(
    '{"name":"volume-1","persistentVolumeClaim":{"claimName":"team-data","readOnly":true}}'
  );
  expect(text).toContain(
    '{"name":"volume-1","mountPath":"/data","readOnly":true}'
  );

  // Removing the row and applying takes the key out again (the preview took the main area).
  await page.notebook.activate('fan-out.ipynb');
  await form.getByRole('button', { name: 'Remove volume' }).click();
  await apply.click();
  const after = await cellpipeMetadata(page);
  expect(after).not.toHaveProperty('volumes');
});

test('volumes and pull secrets from the lab settings win over the notebook, and the form says so', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath);
  await setLabSetting(page, 'volumes', [
    { claim: 'team-data', mountPath: '/data' }
  ]);
  await setLabSetting(page, 'imagePullSecrets', ['regcred']);
  try {
    const form = await openSettingsForm(page);
    await expect(
      form.locator('fieldset.jp-cellpipe-Settings-volumes legend')
    ).toContainText('(lab setting)');
    await compileOnly(page, 60_000);
    const text =
      (await page.locator('.jp-cellpipe-YamlPreview pre').textContent()) ?? '';
    expect(text).toContain(
      '{"name":"volume-1","persistentVolumeClaim":{"claimName":"team-data"}}'
    );
    expect(text).toContain('imagePullSecrets: [{"name":"regcred"}]');
  } finally {
    await setLabSetting(page, 'volumes', undefined);
    await setLabSetting(page, 'imagePullSecrets', undefined);
  }
});
