/**
 * Incremental analysis for the lab: keeps each cell's analysis keyed by its source, so that
 * re-analysing after an edit re-parses only the edited cell and rebuilds the (cheap) IR.
 */
import { readNotebook } from '../notebook/model';
import { CellAnalysisCache } from './cell-analysis';
import { analyzeParsed } from '../analyze';
import { IPipelineIR } from '../ir/pipeline';

export class IncrementalAnalyzer {
  private readonly cache = new CellAnalysisCache();

  constructor(private readonly path: string) {}

  /** Analyses the notebook (nbformat 4 JSON object), reusing unchanged cells' results. */
  update(notebook: unknown): IPipelineIR {
    return analyzeParsed(
      () => readNotebook(notebook, this.path),
      this.path,
      this.cache
    );
  }

  /** How many cell analyses are cached (for tests). */
  get cachedCells(): number {
    return this.cache.size;
  }
}
