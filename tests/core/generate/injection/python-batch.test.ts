/** The batch checker itself catches what the properties rely on it to catch. */
import { stepRuntimeScript } from '../../../../src/core/generate/step-script';
import { PythonBatch, RUNTIME_MARKER } from './python-batch';

const RUNTIME = `${RUNTIME_MARKER} ----\ndef f():\n    return 1\n`;

it('splits real step scripts where the runtime starts', () => {
  expect(stepRuntimeScript().startsWith(`${RUNTIME_MARKER} --`)).toBe(true);
});

describe('the Python batch check', () => {
  it('passes good scripts and reports a broken head, a broken runtime and a wrong constant', () => {
    const batch = new PythonBatch();
    batch.add('good.py', `NOTEBOOK = 'a\\nb'\n${RUNTIME}`, {
      NOTEBOOK: 'a\nb'
    });
    batch.add('head.py', `NOTEBOOK = 'a\n${RUNTIME}`);
    batch.add('tail.py', `X = 1\n${RUNTIME}def (:\n`);
    batch.add('value.py', `PARAMETERS = [('p', 'float', 1e18)]\n${RUNTIME}`, {
      PARAMETERS: [['p', 'float', 2]]
    });
    batch.add('float.py', `PARAMETERS = [('p', 'float', 1e18)]\n${RUNTIME}`, {
      PARAMETERS: [['p', 'float', 1e18]]
    });
    const { compiled, failures } = batch.compileAll();
    expect(compiled).toBe(5);
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(/^head\.py: SyntaxError/);
    expect(failures[1]).toMatch(
      /^tail\.py \(runtime\): SyntaxError|^tail\.py: SyntaxError/
    );
    expect(failures[2]).toMatch(/^value\.py: PARAMETERS is .* expected/);
  });
});
