// Bundles the Node side (CLI + engine) for the CLI, the Jupyter server extension and the Python
// wheel: engine.cjs, and cellpipe.cjs, which Node runs and which loads engine.cjs through V8's
// code cache (src/cli/start.ts). Templates and the step runtime are inlined as text. The
// biggest libraries go into bundles of their own beside it, each loaded by the first module
// that needs it: the Kubernetes client (kube.cjs, 3.5 MB, cluster commands only), yaml and
// nunjucks (compile and submit). Every other command, such as `analyze` or `tag`, starts
// without parsing them (issue 16, CLI start-up).
import { build } from 'esbuild';
import { nodeBundleAlias } from './lib/node-bundle.mjs';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  alias: nodeBundleAlias,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning'
};

/** Package -> the file of its own bundle, next to cellpipe.cjs. */
const OUTSIDE = {
  '@kubernetes/client-node': 'kube.cjs',
  yaml: 'yaml.cjs',
  nunjucks: 'nunjucks.cjs'
};

/** Exactly the package names of OUTSIDE. */
const OUTSIDE_NAMES = new RegExp(
  `^(${Object.keys(OUTSIDE)
    .map(name => name.replace(/[/.]/g, '\\$&'))
    .join('|')})$`
);

const bundlesOutside = {
  name: 'bundles-outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: OUTSIDE_NAMES }, ({ path }) => ({
      path: `./${OUTSIDE[path]}`,
      external: true
    }));
  }
};

mkdirSync('cellpipe/engine', { recursive: true });
await Promise.all([
  build({
    ...common,
    stdin: {
      contents: "export * from '@kubernetes/client-node';",
      resolveDir: '.'
    },
    minify: true,
    outfile: 'cellpipe/engine/kube.cjs'
  }),
  // The package's own CommonJS exports, as they are: the importers see the same module.
  ...['yaml', 'nunjucks'].map(name =>
    build({
      ...common,
      stdin: {
        contents: `module.exports = require('${name}');`,
        resolveDir: '.'
      },
      minify: true,
      outfile: `cellpipe/engine/${OUTSIDE[name]}`
    })
  ),
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'cellpipe/engine/engine.cjs',
    loader: { '.njk': 'text', '.py': 'text' },
    plugins: [bundlesOutside]
  }),
  // What Node runs: loads engine.cjs through V8's code cache (src/cli/start.ts).
  build({
    ...common,
    entryPoints: ['src/cli/start.ts'],
    outfile: 'cellpipe/engine/cellpipe.cjs'
  })
]);

// The analyzer's parser (WebAssembly) beside the bundle, where src/engine/python-parser.ts
// looks first: the Python wheel and the npm package carry no node_modules.
const require = createRequire(import.meta.url);
for (const wasm of [
  'web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-python/tree-sitter-python.wasm'
]) {
  const from = require.resolve(wasm);
  copyFileSync(from, `cellpipe/engine/${basename(from)}`);
}
