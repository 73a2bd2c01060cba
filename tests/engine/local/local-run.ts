/** Helpers for the local-run tests: a private CELLPIPE_HOME, notebooks, and the real CLI. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellpipe, ICliResult } from '../../support/cli';
import { PYTHON, runPython } from '../../support/python';
import { IRunRecord } from '../../../src/core/runs/record';

export { PYTHON };

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'cellpipe-home-'));
}

/** Runs `cellpipe ARGS` with CELLPIPE_HOME=home and the test Python. */
export function cli(
  home: string,
  args: string[],
  env: NodeJS.ProcessEnv = {}
): ICliResult {
  return cellpipe(args, {
    env: { CELLPIPE_HOME: home, CELLPIPE_PYTHON: PYTHON, ...env }
  });
}

/** `cellpipe run --json ...`: the exit code and the run record it printed. */
export function runJson(
  home: string,
  args: string[],
  env: NodeJS.ProcessEnv = {}
): { code: number | null; record: IRunRecord; stderr: string } {
  const result = cli(home, ['run', '--json', ...args], env);
  let record: IRunRecord;
  try {
    record = JSON.parse(result.stdout) as IRunRecord;
  } catch {
    throw new Error(
      `run --json printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`
    );
  }
  return { code: result.code, record, stderr: result.stderr };
}

export function step(record: IRunRecord, name: string) {
  const found = record.steps.find(s => s.name === name);
  if (!found) {
    throw new Error(
      `no step ${name} in ${JSON.stringify(record.steps.map(s => s.name))}`
    );
  }
  return found;
}

/** All metrics of a run record, merged over its steps. */
export function runMetrics(record: IRunRecord): Record<string, unknown> {
  return Object.assign({}, ...record.steps.map(s => s.metrics ?? {}));
}

/** The metric values of the notebook executed top to bottom as one program. */
export function sequentialMetrics(
  notebook: string,
  names: string[],
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  const result = runPython([
    join(__dirname, 'sequential.py'),
    notebook,
    JSON.stringify(names),
    JSON.stringify(overrides)
  ]);
  if (result.status !== 0) {
    throw new Error(`sequential run failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/**
 * `cellpipe run --no-cache NOTEBOOK ...extra`, which must succeed, beside the notebook run top to
 * bottom as one program: the metrics `names` of both.
 */
export function runBesideTopToBottom(
  home: string,
  notebook: string,
  names: string[],
  extra: string[] = []
): { pipeline: Record<string, unknown>; reference: Record<string, unknown> } {
  const { code, record, stderr } = runJson(home, [
    notebook,
    '--no-cache',
    ...extra
  ]);
  expect({ code, stderr: code ? stderr : '' }).toEqual({
    code: 0,
    stderr: ''
  });
  return {
    pipeline: runMetrics(record),
    reference: sequentialMetrics(notebook, names)
  };
}

/**
 * `runBesideTopToBottom` for the metrics named in `expected`: the notebook run top to bottom
 * gives `expected`, and the pipeline gives the same.
 */
export function expectSameAsTopToBottom(
  home: string,
  notebook: string,
  expected: Record<string, unknown>,
  extra: string[] = []
): void {
  const { pipeline, reference } = runBesideTopToBottom(
    home,
    notebook,
    Object.keys(expected),
    extra
  );
  expect(reference).toEqual(expected);
  expect(pipeline).toEqual(reference);
}

/**
 * The frame of a real-run test: a describe block named `what` whose one test, named `check`,
 * writes `cells` to a notebook `name` in a new temporary folder and expects the pipeline and
 * the notebook run top to bottom to give `expected` (expectSameAsTopToBottom).
 */
export function describeSameAsTopToBottom(
  what: string,
  check: string,
  notebook: { prefix: string; name: string; cells: ITestCell[] },
  expected: Record<string, unknown>
): void {
  describe(what, () => {
    const written = notebookInTempDir(
      notebook.prefix,
      notebook.name,
      notebook.cells
    );
    it(check, () => {
      expectSameAsTopToBottom(written.home, written.notebook, expected);
    });
  });
}

export interface ITestCell {
  source: string;
  tags?: string[];
}

/** A `pipeline-metrics` cell that prints each of `names` (each a metric of the run). */
export function metricsCell(names: readonly string[]): ITestCell {
  return {
    source: names.map(name => `print(${name})`).join('\n'),
    tags: ['pipeline-metrics']
  };
}

/**
 * A new temp folder (`cellpipe-PREFIX-…`) holding the notebook `name` made of `cells`, and a
 * private CELLPIPE_HOME for its runs.
 */
export function notebookInTempDir(
  prefix: string,
  name: string,
  cells: ITestCell[]
): { dir: string; notebook: string; home: string } {
  const dir = mkdtempSync(join(tmpdir(), `cellpipe-${prefix}-`));
  return { dir, notebook: writeNotebook(dir, name, cells), home: tempHome() };
}

/** Writes an nbformat 4 notebook of code cells into `dir` and returns its path. */
export function writeNotebook(
  dir: string,
  name: string,
  cells: ITestCell[]
): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        }
      },
      cells: cells.map(cell => ({
        cell_type: 'code',
        execution_count: null,
        metadata: { tags: cell.tags ?? [] },
        outputs: [],
        source: cell.source
      }))
    })
  );
  return path;
}
