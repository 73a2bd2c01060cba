/** Renames that move a notebook's runs (notebook-renames.ts): recorded, read back, applied. */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INotebookRename,
  movesAnyRun,
  notebookNow,
  readRenames,
  recordRename,
  renamesFile
} from '../../../src/engine/local/notebook-renames';

const at = (minute: number) =>
  `2026-11-30T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('notebookNow: where a run’s notebook is after the renames', () => {
  const renames: INotebookRename[] = [
    { from: '/root/Untitled.ipynb', to: '/root/churn.ipynb', at: at(10) },
    { from: '/root/churn.ipynb', to: '/root/team/churn.ipynb', at: at(20) },
    { from: '/root/team', to: '/root/crew', at: at(30) }
  ];

  it('follows each later rename of the file and of a folder it is in', () => {
    expect(notebookNow('/root/Untitled.ipynb', at(5), renames)).toBe(
      '/root/crew/churn.ipynb'
    );
    expect(notebookNow('/root/churn.ipynb', at(15), renames)).toBe(
      '/root/crew/churn.ipynb'
    );
  });

  it('leaves a run made after a rename where it ran: a new notebook under the old name', () => {
    expect(notebookNow('/root/Untitled.ipynb', at(11), renames)).toBe(
      '/root/Untitled.ipynb'
    );
    expect(notebookNow('/root/crew/churn.ipynb', at(31), renames)).toBe(
      '/root/crew/churn.ipynb'
    );
  });

  it('moves only what is at or under the renamed path, not a name that starts the same', () => {
    const folder = [{ from: '/root/team', to: '/root/crew', at: at(30) }];
    expect(notebookNow('/root/team2/a.ipynb', at(1), folder)).toBe(
      '/root/team2/a.ipynb'
    );
    expect(notebookNow('/root/teams.ipynb', at(1), folder)).toBe(
      '/root/teams.ipynb'
    );
    expect(notebookNow('/root/team/sub/a.ipynb', at(1), folder)).toBe(
      '/root/crew/sub/a.ipynb'
    );
    expect(notebookNow('/root/other.ipynb', at(1), renames)).toBe(
      '/root/other.ipynb'
    );
  });

  it('says whether a rename moves any run', () => {
    const runs = [{ notebook: '/root/Untitled.ipynb', createdAt: at(5) }];
    expect(movesAnyRun('/root/crew', runs, renames)).toBe(true);
    expect(movesAnyRun('/root/crew/churn.ipynb', runs, renames)).toBe(true);
    // Where the notebook was before the renames is no longer where it is.
    expect(movesAnyRun('/root/Untitled.ipynb', runs, renames)).toBe(false);
    expect(movesAnyRun('/root/notes.txt', runs, [])).toBe(false);
  });
});

describe('deletions: the runs made before stay with the deleted notebook', () => {
  const journal: INotebookRename[] = [
    { from: '/root/Untitled.ipynb', to: '/root/churn.ipynb', at: at(10) },
    { from: '/root/churn.ipynb', to: null, at: at(20) },
    { from: '/root/team', to: null, at: at(30) }
  ];

  it('has no notebook now for a run made before its deletion, under any earlier name', () => {
    expect(notebookNow('/root/Untitled.ipynb', at(5), journal)).toBeNull();
    expect(notebookNow('/root/churn.ipynb', at(15), journal)).toBeNull();
    // A deleted folder takes the notebooks in it.
    expect(notebookNow('/root/team/sub/a.ipynb', at(25), journal)).toBeNull();
  });

  it('leaves a notebook made later at the same path its own runs, and others alone', () => {
    expect(notebookNow('/root/churn.ipynb', at(21), journal)).toBe(
      '/root/churn.ipynb'
    );
    expect(notebookNow('/root/team/a.ipynb', at(31), journal)).toBe(
      '/root/team/a.ipynb'
    );
    expect(notebookNow('/root/teams.ipynb', at(1), journal)).toBe(
      '/root/teams.ipynb'
    );
  });

  it('a later rename or deletion of the path moves none of the deleted notebook’s runs', () => {
    const runs = [{ notebook: '/root/churn.ipynb', createdAt: at(15) }];
    expect(movesAnyRun('/root/churn.ipynb', runs, journal)).toBe(false);
    expect(movesAnyRun('/root/churn.ipynb', runs, journal.slice(0, 1))).toBe(
      true
    );
  });

  it('is read back from the file with its null', () => {
    const home = mkdtempSync(join(tmpdir(), 'cellpipe-renames-'));
    try {
      recordRename(journal[1], home);
      expect(readRenames(home)).toEqual([journal[1]]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('the renames file', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cellpipe-renames-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('is empty until a rename is recorded, then gives the renames back oldest first', () => {
    expect(readRenames(home)).toEqual([]);
    const later = { from: '/r/b.ipynb', to: '/r/c.ipynb', at: at(20) };
    const earlier = { from: '/r/a.ipynb', to: '/r/b.ipynb', at: at(10) };
    recordRename(later, home);
    recordRename(earlier, home);
    expect(readRenames(home)).toEqual([earlier, later]);
  });

  it('skips a line cut short or not a rename, and keeps the others', () => {
    const rename = { from: '/r/a.ipynb', to: '/r/b.ipynb', at: at(10) };
    recordRename(rename, home);
    appendFileSync(
      renamesFile(home),
      '{"from": "/r/b.ipy\n[1, 2]\n{"from": 3}\n\n'
    );
    expect(readRenames(home)).toEqual([rename]);
  });

  it('starts a new line after a line cut short, so the next rename is kept', () => {
    const first = { from: '/r/a.ipynb', to: '/r/b.ipynb', at: at(10) };
    recordRename(first, home);
    appendFileSync(renamesFile(home), '{"from": "/r/b.ipy');
    const next = { from: '/r/b.ipynb', to: '/r/c.ipynb', at: at(20) };
    recordRename(next, home);
    expect(readRenames(home)).toEqual([first, next]);
  });

  it('makes CELLPIPE_HOME when it does not exist yet', () => {
    const fresh = join(home, 'not-yet');
    const rename = { from: '/r/a.ipynb', to: '/r/b.ipynb', at: at(10) };
    recordRename(rename, fresh);
    expect(readRenames(fresh)).toEqual([rename]);
  });
});
