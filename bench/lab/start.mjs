#!/usr/bin/env node
/**
 * Whole JupyterLab start with and without cellpipe (issue 15; goal: at most 5 % slower).
 *
 * Two JupyterLab servers from the project venv run side by side, identical but for cellpipe:
 * "without" has the labextension disabled (page_config.json in its own JUPYTER_CONFIG_DIR) and
 * the server extension off. Each round opens /lab in a fresh Chromium context on each server, in
 * alternating order, and times navigation start -> the splash screen removed (JupyterLab
 * started, plugins activated, the layout restored), recorded in the page by a MutationObserver.
 * A check per server that cellpipe's plugins are (or are not) there keeps the comparison honest.
 *
 *   node bench/lab/start.mjs [ROUNDS]      (default 15; writes bench/results/lab-start.json)
 *
 * Not a test: timings on a shared machine are not the code's. Run from the repository root.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(ROOT, 'ui-tests', 'package.json'));
const { chromium } = require('@playwright/test');

const ROUNDS = Number(process.argv[2] ?? 15);
const JUPYTER = join(ROOT, '.venv', 'bin', 'jupyter');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PLUGINS = ['cellpipe:plugin', 'cellpipe:run-viewer', 'cellpipe:tagging'];

function startServer(name, port, withCellpipe) {
  const dir = mkdtempSync(join(tmpdir(), `cellpipe-start-${name}-`));
  const config = join(dir, 'config');
  const root = join(dir, 'root');
  mkdirSync(join(config, 'labconfig'), { recursive: true });
  mkdirSync(root);
  if (!withCellpipe) {
    writeFileSync(
      join(config, 'labconfig', 'page_config.json'),
      JSON.stringify({ disabledExtensions: { cellpipe: true } })
    );
    // The server extension off too: its routes and engine are not started.
    writeFileSync(
      join(config, 'jupyter_server_config.json'),
      JSON.stringify({
        ServerApp: { jpserver_extensions: { cellpipe: false } }
      })
    );
  }
  const args = [
    'lab',
    '--no-browser',
    `--port=${port}`,
    '--ServerApp.port_retries=0',
    // CI machines run as root.
    '--allow-root',
    // window.jupyterapp, to check which plugins are there (both servers alike).
    '--LabApp.expose_app_in_browser=True',
    '--IdentityProvider.token=',
    '--ServerApp.password=',
    '--ServerApp.disable_check_xsrf=True',
    `--ServerApp.root_dir=${root}`,
    `--LabApp.workspaces_dir=${join(dir, 'workspaces')}`
  ];
  const child = spawn(JUPYTER, args, {
    env: {
      ...process.env,
      JUPYTER_CONFIG_DIR: config,
      CELLPIPE_HOME: join(dir, 'home')
    },
    stdio: ['ignore', 'ignore', 'pipe']
  });
  let log = '';
  child.stderr.on('data', chunk => (log += chunk));
  return { name, port, dir, child, log: () => log };
}

async function waitForServer(server) {
  for (let i = 0; i < 600; i++) {
    if (server.child.exitCode !== null) {
      throw new Error(`${server.name} server exited:\n${server.log()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/lab`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(done => setTimeout(done, 200));
  }
  throw new Error(`${server.name} server did not start:\n${server.log()}`);
}

/** Records performance.now() when #jupyterlab-splash leaves the page. */
const RECORD_SPLASH = () => {
  const watch = () => {
    const observer = new MutationObserver(() => {
      if (
        !document.getElementById('jupyterlab-splash') &&
        window.__splashSeen
      ) {
        window.__started = performance.now();
        observer.disconnect();
      } else if (document.getElementById('jupyterlab-splash')) {
        window.__splashSeen = true;
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  };
  watch();
};

async function openLab(browser, server) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }
  });
  const page = await context.newPage();
  await page.addInitScript(RECORD_SPLASH);
  await page.goto(`http://127.0.0.1:${server.port}/lab?reset`);
  await page.waitForFunction(() => window.__started !== undefined, null, {
    timeout: 120_000
  });
  const started = await page.evaluate(() => window.__started);
  const plugins = await page.evaluate(
    ids => ids.filter(id => window.jupyterapp?.hasPlugin(id)),
    PLUGINS
  );
  await context.close();
  return { started, plugins };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = q =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    min: sorted[0],
    median: at(0.5),
    p90: at(0.9),
    max: sorted[sorted.length - 1]
  };
}

const servers = [
  startServer('with', 8871, true),
  startServer('without', 8872, false)
];
let browser;
try {
  await Promise.all(servers.map(waitForServer));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run']
  });
  // One warm-up load each: the first load fills the browser's and the server's caches.
  for (const server of servers) {
    const { plugins } = await openLab(browser, server);
    const expected = server.name === 'with' ? PLUGINS : [];
    if (JSON.stringify(plugins) !== JSON.stringify(expected)) {
      throw new Error(
        `${server.name}: cellpipe plugins ${JSON.stringify(plugins)}, expected ${JSON.stringify(expected)}`
      );
    }
  }
  const samples = { with: [], without: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...servers].reverse() : servers;
    for (const server of order) {
      samples[server.name].push((await openLab(browser, server)).started);
    }
  }
  const result = {
    rounds: ROUNDS,
    measure: 'navigation start -> JupyterLab splash removed (ms)',
    with: stats(samples.with),
    without: stats(samples.without),
    slowdownOfMedian:
      stats(samples.with).median / stats(samples.without).median - 1,
    // The fastest start of each: the least disturbed by other work on a shared machine.
    slowdownOfMin: stats(samples.with).min / stats(samples.without).min - 1,
    samples
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'lab-start.json'),
    JSON.stringify(result, null, 2) + '\n'
  );
  const row = (name, s) =>
    `| ${name.padEnd(16)} | ${String(s.n).padStart(3)} | ${s.median.toFixed(0).padStart(6)} | ${s.p90.toFixed(0).padStart(5)} | ${s.min.toFixed(0).padStart(5)} | ${s.max.toFixed(0).padStart(5)} |`;
  console.log('| JupyterLab start | n   | median | p90   | min   | max   |');
  console.log('| ---------------- | --- | -----: | ----: | ----: | ----: |');
  console.log(row('with cellpipe', result.with));
  console.log(row('without cellpipe', result.without));
  console.log(
    `\nslowdown with cellpipe: median ${(result.slowdownOfMedian * 100).toFixed(1)} %, ` +
      `fastest ${(result.slowdownOfMin * 100).toFixed(1)} % (goal: at most 5 %)`
  );
} finally {
  await browser?.close();
  for (const server of servers) {
    server.child.kill('SIGTERM');
  }
  await Promise.all(
    servers.map(
      server =>
        new Promise(done =>
          server.child.exitCode !== null
            ? done()
            : server.child.once('exit', done)
        )
    )
  );
  for (const server of servers) {
    rmSync(server.dir, { recursive: true, force: true });
  }
}
