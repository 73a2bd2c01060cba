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
