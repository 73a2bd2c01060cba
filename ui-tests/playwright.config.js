/**
 * Galata drives a real JupyterLab (started by `npm start`) in Debian's Chromium: browser
 * downloads do not work here, so Playwright is pointed at /usr/bin/chromium.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

module.exports = {
  ...baseConfig,
  retries: 0,
  reporter: [
    ['list'],
    [
      'junit',
      { outputFile: process.env.CELLPIPE_UI_JUNIT || 'test-results/junit.xml' }
    ]
  ],
  use: {
    ...baseConfig.use,
    // Video needs Playwright's own ffmpeg download, which does not work here.
    video: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  webServer: {
    command: 'npm start',
    url: 'http://localhost:8888/lab',
    timeout: 120 * 1000,
    reuseExistingServer: !process.env.CI
  }
};
