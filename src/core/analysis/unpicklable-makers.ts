/**
 * Calls of the standard library whose value cloudpickle refuses, so no step can hand it on: a
 * database connection, a lock or a thread, a socket, a running process, a pool of workers, a
 * queue between threads or processes, a temporary file, a CSV reader or writer, an open zip file,
 * a weak reference.
 * `con = sqlite3.connect(p)` in one step and a query in the next fails when the first step saves
 * `con`.
 *
 * A call is known by its module as written (`sqlite3.connect(p)`,
 * `concurrent.futures.ThreadPoolExecutor()`), or by a bare name that nothing else is commonly
 * called (`ThreadPoolExecutor()` after `from concurrent.futures import ThreadPoolExecutor`).
 * A bare `Lock()` or `connect()` may be anything, and `mp.Pool()` is a pool only where `mp` is
 * `multiprocessing`: the cell notes such a call (`makerCallee`), and the IR looks up what its
 * first name was imported as (`madeThrough`), in the cell or the cells before it. A maker
 * imported under a name of its own (`from multiprocessing import Pool as P`, `P(4)`) is looked
 * up the same way, from the bare calls the cell binds (`instances`), where a cell imports one
 * so (`importsMakerAs`).
 * `tests/core/analysis/unpassable-values.test.ts` saves each one with cloudpickle.
 */
import { dottedName, lastName } from './dotted-names';
import { field, IPyNode } from './python-tree';

/** What each maker gives, by module (as written) and function. */
const MAKERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sqlite3: { connect: 'a database connection' },
  threading: {
    Lock: 'a lock',
    RLock: 'a lock',
    Condition: 'a condition variable',
    Semaphore: 'a semaphore',
    BoundedSemaphore: 'a semaphore',
    Event: 'an event between threads',
    Barrier: 'a barrier between threads',
    Thread: 'a thread',
    Timer: 'a thread'
  },
  socket: {
    socket: 'a socket',
    create_connection: 'a socket',
    create_server: 'a socket'
  },
  subprocess: { Popen: 'a running process' },
  multiprocessing: {
    Pool: 'a pool of worker processes',
    Process: 'a process',
    Queue: 'a queue between processes',
    Lock: 'a lock between processes',
    Manager: 'a manager process'
  },
  'concurrent.futures': {
    ThreadPoolExecutor: 'a pool of worker threads',
    ProcessPoolExecutor: 'a pool of worker processes'
  },
  queue: { Queue: 'a queue between threads' },
  tempfile: {
    TemporaryFile: 'a temporary file',
    NamedTemporaryFile: 'a temporary file'
  },
  csv: {
    writer: 'a CSV writer',
    reader: 'a CSV reader',
    DictWriter: 'a CSV writer',
    DictReader: 'a CSV reader'
  },
  zipfile: { ZipFile: 'an open zip file' },
  weakref: {
    ref: 'a weak reference',
    WeakValueDictionary: 'a dict of weak references',
    WeakKeyDictionary: 'a dict of weak references'
  }
};

/** Makers known by their bare name: names nothing else is commonly called. */
const BARE: ReadonlySet<string> = new Set([
  'ThreadPoolExecutor',
  'ProcessPoolExecutor',
  'Popen',
  'TemporaryFile',
  'NamedTemporaryFile',
  'DictWriter',
  'DictReader',
  'ZipFile'
]);

/** The makers' own names (`connect`, `Pool`): a call of another name makes none of them. */
const MAKER_NAMES: ReadonlySet<string> = new Set(
  Object.values(MAKERS).flatMap(made => Object.keys(made))
);

/** What each maker gives, by its dotted name (`sqlite3.connect`). */
const MADE: ReadonlyMap<string, string> = new Map(
  Object.entries(MAKERS).flatMap(([module, made]) =>
    Object.entries(made).map(
      ([name, what]) =>
        [`${module}.${name}`, `${what} (${module}.${name})`] as [string, string]
    )
  )
);

/** The dotted name of each bare-named maker. */
const BARE_DOTTED: ReadonlyMap<string, string> = new Map(
  [...MADE.keys()]
    .filter(dotted => BARE.has(dotted.slice(dotted.lastIndexOf('.') + 1)))
    .map(dotted => [dotted.slice(dotted.lastIndexOf('.') + 1), dotted])
);

/**
 * What a call of `callee` makes (`a database connection (sqlite3.connect)`) where cloudpickle
 * refuses it; else null.
 */
export function unpicklableMade(
  callee: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  if (callee.type === 'identifier') {
    const dotted = BARE_DOTTED.get(text(callee));
    return dotted ? (MADE.get(dotted) ?? null) : null;
  }
  const dotted = endsInMakerName(callee, text)
    ? dottedName(callee, text)
    : null;
  return dotted === null ? null : (MADE.get(dotted) ?? null);
}

/**
 * The callee as written (`mp.Pool`, `Lock`) where `call` calls a dotted name that ends in a
 * maker's name, so that what it makes depends on an import; else null.
 */
export function makerCallee(
  call: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  const callee = call.type === 'call' ? field(call, 'function') : null;
  return callee && endsInMakerName(callee, text)
    ? dottedName(callee, text)
    : null;
}

/**
 * Whether `callee` is a name or an attribute named as a maker is (`Pool`, `mp.Pool`): read
 * before the dotted name is built, as most calls a cell binds are no maker's.
 */
function endsInMakerName(
  callee: IPyNode,
  text: (node: IPyNode) => string
): boolean {
  const last = lastName(callee);
  return last !== null && MAKER_NAMES.has(text(last));
}

/**
 * What a call of `callee` (as written: `mp.Pool`) makes where its first name was imported as
 * `source` (`multiprocessing`) and cloudpickle refuses it; else null.
 */
export function madeThrough(callee: string, source: string): string | null {
  const dot = callee.indexOf('.');
  const dotted = dot < 0 ? source : source + callee.slice(dot);
  return MADE.get(dotted) ?? null;
}

/**
 * Whether the cell imports a maker under a name of its own (`from multiprocessing import Pool as
 * P`), which a bare call then makes one of without naming it (`pool = P(4)`).
 */
export function importsMakerAs(
  importSources: Readonly<Record<string, string>> | undefined
): boolean {
  for (const name in importSources) {
    const source = importSources[name];
    if (MADE.has(source) && !source.endsWith(`.${name}`)) {
      return true;
    }
  }
  return false;
}
