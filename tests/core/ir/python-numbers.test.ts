/**
 * `--param` numbers are read as the step script's int() and float() read them: compared with a
 * real Python on a table and on generated strings.
 */
import fc from 'fast-check';
import {
  pythonFloatValue,
  pythonIntValue
} from '../../../src/core/ir/python-numbers';
import { runPythonJson } from '../../support/python';

/** What Python's int() and float() make of each text: a number, or null where they refuse it. */
function pythonReads(texts: string[]): { int: unknown; float: unknown }[] {
  const script = [
    'import json, math, sys',
    'def read(kind, text):',
    '    try:',
    '        value = kind(text)',
    '    except ValueError:',
    '        return None',
    '    return value if math.isfinite(value) else None',
    'texts = json.loads(sys.stdin.read())',
    'print(json.dumps([{"int": read(int, t), "float": read(float, t)} for t in texts]))'
  ].join('\n');
  return runPythonJson(script, texts) as { int: unknown; float: unknown }[];
}

const TABLE = [
  '1_000',
  ' -2_500 ',
  '+7',
  '007',
  '1__000',
  '_1',
  '1_',
  '1_000.000_5',
  '1e1_0',
  '.5',
  '5.',
  '1e',
  'e5',
  '0x10',
  '1.5',
  'inf',
  'nan',
  '',
  ' ',
  '1 000',
  '--1',
  '2e-3'
];

describe('numbers as Python reads them from a --param value', () => {
  it('agree with int() and float() on a table', () => {
    const python = pythonReads(TABLE);
    TABLE.forEach((text, i) => {
      expect({
        text,
        int: pythonIntValue(text),
        float: pythonFloatValue(text)
      }).toEqual({ text, ...python[i] });
    });
  });

  it('agree with int() and float() on generated strings of digits, signs, points and underscores', () => {
    const texts = fc.sample(
      fc.string({
        unit: fc.constantFrom(...'0123456789_.eE+- '.split('')),
        maxLength: 9
      }),
      3000
    );
    const python = pythonReads(texts);
    const differ = texts.filter(
      (text, i) =>
        pythonIntValue(text) !== python[i].int ||
        pythonFloatValue(text) !== python[i].float
    );
    expect(differ).toEqual([]);
  });
});
