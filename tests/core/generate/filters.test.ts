import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../../../src/core/errors';
import {
  checkK8sName,
  checkLabelKey,
  checkLabelValue,
  pyText,
  toJsonText,
  toPyLiteral
} from '../../../src/core/generate/filters/index';
import { evalPythonLiterals, runPython } from '../../support/python';
import { hostileString } from '../../support/hostile';

describe('json filter', () => {
  it.each([
    [{ a: [1, 2.5, 'x', true, null] }, '{"a":[1,2.5,"x",true,null]}'],
    ['line\u2028sep\u0085nel', '"line\\u2028sep\\u0085nel"'],
    ['😀', '"😀"']
  ])('renders %j', (value, expected) => {
    expect(toJsonText(value)).toBe(expected);
  });

  it.each([
    [NaN],
    [Infinity],
    [undefined],
    [{ a: undefined }],
    [() => 1],
    [new Date(0)]
  ])('refuses %p', value => {
    expect(() => toJsonText(value)).toThrow(UserError);
  });

  it('reads back exactly as given, as JSON and as YAML, for hostile strings', () => {
    fc.assert(
      fc.property(
        hostileString,
        fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
        (text, map) => {
          const value = { text, map };
          const rendered = toJsonText(value);
          expect(JSON.parse(rendered)).toEqual(value);
          expect(parseYaml(`key: ${rendered}\n`)).toEqual({ key: value });
        }
      ),
      { numRuns: 1000 }
    );
  });

  it('reads back exactly through PyYAML too (what the kfp SDK uses)', () => {
    const samples = fc.sample(
      fc.record({
        text: hostileString,
        list: fc.array(hostileString, { maxLength: 3 })
      }),
      { numRuns: 1000, seed: 7 }
    );
    const documents = samples.map(value => `key: ${toJsonText(value)}\n`);
    const script = [
      'import json, sys, yaml',
      'documents = json.loads(sys.stdin.read())',
      'sys.stdout.write(json.dumps([yaml.safe_load(d)["key"] for d in documents]))'
    ].join('\n');
    const result = runPython(['-c', script], JSON.stringify(documents));
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(samples);
  });
});

describe('pyLiteral filter', () => {
  it.each([
    [1, undefined, '1'],
    [1, 'float', '1.0'],
    [-0, 'float', '-0.0'],
    [0.1, undefined, '0.1'],
    [1e21, 'float', '1e+21'],
    [2.5e-7, undefined, '2.5e-7'],
    [true, 'bool', 'True'],
    [null, undefined, 'None'],
    ["it's", 'str', "'it\\'s'"],
    ['a\nb\\', undefined, "'a\\nb\\\\'"],
    ['\u202e\0\x7f', undefined, "'\\u202e\\x00\\x7f'"],
    [{ k: [1, 'v', false] }, undefined, "{'k': [1, 'v', False]}"]
  ])('renders %j (type %s) as %s', (value, type, expected) => {
    expect(toPyLiteral(value, type as 'float' | undefined)).toBe(expected);
  });

  it.each([
    [NaN, undefined],
    [Infinity, 'float'],
    [1.5, 'int'],
    ['1', 'int'],
    [1, 'bool'],
    [undefined, undefined],
    [[1, undefined], undefined],
    [new Map(), undefined]
  ])('refuses %p as %s', (value, type) => {
    expect(() => toPyLiteral(value, type as 'int' | undefined)).toThrow(
      UserError
    );
  });

  it('round-trips hostile strings, numbers and lists through a real Python', () => {
    const samples = fc.sample(
      fc.oneof(
        hostileString,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.maxSafeInteger(),
        fc.array(hostileString, { maxLength: 3 })
      ),
      { numRuns: 1500, seed: 20261122 }
    );
    const literals = samples.map(value => toPyLiteral(value));
    const values = evalPythonLiterals(literals);
    // -0 survives as -0.0 but JSON has no negative zero; compare by value.
    expect(values).toEqual(
      samples.map(value => (Object.is(value, -0) ? 0 : value))
    );
  });

  it('keeps floats floats in Python', () => {
    const literal = `[${toPyLiteral(3, 'float')}, ${toPyLiteral(3)}, ${toPyLiteral(1e21, 'float')}]`;
    const result = runPython([
      '-c',
      `print([type(x).__name__ for x in ${literal}])`
    ]);
    expect(result.stdout.trim()).toBe("['float', 'int', 'float']");
  });
});

describe('pyText filter', () => {
  it('splits lines into one literal each, indented', () => {
    expect(pyText('a = 1\nb = "{{x}}"\n', 2)).toBe(
      "(\n      'a = 1\\n'\n      'b = \"{{x}}\"\\n'\n  )"
    );
    expect(pyText('single')).toBe("'single'");
  });
});

describe('k8sName filter', () => {
  it.each([['train'], ['load-data-2'], ['a'], ['x'.repeat(63)]])(
    'accepts %s',
    name => {
      expect(checkK8sName(name, 'step name')).toBe(name);
    }
  );

  it.each([
    [''],
    ['Train'],
    ['load_data'],
    ['-a'],
    ['a-'],
    ['a.b'],
    ['x'.repeat(64)],
    ['名前'],
    [3]
  ])('refuses %p', name => {
    expect(() => checkK8sName(name, 'step name')).toThrow(
      /invalid step name: /
    );
  });

  it('accepts dotted subdomains up to 253 characters when asked', () => {
    expect(checkK8sName('my.registry-1.io', 'host', 'subdomain')).toBe(
      'my.registry-1.io'
    );
    expect(() => checkK8sName('a..b', 'host', 'subdomain')).toThrow(UserError);
  });
});

describe('k8sLabelKey and k8sLabelValue filters', () => {
  it.each([
    ['app'],
    ['app.kubernetes.io/name'],
    ['Team_1.x'],
    ['example.com/a-b']
  ])('accepts the key %s', key => {
    expect(checkLabelKey(key)).toBe(key);
  });

  it.each([
    [''],
    ['/name'],
    ['a/b/c'],
    ['Example.com/x'],
    ['x'.repeat(64)],
    ['-a'],
    ['a b'],
    ['{{x}}']
  ])('refuses the key %p', key => {
    expect(() => checkLabelKey(key)).toThrow(/^invalid label key: /);
  });

  it.each([[''], ['v1.2'], ['A_b-c'], ['x'.repeat(63)]])(
    'accepts the value %p',
    value => {
      expect(checkLabelValue(value)).toBe(value);
    }
  );

  it.each([['x'.repeat(64)], ['a/b'], ['-a'], ['a\n'], [1]])(
    'refuses the value %p',
    value => {
      expect(() => checkLabelValue(value, 'label value of step train')).toThrow(
        /^invalid label value of step train: /
      );
    }
  );
});
