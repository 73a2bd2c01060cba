/**
 * Issue 3: every pod that every emitted document would create meets Pod Security Standards
 * `restricted` (latest), judged by upstream's own code (tools/psa), for every corpus notebook and
 * both targets. And the same checker rejects output compiled with security explicitly turned off,
 * which the CLI warns about. How the pods are derived: argo-pods.ts and kfp-pods.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, COMPILE_TARGETS } from '../../src/core/generate/compile';
import { CompileTarget } from '../../src/core/generate/compiled';
import { ISettingsOverrides } from '../../src/core/settings/resolved';
import { cellpipe, CORPUS } from '../support/cli';
import { argoPods } from './argo-pods';
import { corpusNotebooks } from './corpus-irs';
import { kfpPods } from './kfp-pods';
import {
  checkPods,
  denials,
  IPod,
  requireChecker,
  SKIP_PSA
} from './psa-checker';

const WEAKENED: ISettingsOverrides = {
  security: {
    runAsNonRoot: false,
    runAsUser: 0,
    allowPrivilegeEscalation: true,
    dropAllCapabilities: false,
    seccompProfile: 'Unconfined'
  }
};

const POD_MODELS: Record<CompileTarget, (documents: unknown[]) => IPod[]> = {
  argo: argoPods,
  kfp: kfpPods
};

const notebooks = corpusNotebooks();

(SKIP_PSA ? describe.skip : describe)(
  'Pod Security restricted (upstream checker)',
  () => {
    beforeAll(requireChecker);

    it('every corpus notebook becomes a pipeline (tagged, by headings, or as one step)', () => {
      expect(notebooks.length).toBeGreaterThanOrEqual(20);
      expect(notebooks.filter(notebook => notebook.unusable)).toEqual([]);
    });

    it.each(COMPILE_TARGETS)(
      'allows every pod of every corpus notebook, target %s',
      target => {
        const pods: IPod[] = [];
        for (const notebook of notebooks.filter(n => n.ir)) {
          const compiled = compile(notebook.ir!, target);
          const created = POD_MODELS[target](compiled.documents);
          expect(created.length).toBeGreaterThanOrEqual(
            notebook.ir!.steps.length
          );
          for (const pod of created) {
            pod.metadata.name = `${notebook.name}/${pod.metadata.name}`;
            pods.push(pod);
          }
        }
        const verdicts = checkPods(pods);
        expect(denials(verdicts)).toEqual([]);
        expect(verdicts.length).toBe(pods.length);
      }
    );

    it.each(COMPILE_TARGETS)(
      "allows the pods with the settings' volumes mounted, target %s",
      target => {
        const notebook = notebooks.find(n => n.ir && n.ir.steps.length > 1)!;
        const compiled = compile(notebook.ir!, target, {
          volumes: [
            { claim: 'team-data', mountPath: '/data' },
            { claim: 'scratch', mountPath: '/home/jovyan/out', subPath: 'a' }
          ]
        });
        const pods = POD_MODELS[target](compiled.documents);
        expect(pods.length).toBeGreaterThanOrEqual(notebook.ir!.steps.length);
        for (const pod of pods) {
          const volumes = (pod.spec.volumes ?? []) as {
            persistentVolumeClaim?: { claimName: string };
          }[];
          const claims = volumes.flatMap(volume =>
            volume.persistentVolumeClaim
              ? [volume.persistentVolumeClaim.claimName]
              : []
          );
          expect(claims).toEqual(
            expect.arrayContaining(['team-data', 'scratch'])
          );
        }
        const verdicts = checkPods(pods);
        expect(denials(verdicts)).toEqual([]);
        expect(verdicts.length).toBe(pods.length);
      }
    );

    it.each(COMPILE_TARGETS)(
      'rejects output compiled with security turned off, target %s',
      target => {
        const notebook = notebooks.find(n => n.ir && n.ir.steps.length > 1)!;
        const compiled = compile(notebook.ir!, target, WEAKENED);
        const verdicts = checkPods(POD_MODELS[target](compiled.documents));
        expect(verdicts.length).toBeGreaterThan(0);
        expect(verdicts.every(verdict => !verdict.allowed)).toBe(true);
        const reasons = verdicts.flatMap(verdict => verdict.reasons).join('\n');
        expect(reasons).toMatch(/runAsUser=0|runAsNonRoot/);
        if (target === 'argo') {
          // Every weakening that Argo can carry shows up in the upstream reasons.
          expect(reasons).toMatch(/allowPrivilegeEscalation/);
          expect(reasons).toMatch(/capabilities/);
          expect(reasons).toMatch(/seccompProfile/);
        }
      }
    );
  }
);

describe('cellpipe compile with weakened security', () => {
  it('warns on stderr for each weakening and still writes the document', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cellpipe-psa-'));
    try {
      const settings = join(directory, 'weak.json');
      writeFileSync(settings, JSON.stringify(WEAKENED));
      const notebook = join(
        CORPUS,
        'kale',
        'pipeline_parameters_and_metrics.ipynb'
      );
      const result = cellpipe([
        'compile',
        notebook,
        '--target',
        'argo',
        '--settings',
        settings
      ]);
      expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/kind: Workflow/);
      for (const setting of [
        'runAsNonRoot',
        'runAsUser is 0',
        'allowPrivilegeEscalation',
        'dropAllCapabilities',
        'seccompProfile'
      ]) {
        expect(result.stderr).toMatch(new RegExp(`warning: .*${setting}`));
      }
      const quiet = cellpipe(['compile', notebook, '--target', 'argo']);
      expect(quiet.code).toBe(0);
      expect(quiet.stderr).not.toMatch(/warning/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
