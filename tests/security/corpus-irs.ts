/**
 * Every corpus notebook as a pipeline IR. Untagged notebooks (the Kaggle ones, and Kale's
 * read_data) are tagged in memory by `tagByHeadings`, as `cellpipe tag --by-headings` would;
 * one without headings (Kale's read_data) becomes a single step, its first code cell tagged
 * `step:notebook`. A notebook that cannot be tagged either way is reported, never dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeNotebook } from '../../src/core/analyze';
import { IPipelineIR } from '../../src/core/ir/pipeline';
import { tagByHeadings } from '../../src/core/notebook/tag-by-headings';
import { UserError } from '../../src/core/errors';
import { CORPUS } from '../support/cli';

export interface ICorpusNotebook {
  name: string;
  ir?: IPipelineIR;
  /** Why it cannot compile (no steps and no headings to tag by). */
  unusable?: string;
}

export function corpusNotebooks(): ICorpusNotebook[] {
  return ['kale', 'kaggle'].flatMap(folder =>
    readdirSync(join(CORPUS, folder))
      .filter(file => file.endsWith('.ipynb'))
      .sort()
      .map(file => lazyNotebook(join(CORPUS, folder, file)))
  );
}

/**
 * The notebook's name at once, its analysis when first asked for: test files list the corpus
 * while jest collects their tests, before the Python parser has loaded.
 */
function lazyNotebook(path: string): ICorpusNotebook {
  let loaded: ICorpusNotebook | undefined;
  const load = () => (loaded ??= loadNotebook(path));
  return {
    name: basename(path),
    get ir() {
      return load().ir;
    },
    get unusable() {
      return load().unusable;
    }
  };
}

function loadNotebook(path: string): ICorpusNotebook {
  const name = basename(path);
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const ir = analyzeNotebook(raw, name);
  if (ir.steps.length) {
    return { name, ir };
  }
  try {
    return {
      name,
      ir: analyzeNotebook(tagByHeadings(raw, name).notebook, name)
    };
  } catch (error) {
    if (!(error instanceof UserError)) {
      throw error;
    }
    // No headings either: the whole notebook as one step, as a user would tag it by hand.
    const tagged = asOneStep(raw);
    const ir = tagged ? analyzeNotebook(tagged, name) : undefined;
    return ir?.steps.length ? { name, ir } : { name, unusable: error.message };
  }
}

/** The notebook with its first code cell tagged `step:notebook`, or undefined without one. */
function asOneStep(raw: unknown): unknown {
  const notebook = structuredClone(raw) as {
    cells?: { cell_type?: string; metadata?: { tags?: string[] } }[];
  };
  const first = notebook.cells?.find(cell => cell.cell_type === 'code');
  if (!first) {
    return undefined;
  }
  first.metadata = { ...first.metadata, tags: ['step:notebook'] };
  return notebook;
}
