/**
 * The step cache. A step's key hashes its generated script (its code), the interpreter (path,
 * version and pickler: a notebook's function saved by plain pickle does not load, with or without
 * cloudpickle), the content of every input it loads and the parameters it reads. A successful step
 * leaves an entry `CELLPIPE_HOME/cache/<key>.json` pointing at its saved outputs; a later step
 * with the same key links those outputs into its own run instead of running.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync
} from 'node:fs';
import { join, relative } from 'node:path';
import { ParameterValue } from '../../core/ir/pipeline';
import { cacheDir, cellpipeHome, RunPaths } from '../paths';
import { Pickler } from './python';
import { IObservedFiles, observedFilesAsLeft } from './observed-files';
import { writeFileAtomically } from './store';

export interface ICacheKeyParts {
  script: string;
  /** The interpreter, and the pickler its generic outputs were saved with (see IPython). */
  python: { executable: string; version: string; pickler?: Pickler };
  /** Input variable → content hash of the producer's saved value. */
  inputs: Record<string, string>;
  /** The parameters the step reads → their values in this run. */
  parameters: Record<string, ParameterValue>;
  /** Files the step reads by name → `size:mtime`, or `absent` (see IPlannedStep.files). */
  files?: Record<string, string>;
}

export interface ICacheEntry {
  key: string;
  /** The run and step whose data directory holds the outputs. */
  runId: string;
  step: string;
  /** Output variable → content hash. */
  outputs: Record<string, string>;
  /**
   * The files the step writes (IPlannedStep.written) → `size:mtime` after it ran, by full path:
   * the entry serves only while each is as the step left it.
   */
  written?: Record<string, string>;
  /**
   * What the step's own cells read, wrote and listed as they ran (observed-files.ts): the entry
   * serves only while each is as the run left it. Absent in entries written before it was added.
   */
  observed?: IObservedFiles;
  metrics?: Record<string, number | string | boolean>;
  createdAt: string;
}

const FORMAT = 1;

/** The first line of a cached step's log starts so; the rest is the log from when it ran. */
export const CACHED_LOG_PREFIX = 'cellpipe: outputs reused from run ';

export function cacheKey(parts: ICacheKeyParts): string {
  const sorted = (record: Record<string, unknown>) =>
    Object.keys(record)
      .sort()
      .map(k => [k, record[k]]);
  return createHash('sha256')
    .update(
      JSON.stringify({
        format: FORMAT,
        script: createHash('sha256').update(parts.script).digest('hex'),
        python: [
          parts.python.executable,
          parts.python.version,
          parts.python.pickler ?? 'pickle'
        ],
        inputs: sorted(parts.inputs),
        parameters: sorted(parts.parameters),
        // Only where the step reads files: the keys of other steps stay as they were.
        ...(parts.files && Object.keys(parts.files).length
          ? { files: sorted(parts.files) }
          : {})
      })
    )
    .digest('hex');
}

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort(
      (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    )) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (entry.isFile()) {
        files.push(path);
      }
    }
  };
  walk(dir);
  return files;
}

/** sha256 over the relative path, size and bytes of every file under `dir`, in sorted order. */
export async function hashDirectory(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir)) {
    hash.update(`${relative(dir, file)}\0${statSync(file).size}\0`);
    await new Promise<void>((done, fail) => {
      createReadStream(file)
        .on('data', chunk => hash.update(chunk))
        .on('end', done)
        .on('error', fail);
    });
  }
  return hash.digest('hex');
}

/** Hard-links (or, across file systems, copies) the tree `from` into `to`. */
export function linkTree(from: string, to: string): void {
  for (const file of filesUnder(from)) {
    const target = join(to, relative(from, file));
    mkdirSync(join(target, '..'), { recursive: true });
    try {
      linkSync(file, target);
    } catch {
      copyFileSync(file, target);
    }
  }
}

export class StepCache {
  private readonly dir: string;

  constructor(private readonly home = cellpipeHome()) {
    this.dir = cacheDir(home);
  }

  /**
   * The entry for `key` whose saved outputs still exist, if any, and whose step left the files it
   * writes as they are now (`written`: full path → `size:mtime`): a step served from the cache
   * does not write them again, so one deleted, changed, or never written in this folder reruns it.
   */
  lookup(
    key: string,
    outputs: string[],
    written: Record<string, string> = {}
  ): ICacheEntry | undefined {
    const path = join(this.dir, `${key}.json`);
    if (!existsSync(path)) {
      return undefined;
    }
    let entry: ICacheEntry;
    try {
      entry = JSON.parse(readFileSync(path, 'utf8')) as ICacheEntry;
    } catch {
      return undefined;
    }
    const source = new RunPaths(entry.runId, this.home);
    const complete = outputs.every(
      name =>
        typeof entry.outputs[name] === 'string' &&
        existsSync(source.manifest(entry.step, name))
    );
    const filesAsLeft = Object.keys(written).every(
      path => entry.written?.[path] === written[path]
    );
    return complete &&
      filesAsLeft &&
      entry.key === key &&
      (!entry.observed || observedFilesAsLeft(entry.observed))
      ? entry
      : undefined;
  }

  /** Links the cached outputs into run `paths` as the outputs of `step`. */
  restore(
    entry: ICacheEntry,
    paths: RunPaths,
    step: string,
    outputs: string[]
  ): void {
    const source = new RunPaths(entry.runId, this.home);
    for (const name of outputs) {
      linkTree(source.data(entry.step, name), paths.data(step, name));
    }
  }

  /**
   * The log of the step whose outputs `entry` reuses, without that log's own "reused" line (a
   * step cached from a cached step shows what the step printed when it really ran, once).
   * Undefined when that run's log is gone.
   */
  earlierLog(entry: ICacheEntry): string | undefined {
    const path = new RunPaths(entry.runId, this.home).log(entry.step);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    if (text.startsWith(CACHED_LOG_PREFIX)) {
      const end = text.indexOf('\n');
      text = end < 0 ? '' : text.slice(end + 1);
    }
    return text;
  }

  /** Records that run `runId`, step `step` holds the outputs for `key`. */
  store(entry: ICacheEntry): void {
    writeFileAtomically(
      join(this.dir, `${entry.key}.json`),
      JSON.stringify(entry, null, 2) + '\n'
    );
  }
}
