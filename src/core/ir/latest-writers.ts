/**
 * The producer of a name for the step being built: the latest step before it that writes or
 * mutates the name (design §3.4). Most producers are near: a scan back over the last few steps
 * finds them without keeping anything up. A name written far back (`df`, loaded in the first
 * step and read by every step after it) would make each of those reads a scan over the whole
 * notebook, on every key: the first scan that goes further than SCAN_LIMIT steps builds an
 * index of every name's latest writer, which each step added afterwards keeps up.
 */
import { IPipelineStep } from './pipeline';

/** Steps a lookup scans back over before it builds the index instead. */
const SCAN_LIMIT = 16;

export class LatestWriters {
  /** Each step's writes by step name (a repeated name keeps the later step's writes). */
  readonly writesOf = new Map<string, ReadonlySet<string>>();
  private readonly steps: IPipelineStep[] = [];
  /** Name → its latest writer so far, once a lookup has gone far back; null before. */
  private index: Map<string, IPipelineStep> | null = null;

  add(step: IPipelineStep, writes: ReadonlySet<string>): void {
    if (this.writesOf.has(step.name)) {
      // A repeated step name gives the earlier step these writes too (writesOf is by name):
      // the index is built again when next needed.
      this.index = null;
    }
    this.writesOf.set(step.name, writes);
    this.steps.push(step);
    if (this.index !== null) {
      for (const name of writes) {
        this.index.set(name, step);
      }
    }
  }

  hasStep(name: string): boolean {
    return this.writesOf.has(name);
  }

  latest(name: string): IPipelineStep | undefined {
    if (this.index !== null) {
      return this.index.get(name);
    }
    const { steps, writesOf } = this;
    const last = Math.max(0, steps.length - SCAN_LIMIT);
    const near = latestWriter(steps, writesOf, name, last);
    if (near || last === 0) {
      return near;
    }
    this.index = new Map();
    for (const step of steps) {
      for (const written of writesOf.get(step.name)!) {
        this.index.set(written, step);
      }
    }
    return this.index.get(name);
  }
}

/**
 * The last of `steps` whose writes (looked up by step name) hold `name`, among those from index
 * `first` on.
 */
export function latestWriter(
  steps: readonly IPipelineStep[],
  writesOf: ReadonlyMap<string, ReadonlySet<string>>,
  name: string,
  first = 0
): IPipelineStep | undefined {
  for (let i = steps.length - 1; i >= first; i--) {
    if (writesOf.get(steps[i].name)!.has(name)) {
      return steps[i];
    }
  }
  return undefined;
}
