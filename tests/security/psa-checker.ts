/**
 * Runs tools/psa's `psa-check` (upstream k8s.io/pod-security-admission/policy at `restricted`,
 * version `latest`) over pod objects and returns its verdicts. Built by
 * scripts/setup.d/35-psa.sh into .cache/psa/psa-check; CELLPIPE_PSA_CHECK names another binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const PSA_CHECK =
  process.env.CELLPIPE_PSA_CHECK ??
  join(__dirname, '..', '..', '.cache', 'psa', 'psa-check');

/** Only an explicit opt-out skips; a missing binary otherwise fails the tests. */
export const SKIP_PSA = process.env.CELLPIPE_SKIP_PSA === '1';

export interface IPod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

export interface IPodVerdict {
  name: string;
  allowed: boolean;
  reasons: string[];
}

export function requireChecker(): void {
  if (!existsSync(PSA_CHECK)) {
    throw new Error(
      `the Pod Security checker ${PSA_CHECK} is missing: run bash scripts/setup.d/35-psa.sh ` +
        '(or set CELLPIPE_SKIP_PSA=1 to skip these tests deliberately)'
    );
  }
}

/** Evaluates every pod at `restricted`/`latest`; throws if the checker cannot read them. */
export function checkPods(pods: IPod[]): IPodVerdict[] {
  requireChecker();
  const result = spawnSync(PSA_CHECK, ['-json'], {
    input: pods.map(pod => JSON.stringify(pod)).join('\n'),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  });
  if (result.error) {
    throw result.error;
  }
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `psa-check failed (exit ${result.status}): ${result.stderr}`
    );
  }
  const verdicts = result.stdout
    .split('\n')
    .filter(line => line.trim())
    .map(line => JSON.parse(line) as IPodVerdict);
  if (verdicts.length !== pods.length) {
    throw new Error(
      `psa-check judged ${verdicts.length} of ${pods.length} pods: ${result.stderr}`
    );
  }
  return verdicts;
}

/** `name: reason; reason` for each denied pod, for readable failures. */
export function denials(verdicts: IPodVerdict[]): string[] {
  return verdicts
    .filter(verdict => !verdict.allowed)
    .map(verdict => `${verdict.name}: ${verdict.reasons.join('; ')}`);
}
