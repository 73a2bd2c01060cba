/**
 * A newcomer picks Target Argo in the lab settings on a machine with no kubeconfig (the test
 * server has none: jupyter_server_test_config.py). Compile and run must say what is missing in
 * the sidebar, as a refusal (HTTP 4xx), not a raw server error (issue 15, blocker 4).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { openExample, panel, SIDEBAR } from './sidebar-helpers';

async function putSettings(page: IJupyterLabPageFixture, raw: string) {
  await page.evaluate(async text => {
    const xsrf = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/)?.[1] ?? '';
    const response = await fetch('/lab/api/settings/cellpipe:plugin', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-XSRFToken': decodeURIComponent(xsrf)
      },
      body: JSON.stringify({ raw: text })
    });
    if (!response.ok) {
      throw new Error(`PUT settings: ${response.status}`);
    }
  }, raw);
}

test.describe('a newcomer without a cluster', () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test('Target Argo without a kubeconfig: the sidebar says what is missing, as a 4xx', async ({
    page,
    tmpPath
  }) => {
    try {
      await openExample(page, tmpPath);
      // Target Argo, chosen in the Settings Editor form as a user would.
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute('settingeditor:open', {
          query: 'cellpipe'
        })
      );
      const target = page.locator(
        'select[id^="jp-SettingsEditor-cellpipe:plugin"][id$="_target"]'
      );
      await expect(target).toBeVisible({ timeout: 30_000 });
      await target.selectOption({ label: 'Argo Workflows' });
      await expect
        .poll(() =>
          page.evaluate(async () => {
            const response = await fetch('/lab/api/settings/cellpipe:plugin');
            return (await response.json()).settings.target;
          })
        )
        .toBe('argo');
      await page.notebook.activate('fan-out.ipynb');
      await page.sidebar.openTab(SIDEBAR);
      const reply = page.waitForResponse(
        response =>
          new URL(response.url()).pathname.endsWith('/cellpipe/runs') &&
          response.request().method() === 'POST'
      );
      await page.locator(`${panel} .jp-cellpipe-SplitButton-main`).click();
      const status = (await reply).status();
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      const message = page.locator(`${panel} .jp-cellpipe-Message`);
      await expect(message).toHaveClass(/jp-mod-error/);
      await expect(message).toContainText(/kubeconfig/i);
      await expect(message).not.toContainText('cellpipe engine:');
      await expect(message).not.toContainText('skipTLSVerify');
      // The paths it names wrap inside the sidebar rather than run past its edge: here the
      // path is short, so a long one (a HOME deep in a temporary folder) is put beside it.
      await message.evaluate(node =>
        node
          .querySelector('p')
          ?.append(` /tmp/${'tmpHomeOfANewcomer'.repeat(8)}/.kube/config`)
      );
      expect(
        await message.evaluate(
          node =>
            node.scrollWidth <= node.clientWidth &&
            [...node.querySelectorAll('p, li')].every(
              line => line.scrollWidth <= line.clientWidth
            )
        )
      ).toBe(true);
    } finally {
      await putSettings(page, '{}');
    }
  });
});
