// Bundles the Node side (CLI + engine) into one CommonJS file that the CLI, the
// Jupyter server extension and the Python wheel all use. Templates are inlined as text.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

mkdirSync('cellpipe/engine', { recursive: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'cellpipe/engine/cellpipe.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  loader: { '.njk': 'text' },
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning'
});
