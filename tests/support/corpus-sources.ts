/** The source of every code cell of the corpus notebooks (`../shared/corpus/kale` and `kaggle`). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNotebookText } from '../../src/core/notebook/model';
import { CORPUS } from './cli';

export function corpusCodeSources(): string[] {
  return ['kale', 'kaggle'].flatMap(folder =>
    readdirSync(join(CORPUS, folder))
      .filter(f => f.endsWith('.ipynb'))
      .flatMap(f =>
        parseNotebookText(readFileSync(join(CORPUS, folder, f), 'utf8'), f)
          .cells.filter(cell => cell.cellType === 'code')
          .map(cell => cell.source)
      )
  );
}
