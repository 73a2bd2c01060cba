/**
 * Incremental analysis for the lab: keeps each cell's analysis keyed by its source, so that
 * re-analysing after an edit re-parses only the edited cell and rebuilds the (cheap) IR, whose
 * unchanged steps are then the previous IR's objects.
 */
import { ReadCells, readNotebook } from '../notebook/model';
import { CellAnalysisCache } from './cell-analysis';
import { analyzeParsed } from '../analyze';
import { IPipelineIR } from '../ir/pipeline';
import { reusingEarlierSteps } from '../ir/steps-reusing';

export class IncrementalAnalyzer {
  private readonly cache = new CellAnalysisCache();

  constructor(private readonly path: string) {}

  /**
   * Analyses the notebook (nbformat 4 JSON object), reusing unchanged cells' results. A cell
   * object given once must not be changed afterwards (give a new one): its reading is kept.
   */
  update(notebook: unknown): IPipelineIR {
    const read = () => readNotebook(notebook, this.path, this.readCells);
    const ir = reusingEarlierSteps(
      analyzeParsed(read, this.path, this.cache),
      this.last
    );
    this.parsed = this.cache.sweep();
    this.last = ir;
    return ir;
  }

  /** How many cells the last update had to parse (the others were reused). */
  get lastParsedCells(): number {
    return this.parsed;
  }

  private parsed = 0;
  /** The cells read so far, by the cell objects given (notebook/model.ts). */
  private readonly readCells: ReadCells = new WeakMap();
  /** The last update's IR, whose steps the next one reuses where equal (steps-reusing.ts). */
  private last: IPipelineIR | null = null;

  /** How many cell analyses are cached (for tests). */
  get cachedCells(): number {
    return this.cache.size;
  }
}
