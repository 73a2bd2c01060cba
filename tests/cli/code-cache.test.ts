/**
 * The engine bundle loaded through V8's code cache (src/cli/start.ts), by the built cellpipe.cjs
 * in child processes: the first start saves a cache in the user's cache folder, later starts take
 * it back without writing it again, and a command gives the same output with the cache, without
 * it, and with a cache file that is broken, cannot be written, or belongs to another bundle.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli';

const BUNDLE = join(ROOT, 'cellpipe', 'engine', 'cellpipe.cjs');
const EXAMPLE = join(ROOT, 'examples', 'fan-out.ipynb');
const CACHE_FILE = /^engine-[0-9a-f]{32}\.v8cache$/;

/** `cellpipe analyze EXAMPLE --json` with `env`; its exit code, stdout and stderr. */
function analyze(env: Record<string, string>) {
  const child = spawnSync(
    process.execPath,
    [BUNDLE, 'analyze', EXAMPLE, '--json'],
    { encoding: 'utf8', env: { ...process.env, ...env } }
  );
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The cache files in `folder`, by name. */
function caches(folder: string): string[] {
  try {
    return readdirSync(folder).filter(name => CACHE_FILE.test(name));
  } catch {
    return [];
  }
}

describe("the engine bundle through V8's code cache", () => {
  let home: string;
  let folder: string;
  let uncached: ReturnType<typeof analyze>;

  beforeAll(() => {
    uncached = analyze({ CELLPIPE_CODE_CACHE: 'off' });
    expect(uncached.code).toBe(0);
  });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cellpipe-code-cache-'));
    folder = join(home, 'cellpipe');
  });

  afterEach(() => {
    chmodSync(home, 0o700);
    rmSync(home, { recursive: true, force: true });
  });

  it('saves one cache at the first start, takes it back at the next without writing it again', () => {
    expect(analyze({ XDG_CACHE_HOME: home })).toEqual(uncached);
    const [saved] = caches(folder);
    expect(caches(folder)).toEqual([saved]);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const file = join(folder, saved);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(10_000);
    // An old time: a second save would make it new again.
    utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));

    expect(analyze({ XDG_CACHE_HOME: home })).toEqual(uncached);
    expect(caches(folder)).toEqual([saved]);
    expect(statSync(file).mtime.getFullYear()).toBe(2020);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('with CELLPIPE_CODE_CACHE=off neither reads nor writes one', () => {
    expect(
      analyze({ XDG_CACHE_HOME: home, CELLPIPE_CODE_CACHE: 'off' })
    ).toEqual(uncached);
    expect(caches(folder)).toEqual([]);
  });

  it('runs as without a cache where the cache file is broken, and replaces it', () => {
    analyze({ XDG_CACHE_HOME: home });
    const [saved] = caches(folder);
    const file = join(folder, saved);
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(analyze({ XDG_CACHE_HOME: home })).toEqual(uncached);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(analyze({ XDG_CACHE_HOME: home })).toEqual(uncached);
  });

  it('runs as without a cache where the folder cannot be written', () => {
    if (process.getuid?.() === 0) {
      // root writes whatever the mode: a cache folder that is a file cannot be made by anyone
      writeFileSync(folder, 'not a folder');
    } else {
      chmodSync(home, 0o500);
    }
    expect(analyze({ XDG_CACHE_HOME: home })).toEqual(uncached);
  });

  it('leaves no half-written file where the cache cannot be put in place', () => {
    analyze({ XDG_CACHE_HOME: home });
    const [name] = caches(folder);
    const other = mkdtempSync(join(tmpdir(), 'cellpipe-code-cache-'));
    try {
      // a folder where the cache file goes: the write beside it succeeds, the rename cannot
      mkdirSync(join(other, 'cellpipe', name), { recursive: true });
      expect(analyze({ XDG_CACHE_HOME: other })).toEqual(uncached);
      expect(readdirSync(join(other, 'cellpipe'))).toEqual([name]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('keeps the three newest caches of other bundles and removes older ones', () => {
    mkdirSync(folder, { mode: 0o700 });
    const others = [1, 2, 3, 4, 5].map(day => {
      const name = `engine-${String(day).repeat(32)}.v8cache`;
      writeFileSync(join(folder, name), 'another bundle');
      const when = new Date(2026, 0, day);
      utimesSync(join(folder, name), when, when);
      return name;
    });
    writeFileSync(join(folder, 'notes.txt'), 'not a cache');
    expect(analyze({ XDG_CACHE_HOME: home })).toEqual(uncached);
    const left = readdirSync(folder).sort();
    const saved = left.filter(
      name => CACHE_FILE.test(name) && !others.includes(name)
    );
    expect(saved).toHaveLength(1);
    expect(left).toEqual(
      [...saved, others[2], others[3], others[4], 'notes.txt'].sort()
    );
  });

  it('takes no cache from a relative XDG_CACHE_HOME: the home folder instead', () => {
    const fakeHome = home;
    expect(
      analyze({ XDG_CACHE_HOME: 'relative/cache', HOME: fakeHome })
    ).toEqual(uncached);
    expect(caches(join(fakeHome, '.cache', 'cellpipe'))).toHaveLength(1);
  });
});
