/**
 * What Node runs as `cellpipe.cjs` (bin/cellpipe.js, the Python package's `cellpipe` command, the
 * Jupyter server's engine): loads the engine bundle beside it (engine.cjs) through V8's code
 * cache, and runs the command line when it is the main module. Its exports are the bundle's.
 *
 * A command spends most of its start compiling the bundle: its top level, then each function the
 * first time it runs (`cellpipe analyze` of an example calls several hundred). V8 can save the
 * bytecode it made (`Script.createCachedData`) and take it back at the next start; made after a
 * run, the cache holds the functions that run compiled too. Node 20 has no compile cache of its
 * own (`module.enableCompileCache` is Node 22), and the require hook v8-compile-cache saves its
 * cache before the code runs, so it holds only the top level: measured here it saved about
 * 5 ms a start, where a cache made after the run saves about 30 (bench/README.md, CLI start-up).
 *
 * V8 checks a cache against the source's length, not its text, so each cache file is named by a
 * hash of the bundle (and Node's version and architecture): a rebuilt bundle never takes the
 * bytecode of another. The files go in the user's cache folder, never a shared one such as
 * /tmp, where another user could leave one. A cache is only a saving: a folder that cannot be
 * written, or a cache V8 refuses, leaves the command as it would run without one.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { constants, Script } from 'node:vm';
import { WASM_TIERING_BUDGET } from '../engine/wasm-tiering';

const BUNDLE = join(__dirname, 'engine.cjs');

/** A cache file's name: `engine-` and 32 hex digits of the hash (see cacheFile). */
const CACHE_FILE = /^engine-[0-9a-f]{32}\.v8cache$/;

/** How many caches of other bundles a folder keeps (other installs, earlier builds). */
const OTHER_CACHES_KEPT = 3;

/** Node's CommonJS wrapper: the bundle runs as the module it would be if required. */
const WRAPPER = [
  '(function (exports, require, module, __filename, __dirname) { ',
  '\n});'
];

/**
 * `$XDG_CACHE_HOME/cellpipe`, else `~/.cache/cellpipe`; null where there is neither, or where
 * CELLPIPE_CODE_CACHE=off turns the cache off.
 */
function cacheFolder(): string | null {
  if (process.env.CELLPIPE_CODE_CACHE === 'off') {
    return null;
  }
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) {
    return join(xdg, 'cellpipe'); // a relative one is to be ignored (XDG base directories)
  }
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'cellpipe') : null;
  } catch {
    return null; // a user without a home directory
  }
}

function cacheFile(folder: string, bundle: Buffer): string {
  const hash = createHash('sha256')
    .update(bundle)
    .update(`\0${process.version}\0${process.arch}`)
    .digest('hex');
  return join(folder, `engine-${hash.slice(0, 32)}.v8cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // none yet
  }
}

/**
 * Saves the bytecode V8 has for `script` now, at the end of a run, in one step (written beside
 * and renamed: two commands ending at once each leave a whole file), and removes the oldest
 * caches of other bundles beyond OTHER_CACHES_KEPT.
 */
function saveCache(folder: string, file: string, script: Script): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
    const others = readdirSync(folder)
      .filter(name => CACHE_FILE.test(name) && join(folder, name) !== file)
      .map(name => join(folder, name))
      .map(path => ({ path, changed: statSync(path).mtimeMs }))
      .sort((a, b) => b.changed - a.changed);
    for (const old of others.slice(OTHER_CACHES_KEPT)) {
      rmSync(old.path, { force: true });
    }
  } catch {
    // Not saved (a folder that cannot be written, a full disk): the next start compiles again.
    removeQuietly(partial);
  }
}

/** Removes `path` where it exists and can be removed (a half-written cache). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing there to remove, or nothing removable
  }
}

/** Runs the engine bundle as a module and returns its exports. */
function loadEngine(): Record<string, unknown> {
  // Before compiling: V8 takes a cache back only under the flags it was made with.
  setFlagsFromString(WASM_TIERING_BUDGET);
  const bundle = readFileSync(BUNDLE);
  const folder = cacheFolder();
  const file = folder === null ? null : cacheFile(folder, bundle);
  const cached = file === null ? undefined : readCache(file);
  const script = new Script(WRAPPER[0] + bundle.toString('utf8') + WRAPPER[1], {
    filename: BUNDLE,
    cachedData: cached,
    // `import()` in the bundle loads as it would in a required module
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  });
  if (
    folder !== null &&
    file !== null &&
    (!cached || script.cachedDataRejected)
  ) {
    process.once('exit', () => saveCache(folder, file, script));
  }
  const engine = { exports: {} as Record<string, unknown>, filename: BUNDLE };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(engine.exports, createRequire(BUNDLE), engine, BUNDLE, dirname(BUNDLE));
  return engine.exports;
}

const engine = loadEngine();
module.exports = engine;
if (require.main === module) {
  (engine.runMain as () => void)();
}
