/**
 * Auto-tagging (issue 2 item 7): a `step:` tag on the first code cell after each `## `
 * markdown heading, so untagged notebooks become pipelines in one command. Code cells
 * before the first heading become `imports` (each cell that only imports and configures) or
 * a `setup` step. Cells already tagged with another role (imports, functions, parameters,
 * metrics, skip) keep it; a notebook with step tags is refused. Only `metadata.tags` of untagged
 * code cells changes.
 */
import { UserError } from '../errors';
import { cellNumber } from '../cell-number';
import { withoutAccents } from '../without-accents';
import { isObject, readNotebook } from './model';
import { parseCellTags } from './tags';
import { stripMagics } from '../analysis/magics';
import { parsePython } from '../analysis/parse';
import { IPyNode } from '../analysis/python-tree';

export interface ITagging {
  /** The notebook JSON with the new tags (a copy; the input is not changed). */
  notebook: Record<string, unknown>;
  steps: { name: string; cell: number; heading: string }[];
  imports: number[];
}

export function tagByHeadings(raw: unknown, path: string): ITagging {
  const notebook = readNotebook(raw, path);
  // Cells already given another role (imports, functions, parameters, metrics, skip) keep it.
  const roles = new Map(
    notebook.cells
      .filter(c => c.cellType === 'code')
      .map(c => [c.index, parseCellTags(c.tags)])
  );
  const stepTagged = notebook.cells.find(c => {
    const tags = roles.get(c.index);
    return (
      tags?.role.kind === 'step' ||
      (tags?.tagged && tags.role.kind === 'continue')
    );
  });
  if (stepTagged) {
    throw new UserError(
      `the notebook already has step tags (cell ${cellNumber(stepTagged.index)}: ${stepTagged.tags.join(', ')}); remove them first to tag it by headings`,
      {
        notebook: path,
        cell: stepTagged.index
      }
    );
  }
  const copy = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  const cells = copy.cells as Record<string, unknown>[];
  const result: ITagging = { notebook: copy, steps: [], imports: [] };
  const used = new Set<string>();
  let pendingHeading: string | null = null;
  let sawHeading = false;
  /** The role of the last code cell before the first heading: a new step starts after imports. */
  let leadingRole: 'imports' | 'step' | null = null;
  /** The heading (or 'setup') the current section's step is named after. */
  let section = 'setup';
  /**
   * A cell kept in its own role (functions, parameters…) came last: an untagged cell after it
   * would join that role (segment.ts), so the section's code goes on in a step of its own.
   */
  let afterRole = false;
  const startStep = (cell: number, base: string, heading: string) => {
    const name = uniqueName(base, used);
    result.steps.push({ name, cell, heading });
    return `step:${name}`;
  };
  for (const cell of notebook.cells) {
    if (cell.cellType === 'markdown') {
      const heading = /^##\s+(.+?)\s*#*\s*$/m.exec(cell.source)?.[1];
      if (heading) {
        pendingHeading = heading;
        sawHeading = true;
      }
      continue;
    }
    if (cell.cellType !== 'code' || !stripMagics(cell.source).python.trim()) {
      continue;
    }
    const kept = roles.get(cell.index);
    if (kept?.tagged) {
      if (kept.role.kind === 'imports' && !sawHeading) {
        leadingRole = 'imports';
      }
      // A skipped cell is left out: the cell after it goes on where the one before it was.
      afterRole ||= kept.role.kind !== 'skip';
      continue; // its own role: the heading's step starts at the next plain cell
    }
    let tag: string | null = null;
    if (pendingHeading) {
      section = stepName(pendingHeading);
      tag = startStep(cell.index, section, pendingHeading);
      pendingHeading = null;
    } else if (!sawHeading && onlyImports(cell.source)) {
      result.imports.push(cell.index);
      tag = 'imports';
      leadingRole = 'imports';
    } else if (!sawHeading && (leadingRole !== 'step' || afterRole)) {
      tag = startStep(cell.index, 'setup', 'before the first heading');
      leadingRole = 'step';
    } else if (afterRole) {
      tag = startStep(cell.index, section, `${section}, after a tagged cell`);
    }
    afterRole = false;
    if (tag) {
      addTag(cells[cell.index], tag);
    }
  }
  if (!sawHeading || !result.steps.length) {
    throw new UserError(
      'found no `## ` markdown heading followed by code; nothing to tag',
      { notebook: path }
    );
  }
  return result;
}

/** A heading's text as a valid step name: `Data Cleaning & EDA` → `data_cleaning_eda`. */
export function stepName(heading: string): string {
  let name = withoutAccents(heading.toLowerCase())
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(name)) {
    name = 'step_' + name;
  }
  return name.slice(0, 56).replace(/_+$/, '') || 'step';
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) {
    name = `${base}_${n}`;
  }
  used.add(name);
  return name;
}

/**
 * A leading cell can be an `imports` cell (run in every step) when it only imports and
 * configures (`warnings.filterwarnings(...)`, `pd.set_option(...)`): it binds nothing else.
 */
function onlyImports(source: string): boolean {
  const { tree } = parsePython(stripMagics(source).python);
  let imports = false;
  for (const s of tree.children) {
    if (s.type === 'import_statement' || s.type === 'import_from_statement') {
      imports = true;
    } else if (!isPlainCall(s)) {
      return false;
    }
  }
  return imports;
}

function isPlainCall(statement: IPyNode): boolean {
  return (
    statement.type === 'expression_statement' &&
    statement.children.length === 1 &&
    statement.children[0].type === 'call'
  );
}

function addTag(cell: Record<string, unknown>, tag: string): void {
  if (!isObject(cell.metadata)) {
    cell.metadata = {};
  }
  const metadata = cell.metadata as Record<string, unknown>;
  const tags = Array.isArray(metadata.tags) ? metadata.tags : [];
  metadata.tags = [...tags, tag];
}
