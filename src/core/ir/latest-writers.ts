/**
 * The producer of a name for the step being built: the latest step before it that writes or
 * mutates the name (design §3.4). A scan from the latest step back: producers are usually
 * near, and a name → step map cost more to keep up than the scans it saved.
 */
import { IPipelineStep } from './pipeline';

export class LatestWriters {
  /** Each step's writes by step name (a repeated name keeps the later step's writes). */
  readonly writesOf = new Map<string, ReadonlySet<string>>();
  private readonly steps: IPipelineStep[] = [];

  add(step: IPipelineStep, writes: ReadonlySet<string>): void {
    this.writesOf.set(step.name, writes);
    this.steps.push(step);
  }

  hasStep(name: string): boolean {
    return this.writesOf.has(name);
  }

  latest(name: string): IPipelineStep | undefined {
    return latestWriter(this.steps, this.writesOf, name);
  }
}

/** The last of `steps` whose writes (looked up by step name) hold `name`. */
export function latestWriter(
  steps: readonly IPipelineStep[],
  writesOf: ReadonlyMap<string, ReadonlySet<string>>,
  name: string
): IPipelineStep | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    if (writesOf.get(steps[i].name)!.has(name)) {
      return steps[i];
    }
  }
  return undefined;
}
