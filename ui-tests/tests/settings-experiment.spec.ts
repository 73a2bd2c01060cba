/**
 * The settings form's KFP experiment: shown where a run goes to Kubeflow Pipelines, applied to
 * `metadata.cellpipe.experiment` (which KFP submission finds or makes by name), and cleared again.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  cellpipeMetadata,
  openExample,
  openSettingsForm
} from './sidebar-helpers';

test('the Experiment field shows for Kubeflow Pipelines and is applied to the notebook', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath);
  const form = await openSettingsForm(page);
  const experiment = form.locator('input[name="experiment"]');
  // The example runs locally: a KFP experiment means nothing there.
  await expect(form.locator('select[name="target"]')).toBeVisible();
  await expect(experiment).toHaveCount(0);

  await form.locator('select[name="target"]').selectOption('kfp');
  await expect(experiment).toBeVisible();
  await expect(experiment).toHaveAttribute(
    'placeholder',
    'KFP default experiment'
  );
  await experiment.fill('churn q4');
  await form.locator('button[type="submit"]').click();
  const metadata = () => cellpipeMetadata(page);
  expect(await metadata()).toMatchObject({
    target: 'kfp',
    experiment: 'churn q4'
  });

  // Set, it stays in view whatever the target, so that it can be cleared.
  await form.locator('select[name="target"]').selectOption('argo');
  await expect(experiment).toHaveValue('churn q4');
  await experiment.fill('');
  // Cleared, it stays until applied: a field does not vanish under the cursor.
  await expect(experiment).toBeVisible();
  await form.locator('button[type="submit"]').click();
  await expect(experiment).toHaveCount(0);
  expect(await metadata()).not.toHaveProperty('experiment');
});
