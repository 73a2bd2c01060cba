/**
 * Every corpus notebook as a pipeline IR. Untagged notebooks (the Kaggle ones, and Kale's
 * read_data) are tagged in memory by `tagByHeadings`, as `cellpipe tag --by-headings` would;
 * a notebook that cannot be tagged that way either is reported, never silently dropped.
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
      .map(file => loadNotebook(join(CORPUS, folder, file)))
  );
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
    if (error instanceof UserError) {
      return { name, unusable: error.message };
    }
    throw error;
  }
}
