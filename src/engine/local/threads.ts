/**
 * Native thread pools under parallel steps. numpy's BLAS, OpenMP and MKL each start one thread per
 * core in every process; steps running side by side then oversubscribe the cores (on 2 cores the
 * fan-out example ran twice as slow). Where steps can run in parallel, each step gets
 * cores / (steps at once) threads, unless the user set these variables already.
 */
import { IPlannedStep } from './plan';

export const THREAD_VARIABLES = [
  'OMP_NUM_THREADS',
  'OPENBLAS_NUM_THREADS',
  'MKL_NUM_THREADS',
  'VECLIB_MAXIMUM_THREADS',
  'NUMEXPR_NUM_THREADS'
];

/** The most steps on one level of the DAG (level = longest path from a step without upstream). */
export function widestLevel(
  steps: Pick<IPlannedStep, 'name' | 'after'>[]
): number {
  const level = new Map<string, number>();
  for (const step of steps) {
    const upstream = step.after.map(name => level.get(name) ?? 0);
    level.set(step.name, upstream.length ? Math.max(...upstream) + 1 : 0);
  }
  const counts = new Map<number, number>();
  level.forEach(l => counts.set(l, (counts.get(l) ?? 0) + 1));
  return Math.max(0, ...counts.values());
}

/** Threads per step, or undefined where steps never run side by side (leave the defaults). */
export function threadsPerStep(
  steps: Pick<IPlannedStep, 'name' | 'after'>[],
  jobs: number,
  cores: number
): number | undefined {
  const together = Math.min(jobs, widestLevel(steps));
  return together > 1 ? Math.max(1, Math.floor(cores / together)) : undefined;
}

/** `env` with the thread variables set to `threads`, keeping any the user set. */
export function withThreadLimits(
  env: NodeJS.ProcessEnv,
  threads: number | undefined
): NodeJS.ProcessEnv {
  if (threads === undefined) {
    return env;
  }
  const limited = { ...env };
  for (const name of THREAD_VARIABLES) {
    limited[name] ??= String(threads);
  }
  return limited;
}
