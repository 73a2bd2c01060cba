/**
 * `b = a` in a step makes two names of one object. Steps hand each name on as a value of its own,
 * so where a later step changes one of them in place (`b.append(4)`) and a step after that takes
 * the other from before the change, it does not see the change, which top to bottom it would.
 * This warns (`aliased-name`) where the change is made.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames } from '../analysis/cell-names';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import { firstStepLine } from './step-lines';
import {
  bindsAgain,
  StepTies,
  Tie,
  tieCellNames,
  tieHolds,
  untieRebound
} from './step-ties';
import { CellHolds } from './instance-holds';
import { bindingKind } from './augmented-objects';
import { IStepContext, tieArrayViews } from './array-views';
import { drawnBeforeMessage } from './figure-messages';
import { RUNTIME_TIES, takenAsTied } from './object-shares';

/**
 * What steps change that their cells' names do not tell, by the kind of object each takes
 * (object-kinds.ts), by step name: the figures a step draws on, and the handles it calls
 * (`rng.sample()`, or `add(7)` where an earlier step bound `add = acc.append`).
 */
export interface IChangedByKind {
  drawnFiguresOf?: ReadonlyMap<string, readonly string[]>;
  calledHandlesOf?: ReadonlyMap<string, readonly string[]>;
  /** What the instances each cell makes of the notebook's classes hold (instance-holds.ts). */
  holdsOfCell?: ReadonlyMap<number, CellHolds>;
}

export function aliasedNameWarnings(
  steps: readonly IPipelineStep[],
  analysisOf: (cell: number) => ICellAnalysis,
  changedByKind: IChangedByKind = {},
  sharedCells: readonly number[] = []
): IDiagnostic[] {
  const { drawnFiguresOf, calledHandlesOf, holdsOfCell } = changedByKind;
  const context: IStepContext = {
    stepsByName: new Map(steps.map(step => [step.name, step])),
    sharedCells,
    analysisOf
  };
  const aliasesOf = new Map<string, StepTies>();
  /** Name → the steps whose ties (aliasesOf) have it, in step order. */
  const tyingStepsOf = new Map<string, string[]>();
  const indexOf = new Map(steps.map((step, index) => [step.name, index]));
  const diagnostics: IDiagnostic[] = [];
  /**
   * The ties of `name`, which the step at `index` takes from `producer`: those the producer left,
   * and those of each step in between that took `name` from the same producer and tied names it
   * made to it (`params = cfg["model"]` in a step after the one that made `cfg`).
   */
  const tiesOfChanged = (name: string, producer: string, index: number) => {
    const found: { tiedIn: string; others: Map<string, Tie> }[] = [];
    for (const tiedIn of tyingStepsOf.get(name) ?? []) {
      const others = aliasesOf.get(tiedIn)!.get(name);
      const between = steps[indexOf.get(tiedIn) ?? index];
      if (
        others &&
        (tiedIn === producer ||
          ((indexOf.get(tiedIn) ?? index) < index &&
            between.producers[name] === producer))
      ) {
        found.push({ tiedIn, others });
      }
    }
    return found;
  };
  /** Whether `binder` is a step after `tiedIn` that binds `name` anew: not the one tied there. */
  const rebindsAfter = (binder: string, tiedIn: string, name: string) =>
    (indexOf.get(binder) ?? -1) > (indexOf.get(tiedIn) ?? Infinity) &&
    (context.stepsByName
      .get(binder)
      ?.cells.some(cell => bindsAnew(analysisOf(cell).names, name)) ??
      false);
  steps.forEach((step, index) => {
    const aliases = stepAliases(step, context, holdsOfCell);
    if (aliases) {
      aliasesOf.set(step.name, aliases);
      aliases.forEach((_, name) => {
        const tying = tyingStepsOf.get(name);
        if (tying) {
          tying.push(step.name);
        } else {
          tyingStepsOf.set(name, [step.name]);
        }
      });
    }
    if (!aliasesOf.size) {
      return;
    }
    const changed = new Set(
      step.cells.flatMap(cell => analysisOf(cell).names.mutations)
    );
    /** Figures the step draws on and handles it calls (object-kinds.ts): changed too. */
    const drawn = drawnFiguresOf?.get(step.name);
    drawn?.forEach(name => changed.add(name));
    calledHandlesOf?.get(step.name)?.forEach(name => changed.add(name));
    /** `arr *= 3` on what an earlier step bound to an object: changed in place (an array). */
    for (const cell of step.cells) {
      for (const name of analysisOf(cell).names.augmentedInputs ?? []) {
        const producer = steps[indexOf.get(step.producers[name]) ?? -1];
        if (
          producer &&
          bindingKind(producer.cells, name, analysisOf) === 'object'
        ) {
          changed.add(name);
        }
      }
    }
    /** Containers whose items the step changes through a loop (`for d in combine:`). */
    const itemsChanged = new Set(
      step.cells.flatMap(cell => analysisOf(cell).names.itemChanges ?? [])
    );
    /** And through a key (`combine[0]["x"] = 1`): some item, not a part taken by another key. */
    const keyedChanged = new Set(
      step.cells.flatMap(cell => analysisOf(cell).names.keyedItemChanges ?? [])
    );
    /** Pairs of names the step changes apart, warned for already. */
    const pairsWarned = new Set<string>();
    for (const name of changed) {
      const producer = step.producers[name];
      if (!producer) {
        continue;
      }
      const warned = new Set<string>();
      for (const { tiedIn, others } of tiesOfChanged(name, producer, index)) {
        for (const [other, tie] of others) {
          if (
            warned.has(other) ||
            !changeReaches(tie, name, itemsChanged, keyedChanged)
          ) {
            continue;
          }
          // a drawing on a part of a figure (figures.ts) has messages of its own
          const drawsOnPart =
            tie === 'part' && (drawn?.includes(name) ?? false);
          const takesBoth =
            tiedIn === producer && step.producers[other] === producer;
          const takesBothAsOne =
            tiedIn === producer &&
            RUNTIME_TIES.has(tie) &&
            takenAsTied(
              step.producers[other],
              producer,
              context.stepsByName.get(tiedIn),
              other
            );
          if (takesBothAsOne) {
            // Names of one object, or a list, tuple or dict and a name it holds, that the step
            // takes from the step that tied them, or the one that step took it from, come as one
            // object (the runtime's object_shares): the change is in both, and the step hands
            // both on.
            continue;
          }
          if (changed.has(other) && drawsOnPart && takesBoth) {
            // Names of one figure that the step takes from the step that handed them on come
            // from one copy of it (the runtime's figure_share): the drawing is in the figure,
            // and the step hands both on.
            continue;
          }
          if (changed.has(other)) {
            // The step changes both and hands both on. Where it takes both from the step that
            // tied them, each comes as a value of its own: the change to one is not in the
            // other (`b.append(4)` and `a.append(5)` give two lists). Warned once for the two.
            const pair = [name, other].sort().join(' ');
            if (takesBoth && !pairsWarned.has(pair)) {
              pairsWarned.add(pair);
              warned.add(other);
              diagnostics.push(
                aliasedNameDiagnostic(
                  step,
                  name,
                  changedApartMessage(step.name, name, other, {
                    producer,
                    tie
                  }),
                  analysisOf
                )
              );
            }
            continue;
          }
          if (takesBoth && !drawsOnPart) {
            // The step takes both from the step that tied them, each as a value of its own (but
            // for one figure's names, above), and reads the other after changing one: the change
            // is not in it (`opt.step()` trains no parameter of the `model` it takes beside `opt`).
            warned.add(other);
            diagnostics.push(
              aliasedNameDiagnostic(
                step,
                name,
                readApartMessage(step.name, name, other, { producer, tie }),
                analysisOf
              )
            );
            continue;
          }
          const reader = steps.find(
            (later, at) =>
              at > index &&
              later.inputs.includes(other) &&
              (tiedIn === producer
                ? (indexOf.get(later.producers[other]) ?? index) <= index &&
                  later.producers[other] !== step.name &&
                  !rebindsAfter(later.producers[other], tiedIn, other)
                : later.producers[other] === tiedIn)
          );
          if (reader) {
            warned.add(other);
            diagnostics.push(
              drawsOnPart
                ? aliasedNameDiagnostic(
                    step,
                    name,
                    drawnBeforeMessage(step.name, name, other, {
                      producer: tiedIn,
                      reader: reader.name
                    }),
                    analysisOf
                  )
                : warning(
                    step,
                    name,
                    { other, tie },
                    tiedIn,
                    reader.name,
                    analysisOf
                  )
            );
          }
        }
      }
    }
  });
  return diagnostics;
}

/**
 * Whether the cell binds `name` to another object (bindsAgain), and not by `name += …` on a name
 * it takes, which changes a list or an array in place.
 */
function bindsAnew(names: ICellNames, name: string): boolean {
  return bindsAgain(names, name) && !names.augmentedInputs?.includes(name);
}

/** The ties a change can reach across (see changeReaches). */
type WarnedTie = Tie;

/**
 * Whether a change to `name` reaches the name tied to it so: a change to a part or an item
 * changes the whole or the container; a change to a whole rarely changes a part taken before
 * (`y = df["label"]`, then `df["extra"] = …`), nor a change to a container its items (`append`,
 * `params["lr"] = 0.2`), unless the change goes through the items (`for d in combine:`, or
 * `for r in records: r["seen"] = True`, which changes `first = records[0]`), or for a container,
 * through a key (`combine[0]["x"] = 1`: some item of it, so a part taken by another key is not
 * taken to change).
 */
function changeReaches(
  tie: Tie,
  name: string,
  itemsChanged: ReadonlySet<string>,
  keyedChanged: ReadonlySet<string>
): tie is WarnedTie {
  if (tie === 'container') {
    return itemsChanged.has(name) || keyedChanged.has(name);
  }
  return tie === 'whole' ? itemsChanged.has(name) : true;
}

/** The names the step's cells leave tied at its end, both ways; null when none. */
function stepAliases(
  step: IPipelineStep,
  context: IStepContext,
  holdsOfCell: ReadonlyMap<number, CellHolds> | undefined
): StepTies | null {
  const ties: StepTies = new Map();
  step.cells.forEach((cell, at) => {
    const { names, aliasesNames } = context.analysisOf(cell);
    untieRebound(ties, names);
    if (aliasesNames) {
      tieCellNames(ties, names);
    }
    if (names.views || names.functionViews) {
      tieArrayViews(ties, step, at, context);
    }
    const made = holdsOfCell?.get(cell);
    if (made) {
      tieHolds(ties, made);
    }
  });
  return ties.size ? ties : null;
}

function warning(
  step: IPipelineStep,
  name: string,
  tied: { other: string; tie: WarnedTie },
  producer: string,
  reader: string,
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic {
  const { other, tie } = tied;
  const handedOn =
    'but steps hand each name on as a value of its own: the change step ' +
    `'${step.name}' makes to '${name}' does not reach the`;
  const messages: Record<WarnedTie, () => string> = {
    same: () =>
      `'${name}' is the same object as '${other}' in step '${producer}', ${handedOn} '${other}' ` +
      `that step '${reader}' takes (top to bottom it would). Change '${other}' itself, read ` +
      `'${name}' instead, or make '${name}' a copy in step '${producer}' (${name} = copy.deepcopy(${other}))`,
    holds: () =>
      `'${name}' holds '${other}' since step '${producer}', ${handedOn} '${other}' that step ` +
      `'${reader}' takes (top to bottom it would). Read it through '${name}' there ` +
      `(${name}[-1] or ${name}.named_steps for a Pipeline, else the attribute that keeps it), ` +
      `or change '${other}' itself`,
    held: () =>
      `'${other}' holds '${name}' since step '${producer}', ${handedOn} '${name}' inside the ` +
      `'${other}' that step '${reader}' takes (top to bottom it would). Change it through ` +
      `'${other}' (${other}.fit), or make '${other}' after the change, in step '${step.name}'`,
    part: () =>
      `'${name}' is a part of '${other}' (an item, an attribute or a view of it) since step '${producer}', ` +
      `${handedOn} '${other}' that step '${reader}' takes (top to bottom it would, unless ` +
      `'${name}' is a copy). Change it through '${other}' itself, or make '${name}' a copy in ` +
      `step '${producer}' (copy.deepcopy)`,
    method: () =>
      `'${name}' is bound to '${other}' (a method of it, or a partial() of a function that ` +
      `changes it) since step '${producer}', but steps hand each name ` +
      `on as a value of its own: calling '${name}' in step '${step.name}' changes the copy of ` +
      `'${other}' that '${name}' carries, not the '${other}' that step '${reader}' takes (top ` +
      `to bottom it would). Call the method or function on '${other}' itself there, or bind ` +
      `'${name}' again in step '${step.name}' before the call`,
    item: () =>
      `'${name}' is an item of '${other}' since step '${producer}', ${handedOn} '${other}' ` +
      `that step '${reader}' takes (top to bottom it would). Change it through '${other}' ` +
      `there, or make '${other}' after the change, in step '${step.name}'`,
    container: () =>
      `'${other}' is an item of '${name}' since step '${producer}', ${handedOn} '${other}' ` +
      `that step '${reader}' takes alone (top to bottom it would). Read it through '${name}' ` +
      `there, or change '${other}' itself`,
    whole: () =>
      `'${other}' is a part of '${name}' (an item or an attribute of it) since step ` +
      `'${producer}', and step '${step.name}' changes what '${name}' holds (a loop that ` +
      `changes its items, or a fit), ${handedOn} '${other}' that step ` +
      `'${reader}' takes alone (top to bottom it would). Read it through '${name}' there, or ` +
      `take '${other}' from '${name}' again in step '${step.name}', after the change`
  };
  return aliasedNameDiagnostic(step, name, messages[tie](), analysisOf);
}

/** How `name` and `other` were tied, in words. */
const TIED_AS: Record<WarnedTie, (name: string, other: string) => string> = {
  same: (name, other) => `'${name}' is the same object as '${other}'`,
  holds: (name, other) => `'${name}' holds '${other}'`,
  held: (name, other) => `'${other}' holds '${name}'`,
  part: (name, other) => `'${name}' is a part of '${other}'`,
  method: (name, other) => `'${name}' is bound to '${other}'`,
  item: (name, other) => `'${name}' is an item of '${other}'`,
  container: (name, other) => `'${other}' is an item of '${name}'`,
  whole: (name, other) => `'${other}' is a part of '${name}'`
};

/** `step` takes `name` and `other`, tied in `producer`, and changes both in place. */
function changedApartMessage(
  step: string,
  name: string,
  other: string,
  { producer, tie }: { producer: string; tie: WarnedTie }
): string {
  return (
    `${TIED_AS[tie](name, other)} in step '${producer}', but steps hand each name on as a ` +
    `value of its own: step '${step}' takes both and changes both, and the change it makes ` +
    `to '${name}' does not reach its '${other}' (top to bottom it would). Tie them again in ` +
    `step '${step}' before the changes, as step '${producer}' did, or change them through one name`
  );
}

/** `step` takes `name` and `other`, tied in `producer`, changes `name` and reads `other`. */
function readApartMessage(
  step: string,
  name: string,
  other: string,
  { producer, tie }: { producer: string; tie: WarnedTie }
): string {
  // The name whose binding tied them: the holder, the alias, the part, the container.
  const tying =
    tie === 'held' || tie === 'item' || tie === 'whole' ? other : name;
  // A part taken by key may be a copy (pandas' copy-on-write makes `df["y"]` one).
  const unlessCopy = tie === 'part' ? `, unless '${name}' is a copy` : '';
  return (
    `${TIED_AS[tie](name, other)} in step '${producer}', but steps hand each name on as a ` +
    `value of its own: step '${step}' takes both, and the change it makes to '${name}' does ` +
    `not reach the '${other}' it reads (top to bottom it would${unlessCopy}). Make '${tying}' again in ` +
    `step '${step}' before the change, as step '${producer}' made it, or make both in step ` +
    `'${step}'`
  );
}

/** The warning at the first line of the step that changes `name`. */
function aliasedNameDiagnostic(
  step: IPipelineStep,
  name: string,
  message: string,
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic {
  const at = changeLine(step, name, analysisOf);
  return {
    severity: 'warning',
    code: 'aliased-name',
    message,
    cell: at.cell,
    line: at.line,
    column: 0
  };
}

/**
 * The first line of the step that changes `name` in place (`name.`, `name[`), else the first
 * that names it (`for values in [name]:`, `train(name)`), else the step's first.
 */
function changeLine(
  step: IPipelineStep,
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): { cell: number; line: number } {
  // A Python name has no character a regular expression treats specially.
  const change = new RegExp(`(^|[^\\w.])${name}\\s*[.[]`, 'u');
  const mention = new RegExp(`(^|[^\\w.])${name}(?!\\w)`, 'u');
  const changed =
    firstStepLine(step, analysisOf, text => change.test(text)) ??
    firstStepLine(step, analysisOf, text => mention.test(text));
  return changed
    ? { cell: changed.cell, line: changed.line }
    : { cell: step.cells[0], line: 1 };
}
