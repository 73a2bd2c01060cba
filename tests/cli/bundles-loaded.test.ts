/**
 * Which of the engine's bundles a command loads (scripts/build-engine.mjs, issue 16's CLI
 * start-up): the Kubernetes client, yaml and nunjucks have bundles of their own, and a command
 * that needs none of them must not parse them. Runs the built bundle in a child process and reads
 * Node's module cache when the command has finished.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli';
import { codeCell, markdownCell, notebookJson } from '../support/notebook-json';

const BUNDLE = join(ROOT, 'cellpipe', 'engine', 'cellpipe.cjs');
const EXAMPLE = join(ROOT, 'examples', 'fan-out.ipynb');

/**
 * What `cellpipe ...argv` loads: the file names of the bundles (Node's module cache, and the
 * bundles read as files: cellpipe.cjs reads engine.cjs and compiles it itself, src/cli/start.ts)
 * and of the WebAssembly files it reads (the Python parser's), and its exit code.
 */
function loadedBy(
  argv: string[],
  env: Record<string, string> = {}
): {
  code: number;
  loaded: string[];
  wasm: string[];
} {
  const script = `
    const fs = require('node:fs');
    const wasm = [];
    const read = new Set();
    const readFileSync = fs.readFileSync;
    fs.readFileSync = (file, ...rest) => {
      const name = String(file).split('/').pop();
      if (name.endsWith('.wasm')) wasm.push(name);
      if (name.endsWith('.cjs')) read.add(name);
      return readFileSync(file, ...rest);
    };
    const { main } = require(${JSON.stringify(BUNDLE)});
    process.stdout.write = () => true;
    main(${JSON.stringify(argv)}).then(code => {
      const cached = Object.keys(require.cache)
        .filter(file => file.endsWith('.cjs'))
        .map(file => file.split('/').pop());
      const loaded = [...new Set([...cached, ...read])].sort();
      process.stderr.write('\\n' + JSON.stringify({ code, loaded, wasm: wasm.sort() }));
    });`;
  const child = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, ...env }
  });
  expect(child.status).toBe(0);
  // the command's own messages come first; the result is the last line
  return JSON.parse(child.stderr.slice(child.stderr.lastIndexOf('\n') + 1));
}

const PARSER_WASM = ['tree-sitter-python.wasm', 'tree-sitter.wasm'];

function bundlesLoadedBy(argv: string[]): { code: number; loaded: string[] } {
  const { code, loaded } = loadedBy(argv);
  return { code, loaded };
}

describe('the bundles each command loads', () => {
  it('analyze loads only cellpipe.cjs and the engine', () => {
    expect(bundlesLoadedBy(['analyze', EXAMPLE, '--json'])).toEqual({
      code: 0,
      loaded: ['cellpipe.cjs', 'engine.cjs']
    });
  });

  it('tag loads only cellpipe.cjs and the engine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpipe-bundles-'));
    try {
      const input = join(dir, 'untagged.ipynb');
      writeFileSync(
        input,
        JSON.stringify(
          notebookJson([markdownCell('## Load'), codeCell('x = 1')])
        )
      );
      const output = join(dir, 'tagged.ipynb');
      expect(
        bundlesLoadedBy(['tag', input, '--by-headings', '-o', output])
      ).toEqual({ code: 0, loaded: ['cellpipe.cjs', 'engine.cjs'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compile loads nunjucks, not the Kubernetes client', () => {
    const { code, loaded } = bundlesLoadedBy([
      'compile',
      EXAMPLE,
      '--target',
      'argo'
    ]);
    expect(code).toBe(0);
    expect(loaded).toContain('nunjucks.cjs');
    expect(loaded).not.toContain('kube.cjs');
  });

  it('analyze reads the Python parser; runs and logs do not', () => {
    expect(loadedBy(['analyze', EXAMPLE, '--json']).wasm).toEqual(PARSER_WASM);
    const home = mkdtempSync(join(tmpdir(), 'cellpipe-bundles-'));
    try {
      const env = { CELLPIPE_HOME: home };
      const runs = loadedBy(['runs', '--json'], env);
      expect(runs.code).toBe(0);
      expect(runs.wasm).toEqual([]);
      // no such run: an error, and still no parser
      const logs = loadedBy(['logs', 'run-none'], env);
      expect(logs.code).not.toBe(0);
      expect(logs.wasm).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
