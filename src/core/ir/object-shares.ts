/**
 * One object under two names across steps: `combine = [train, test]` in one step, `for frame in
 * combine: frame["x"] = 1` in a later one, then `train` read. Top to bottom the loop changed
 * `train`. The step that changes the object through one name takes the other names of it beside
 * it, from the step that tied them, and hands them on changed; the runtime makes the names a
 * step takes from one step one object again (object_shares in cellpipe_runtime.py).
 *
 * Only the ties the runtime finds again are followed: two names of one object (`b = a`), and a
 * list, tuple or dict made of names and the names it holds. A part (`params = cfg["model"]`, a
 * view of an array) or what an object holds (`pipe = make_pipeline(model)`) is still warned
 * (aliased-names.ts).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IPipelineStep } from './pipeline';
import { ICallChanges, ILocatedName } from './step-names';
import {
  StepTies,
  tie,
  Tie,
  tieCellNames,
  untieDeleted,
  untieRebound
} from './step-ties';

/** The ties the runtime's object_shares records: one object, and a holder and its items. */
export const RUNTIME_TIES: ReadonlySet<Tie> = new Set<Tie>([
  'same',
  'item',
  'container'
]);

/**
 * Whether a step takes `other` (from `from`) where the runtime joins it to a name tied to it in
 * `tiedIn` (the producer of that name, `producer`): from that step, or from the step that one took
 * `other` from (object_shares records which input it was).
 */
export function takenAsTied(
  from: string | undefined,
  producer: string,
  tiedIn: IPipelineStep | undefined,
  other: string
): boolean {
  return (
    from !== undefined &&
    (from === producer || from === tiedIn?.producers[other])
  );
}

export class ObjectShares {
  /**
   * Records the names `step` leaves tied at its end: those it takes from a step that tied them,
   * or one from that step and the other from where that step took it, and hands both on (the
   * runtime made them one object again), and those its cells tie.
   * Call once a step is built, in step order.
   */
  record(
    step: IPipelineStep,
    writes: ReadonlySet<string>,
    analysisOf: (cell: number) => ICellAnalysis
  ): void {
    const ties: StepTies = new Map();
    if (this.tiedBy.size) {
      for (const name of step.inputs) {
        const producer = step.producers[name];
        const earlier = this.tiedBy.get(producer)?.ties.get(name);
        if (!earlier || !writes.has(name)) {
          continue;
        }
        const tiedIn = this.tiedBy.get(producer)!.step;
        for (const [other, how] of earlier) {
          if (
            takenAsTied(step.producers[other], producer, tiedIn, other) &&
            writes.has(other)
          ) {
            tie(ties, name, other, how);
            tie(
              ties,
              other,
              name,
              how === 'item' ? 'container' : how === 'container' ? 'item' : how
            );
          }
        }
      }
    }
    /** The names the step's own cells tie (not only carried on): see `tiersOf`. */
    const ownTies = new Set<string>();
    for (const cell of step.cells) {
      const { names, aliasesNames } = analysisOf(cell);
      untieRebound(ties, names);
      if (aliasesNames) {
        const made: StepTies = new Map();
        tieCellNames(made, names);
        made.forEach((others, name) => {
          ownTies.add(name);
          others.forEach((how, other) => tie(ties, name, other, how));
        });
      }
      untieDeleted(ties, names); // `combine = [train, test]`, then `del train`
    }
    for (const [name, others] of ties) {
      others.forEach((how, other) => {
        if (!RUNTIME_TIES.has(how)) {
          others.delete(other);
        }
      });
      if (!others.size) {
        ties.delete(name);
      }
    }
    if (ties.size) {
      this.tiedBy.set(step.name, { step, ties });
      ties.forEach((_, name) => {
        if (ownTies.has(name) && step.producers[name] !== undefined) {
          const tiers = this.tiersOf.get(name);
          if (tiers) {
            tiers.push(step.name);
          } else {
            this.tiersOf.set(name, [step.name]);
          }
        }
      });
    }
  }

  /**
   * The names a step must take beside `changed`, a name it changes in place and reads from
   * before, by the step each comes from (`producerOf`), with how each is tied to it: the others of
   * its object, which that step tied to it and is still the producer of, or took from the step
   * this one takes them from (the runtime records those too). A holder's items change only
   * through a loop over it or a key (`itemsChanged`); `combine.append(x)` changes no item.
   */
  takenBeside(
    changed: string,
    itemsChanged: ReadonlySet<string>,
    producerOf: (name: string) => string | undefined
  ): Map<string, Tie> {
    const beside = new Map<string, Tie>();
    const producer = this.tiedBy.size ? producerOf(changed) : undefined;
    if (producer === undefined) {
      return beside;
    }
    const add = (how: Tie, other: string) => {
      if (
        (how !== 'container' || itemsChanged.has(changed)) &&
        !beside.has(other)
      ) {
        beside.set(other, how);
      }
    };
    // tied where it was made, to names made there too or taken from where the other is from
    const tiedIn = this.tiedBy.get(producer);
    tiedIn?.ties.get(changed)?.forEach((how, other) => {
      if (takenAsTied(producerOf(other), producer, tiedIn.step, other)) {
        add(how, other);
      }
    });
    // tied by a later step that took it from there, to a name that step hands on (`b = a`)
    this.tiersOf.get(changed)?.forEach(tier => {
      const tierTies = this.tiedBy.get(tier)!;
      if (tier !== producer && tierTies.step.producers[changed] === producer) {
        tierTies.ties.get(changed)?.forEach((how, other) => {
          if (producerOf(other) === tier) {
            add(how, other);
          }
        });
      }
    });
    return beside;
  }

  /** The steps that leave names tied, by name, with those ties. */
  private readonly tiedBy = new Map<
    string,
    { step: IPipelineStep; ties: StepTies }
  >();
  /** Name → the steps that took it from before and tied it to another name, in step order. */
  private readonly tiersOf = new Map<string, string[]>();
}

/**
 * The names a step takes beside those it changes in place that it reads from before
 * (`ObjectShares.takenBeside`), each located where the step reads the name it changes: those
 * its cells change, and those its calls do (`byCalls`, call-changes.ts).
 */
export function namesChangedBeside(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  shares: ObjectShares,
  reads: readonly ILocatedName[],
  producerOf: (name: string) => string | undefined,
  byCalls: ICallChanges | null
): ILocatedName[] {
  const beside: ILocatedName[] = [];
  const itemsChanged = new Set<string>(byCalls?.items);
  const changed: string[] = byCalls
    ? [...byCalls.changed, ...byCalls.items]
    : [];
  for (const cell of cells) {
    const { names } = analysisOf(cell);
    changed.push(...names.mutations);
    names.itemChanges?.forEach(name => {
      itemsChanged.add(name);
      changed.push(name);
    });
    names.keyedItemChanges?.forEach(name => itemsChanged.add(name));
  }
  // A name taken beside is changed too, and so are the names tied to it in their turn (`b = a`
  // in one step, `c = b` in a later one, then `c.append(1)`): it is read where the first is.
  const readOf = new Map<string, ILocatedName>();
  const queued = new Set(changed);
  for (let i = 0; i < changed.length; i++) {
    const name = changed[i];
    const read = readOf.get(name) ?? reads.find(taken => taken.name === name);
    if (!read) {
      continue; // bound by the step itself first
    }
    shares.takenBeside(name, itemsChanged, producerOf).forEach((how, other) => {
      if (!beside.some(found => found.name === other)) {
        beside.push({ ...read, name: other });
      }
      if (how === 'same' && itemsChanged.has(name)) {
        itemsChanged.add(other); // what one holds, the other holds
      }
      // an item changed changes what holds it, not the holder's other items
      if (how !== 'container' && !queued.has(other)) {
        queued.add(other);
        changed.push(other);
        if (!reads.some(taken => taken.name === other)) {
          readOf.set(other, read);
        }
      }
    });
  }
  return beside;
}
