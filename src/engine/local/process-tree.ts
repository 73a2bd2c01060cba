/**
 * Ending a step's whole process tree. Each step runs in its own process group; a step may still
 * start children that leave the group (setsid, daemons), so the tree is also followed through
 * parent ids in /proc (Linux). A child that left the session and whose parent has exited has
 * been re-parented to init, so parent ids no longer lead to it: each step's environment also
 * carries a marker (`CELLPIPE_STEP_TREE=<random>`) that its descendants inherit, and every live
 * process whose environment holds the marker belongs to the tree. Zombies count as ended: they
 * hold no resources but a pid.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface IProcessStat {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
}

function readStat(pid: number): IProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ppid pgrp ...`; comm may itself hold spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      state: fields[0],
      ppid: Number(fields[1]),
      pgrp: Number(fields[2])
    };
  } catch {
    return undefined;
  }
}

function allStats(): IProcessStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter(name => /^\d+$/.test(name))
    .map(name => readStat(Number(name)))
    .filter((s): s is IProcessStat => s !== undefined && s.state !== 'Z');
}

/** True while `pid` exists and is not a zombie. */
export function isProcessAlive(pid: number): boolean {
  const stat = readStat(pid);
  if (stat) {
    return stat.state !== 'Z';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of `pid` (empty when unknown). */
export function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** The environment variable that marks a step's processes (see the module comment). */
export const TREE_MARKER = 'CELLPIPE_STEP_TREE';

/** True when the environment `pid` started with holds `TREE_MARKER=marker`. */
function carriesMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1')
      .split('\0')
      .includes(`${TREE_MARKER}=${marker}`);
  } catch {
    return false;
  }
}

/**
 * The live members of process group `pgid`, every process whose environment holds `marker`
 * (when given), and all their descendants.
 */
export function processTree(pgid: number, marker?: string): number[] {
  const stats = allStats();
  const children = new Map<number, number[]>();
  for (const stat of stats) {
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  }
  const found = new Set<number>(
    stats
      .filter(
        s =>
          s.pgrp === pgid ||
          s.pid === pgid ||
          (marker !== undefined &&
            s.pid !== process.pid &&
            carriesMarker(s.pid, marker))
      )
      .map(s => s.pid)
  );
  const queue = [...found];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return [...found];
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Sends `name` to the group `pgid` and to every process of its tree. Returns the pids signalled. */
export function signalTree(
  pgid: number,
  name: NodeJS.Signals,
  marker?: string
): number[] {
  const tree = processTree(pgid, marker);
  signal(-pgid, name);
  tree.forEach(pid => signal(pid, name));
  return tree;
}

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

/**
 * Ends the tree of group `pgid`: SIGTERM, then SIGKILL to whatever is left after `graceMs`.
 * Resolves once no process of the tree is alive.
 */
export async function endProcessTree(
  pgid: number,
  graceMs = 2000,
  marker?: string
): Promise<void> {
  let remaining = signalTree(pgid, 'SIGTERM', marker);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    remaining = remaining.filter(isProcessAlive);
    if (!remaining.length && !processTree(pgid, marker).length) {
      return;
    }
    await sleep(50);
  }
  for (let round = 0; round < 20; round++) {
    remaining = [
      ...new Set([...remaining, ...processTree(pgid, marker)])
    ].filter(isProcessAlive);
    if (!remaining.length) {
      return;
    }
    signal(-pgid, 'SIGKILL');
    remaining.forEach(pid => signal(pid, 'SIGKILL'));
    await sleep(50);
  }
}

/** The synchronous last resort when the runner itself must exit now. */
export function killTreeNow(pgid: number, marker?: string): void {
  signalTree(pgid, 'SIGKILL', marker);
}

/** When `pid` started, in ms since the epoch (Linux /proc; undefined elsewhere). */
export function processStartTime(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    // /proc reports in USER_HZ, which Linux fixes at 100 for user space.
    return boot ? Number(boot[1]) * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
