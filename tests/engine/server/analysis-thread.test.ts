/**
 * A long analysis does not hold the engine's other requests (issue 12): analyses run in the
 * engine's analysis thread. Shown by order, not by time: an `analyze` of a notebook with a cell
 * of 30,000 lines and a `version` request reach the engine in one write, so both are read in the
 * same turn of its event loop. Were the analysis on the engine's own thread, it would finish
 * before the engine read the next request, and its reply would come first; from the thread,
 * its reply can come only after the engine has answered `version`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../../support/cli';

interface IReply {
  id: number;
  result?: { steps?: { name: string }[]; version?: string; text?: string };
  error?: { status: number; message: string };
}

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cellpipe-analysis-thread-'));
  const long = Array.from(
    { length: 30_000 },
    (_, i) => `name_${i} = value_${i % 100} + ${i}\n`
  ).join('');
  const cells = [
    { source: `${long}total = name_0\n`, tags: ['step:long'] },
    { source: 'print(total)\n', tags: ['step:after'] }
  ].map(cell => ({
    cell_type: 'code',
    execution_count: null,
    metadata: { tags: cell.tags },
    outputs: [],
    source: cell.source
  }));
  const notebook = (code: typeof cells) =>
    JSON.stringify({
      cells: code,
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    });
  writeFileSync(join(root, 'long.ipynb'), notebook(cells));
  cells[0].source = 'total = 1\n';
  writeFileSync(join(root, 'short.ipynb'), notebook(cells));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Sends `lines` in one write, closes stdin, and returns the replies in the order written. */
function engine(lines: object[]): Promise<{ replies: IReply[]; code: number }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'cellpipe.js'), 'engine', '--root', root],
    { stdio: ['pipe', 'pipe', 'inherit'] }
  );
  const replies: IReply[] = [];
  createInterface({ input: child.stdout }).on('line', line =>
    replies.push(JSON.parse(line) as IReply)
  );
  child.stdin.end(lines.map(line => JSON.stringify(line) + '\n').join(''));
  return new Promise(done =>
    child.on('close', code => done({ replies, code: code ?? -1 }))
  );
}

test('a request sent after a long analysis is answered before it', async () => {
  const { replies, code } = await engine([
    { id: 1, method: 'analyze', params: { path: 'long.ipynb' } },
    { id: 2, method: 'version' }
  ]);
  expect(code).toBe(0);
  expect(replies.map(r => r.id)).toEqual([2, 1]);
  expect(replies[1].error).toBeUndefined();
  expect(replies[1].result?.steps?.map(s => s.name)).toEqual(['long', 'after']);
});

test('the analysis thread answers compile, settings and local run starts; refusals keep their status', async () => {
  const { replies, code } = await engine([
    {
      id: 1,
      method: 'compile',
      params: { path: 'short.ipynb', target: 'argo' }
    },
    { id: 2, method: 'settings', params: { path: 'short.ipynb' } },
    { id: 3, method: 'analyze', params: { path: 'missing.ipynb' } },
    {
      id: 4,
      method: 'compile',
      params: { path: 'short.ipynb', target: 'nope' }
    },
    { id: 5, method: 'startRun', params: { path: 'missing.ipynb' } }
  ]);
  expect(code).toBe(0);
  const byId = new Map(replies.map(r => [r.id, r]));
  expect([...byId.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
  expect(byId.get(1)?.error).toBeUndefined();
  expect(byId.get(1)?.result?.text).toContain('long');
  expect(byId.get(2)?.error).toBeUndefined();
  expect(byId.get(3)?.error?.status).toBe(400);
  expect(byId.get(3)?.error?.message).toContain('no such file');
  expect(byId.get(4)?.error?.status).toBe(400);
  expect(byId.get(5)?.error?.status).toBe(400);
  expect(byId.get(5)?.error?.message).toContain('no such file');
});
