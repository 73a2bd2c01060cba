/** A notebook model with just what the sidebar reads, driven by tests like a user would. */
import { Signal } from '@lumino/signaling';
import { readFileSync } from 'node:fs';
import {
  ICellModelLike,
  INotebookModelLike
} from '../../../src/lab/sidebar/notebook-snapshot';

interface IFakeCell extends ICellModelLike {
  source: string;
  tags: string[] | undefined;
}

export class FakeNotebook implements INotebookModelLike {
  constructor(json: {
    metadata?: Record<string, unknown>;
    cells: {
      cell_type: string;
      source: string | string[];
      metadata?: { tags?: string[] };
    }[];
  }) {
    this.metadata = { ...(json.metadata ?? {}) };
    this.list = json.cells.map(cell => makeCell(cell));
  }

  static fromFile(path: string): FakeNotebook {
    return new FakeNotebook(JSON.parse(readFileSync(path, 'utf8')));
  }

  readonly metadata: Record<string, unknown>;
  readonly changed = new Signal<this, void>(this);
  private readonly list: IFakeCell[];

  get cells() {
    const list = this.list;
    return { length: list.length, get: (index: number) => list[index] };
  }

  setSource(index: number, source: string): void {
    this.list[index].source = source;
    this.changed.emit();
  }

  source(index: number): string {
    return this.list[index].source;
  }

  setTags(index: number, tags: string[]): void {
    this.list[index].tags = tags;
    this.changed.emit();
  }

  addCodeCell(source: string, tags?: string[]): void {
    this.list.push(makeCell({ cell_type: 'code', source, metadata: { tags } }));
    this.changed.emit();
  }

  getMetadata(key: string): unknown {
    return this.metadata[key];
  }

  setMetadata(key: string, value: unknown): void {
    this.metadata[key] = value;
    this.changed.emit();
  }

  deleteMetadata(key: string): void {
    delete this.metadata[key];
    this.changed.emit();
  }
}

function makeCell(cell: {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[] };
}): IFakeCell {
  const fake: IFakeCell = {
    type: cell.cell_type,
    source: Array.isArray(cell.source) ? cell.source.join('') : cell.source,
    tags: cell.metadata?.tags,
    sharedModel: { getSource: () => fake.source },
    getMetadata: (key: string) => (key === 'tags' ? fake.tags : undefined)
  };
  return fake;
}
