/**
 * Small notebooks whose steps hand data on in every way the analyzer follows: assignments,
 * augmented assignments, swaps, walrus, comprehensions, in-place changes of lists and dicts,
 * branches (some without an else, leaving the value an earlier step bound), loops, a pipeline
 * parameter, a functions cell's helper that changes its argument, and functions, lambdas and
 * classes defined in one step and used in later ones (reading globals, changing them with
 * `global`, appending to a global list, calling each other), and an instance of such a class
 * whose method later steps call. Aliases (`ys = xs`) and `del` are not made: the analysis does
 * not follow the first (design §3), and warns that the second fails. Each program is valid top
 * to bottom: a name is used only once it is bound, nothing is deleted, and functions call only
 * functions defined before them in the pool order, so no redefinition makes a cycle. The last
 * step reports every bound variable and every function's value as one `result` metric.
 *
 * Programs are built from seeds (numbers), so that fast-check shrinks a failure to a small one.
 */

/** One statement's seed: its kind and three choices. */
export type StatementSeed = [number, number, number, number];

const INTS = ['a', 'b', 'c'];
const LISTS = ['xs', 'ys'];
const DICT = 'd';
/** The pipeline parameter, in every step. */
const PARAMETER = 'k';
/** The functions cell: a helper that changes the list it is passed, in every step. */
const FUNCTIONS_CELL = ['def add_one(values):', '    values.append(1)'].join(
  '\n'
);
/** Functions returning an int, in call order: each may call only those before it. */
const READERS = ['f', 'lam', 'g', 'Box'];
/** Functions called for their effect: one changes a global int, one appends to a global list. */
const BUMPERS = ['bump'];
const APPENDERS = ['push'];
/** An instance of Box, made at module level; its method reads what Box's body reads. */
const INSTANCE = 'box';
const INSTANCE_CALL = 'box.get()';

interface IState {
  ints: Set<string>;
  lists: Set<string>;
  dict: boolean;
  readers: Set<string>;
  bumpers: Set<string>;
  appenders: Set<string>;
  /** Whether `box = Box()` has run: an instance whose method later steps call. */
  instance: boolean;
}

function pick<T>(items: readonly T[], choice: number): T {
  return items[choice % items.length];
}

function ordered(
  pool: readonly string[],
  bound: ReadonlySet<string>
): string[] {
  return pool.filter(name => bound.has(name));
}

function readerCall(name: string): string {
  return name === 'Box' ? 'Box().get()' : `${name}()`;
}

/**
 * An int expression over what is bound; `callable` limits the readers it may call (`inBody`:
 * in a function's body).
 */
function term(
  state: IState,
  choice: number,
  callable: readonly string[] = ordered(READERS, state.readers),
  inBody = false
): string {
  const options: string[] = [
    String(choice % 7),
    PARAMETER,
    ...(state.dict ? [`sum(${DICT}.values())`] : []),
    ...ordered(INTS, state.ints),
    ...ordered(LISTS, state.lists).map(list => `len(${list})`),
    ...callable.map(readerCall),
    // At module level only: in a body, box.get() could call the function it is in.
    ...(state.instance && !inBody ? [INSTANCE_CALL] : [])
  ];
  return pick(options, choice);
}

function indent(lines: string[]): string[] {
  return lines.map(line => `    ${line}`);
}

function statement(state: IState, seed: StatementSeed): string[] {
  const [kind, p, q, r] = seed;
  const ints = ordered(INTS, state.ints);
  const lists = ordered(LISTS, state.lists);
  switch (kind % 15) {
    case 0: {
      const target = pick(INTS, p);
      const line = `${target} = ${term(state, q)} + ${term(state, r)}`;
      state.ints.add(target);
      return [line];
    }
    case 1: {
      if (!ints.length) {
        return statement(state, [0, p, q, r]);
      }
      const target = pick(ints, p);
      return [`${target} += ${term(state, q)}`];
    }
    case 2: {
      if (lists.length && p % 2) {
        return [`${pick(lists, q)}.append(${term(state, r)})`];
      }
      const target = pick(LISTS, q);
      const line = `${target} = [${term(state, r)}]`;
      state.lists.add(target);
      return [line];
    }
    case 3: {
      // A reader: its body may call only the readers before it in the pool.
      const name = pick(READERS, p);
      const before = ordered(
        READERS.slice(0, READERS.indexOf(name)),
        state.readers
      );
      const body = `return ${term(state, q, before, true)} + ${term(state, r, before, true)}`;
      state.readers.add(name);
      if (name === 'lam') {
        return [`lam = lambda: ${body.slice('return '.length)}`];
      }
      return name === 'Box'
        ? ['class Box:', '    def get(self):', ...indent(indent([body]))]
        : [`def ${name}():`, ...indent([body])];
    }
    case 4: {
      if (!ints.length) {
        return statement(state, [0, p, q, r]);
      }
      const target = pick(ints, p);
      state.bumpers.add('bump');
      return [
        'def bump():',
        ...indent([
          `global ${target}`,
          `${target} = ${target} + ${1 + (q % 3)}`
        ])
      ];
    }
    case 5: {
      if (!lists.length) {
        return statement(state, [2, 0, p, q]);
      }
      state.appenders.add('push');
      const list = pick(lists, p);
      return ['def push(v):', ...indent([`${list}.append(v)`])];
    }
    case 6: {
      const effects = [
        ...ordered(BUMPERS, state.bumpers),
        ...ordered(APPENDERS, state.appenders)
      ];
      if (!effects.length) {
        return statement(state, [0, p, q, r]);
      }
      const name = pick(effects, p);
      const argument = BUMPERS.includes(name) ? '' : term(state, q);
      return [`${name}(${argument})`];
    }
    case 7: {
      const target = pick(INTS, p);
      const lines = [
        `if ${term(state, q)} > ${r % 4}:`,
        ...indent([`${target} = ${term(state, r)}`])
      ];
      // Without an else where the target is bound already: the step may leave it as it was.
      if (!state.ints.has(target) || q % 2) {
        lines.push('else:', ...indent([`${target} = ${term(state, q)} + 1`]));
      }
      state.ints.add(target);
      return lines;
    }
    case 8: {
      if (ints.length < 2) {
        return statement(state, [0, p, q, r]);
      }
      const first = pick(ints, p);
      const second = pick(
        ints.filter(name => name !== first),
        q
      );
      return [`${first}, ${second} = ${second}, ${first}`];
    }
    case 9: {
      if (!lists.length) {
        return statement(state, [2, 0, p, q]);
      }
      const target = pick(INTS, p);
      const line = `${target} = sum([v + ${term(state, r)} for v in ${pick(lists, q)}])`;
      state.ints.add(target);
      return [line];
    }
    case 10: {
      const target = pick(INTS, p);
      const named = pick(INTS, q + 1);
      if (named === target) {
        return statement(state, [0, p, q, r]);
      }
      const line = `${target} = (${named} := ${term(state, r)}) + ${term(state, q)}`;
      state.ints.add(target);
      state.ints.add(named);
      return [line];
    }
    case 11: {
      if (!lists.length) {
        return statement(state, [2, 0, p, q]);
      }
      const list = pick(lists, p);
      return [`add_one(${list})`];
    }
    case 12: {
      if (state.dict && p % 2) {
        return [`${DICT}['k${q % 3}'] = ${term(state, r)}`];
      }
      const line = `${DICT} = {'k${q % 3}': ${term(state, r)}}`;
      state.dict = true;
      return [line];
    }
    case 13: {
      if (!state.readers.has('Box')) {
        return statement(state, [3, READERS.indexOf('Box'), q, r]);
      }
      state.instance = true;
      return [`${INSTANCE} = Box()`];
    }
    default: {
      if (!ints.length) {
        return statement(state, [0, p, q, r]);
      }
      const target = pick(ints, p);
      return [
        `for _ in range(${1 + (q % 3)}):`,
        ...indent([`${target} = ${target} + ${term(state, r)}`])
      ];
    }
  }
}

export interface IDataFlowProgram {
  /** The cells: one per step, then the metrics cell. */
  cells: { source: string; tags: string[] }[];
}

export function dataFlowProgram(steps: StatementSeed[][]): IDataFlowProgram {
  const state: IState = {
    ints: new Set(),
    lists: new Set(),
    dict: false,
    readers: new Set(),
    bumpers: new Set(),
    appenders: new Set(),
    instance: false
  };
  const cells = steps.map((seeds, index) => {
    const source = seeds.flatMap(seed => statement(state, seed)).join('\n');
    return { source, tags: [`step:s${index}`] };
  });
  const reported = [
    ...ordered(INTS, state.ints),
    ...ordered(LISTS, state.lists),
    ...(state.dict ? [DICT] : []),
    ...ordered(READERS, state.readers).map(readerCall),
    ...(state.instance ? [INSTANCE_CALL] : [])
  ];
  cells.unshift(
    { source: `${PARAMETER} = 3`, tags: ['pipeline-parameters'] },
    { source: FUNCTIONS_CELL, tags: ['functions'] }
  );
  cells.push({
    source: `result = repr([${reported.join(', ')}])`,
    tags: ['step:report']
  });
  cells.push({ source: 'print(result)', tags: ['pipeline-metrics'] });
  return { cells };
}
