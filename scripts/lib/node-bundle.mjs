// Options every esbuild bundle for Node shares: web-tree-sitter's ES module build reads
// import.meta.url, which a CommonJS bundle does not have, so Node bundles take its CommonJS
// build (the one `require` resolves to).
import { createRequire } from 'node:module';

export const nodeBundleAlias = {
  'web-tree-sitter': createRequire(import.meta.url).resolve('web-tree-sitter')
};

/**
 * The whole esbuild set-up of a bundle that runs in this Node, for benches and tests that bundle
 * TypeScript as the engine is bundled (add entryPoints and outfile).
 */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  alias: nodeBundleAlias,
  loader: { '.njk': 'text', '.py': 'text' },
  logLevel: 'warning'
};
