/**
 * A table of functions written in place: `ops = {"add": lambda x: acc.append(x)}`, or
 * `steps = [lambda: seen.add(1), lambda: log.clear()]`. A call through it (`ops["add"](1)`)
 * runs one of its lambdas, so the name stands for all of them as a named lambda does: what they
 * read and change of the globals.
 */
import { field, IPyNode, namedChildren } from './python-tree';

/** Displays whose items a call may take out and call. */
const TABLES = new Set(['dictionary', 'list', 'tuple', 'set']);

/** The lambdas that are items (or a dict's values) of the display `value`; empty for others. */
export function tableLambdas(value: IPyNode): IPyNode[] {
  if (!TABLES.has(value.type)) {
    return [];
  }
  const lambdas: IPyNode[] = [];
  for (const item of namedChildren(value)) {
    const entry = item.type === 'pair' ? field(item, 'value') : item;
    if (entry?.type === 'lambda') {
      lambdas.push(entry);
    }
  }
  return lambdas;
}
