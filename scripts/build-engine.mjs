// Bundles the Node side (CLI + engine) for the CLI, the Jupyter server extension and the Python
// wheel. Templates and the step runtime (templates/runtime/*.py) are inlined as text. The
// Kubernetes client (4 MB of the 5.7 MB) goes into a bundle of its own, kube.cjs, loaded only by
// the cluster commands: every other command starts without parsing it.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning'
};
const kubeClientOutside = {
  name: 'kube-client-outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({
      path: './kube.cjs',
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
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'cellpipe/engine/cellpipe.cjs',
    loader: { '.njk': 'text', '.py': 'text' },
    plugins: [kubeClientOutside]
  })
]);
