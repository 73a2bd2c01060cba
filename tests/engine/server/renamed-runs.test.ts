/**
 * A notebook's runs follow it when Jupyter renames it (run-methods.ts, notebookRenamed): the lab
 * lists them under the new path, and a rerun starts from there. When Jupyter deletes it
 * (notebookDeleted), they stay with the deleted notebook. Records are not rewritten.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IRunRecord } from '../../../src/core/runs/record';
import { renamesFile } from '../../../src/engine/local/notebook-renames';
import { writeRecord } from '../../../src/engine/local/store';
import {
  getRunMethod,
  IEngineContext,
  listRunsMethod,
  notebookDeletedMethod,
  notebookRenamedMethod
} from '../../../src/engine/server/run-methods';
import { EngineError } from '../../../src/engine/server/protocol';

let root: string;
let home: string;
let context: IEngineContext;

function run(id: string, notebook: string, createdAt: string): IRunRecord {
  const record: IRunRecord = {
    id,
    status: 'Succeeded',
    target: 'local',
    notebook,
    pipeline: 'p',
    createdAt,
    startedAt: createdAt,
    finishedAt: createdAt,
    params: {},
    links: [],
    steps: []
  };
  writeRecord(record, home);
  return record;
}

const listed = async (notebook: string) =>
  (await listRunsMethod(context, { notebook })).map(r => r.id);

beforeEach(() => {
  const base = mkdtempSync(join(tmpdir(), 'cellpipe-renamed-runs-'));
  root = join(base, 'root');
  home = join(base, 'home');
  mkdirSync(root);
  context = { root, home, entry: 'unused' };
});

afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('runs follow their notebook when Jupyter renames it', () => {
  it('lists a lab run (absolute path) and a cluster run (root-relative) under the new name', async () => {
    const local = run(
      '20261130-100000-000aaa',
      join(root, 'Untitled.ipynb'),
      '2026-11-30T10:00:00.000Z'
    );
    run('20261130-100100-000bbb', 'Untitled.ipynb', '2026-11-30T10:01:00.000Z');
    expect(
      notebookRenamedMethod(context, {
        from: 'Untitled.ipynb',
        to: 'churn.ipynb'
      })
    ).toEqual({ recorded: true });
    expect(await listed('churn.ipynb')).toEqual([
      '20261130-100100-000bbb',
      '20261130-100000-000aaa'
    ]);
    expect(await listed('Untitled.ipynb')).toEqual([]);
    // The viewer (and its rerun) gets the path the notebook has now.
    const shown = await getRunMethod(context, { id: local.id });
    expect(shown.notebook).toBe('churn.ipynb');
    // With the path it ran from: its messages name the notebook as it was called then.
    expect(shown.ranFrom).toBe(join(root, 'Untitled.ipynb'));
    // The record itself still says where it ran from.
    const file = join(home, 'runs', local.id, 'run.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).notebook).toBe(
      join(root, 'Untitled.ipynb')
    );
  });

  it('follows a folder rename, with the leading slash Jupyter may give', async () => {
    run(
      '20261130-100000-000aaa',
      join(root, 'team', 'a.ipynb'),
      '2026-11-30T10:00:00.000Z'
    );
    expect(
      notebookRenamedMethod(context, { from: '/team', to: '/crew' })
    ).toEqual({ recorded: true });
    expect(await listed('crew/a.ipynb')).toEqual(['20261130-100000-000aaa']);
  });

  it('records only renames that move a run, and leaves a later notebook under the old name its own runs', async () => {
    run(
      '20261130-100000-000aaa',
      join(root, 'Untitled.ipynb'),
      '2020-01-01T00:00:00.000Z'
    );
    expect(
      notebookRenamedMethod(context, { from: 'notes.txt', to: 'todo.txt' })
    ).toEqual({ recorded: false });
    expect(
      notebookRenamedMethod(context, { from: 'a.ipynb', to: 'a.ipynb' })
    ).toEqual({ recorded: false });
    notebookRenamedMethod(context, {
      from: 'Untitled.ipynb',
      to: 'first.ipynb'
    });
    // A new Untitled.ipynb, run after the rename, keeps its runs.
    const later = run(
      '20991231-000000-000ccc',
      join(root, 'Untitled.ipynb'),
      '2099-12-31T00:00:00.000Z'
    );
    expect(await listed('Untitled.ipynb')).toEqual([later.id]);
    expect(await listed('first.ipynb')).toEqual(['20261130-100000-000aaa']);
    expect(
      readFileSync(renamesFile(home), 'utf8').trim().split('\n')
    ).toHaveLength(1);
  });

  it('refuses paths outside the server root', () => {
    for (const [from, to] of [
      ['../x.ipynb', 'y.ipynb'],
      ['x.ipynb', '../../y.ipynb'],
      ['', 'y.ipynb'],
      ['/', 'y']
    ]) {
      expect(() => notebookRenamedMethod(context, { from, to })).toThrow(
        EngineError
      );
    }
  });
});

describe("a deleted notebook's runs stay with it", () => {
  it('a new notebook at its path lists none of them; the records and their ids stay', async () => {
    const old = run(
      '20261130-100000-000aaa',
      join(root, 'Untitled.ipynb'),
      '2020-01-01T00:00:00.000Z'
    );
    run('20261130-100100-000bbb', 'team/a.ipynb', '2020-01-01T00:01:00.000Z');
    expect(notebookDeletedMethod(context, { path: 'notes.txt' })).toEqual({
      recorded: false
    });
    expect(notebookDeletedMethod(context, { path: 'Untitled.ipynb' })).toEqual({
      recorded: true
    });
    // Deleted again (a new notebook there, with no runs yet): nothing to record.
    expect(notebookDeletedMethod(context, { path: 'Untitled.ipynb' })).toEqual({
      recorded: false
    });
    expect(await listed('Untitled.ipynb')).toEqual([]);
    const later = run(
      '20991231-000000-000ccc',
      join(root, 'Untitled.ipynb'),
      '2099-12-31T00:00:00.000Z'
    );
    expect(await listed('Untitled.ipynb')).toEqual([later.id]);
    // By id (the run viewer) and in the whole list, the old run is still there, said to be
    // deleted (so the viewer offers no rerun of the new notebook); the new one's run is not.
    expect(await getRunMethod(context, { id: old.id })).toMatchObject({
      notebook: 'Untitled.ipynb',
      notebookDeleted: true
    });
    expect(
      (await getRunMethod(context, { id: later.id })).notebookDeleted
    ).toBeUndefined();
    expect((await listRunsMethod(context, {})).map(r => r.id).sort()).toEqual(
      [old.id, '20261130-100100-000bbb', later.id].sort()
    );

    // A folder, with the leading slash Jupyter may give.
    expect(notebookDeletedMethod(context, { path: '/team' })).toEqual({
      recorded: true
    });
    expect(await listed('team/a.ipynb')).toEqual([]);
    expect(() => notebookDeletedMethod(context, { path: '../x' })).toThrow(
      EngineError
    );
  });
});
