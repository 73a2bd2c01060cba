// bench/results/lab-size.json + lab-browser.json (or the file given) -> the markdown tables of
// bench/README.md.
import { readFileSync } from 'node:fs';

const size = JSON.parse(readFileSync('bench/results/lab-size.json', 'utf8'));
const browser = JSON.parse(
  readFileSync(process.argv[2] ?? 'bench/results/lab-browser.json', 'utf8')
);
const notebook =
  `${browser.cells}-cell notebook` +
  (browser.shape === 'shared' ? ", each step also reading step 1's df" : '');
const kb = bytes => (bytes / 1024).toFixed(1);
const ms = value => (value === undefined ? '-' : value.toFixed(1));
// What JupyterLab loads at start, as the browser saw it (names up to the content hash).
const stem = name => name.split('?')[0].replace(/\.[0-9a-f]{16,}(\.js)$/, '$1');
const atStart = new Set(browser.startupResources.map(r => stem(r.name)));

const startBytes = key =>
  size.files
    .filter(f => atStart.has(stem(f.name)))
    .reduce((sum, f) => sum + f[key], 0);

const lines = [
  '| file | loaded | KB | KB gzipped |',
  '| --- | --- | ---: | ---: |',
  ...size.files.map(
    f =>
      `| ${stem(f.name)} | ${atStart.has(stem(f.name)) ? 'at start' : 'not at start'} | ${kb(f.bytes)} | ${kb(f.gzip)} |`
  ),
  `| **total** | | ${kb(size.total.bytes)} | **${kb(size.total.gzip)}** |`,
  `| of which at start | | ${kb(startBytes('bytes'))} | **${kb(startBytes('gzip'))}** |`,
  '',
  '| measure (ms) | n | median | p90 | p95 | max |',
  '| --- | ---: | ---: | ---: | ---: | ---: |'
];
for (const [label, s] of [
  [
    `keystroke -> DAG updated (${notebook}, every cell attached)`,
    browser.keystrokeToDagMs
  ],
  [
    'of which keystroke -> notebook model change (JupyterLab, CodeMirror)',
    browser.keystrokeToModelChangeMs
  ],
  [
    'of which the key waits before the page handles it',
    browser.keystrokeWaitMs
  ],
  [
    'reference, same run: keystroke -> notebook model change with the sidebar closed (JupyterLab alone, cellpipe idle)',
    browser.jupyterLabAloneKeystrokeToModelChangeMs
  ],
  [
    `keystroke -> DAG updated, the same keys ${browser.paceMs} ms apart (a fast typist's pace)`,
    browser.pacedKeystrokeToDagMs
  ],
  [
    'of which keystroke -> notebook model change',
    browser.pacedKeystrokeToModelChangeMs
  ],
  [
    'of which the key waits before the page handles it',
    browser.pacedKeystrokeWaitMs
  ],
  [
    `reference: keystroke -> notebook model change, JupyterLab alone, keys ${browser.paceMs} ms apart`,
    browser.pacedJupyterLabAloneKeystrokeToModelChangeMs
  ],
  [
    'notebook model change -> DAG updated (keys back to back)',
    browser.modelChangeToDagMs
  ],
  [
    "of which the rest of the key's task before the analysis",
    browser.modelChangeToDagSplit?.waitMs
  ],
  [
    'of which the analysis (reading the notebook included)',
    browser.modelChangeToDagSplit?.analysisMs
  ],
  ['of which reading the notebook', browser.modelChangeToDagSplit?.snapshotMs],
  [
    'of which the render (analysis done -> DAG committed)',
    browser.modelChangeToDagSplit?.renderMs
  ],
  [
    'keystroke -> DAG updated, first keys, while JupyterLab attaches cells',
    browser.earlyKeystrokeToDagMs
  ],
  [
    'of which keystroke -> notebook model change',
    browser.earlyKeystrokeToModelChangeMs
  ],
  ['analysis per update (the keys above)', browser.analysisMs],
  [
    'keystroke -> sidebar updated, keys that change an edge',
    browser.edgeChangeKeyToDagMs
  ]
]) {
  if (!s) {
    continue;
  }
  lines.push(
    `| ${label} | ${s.n} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.p95)} | ${ms(s.max)} |`
  );
}
lines.push(
  '',
  `- plugin activation (\`activate()\`): ${browser.activationMs.map(ms).join(', ')} ms`,
  `- first analysis of the ${browser.cells}-cell notebook (all cells parsed): ${ms(browser.firstAnalysisMs)} ms`,
  ...(browser.slowestAnalyses
    ? [
        `- the keys' slowest analyses: ${browser.slowestAnalyses.map(a => `${ms(a.ms)} ms (${a.parsedCells} cell${a.parsedCells === 1 ? '' : 's'} parsed)`).join(', ')}`
      ]
    : []),
  ...(browser.updatesWithoutKey !== undefined
    ? [
        `- DAG updates no key made (the notebook model changed by itself; keys are matched to their updates by time): ${browser.updatesWithoutKey}`
      ]
    : []),
  `- full dagre layout of ${browser.steps} steps: ${browser.layoutMs.map(ms).join(', ')} ms`,
  `- last of those keys -> the new edge drawn (typing pause of 150 ms, then the layout): ${ms(browser.lastKeyToNewEdgeMs)} ms`,
  `- sidebar first load (lazy chunks fetched and evaluated): ${browser.sidebarFirstLoadMs.map(ms).join(', ')} ms`,
  `- open the sidebar -> first DAG of ${browser.steps} steps drawn: ${browser.openSidebarToFirstDagMs} ms`,
  `- open the notebook -> JupyterLab has attached all ${browser.cells} cells (it attaches the cells outside the viewport in idle time): ${browser.allCellsAttachedMs} ms`,
  `- startup scripts fetched: ${browser.startupResources.map(r => `${stem(r.name)} ${ms(r.ms)} ms`).join(', ')}`
);
console.log(lines.join('\n'));
