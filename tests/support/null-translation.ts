/** JupyterLab's null translation (`%1` … filled in, `_n` by count), without loading its ES module bundle into Jest. */
import type { TranslationBundle } from '@jupyterlab/translation';

const fill = (text: string, args: unknown[]) =>
  text.replace(/%(\d+)/g, (_, n) => String(args[Number(n) - 1]));

export const nullTranslation = {
  __: (text: string, ...args: unknown[]) => fill(text, args),
  _n: (one: string, many: string, n: number, ...args: unknown[]) =>
    fill(n === 1 ? one : many, [n, ...args])
} as unknown as TranslationBundle;
