/** Nunjucks templates are bundled as text (esbuild `text` loader, Jest text transform). */
declare module '*.njk' {
  const source: string;
  export default source;
}

/** The step runtime (templates/runtime/*.py), bundled as text like the templates. */
declare module '*.py' {
  const source: string;
  export default source;
}
