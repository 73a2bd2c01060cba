import { nullTranslation } from '../../support/null-translation';
import { NotebookPanel } from '@jupyterlab/notebook';
import { labRequests } from '../../support/lab-request-mock';
import {
  currentMessage,
  documentTarget,
  IActionHost,
  IActionMessage,
  PipelineActions
} from '../../../src/lab/sidebar/actions';
import {
  exportPath,
  freeExportPath
} from '../../../src/lab/sidebar/export-name';
import { RunsModel } from '../../../src/lab/sidebar/runs-model';
import { FakeNotebook } from './fake-notebook';

jest.mock('../../../src/lab/api/request', () =>
  require('../../support/lab-request-mock').requestModule()
);

const { request, post } = labRequests();
const trans = nullTranslation;

/** A notebook panel as the actions see it: a context with a model, a path and save(). */
function fakePanel(notebook: FakeNotebook, path: string, dirty: boolean) {
  const model = Object.assign(notebook, { dirty });
  const context = {
    ready: Promise.resolve(),
    path,
    model,
    save: jest.fn(async () => {
      model.dirty = false;
    })
  };
  return { panel: { context } as unknown as NotebookPanel, context };
}

function fakeHost(panel: NotebookPanel | null, files: string[] = []) {
  const written: Record<string, string> = {};
  const host: IActionHost & {
    written: Record<string, string>;
    opened: string[];
  } = {
    written,
    opened: [],
    currentNotebook: () => panel,
    overrides: () => ({}),
    exists: async p => files.includes(p) || p in written,
    writeText: async (p, text) => {
      written[p] = text;
    },
    openFile: async p => {
      host.opened.push(p);
    },
    showSidebar: jest.fn()
  };
  return host;
}

beforeEach(() => {
  post.mockReset();
  request.mockReset();
});

describe('Compile and run', () => {
  it('saves a dirty notebook first, then starts a run with the resolved target', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    notebook.metadata.cellpipe = { target: 'argo', namespace: 'team' };
    const { panel, context } = fakePanel(notebook, 'work/fan-out.ipynb', true);
    const runs = new RunsModel();
    post.mockImplementation(async () => {
      expect(context.save).toHaveBeenCalledTimes(1);
      return {
        id: 'r1',
        status: 'Pending',
        target: 'argo',
        createdAt: '2026-11-22T14:00:00Z'
      } as never;
    });
    const actions = new PipelineActions(fakeHost(panel), runs, trans);
    await actions.compileAndRun();
    expect(post).toHaveBeenCalledWith('runs', {
      path: 'work/fan-out.ipynb',
      target: 'argo',
      params: {},
      overrides: {}
    });
    expect(actions.message).toMatchObject({ kind: 'info' });
    expect(actions.message!.text).toContain('r1');
    // The save is not silent.
    expect(actions.message!.details).toEqual(['The notebook was saved first.']);
    expect(runs.runs.map(r => r.id)).toEqual(['r1']);
    runs.dispose();
  });

  it('saves an Untitled notebook as JupyterLab does, asking its name, and runs it under that name', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel, context } = fakePanel(notebook, 'work/Untitled.ipynb', true);
    Object.assign(panel, { isUntitled: true });
    post.mockResolvedValue({
      id: 'r2',
      status: 'Pending',
      target: 'local',
      createdAt: '2026-11-22T14:00:00Z'
    } as never);
    const host = fakeHost(panel);
    // JupyterLab's Save, the name given in its dialog: saved, then renamed.
    host.saveUntitled = jest.fn(async () => {
      context.model.dirty = false;
      context.path = 'work/churn.ipynb';
    });
    const runs = new RunsModel();
    const actions = new PipelineActions(host, runs, trans);
    await actions.compileAndRun();
    expect(host.saveUntitled).toHaveBeenCalledWith(panel);
    expect(context.save).not.toHaveBeenCalled();
    expect(post).toHaveBeenCalledWith(
      'runs',
      expect.objectContaining({ path: 'work/churn.ipynb' })
    );

    // Its "File Changed" dialog cancelled: still unsaved, so nothing runs.
    post.mockClear();
    context.model.dirty = true;
    host.saveUntitled = jest.fn(async () => undefined);
    await actions.compileAndRun();
    expect(post).not.toHaveBeenCalled();
    expect(actions.message?.text).toMatch(
      /^Not run: the notebook was not saved/
    );
    runs.dispose();
  });

  it("shows the warnings of a cluster run's compile with its start, and lists the bare record", async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    notebook.metadata.cellpipe = { target: 'kfp' };
    const { panel } = fakePanel(notebook, 'fan-out.ipynb', false);
    const runs = new RunsModel();
    const warning =
      "cell 1, line 2: 'tables' is imported from tables.py, next to the notebook, and …";
    post.mockResolvedValue({
      id: 'r3',
      status: 'Pending',
      target: 'kfp',
      createdAt: 'x',
      warnings: [warning],
      shipped: ['helpers.py', 'tools/']
    } as never);
    const actions = new PipelineActions(fakeHost(panel), runs, trans);
    await actions.compileAndRun();
    expect(actions.message).toMatchObject({
      kind: 'warning',
      text: 'Run r3 started (kfp).',
      details: [
        warning,
        "From the notebook's folder, the pipeline carries helpers.py, tools/."
      ],
      runId: 'r3'
    });
    expect(runs.runs).toEqual([
      { id: 'r3', status: 'Pending', target: 'kfp', createdAt: 'x' }
    ]);
    runs.dispose();
  });

  it('does not save a clean notebook', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel, context } = fakePanel(notebook, 'fan-out.ipynb', false);
    post.mockResolvedValue({
      id: 'r2',
      status: 'Pending',
      createdAt: 'x'
    } as never);
    await new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    ).compileAndRun();
    expect(context.save).not.toHaveBeenCalled();
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('refuses to run a notebook with errors and shows the sidebar', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    notebook.setSource(12, notebook.source(12) + '\nprint(nowhere_defined)\n');
    notebook.setTags(12, ['step:compare', 'prev:no_such_step']);
    const { panel } = fakePanel(notebook, 'fan-out.ipynb', false);
    const host = fakeHost(panel);
    const actions = new PipelineActions(host, new RunsModel(), trans);
    await actions.compileAndRun();
    expect(post).not.toHaveBeenCalled();
    expect(host.showSidebar).toHaveBeenCalled();
    expect(actions.message).toMatchObject({ kind: 'error' });
    expect(actions.message!.text).toMatch(/error/);
  });

  it('forgets the errors it reported once they are fixed: a later error does not bring it back', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    notebook.setTags(12, ['step:compare', 'prev:no_such_step']);
    const { panel } = fakePanel(notebook, 'fan-out.ipynb', false);
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileAndRun();
    const context = (
      errorCount: number,
      path = 'fan-out.ipynb',
      analysed = true
    ) => ({
      path,
      runs: [],
      errorCount,
      analysed
    });
    expect(actions.messageNow(context(1))!.text).toMatch(/fix it first/);
    // Another notebook shown, or the notebook not analysed yet: not forgotten.
    expect(actions.messageNow(context(0, 'other.ipynb'))).toBeNull();
    expect(actions.messageNow(context(0, 'fan-out.ipynb', false))).toBeNull();
    expect(actions.messageNow(context(1))!.text).toMatch(/fix it first/);
    expect(actions.messageNow(context(0))).toBeNull();
    expect(actions.messageNow(context(1))).toBeNull();
  });

  it('leaves a notebook with errors unsaved: nothing will run', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    notebook.setTags(12, ['step:compare', 'prev:no_such_step']);
    const { panel, context } = fakePanel(notebook, 'fan-out.ipynb', true);
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileAndRun();
    expect(context.save).not.toHaveBeenCalled();
    // The message names the notebook, and each error's cell and line, and goes to the first.
    expect(actions.message!.text).toBe(
      'fan-out.ipynb has 1 error; fix it first.'
    );
    expect(actions.message!.details).toEqual([
      "Cell 13, line 1: 'prev:no_such_step' names no step of this notebook"
    ]);
    expect(actions.message!.place).toEqual({ cell: 12, line: 1 });
  });

  it('lists the first three errors that stop a run, and counts the rest', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    for (const cell of [7, 8, 9, 10]) {
      notebook.setTags(cell, [`step:s${cell}`, `prev:missing_${cell}`]);
    }
    const { panel } = fakePanel(notebook, 'work/fan-out.ipynb', true);
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileAndRun();
    expect(actions.message!.text).toBe(
      'fan-out.ipynb has 4 errors; fix them first.'
    );
    expect(actions.message!.details).toEqual([
      "Cell 8, line 1: 'prev:missing_7' names no step of this notebook",
      "Cell 9, line 1: 'prev:missing_8' names no step of this notebook",
      "Cell 10, line 1: 'prev:missing_9' names no step of this notebook",
      'And 1 more (see Diagnostics).'
    ]);
    expect(actions.message!.place).toEqual({ cell: 7, line: 1 });
  });

  it('says the notebook was not saved when the user cancels the file-changed dialog', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel, context } = fakePanel(notebook, 'fan-out.ipynb', true);
    context.save.mockRejectedValueOnce(new Error('Cancel'));
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileAndRun();
    expect(post).not.toHaveBeenCalled();
    expect(actions.message).toMatchObject({
      kind: 'error',
      text: 'Not run: the notebook was not saved. Save it (or revert it to the file on disk), then try again.'
    });
  });

  it("says to answer JupyterLab's file-changed dialog when it is still open, not 'Modal is already displayed'", async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel, context } = fakePanel(notebook, 'fan-out.ipynb', true);
    context.save.mockRejectedValueOnce(new Error('Modal is already displayed'));
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileAndRun();
    expect(post).not.toHaveBeenCalled();
    expect(actions.message).toMatchObject({
      kind: 'error',
      text: 'Not run: JupyterLab is asking whether to overwrite the notebook or revert it to the file on disk. Answer that dialog, then try again.'
    });
  });

  it('checks again what the save leaves: Revert in the file-changed dialog loads the file on disk', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel, context } = fakePanel(notebook, 'fan-out.ipynb', true);
    context.save.mockImplementationOnce(async () => {
      // The file on disk, which Revert loaded, names a step that does not exist.
      notebook.setTags(12, ['step:compare', 'prev:no_such_step']);
      Object.assign(notebook, { dirty: false });
    });
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileAndRun();
    expect(post).not.toHaveBeenCalled();
    expect(actions.message!.text).toMatch(/fix it first/);
  });

  it('says so when no notebook is open', async () => {
    const actions = new PipelineActions(fakeHost(null), new RunsModel(), trans);
    await actions.compileAndRun();
    expect(actions.message).toEqual({
      kind: 'error',
      text: 'Open a notebook first.',
      details: []
    });
  });

  it('checks the run before it asks for parameter values: a run that cannot start says so first', async () => {
    const notebook = FakeNotebook.fromFile(
      'examples/parameters-and-metrics.ipynb'
    );
    const { panel } = fakePanel(notebook, 'params.ipynb', false);
    const host = fakeHost(panel);
    const askParameters = jest.fn(async () => ({}));
    host.askParameters = askParameters;
    post.mockRejectedValueOnce(
      new Error('cannot run /nowhere/python3 (from the Local Python setting)')
    );
    const actions = new PipelineActions(host, new RunsModel(), trans);
    await actions.compileAndRun();
    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith('runs', {
      path: 'params.ipynb',
      target: 'local',
      params: {},
      overrides: {},
      check: true
    });
    expect(askParameters).not.toHaveBeenCalled();
    expect(actions.message).toMatchObject({
      kind: 'error',
      text: 'cannot run /nowhere/python3 (from the Local Python setting)'
    });
    // Once the check passes, the dialog is asked and the run starts with its values.
    post.mockReset();
    post
      .mockResolvedValueOnce({ checked: true } as never)
      .mockResolvedValueOnce({
        id: 'r9',
        status: 'Pending',
        target: 'local',
        createdAt: 'x'
      } as never);
    askParameters.mockResolvedValueOnce({ epochs: 3 } as never);
    await actions.compileAndRun();
    expect(askParameters).toHaveBeenCalledTimes(1);
    expect(post.mock.calls.map(call => call[1])).toEqual([
      {
        path: 'params.ipynb',
        target: 'local',
        params: {},
        overrides: {},
        check: true
      },
      {
        path: 'params.ipynb',
        target: 'local',
        params: { epochs: 3 },
        overrides: {}
      }
    ]);
  });

  it('shows the server error (which names notebook, cell and line) without throwing', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel } = fakePanel(notebook, 'fan-out.ipynb', false);
    post.mockRejectedValue(new Error('fan-out.ipynb, cell 4, line 2: boom'));
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileAndRun();
    expect(actions.message).toMatchObject({
      kind: 'error',
      text: 'fan-out.ipynb, cell 4, line 2: boom'
    });
    expect(actions.message?.place).toBeUndefined();
    expect(actions.busy).toBe(false);
  });

  it("keeps the place a server error names in this notebook, for the message's button", async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel } = fakePanel(notebook, 'team/fan-out.ipynb', false);
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    const located = (location: Record<string, unknown>) =>
      Object.assign(new Error('boom'), { status: 400, location });
    post.mockRejectedValue(
      located({ notebook: '/srv/team/fan-out.ipynb', cell: 3, line: 2 })
    );
    await actions.compileAndRun();
    expect(actions.message?.place).toEqual({ cell: 3, line: 2 });
    // Another notebook's place, or none, is no button.
    post.mockRejectedValue(located({ notebook: 'other.ipynb', cell: 1 }));
    await actions.compileAndRun();
    expect(actions.message?.place).toBeUndefined();
    post.mockRejectedValue(located({ notebook: 'fan-out.ipynb' }));
    await actions.compileAndRun();
    expect(actions.message?.place).toBeUndefined();
  });
});

describe('compile only and export', () => {
  it('compiles a local pipeline for Argo and lists the warnings', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel } = fakePanel(notebook, 'fan-out.ipynb', false);
    post.mockResolvedValue({
      target: 'argo',
      text: 'a: 1\nb: 2\n',
      warnings: ['security.readOnlyRootFilesystem is false']
    } as never);
    const actions = new PipelineActions(
      fakeHost(panel),
      new RunsModel(),
      trans
    );
    await actions.compileOnly();
    expect(post).toHaveBeenCalledWith('compile', {
      path: 'fan-out.ipynb',
      target: 'argo',
      overrides: {}
    });
    expect(actions.message).toEqual({
      kind: 'warning',
      text: 'Compiled for argo: 2 lines, 1 warning.',
      details: ['security.readOnlyRootFilesystem is false'],
      path: 'fan-out.ipynb'
    });
  });

  it('names the modules next to the notebook that the pipeline carries', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { panel } = fakePanel(notebook, 'fan-out.ipynb', false);
    post.mockResolvedValue({
      target: 'kfp',
      text: 'a: 1\n',
      warnings: [],
      shipped: ['helpers.py']
    } as never);
    const host = fakeHost(panel);
    const actions = new PipelineActions(host, new RunsModel(), trans);
    await actions.compileOnly();
    expect(actions.message).toEqual({
      kind: 'info',
      text: 'Compiled for kfp: 1 lines, 0 warnings.',
      details: ["From the notebook's folder, the pipeline carries helpers.py."],
      path: 'fan-out.ipynb'
    });
    await actions.exportYaml();
    expect(actions.message).toMatchObject({
      kind: 'info',
      details: ["From the notebook's folder, the pipeline carries helpers.py."]
    });
  });

  it('exports beside the notebook without overwriting, then opens the file', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    notebook.metadata.cellpipe = { target: 'kfp' };
    const { panel } = fakePanel(notebook, 'work/fan-out.ipynb', false);
    post.mockResolvedValue({
      target: 'kfp',
      text: 'pipelineInfo: {}\n',
      warnings: []
    } as never);
    const host = fakeHost(panel, ['work/fan-out.kfp.yaml']);
    const actions = new PipelineActions(host, new RunsModel(), trans);
    expect(await actions.exportYaml()).toBe('work/fan-out.kfp-1.yaml');
    expect(host.written).toEqual({
      'work/fan-out.kfp-1.yaml': 'pipelineInfo: {}\n'
    });
    expect(host.opened).toEqual(['work/fan-out.kfp-1.yaml']);
  });

  it.each([
    ['local', 'argo'],
    ['argo', 'argo'],
    ['kfp', 'kfp']
  ] as const)('target %s compiles for %s', (target, document) => {
    expect(documentTarget(target)).toBe(document);
  });

  it.each([
    ['train.ipynb', 'argo', 0, 'train.argo.yaml'],
    ['a/b/train.ipynb', 'kfp', 2, 'a/b/train.kfp-2.yaml'],
    ['odd name.IPYNB', 'argo', 0, 'odd name.argo.yaml']
  ])('%s for %s, try %d -> %s', (notebook, target, attempt, expected) => {
    expect(exportPath(notebook, target, attempt)).toBe(expected);
  });

  it('gives up with a clear message when every name is taken', async () => {
    await expect(
      freeExportPath('n.ipynb', 'argo', async () => true, 3)
    ).rejects.toThrow('n.argo.yaml and 2 numbered copies exist already');
  });
});

describe('the message beside Compile and run does not go stale', () => {
  const run = (
    id: string,
    status: string,
    error?: string,
    createdAt = '2026-12-02T05:00:00Z'
  ): any => ({
    id,
    status,
    error,
    createdAt
  });
  const started: IActionMessage = {
    kind: 'info',
    text: 'Run r1 started (local).',
    details: [],
    path: 'a.ipynb',
    runId: 'r1'
  };

  it('is not shown in another notebook', () => {
    const context = { path: 'b.ipynb', runs: [], errorCount: 0 };
    expect(currentMessage(started, context, trans)).toBeNull();
  });

  it('follows its run when the notebook is renamed', () => {
    const renamed = {
      path: 'renamed.ipynb',
      runs: [run('r1', 'Succeeded')],
      errorCount: 0
    };
    expect(currentMessage(started, renamed, trans)).toMatchObject({
      text: 'Run r1 ended: Succeeded.'
    });
  });

  it('says how the run it announced ended', () => {
    const running = {
      path: 'a.ipynb',
      runs: [run('r1', 'Running')],
      errorCount: 0
    };
    expect(currentMessage(started, running, trans)).toBe(started);
    const failed = {
      path: 'a.ipynb',
      runs: [run('r1', 'Failed', 'step x failed')],
      errorCount: 0
    };
    expect(currentMessage(started, failed, trans)).toMatchObject({
      kind: 'error',
      text: 'Run r1 ended: Failed.',
      details: ['step x failed']
    });
  });

  it('says a run the user cancelled ended so as a warning, not as an error', () => {
    const cancelled = {
      path: 'a.ipynb',
      runs: [run('r1', 'Cancelled')],
      errorCount: 0
    };
    expect(currentMessage(started, cancelled, trans)).toMatchObject({
      kind: 'warning',
      text: 'Run r1 ended: Cancelled.'
    });
  });

  it('goes away once a later run of the notebook starts (a rerun from the run viewer)', () => {
    const rerun = {
      path: 'a.ipynb',
      runs: [
        run('r2', 'Running', undefined, '2026-12-02T05:01:00Z'),
        run('r1', 'Succeeded')
      ],
      errorCount: 0
    };
    expect(currentMessage(started, rerun, trans)).toBeNull();
  });

  it('goes away once the errors it reported are fixed', () => {
    const errors: IActionMessage = {
      kind: 'error',
      text: 'a.ipynb has 1 error; fix it first.',
      details: [],
      path: 'a.ipynb',
      analysisErrors: true
    };
    expect(
      currentMessage(
        errors,
        { path: 'a.ipynb', runs: [], errorCount: 1 },
        trans
      )
    ).toBe(errors);
    expect(
      currentMessage(
        errors,
        { path: 'a.ipynb', runs: [], errorCount: 0 },
        trans
      )
    ).toBeNull();
  });
});
