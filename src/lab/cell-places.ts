/**
 * Places in a notebook named in a run's message: the step runtime names where a step failed as
 * tracebacks do, `titanic.ipynb [cell 6], line 2` (cells counted from 1, see cell-number.ts).
 * The sidebar turns the places of its own notebook into links to the cell.
 */

/** A place in the notebook: the cell's index (from 0) and the line in it (from 1). */
export interface ICellPlace {
  text: string;
  cell: number;
  line: number;
}

/**
 * The message cut into plain text and the places in `notebook` (its file name) it names; also
 * those under `formerName`, the name a renamed notebook had when the message was written.
 */
export function cellPlaces(
  message: string,
  notebook: string,
  formerName?: string
): (string | ICellPlace)[] {
  const names = [notebook, formerName]
    .filter((name): name is string => !!name)
    .map(name => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // the name whole: `my_model.ipynb` is another notebook than `model.ipynb`
  const place = new RegExp(
    `(?<![^\\s'"(/])(?:${names.join('|')}) \\[cell (\\d+)\\], line (\\d+)`,
    'g'
  );
  const parts: (string | ICellPlace)[] = [];
  let end = 0;
  for (const found of message.matchAll(place)) {
    const at = found.index ?? 0;
    const cellNumber = Number(found[1]);
    if (!notebook || cellNumber < 1) {
      continue;
    }
    if (at > end) {
      parts.push(message.slice(end, at));
    }
    parts.push({
      text: found[0],
      cell: cellNumber - 1,
      line: Number(found[2])
    });
    end = at + found[0].length;
  }
  if (end < message.length) {
    parts.push(message.slice(end));
  }
  return parts;
}
