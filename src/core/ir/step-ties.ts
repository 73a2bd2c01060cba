/**
 * The names a step's cells tie to one object as they run in order: `b = a` (the same object),
 * `pipe = make_pipeline(model)` (`pipe` holds `model`). A later cell that binds a name again
 * unties it. Read by step-names.ts (a change to one name changes the others) and
 * aliased-names.ts (where a later step's change does not reach a name handed on alone).
 */
import { ICellNames } from '../analysis/cell-names';

/**
 * How a name is tied to another: the same object (`b = a`), holding it (`pipe` of
 * `pipe = make_pipeline(model)` holds `model`), held by it (`model` by `pipe`), a part of its
 * object (`params` of `params = cfg["model"]`), a method bound to its object that changes it
 * (`add` of `add = acc.append`), the whole the other is a part or a method of (`cfg`, `acc`), an
 * item of a container made of names (`train` of `combine = [train, test]`), or that container.
 */
export type Tie =
  | 'same'
  | 'holds'
  | 'held'
  | 'part'
  | 'method'
  | 'whole'
  | 'item'
  | 'container';

/** Name → the names tied to it, and how; every tie is kept both ways. */
export type StepTies = Map<string, Map<string, Tie>>;

/**
 * Unties the names the cell binds again: those it binds and does not change in place, and
 * those it binds and then changes (`b = []` then `b.append(2)`: the change is to the new
 * object; the order within a cell is not kept).
 */
export function untieRebound(ties: StepTies, names: ICellNames): void {
  if (!ties.size) {
    return;
  }
  for (const name of names.writes) {
    if (bindsAgain(names, name)) {
      untie(ties, name);
    }
  }
}

/** Unties the names the cell leaves deleted (`del train`), where any: no name is that object. */
export function untieDeleted(ties: StepTies, names: ICellNames): void {
  if (ties.size) {
    names.deletions.forEach(deletion => untie(ties, deletion.name));
  }
}

/**
 * Whether the cell binds `name` to another object: it writes it, and not only by changing it
 * in place (`x[0] = 1` leaves `x` the object it was).
 */
export function bindsAgain(names: ICellNames, name: string): boolean {
  return namesBoundAgain(names).has(name);
}

/**
 * The names of bindsAgain, made once per cell analysis (an unchanged cell keeps its analysis
 * from key to key): a set, so that a cell binding many names costs time in proportion to them.
 */
function namesBoundAgain(names: ICellNames): ReadonlySet<string> {
  let bound = boundAgainByCell.get(names);
  if (!bound) {
    const keptObject = new Set(names.mutations);
    names.reboundAndChanged?.forEach(name => keptObject.delete(name));
    bound = new Set(names.writes.filter(name => !keptObject.has(name)));
    boundAgainByCell.set(names, bound);
  }
  return bound;
}

const boundAgainByCell = new WeakMap<ICellNames, ReadonlySet<string>>();

/** Adds the cell's ties (ICellNames.aliases, parts, items and holds), both ways. */
export function tieCellNames(ties: StepTies, names: ICellNames): void {
  for (const [name, others] of Object.entries(names.aliases ?? {})) {
    for (const other of others) {
      tie(ties, name, other, 'same');
      tie(ties, other, name, 'same');
    }
  }
  const handles = names.handles?.length ? new Set(names.handles) : null;
  for (const [part, wholes] of Object.entries(names.parts ?? {})) {
    // a part the cell leaves a handle is a method bound to the whole (ICellNames.handles)
    const how = handles?.has(part) ? 'method' : 'part';
    for (const whole of wholes) {
      tie(ties, part, whole, how);
      tie(ties, whole, part, 'whole');
    }
  }
  for (const [item, containers] of Object.entries(names.items ?? {})) {
    for (const container of containers) {
      tie(ties, item, container, 'item');
      tie(ties, container, item, 'container');
    }
  }
  tieHolds(ties, names.holds ?? {});
}

/** Ties a part to its whole (`v` of `v = x[:2]` where `x` is an array), both ways. */
export function tiePart(ties: StepTies, part: string, whole: string): void {
  tie(ties, part, whole, 'part');
  tie(ties, whole, part, 'whole');
}

/** Ties each holder to the names it holds, both ways (ICellNames.holds' shape). */
export function tieHolds(
  ties: StepTies,
  holds: Readonly<Record<string, readonly string[]>>
): void {
  for (const [holder, members] of Object.entries(holds)) {
    for (const member of members) {
      tie(ties, holder, member, 'holds');
      tie(ties, member, holder, 'held');
    }
  }
}

/** Ties `name` to `other`, one way (`how` is how `name` is tied to `other`). */
export function tie(
  ties: StepTies,
  name: string,
  other: string,
  how: Tie
): void {
  (ties.get(name) ?? ties.set(name, new Map()).get(name)!).set(other, how);
}

function untie(ties: StepTies, name: string): void {
  ties.get(name)?.forEach((_, other) => ties.get(other)?.delete(name));
  ties.delete(name);
}
