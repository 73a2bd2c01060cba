import { expect, test } from '@jupyterlab/galata';

/**
 * Don't load JupyterLab webpage before running the tests: the activation message must be
 * caught as it is printed.
 */
test.use({ autoGoto: false });

test('the cellpipe extension activates in a real JupyterLab', async ({
  page
}) => {
  const logs: string[] = [];
  page.on('console', message => {
    logs.push(message.text());
  });
  await page.goto();
  // Printed only once the server extension answered with the same version.
  expect(
    logs.filter(line => /^cellpipe \S+ is activated$/.test(line))
  ).toHaveLength(1);
});
