// Added to JupyterLab's labextension build (package.json jupyterlab.webpackConfig): the
// analyzer's parser ships as two WebAssembly files, emitted beside the bundle as plain assets
// (src/lab/python-parser.ts fetches them); web-tree-sitter's Node-only imports are left out.
module.exports = {
  module: {
    rules: [{ test: /\.wasm$/, type: 'asset/resource' }]
  },
  resolve: {
    fallback: { module: false, 'fs/promises': false }
  }
};
