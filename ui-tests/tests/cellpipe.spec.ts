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
  // Printed only once the server extension answered with the same version: the first request
  // starts the engine, which on a loaded machine may come after the page is ready, so wait for
  // the line (once, never twice) rather than expect it at once.
  const activated = () =>
    logs.filter(line => /^cellpipe \S+ is activated$/.test(line)).length;
  await expect.poll(activated, { timeout: 60_000 }).toBe(1);
});
