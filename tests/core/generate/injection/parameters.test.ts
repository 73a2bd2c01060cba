/**
 * Hostile pipeline parameters (issue 3, injection): names and str/int/float/bool defaults.
 * For every run, both targets: the YAML parses, every default reads back exactly as given,
 * and every embedded step script compiles (one Python batch at the end).
 */
import fc from 'fast-check';
import { hostileString } from '../../../support/hostile';
import { hostileNotebook, IHostileParameter } from './hostile-notebook';
import {
  analyze,
  collectScripts,
  expectAllCompile,
  refusal,
  RUNS
} from './outcome';
import { compileAndReadBack, IReadBack } from './read-back';
import { PythonBatch } from './python-batch';

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' '
  )
);

const parameterName = fc
  .oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/),
    // Names the step script itself might use, and non-ASCII identifiers.
    fc.constantFrom(
      'os',
      'sys',
      'json',
      'STEP',
      'NOTEBOOK',
      'PARAMETERS',
      'main',
      'args',
      'é',
      'λ_rate'
    )
  )
  .filter(
    name => !KEYWORDS.has(name) && name !== 'math' && !name.startsWith('value_')
  );

const parameter: fc.Arbitrary<IHostileParameter> = fc.oneof(
  fc.record({
    name: parameterName,
    type: fc.constant('str' as const),
    value: hostileString
  }),
  fc.record({
    name: parameterName,
    type: fc.constant('int' as const),
    value: fc.integer({
      min: Number.MIN_SAFE_INTEGER,
      max: Number.MAX_SAFE_INTEGER
    })
  }),
  fc.record({
    name: parameterName,
    type: fc.constant('float' as const),
    value: fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter(v => !Object.is(v, -0))
  }),
  fc.record({
    name: parameterName,
    type: fc.constant('bool' as const),
    value: fc.boolean()
  })
);

/** How each target states a default: Argo as a string, KFP as a typed JSON value. */
function expectDefault(result: IReadBack, given: IHostileParameter): void {
  const stated = result.defaults.get(given.name);
  if (result.target === 'kfp' || given.type === 'str') {
    expect({ target: result.target, name: given.name, value: stated }).toEqual({
      target: result.target,
      name: given.name,
      value: given.value
    });
  } else if (given.type === 'bool') {
    expect(String(stated).toLowerCase()).toBe(String(given.value));
  } else {
    expect(Number(stated)).toBe(given.value);
  }
}

describe('hostile pipeline parameters', () => {
  const batch = new PythonBatch();

  it(`read back exactly in both targets (${RUNS} runs)`, () => {
    let refused = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(parameter, {
          minLength: 1,
          maxLength: 4,
          selector: p => p.name
        }),
        fc.boolean(),
        (parameters, rawUnicode) => {
          const ir = analyze(
            hostileNotebook({
              parameters,
              steps: [
                { name: 'load', tags: [] },
                { name: 'train', tags: [] }
              ],
              rawUnicode
            })
          );
          expect(ir.diagnostics.filter(d => d.severity === 'error')).toEqual(
            []
          );
          expect(ir.parameters.map(p => [p.name, p.type, p.default])).toEqual(
            parameters.map(p => [p.name, p.type, p.value])
          );
          let results: IReadBack[] = [];
          const error = refusal(() => {
            results = compileAndReadBack(ir);
          });
          if (error) {
            // Only a name a target cannot carry (non-ASCII), or a str default holding template
            // syntax (design §5), may be refused, named in the message.
            refused++;
            const refusable = parameters.filter(
              p =>
                // eslint-disable-next-line no-control-regex -- any character past ASCII
                /[^\x00-\x7f]/.test(p.name) ||
                (typeof p.value === 'string' && p.value.includes('{{'))
            );
            expect(
              refusable.some(p => error.message.includes(`'${p.name}'`))
            ).toBe(true);
            return;
          }
          for (const result of results) {
            for (const given of parameters) {
              expectDefault(result, given);
            }
          }
          // Each script's PARAMETERS, as Python reads them, are exactly what was given.
          collectScripts(batch, results, 2, {
            PARAMETERS: parameters.map(p => [p.name, p.type, p.value])
          });
        }
      ),
      { numRuns: RUNS }
    );
    expect(refused).toBeLessThan(RUNS / 2);
  });

  it('every embedded step script compiles', () => {
    expect(batch.size).toBeGreaterThan(0);
    expectAllCompile(batch);
  });
});
