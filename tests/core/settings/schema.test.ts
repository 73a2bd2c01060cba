/**
 * One settings schema (issue 16): settings.schema.json is the source of the checks, the lab's
 * Settings Editor form and the README table. The derived files are committed; this says when
 * one was not regenerated after the schema changed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import SCHEMA from '../../../src/core/settings/settings.schema.json';
import LAB from '../../../schema/plugin.json';
import { DEFAULT_SECURITY } from '../../../src/core/settings/defaults';
import { dottedKey, settingsProblem } from '../../../src/core/settings/schema';
import { resolveSettings } from '../../../src/core/settings/resolve';
import { UserError } from '../../../src/core/errors';
import { makeIR } from '../../support/ir';

const root = join(__dirname, '..', '..', '..');

describe('the settings schema', () => {
  it('the validators, the defaults, schema/plugin.json and the README table are generated from it', () => {
    // Throws (exit 1, naming the stale files) when any is out of date.
    const out = execFileSync(
      process.execPath,
      ['scripts/settings-schema.mjs', '--check'],
      { cwd: root, encoding: 'utf8' }
    );
    expect(out).toMatch(/up to date/);
  });

  it('gives the lab form the same security defaults as the checks', () => {
    expect(LAB.properties.security.default).toEqual(DEFAULT_SECURITY);
    for (const [key, value] of Object.entries(DEFAULT_SECURITY)) {
      expect(
        (LAB.properties.security.properties as Record<string, any>)[key].default
      ).toBe(value);
    }
  });

  it('offers the lab form every target, and unset', () => {
    expect(LAB.properties.target.oneOf.map(choice => choice.const)).toEqual([
      '',
      ...SCHEMA.properties.target.enum.filter(value => value !== null)
    ]);
  });

  it('names the key and the problem of the first refusal', () => {
    expect(settingsProblem({ target: 'local' }, dottedKey)).toBeNull();
    expect(
      settingsProblem({ tolerations: [{ effect: 'Sometimes' }] }, dottedKey)
    ).toEqual({
      key: 'tolerations[0].effect',
      problem: 'must be one of NoSchedule, PreferNoSchedule, NoExecute'
    });
    expect(
      settingsProblem({ stepDefaults: { privileged: true } }, dottedKey)
    ).toEqual({
      key: 'stepDefaults.privileged',
      problem:
        'is not a step setting (expected one of image, limits, requests, labels, annotations, cache, retries, timeoutSeconds)'
    });
    expect(settingsProblem('all', dottedKey)).toEqual({
      key: '',
      problem: 'must be an object'
    });
  });
});

describe('what resolution does beyond the schema', () => {
  const resolve = (settings: Record<string, unknown>) =>
    resolveSettings(makeIR({ settings }));

  it('keeps only the keys the schema names', () => {
    const settings = resolve({
      workspace: [{ name: 'data' }],
      security: { runAsUser: 2000, privileged: true },
      argo: { dataPassing: 'artifacts', other: 1 },
      tolerations: [{ key: 'gpu', effect: 'NoSchedule', extra: 'x' }]
    });
    expect(settings).not.toHaveProperty('workspace');
    expect(settings.security).not.toHaveProperty('privileged');
    expect(settings.security.runAsUser).toBe(2000);
    expect(settings.argo).not.toHaveProperty('other');
    expect(settings.tolerations).toEqual([
      { key: 'gpu', effect: 'NoSchedule' }
    ]);
  });

  it('reads null text as unset, a number as a quantity and drops the trailing / of URLs', () => {
    const settings = resolve({
      namespace: null,
      argo: { volumeSize: 5, uiUrl: 'https://argo.example.com//' },
      kfp: { endpoint: 'http://kfp:8888/' },
      stepDefaults: { limits: { cpu: 2 } }
    });
    expect(settings.namespace).toBeUndefined();
    expect(settings.argo.volumeSize).toBe('5');
    expect(settings.argo.uiUrl).toBe('https://argo.example.com');
    expect(settings.kfp.endpoint).toBe('http://kfp:8888');
    expect(settings.stepDefaults.limits).toEqual({ cpu: '2' });
  });

  it('refuses a __proto__ key as any other bad key, naming notebook and key', () => {
    const labels = JSON.parse('{"__proto__": "x"}');
    let caught: unknown;
    try {
      resolve({ nodeSelector: labels });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).describe()).toMatch(
      /^test\.ipynb: notebook metadata: nodeSelector key "__proto__" is not a valid label key/
    );
  });
});
