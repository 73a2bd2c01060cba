/**
 * Issue 14, findings 5 and 11: the engine's path rules, through its request handler.
 *
 * - 5: a symlink swapped between the path check and the read must not lead the read outside the
 *   root. The swap is made for real on disk, at the one moment an attacker needs: right after the
 *   engine resolves the link (the test wraps realpathSync to swap the link once the real call
 *   has returned). The notebook outside must never be read: not analysed, not copied into a run.
 * - 11: names that merely start with ".." are notebooks like any other; hidden files and
 *   directories are refused as Jupyter refuses them, unless the server allows hidden files.
 */
import type { EncodingOption, PathLike } from 'node:fs';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleRequest } from '../../src/engine/server/serve';
import { IEngineContext } from '../../src/engine/server/run-methods';
import { IEngineResponse } from '../../src/engine/server/protocol';

// The module object itself (not an import's frozen copy), so the engine's calls see the wrapper.
const fs = require('node:fs') as typeof import('node:fs');

function notebook(step: string): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { cellpipe: { description: `from ${step}` } },
    cells: [
      {
        cell_type: 'code',
        execution_count: null,
        metadata: { tags: [`step:${step}`] },
        outputs: [],
        source: 'x = 1'
      }
    ]
  });
}

let dir: string;
let root: string;
let outside: string;
let context: IEngineContext;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cellpipe-paths-'));
  root = join(dir, 'root');
  mkdirSync(root);
  outside = join(dir, 'outside.ipynb');
  writeFileSync(outside, notebook('secret_outside'));
  writeFileSync(join(root, 'inside.ipynb'), notebook('inside'));
  // The runner a started run would spawn: it exits at once (nothing here may run a step).
  const entry = join(dir, 'runner.js');
  writeFileSync(entry, 'process.exit(0)\n');
  context = { root, entry, home: join(dir, 'home') };
});

afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

let nextId = 1;
function request(
  method: string,
  params: Record<string, unknown>,
  using: IEngineContext = context
): Promise<IEngineResponse> {
  return handleRequest(using, 'test', { id: nextId++, method, params });
}

/** Swaps `link` (inside the root) to point outside, right after its first resolution. */
function swapAfterTheCheck(link: string): void {
  const real = fs.realpathSync;
  let swapped = false;
  jest.spyOn(fs, 'realpathSync').mockImplementation(((
    path: PathLike,
    options?: unknown
  ) => {
    const resolved = real(path, options as EncodingOption);
    if (!swapped && String(path) === link) {
      swapped = true;
      unlinkSync(link);
      symlinkSync(outside, link);
    }
    return resolved;
  }) as typeof fs.realpathSync);
}

describe('a symlink swapped between the check and the read (finding 5)', () => {
  it.each(['analyze', 'settings', 'compile'])(
    '%s never reads the notebook outside the root',
    async method => {
      const link = join(root, 'link.ipynb');
      symlinkSync(join(root, 'inside.ipynb'), link);
      swapAfterTheCheck(link);
      const reply = await request(method, {
        path: 'link.ipynb',
        target: 'kfp'
      });
      expect(JSON.stringify(reply)).not.toContain('secret_outside');
      // What was opened before the swap is what is read: the notebook inside.
      expect('result' in reply && JSON.stringify(reply.result)).toContain(
        'inside'
      );
    }
  );

  it('a local run runs the notebook inside, never the one outside', async () => {
    const link = join(root, 'link.ipynb');
    symlinkSync(join(root, 'inside.ipynb'), link);
    swapAfterTheCheck(link);
    const reply = await request('startRun', {
      path: 'link.ipynb',
      target: 'local'
    });
    expect(JSON.stringify(reply)).not.toContain('secret_outside');
    expect('result' in reply && reply.result).toMatchObject({
      status: 'Pending',
      steps: [{ name: 'inside' }]
    });
    const runs = join(context.home!, 'runs');
    const [run] = readdirSync(runs);
    const copy = fs.readFileSync(join(runs, run, 'notebook.ipynb'), 'utf8');
    expect(copy).toContain('step:inside');
    expect(copy).not.toContain('secret_outside');
  });

  it('a link swapped back inside after the open is refused: the file opened is checked', async () => {
    const link = join(root, 'link.ipynb');
    symlinkSync(outside, link);
    const real = fs.realpathSync;
    jest.spyOn(fs, 'realpathSync').mockImplementation(((
      path: PathLike,
      options?: unknown
    ) => {
      if (String(path) === link && real(link) === real(outside)) {
        unlinkSync(link);
        symlinkSync(join(root, 'inside.ipynb'), link);
      }
      return real(path, options as EncodingOption);
    }) as typeof fs.realpathSync);
    const reply = await request('analyze', { path: 'link.ipynb' });
    expect(JSON.stringify(reply)).not.toContain('secret_outside');
    expect('error' in reply && reply.error).toEqual({
      status: 409,
      message: '"link.ipynb" changed while it was being read; try again'
    });
  });

  it('a link that stays inside is read, and one that points outside is refused', async () => {
    symlinkSync(join(root, 'inside.ipynb'), join(root, 'good.ipynb'));
    symlinkSync(outside, join(root, 'bad.ipynb'));
    const good = await request('analyze', { path: 'good.ipynb' });
    expect('result' in good && JSON.stringify(good.result)).toContain(
      '"inside"'
    );
    const bad = await request('analyze', { path: 'bad.ipynb' });
    expect(JSON.stringify(bad)).not.toContain('secret_outside');
    expect('error' in bad && bad.error.status).toBe(403);
  });
});

describe('path rules (finding 11)', () => {
  beforeEach(() => {
    writeFileSync(join(root, '..foo.ipynb'), notebook('dotdot_name'));
    mkdirSync(join(root, '..data'));
    writeFileSync(join(root, '..data', 'nb.ipynb'), notebook('dotdot_dir'));
    mkdirSync(join(root, '.hidden'));
    writeFileSync(join(root, '.hidden', 'nb.ipynb'), notebook('in_hidden'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', '.secret.ipynb'), notebook('hidden_file'));
  });

  const analysed = async (path: string, using = context) => {
    const reply = await request('analyze', { path }, using);
    if ('error' in reply) {
      return reply.error;
    }
    return (reply.result as { steps: { name: string }[] }).steps[0].name;
  };

  it('refuses hidden files and directories as Jupyter does by default', async () => {
    for (const path of [
      '.hidden/nb.ipynb',
      'sub/.secret.ipynb',
      '..foo.ipynb'
    ]) {
      expect(await analysed(path)).toEqual({
        status: 403,
        message: expect.stringMatching(
          /is hidden .*ContentsManager\.allow_hidden is False/
        )
      });
    }
  });

  it('with allow_hidden, takes names that start with ".." and hidden directories', async () => {
    const allowing = { ...context, allowHidden: true };
    expect(await analysed('..foo.ipynb', allowing)).toBe('dotdot_name');
    expect(await analysed('..data/nb.ipynb', allowing)).toBe('dotdot_dir');
    expect(await analysed('.hidden/nb.ipynb', allowing)).toBe('in_hidden');
    expect(await analysed('sub/.secret.ipynb', allowing)).toBe('hidden_file');
  });

  it('still refuses ".." components and absolute paths, allowed hidden or not', async () => {
    for (const using of [context, { ...context, allowHidden: true }]) {
      for (const path of [
        '../outside.ipynb',
        'sub/../../outside.ipynb',
        '..'
      ]) {
        expect(await analysed(path, using)).toEqual({
          status: 403,
          message: `"${path}" is not a path under the server root`
        });
      }
      expect(await analysed(outside, using)).toMatchObject({ status: 403 });
    }
  });
});
