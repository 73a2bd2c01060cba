import { nullTranslation } from '../../support/null-translation';
import { codeCell, notebookJson } from '../../support/notebook-json';
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { analyzeNotebookText } from '../../../src/core/analyze';
import { IRunRecord, RunStatus } from '../../../src/core/runs/record';
import { layoutDag } from '../../../src/lab/sidebar/dag-model';
import { DagView } from '../../../src/lab/sidebar/dag-view';
import { DiagnosticsView } from '../../../src/lab/sidebar/diagnostics-view';
import { labMessage } from '../../../src/lab/sidebar/lab-message';
import { NoStepsYet } from '../../../src/lab/sidebar/no-steps';
import { RunButton } from '../../../src/lab/sidebar/run-button';
import { isWebLink, RunsView } from '../../../src/lab/sidebar/runs-view';
import { readFileSync } from 'node:fs';
import { stepRecord } from '../../support/step-record';

jest.mock('../../../src/lab/api/request', () =>
  require('../../support/lab-request-mock').requestModule()
);
// The button's two icons: JupyterLab's icon package is ES modules, which jest does not load.
jest.mock('@jupyterlab/ui-components', () => ({
  caretDownIcon: { react: () => null },
  runIcon: { react: () => null }
}));

const trans = nullTranslation;

function record(
  links: IRunRecord['links'],
  extra: Partial<IRunRecord> = {}
): IRunRecord {
  return {
    id: '20261122-140000-000abc',
    status: 'Running',
    target: 'argo',
    notebook: 'n.ipynb',
    pipeline: 'n',
    createdAt: '2026-11-22T14:00:00.000Z',
    startedAt: '2026-11-22T14:00:00.000Z',
    finishedAt: null,
    params: {},
    links,
    steps: [],
    ...extra
  };
}

function runsMarkup(run: IRunRecord): string {
  return renderToStaticMarkup(
    <RunsView
      runs={[run]}
      error={null}
      now={Date.parse('2026-11-22T14:00:12.000Z')}
      onCancel={() => undefined}
      onOpenLocal={() => undefined}
      notebookName="n.ipynb"
      onRevealCell={() => undefined}
      trans={trans}
    />
  );
}

describe('runs view', () => {
  it.each([
    ['https://argo.example/workflows/ns/wf', true],
    ['http://localhost:8080/#/runs/details/1', true],
    ['javascript:alert(1)', false],
    ['lab?cellpipe-run=1', false],
    ['data:text/html,<b>x</b>', false]
  ])('%s is a web link: %s', (url, web) => {
    expect(isWebLink(url)).toBe(web);
  });

  it('links cluster runs to their UI, never as script URLs, and escapes labels', () => {
    const html = runsMarkup(
      record([
        {
          kind: 'argo',
          label: 'Argo <UI>',
          url: 'https://argo.example/workflows/ns/wf'
        },
        { kind: 'kfp-run', label: 'evil', url: 'javascript:alert(1)' }
      ])
    );
    expect(html).toContain('href="https://argo.example/workflows/ns/wf"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('Argo &lt;UI&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('jp-mod-running');
    expect(html).toContain('12 s');
    expect(html).toContain('Cancel');
  });

  it('gives a local run a run viewer button even without a link in its record', () => {
    const html = runsMarkup(
      record([], {
        target: 'local',
        status: 'Failed',
        finishedAt: '2026-11-22T14:00:03.000Z',
        error: 'step check failed'
      })
    );
    expect(html).toContain('Run viewer');
    expect(html).not.toContain('Cancel');
    expect(html).toContain('3.0 s');
    expect(html).toContain('step check failed');
  });

  it('makes the place of the notebook’s cell in a run’s error a link, the rest text', () => {
    const html = runsMarkup(
      record([], {
        target: 'local',
        status: 'Failed',
        error:
          "step 'check' failed: ValueError in n.ipynb [cell 2], line 3: <bad>"
      })
    );
    expect(html).toContain(
      '<div class="jp-cellpipe-Settings-error">step &#x27;check&#x27; failed: ValueError in ' +
        '<a href="#" class="jp-cellpipe-Run-link" title="Go to this line of the notebook">' +
        'n.ipynb [cell 2], line 3</a>: &lt;bad&gt;</div>'
    );
  });
});

describe('steps reused from the cache', () => {
  it('are counted on the run’s row, where there are any', () => {
    const steps = [
      stepRecord('load', 'Succeeded', { cached: true }),
      stepRecord('train', 'Succeeded', { cached: true }),
      stepRecord('report', 'Succeeded')
    ];
    const html = runsMarkup(
      record([], { target: 'local', status: 'Succeeded', steps })
    );
    expect(html).toContain('2 of 3 steps reused from the cache');
    const fresh = runsMarkup(
      record([], {
        target: 'local',
        status: 'Succeeded',
        steps: [stepRecord('load', 'Succeeded')]
      })
    );
    expect(fresh).not.toContain('reused');
  });
});

describe('why steps wait', () => {
  const step = (name: string, status: RunStatus, message?: string) =>
    stepRecord(name, status, message ? { message } : {});
  const pull =
    'ImagePullBackOff: Back-off pulling image "registry.example.com/<ds>:1"';

  it('lists the reason of each pending step of an unfinished run, escaped, at most three', () => {
    const html = runsMarkup(
      record([], {
        status: 'Running',
        steps: [
          step('load', 'Running'),
          step('a', 'Pending', pull),
          step('b', 'Pending', 'Unschedulable: Insufficient memory.'),
          step('c', 'Pending'),
          step('d', 'Pending', 'x'),
          step('e', 'Pending', 'y')
        ]
      })
    );
    expect(html).toContain('aria-label="why steps wait"');
    expect(html).toContain(
      'a waits: ImagePullBackOff: Back-off pulling image &quot;registry.example.com/&lt;ds&gt;:1&quot;'
    );
    expect(html).toContain('b waits: Unschedulable: Insufficient memory.');
    expect(html).toContain('d waits: x');
    expect(html).not.toContain('e waits');
    expect(html).toContain('and 1 more step<');
    expect(html).not.toContain('c waits');
  });

  it('says nothing once the run has finished, or when no step has a reason', () => {
    for (const run of [
      record([], { status: 'Cancelled', steps: [step('a', 'Pending', pull)] }),
      record([], { status: 'Running', steps: [step('a', 'Pending')] })
    ]) {
      expect(runsMarkup(run)).not.toContain('why steps wait');
    }
  });
});

describe('DAG and diagnostics views', () => {
  const path = 'examples/fan-out.ipynb';
  // analysed once the parser has loaded (tests/support/python-parser.ts), not while collecting
  let ir: ReturnType<typeof analyzeNotebookText>;
  beforeAll(() => {
    ir = analyzeNotebookText(readFileSync(path, 'utf8'), path);
  });

  /** The fan-out DAG's markup, with the failing steps and run statuses given. */
  const dagMarkup = (
    failing: string[] = [],
    statuses?: ReadonlyMap<string, RunStatus>
  ): string =>
    renderToStaticMarkup(
      <DagView
        layout={layoutDag(ir.steps)}
        failing={new Set(failing)}
        statuses={statuses}
        onSelect={() => undefined}
        trans={trans}
      />
    );

  it('draws one box per step and one arrow per edge, marking failing steps', () => {
    const html = dagMarkup(['svm']);
    expect(html.match(/data-step="/g)).toHaveLength(7);
    expect(html.match(/marker-end="url\(#jp-cellpipe-arrow\)"/g)).toHaveLength(
      10
    );
    expect(html).toMatch(/jp-cellpipe-Dag-node-error" data-step="svm"/);
    expect(html).toContain('x_test +3');
  });

  it('names the DAG as a group with its number of steps, one Tab stop at its first step', () => {
    const html = dagMarkup();
    expect(html).toContain('role="group" aria-label="pipeline steps: 7 steps"');
    // A roving tabindex: Tab enters at one step, the arrow keys reach the others.
    expect(html.match(/role="button" tabindex="0"/g)).toHaveLength(1);
    expect(html.match(/role="button" tabindex="-1"/g)).toHaveLength(6);
    expect(html.indexOf('tabindex="0"')).toBeLessThan(
      html.indexOf('tabindex="-1"')
    );
    expect(html).toContain('aria-label="step svm, Cell 9"');
  });

  it('draws every edge label after every line, on a background, so no line crosses a label', () => {
    const html = dagMarkup();
    const lastLine = html.lastIndexOf('class="jp-cellpipe-Dag-edge"');
    const labels = [
      ...html.matchAll(/class="jp-cellpipe-Dag-edgeLabelGroup"/g)
    ].map(match => match.index as number);
    expect(lastLine).toBeGreaterThan(0);
    expect(labels.length).toBeGreaterThan(5);
    expect(Math.min(...labels)).toBeGreaterThan(lastLine);
    expect(html.match(/class="jp-cellpipe-Dag-edgeLabelBack"/g)?.length).toBe(
      labels.length
    );
    // Drawn fitted to its box, with zoom controls (the drawing's box is not known here: 100 %).
    expect(html).toContain('data-zoom="fit"');
    expect(html).toContain('aria-label="Zoom in"');
  });

  it('shows each step status of the latest run on its box', () => {
    const html = dagMarkup(
      [],
      new Map([
        ['split', 'Succeeded'],
        ['svm', 'Failed']
      ])
    );
    expect(html).toMatch(/data-step="svm" data-status="Failed"/);
    expect(html).toMatch(/data-step="split" data-status="Succeeded"/);
    expect(html.match(/jp-cellpipe-Dag-status /g)).toHaveLength(2);
    expect(html).toContain('jp-cellpipe-Dag-status jp-mod-failed');
  });

  it('points an untagged notebook at the sidebar button, not the command line', () => {
    const untagged = JSON.stringify({
      cells: [
        { cell_type: 'markdown', metadata: {}, source: '## Load' },
        {
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source: 'numbers = [1, 2]\n'
        }
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    });
    const { diagnostics } = analyzeNotebookText(untagged, 'untagged.ipynb');
    expect(diagnostics.map(d => d.code)).toContain('empty-pipeline');
    // The analyzer's own words name the command line (the CLI prints them as they are).
    expect(
      diagnostics.find(d => d.code === 'empty-pipeline')!.message
    ).toContain('cellpipe tag');
    const html = renderToStaticMarkup(
      <DiagnosticsView
        diagnostics={diagnostics}
        onSelect={() => undefined}
        trans={trans}
      />
    );
    expect(html).toContain(
      'no cell is a step yet: make the first cell of each step a step in the Pipeline step panel'
    );
    expect(html).toContain('or click Tag steps by headings above');
    expect(html).not.toContain('cellpipe tag');
  });

  it('points a code cell above the first step at the step panel, not at tags', () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source: 'import math\n'
        },
        {
          cell_type: 'code',
          execution_count: null,
          metadata: { tags: ['step:load'] },
          outputs: [],
          source: 'xs = [math.pi]\n'
        }
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    });
    const { diagnostics } = analyzeNotebookText(notebook, 'scratch.ipynb');
    const untagged = diagnostics.find(d => d.code === 'untagged-cell')!;
    expect(untagged.cell).toBe(0);
    expect(labMessage(untagged, trans)).toBe(
      'this code cell comes before any step: in the Pipeline step panel, make it a step, an imports or functions cell, or skipped'
    );
    const html = renderToStaticMarkup(
      <DiagnosticsView
        diagnostics={diagnostics}
        onSelect={() => undefined}
        trans={trans}
      />
    );
    expect(html).toContain('this code cell comes before any step');
    expect(html).not.toContain('tag it (step:NAME');
    // Other diagnostics keep the analyzer's words.
    const other = { ...untagged, code: 'undefined-name' as const };
    expect(labMessage(other, trans)).toBe(untagged.message);
  });

  it('shows both ways to make steps while there is none, each a button', () => {
    const calls: string[] = [];
    const element = NoStepsYet({
      onTagByHeadings: () => calls.push('headings'),
      onOpenStepPanel: () => calls.push('panel'),
      diagnostics: [],
      trans
    });
    const html = renderToStaticMarkup(element);
    expect(html).toContain(
      'No steps yet. Select a code cell and make it a step in the Pipeline step panel'
    );
    expect(html).toContain('>Open the step panel</button>');
    expect(html).toContain('>Tag steps by headings</button>');
    // Each button calls its own action.
    const buttons = React.Children.toArray(
      (element.props as { children: React.ReactNode }).children
    ).filter(
      (child): child is React.ReactElement =>
        React.isValidElement(child) && child.type === 'button'
    );
    buttons.forEach(button =>
      (button.props as { onClick: () => void }).onClick()
    );
    expect(calls).toEqual(['panel', 'headings']);
  });

  it('says why a notebook in another language has no steps, with no button to tag it', () => {
    const r = JSON.stringify(
      notebookJson([codeCell('x <- c(1, 2)', ['step:load'])], {
        language_info: { name: 'R' }
      })
    );
    const html = renderToStaticMarkup(
      <NoStepsYet
        onTagByHeadings={() => undefined}
        onOpenStepPanel={() => undefined}
        diagnostics={analyzeNotebookText(r, 'r.ipynb').diagnostics}
        trans={trans}
      />
    );
    expect(html).toContain(
      'No steps: this notebook&#x27;s language is &quot;R&quot;, not Python'
    );
    expect(html).not.toContain('<button');
  });

  it('says where each diagnostic is', () => {
    const html = renderToStaticMarkup(
      <DiagnosticsView
        diagnostics={[
          {
            severity: 'warning',
            code: 'dropped-setting',
            message: 'no steps',
            cell: null,
            line: 1,
            column: 0
          },
          {
            severity: 'error',
            code: 'undefined-name',
            message: 'name x is not defined',
            cell: 5,
            line: 3,
            column: 8
          }
        ]}
        onSelect={() => undefined}
        trans={trans}
      />
    );
    // Cells counted from 1, as JupyterLab counts them; errors before warnings.
    expect(html).toContain('Cell 6, line 3');
    expect(html.indexOf('name x is not defined')).toBeLessThan(
      html.indexOf('no steps')
    );
    expect(html).toContain('jp-mod-error');
    expect(html).toContain('notebook');
    expect(html).toMatch(/<button disabled=""/);
    // Severity as SVG icons, never a glyph that needs an emoji font (⛔ was an empty box).
    expect(
      html.match(/<svg class="jp-cellpipe-SeverityIcon jp-mod-(\w+)"/g)
    ).toEqual([
      '<svg class="jp-cellpipe-SeverityIcon jp-mod-error"',
      '<svg class="jp-cellpipe-SeverityIcon jp-mod-warning"'
    ]);
    expect(html).toContain('aria-label="error"');
    expect(html).not.toMatch(/[\u2300-\u27bf\u{1f000}-\u{1faff}]/u);
  });
});

describe('Compile and run button', () => {
  const render = (busy: boolean) =>
    renderToStaticMarkup(
      <RunButton
        busy={busy}
        onRun={() => undefined}
        onCompile={() => undefined}
        onExport={() => undefined}
        trans={trans}
      />
    );

  it('says it is busy with aria-disabled and stays focusable (disabled would drop the focus)', () => {
    const busy = render(true);
    expect(busy.match(/aria-disabled="true"/g)).toHaveLength(2);
    expect(busy).not.toMatch(/\sdisabled=""/);
    const idle = render(false);
    expect(idle.match(/aria-disabled="false"/g)).toHaveLength(2);
  });
});
