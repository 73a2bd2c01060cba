/** Nunjucks templates are bundled as text (esbuild `text` loader, Jest text transform). */
declare module '*.njk' {
  const source: string;
  export default source;
}
