/**
 * Names an `import *` may bind. A step runs the imports and functions cells first, then its own
 * cells, so a name no cell defines, read after an `import *` of those or of the step's own
 * cells, is most likely one of its names: the read is taken to come from there, and the
 * star-import warning lists it, instead of an undefined-name warning at every read (a notebook
 * that starts with `from fastai.vision.all import *` would get one on every other line). A
 * later step does not get the names of an earlier step's `import *` (build.ts says so).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { INameUse } from '../analysis/cell-names';
import { IDiagnostic } from './diagnostic';

/** Where a read or an `import *` is: cell, line, column. */
interface IPlace {
  cell: number;
  line: number;
  column: number;
}

interface IStarImport extends IPlace {
  /** The module, as written (`math`, `.tools`). */
  module: string;
  /** The names taken to come from it, in the order first read. */
  names: Set<string>;
}

const key = (place: IPlace) => `${place.cell}:${place.line}:${place.column}`;

const before = (a: IPlace, b: IPlace) =>
  a.cell - b.cell || a.line - b.line || a.column - b.column;

/** How many names the warning spells out before it counts the rest. */
const NAMES_SPELLED_OUT = 8;

export class StarImportReads {
  /** Every `import *` found, by place. */
  private readonly stars = new Map<string, IStarImport>();
  /** The first `import *` of the imports and functions cells, which every step runs first. */
  private readonly shared: IStarImport | null;

  constructor(
    sharedCells: readonly number[],
    private readonly analysisOf: (cell: number) => ICellAnalysis
  ) {
    this.shared = null;
    for (const cell of sharedCells) {
      for (const use of analysisOf(cell).names.starImports) {
        const star = this.star(cell, use);
        this.shared ??= star;
      }
    }
  }

  /**
   * True when an `import *` in reach of a read of a name no cell defines may bind it (the
   * step's own latest one above the read, else the shared cells'): the name is listed on that
   * import's warning.
   */
  takes(
    read: IPlace & { name: string },
    stepCells: readonly number[]
  ): boolean {
    let taker: IStarImport | null = null;
    for (const cell of stepCells) {
      if (cell > read.cell) {
        break;
      }
      for (const use of this.analysisOf(cell).names.starImports) {
        const star = this.star(cell, use);
        if (before(star, read) < 0) {
          taker = star;
        }
      }
    }
    taker ??= this.shared;
    taker?.names.add(read.name);
    return taker !== null;
  }

  /** The diagnostics, each star-import warning with the names taken to come from it. */
  listNames(diagnostics: IDiagnostic[]): void {
    diagnostics.forEach((diagnostic, i) => {
      const star =
        diagnostic.code === 'star-import' && diagnostic.cell !== null
          ? this.stars.get(key({ ...diagnostic, cell: diagnostic.cell }))
          : undefined;
      if (star?.names.size) {
        diagnostics[i] = {
          ...diagnostic,
          message: starImportMessage(star.module, [...star.names])
        };
      }
    });
  }

  private star(cell: number, use: INameUse): IStarImport {
    const place = { cell, line: use.line, column: use.column };
    let star = this.stars.get(key(place));
    if (!star) {
      star = { ...place, module: use.name, names: new Set() };
      this.stars.set(key(place), star);
    }
    return star;
  }
}

/**
 * The star-import warning: which module (`INameUse.name` of `ICellNames.starImports`) and,
 * when reads were taken to come from it, which names.
 */
export function starImportMessage(
  module: string,
  names: readonly string[] = []
): string {
  const opening = `'from ${module} import *' hides which names it defines, so the analysis cannot be complete`;
  if (!names.length) {
    return `${opening}; import the names you use`;
  }
  const spelled = names.slice(0, NAMES_SPELLED_OUT);
  const rest = names.length - spelled.length;
  const listed = rest
    ? `${spelled.join(', ')} and ${rest} more`
    : spelled.length === 1
      ? spelled[0]
      : `${spelled.slice(0, -1).join(', ')} and ${spelled[spelled.length - 1]}`;
  return `${opening}: ${listed}, which no cell defines, ${names.length === 1 ? 'is' : 'are'} taken to come from it; import the names you use`;
}
