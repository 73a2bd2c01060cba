/**
 * The settings form as a newcomer meets it: at the sidebar's default width nothing in it is wider
 * than the sidebar (the Security fieldset was, by its longest flag's name), and resetting the
 * last setting leaves the notebook's metadata as it was before any edit.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  cellpipeMetadata,
  codeCell,
  notebookText,
  openExample,
  openNotebookText,
  openSettingsForm
} from './sidebar-helpers';

test('every field of the settings form fits the sidebar at its default width', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath);
  const form = await openSettingsForm(page);
  await expect(form.locator('input[name="runAsUser"]')).toBeVisible();
  const overflowing = await form.evaluate(node => {
    const right = node.getBoundingClientRect().right;
    return [...node.querySelectorAll('fieldset, label, input, select, span')]
      .filter(child => child.getBoundingClientRect().right > right + 0.5)
      .map(child => child.textContent || child.getAttribute('name'));
  });
  expect(overflowing).toEqual([]);
});

test("resetting the target to the default removes the notebook's cellpipe settings", async ({
  page,
  tmpPath
}) => {
  await openNotebookText(
    page,
    tmpPath,
    'plain.ipynb',
    notebookText([codeCell('x = 1', ['step:one'])])
  );
  const form = await openSettingsForm(page);
  const metadata = () => cellpipeMetadata(page);
  await form.locator('select[name="target"]').selectOption('argo');
  await form.locator('button[type="submit"]').click();
  expect(await metadata()).toEqual({ target: 'argo' });
  await form.locator('select[name="target"]').selectOption('');
  await form.locator('button[type="submit"]').click();
  await expect.poll(metadata).toBeUndefined();
});
