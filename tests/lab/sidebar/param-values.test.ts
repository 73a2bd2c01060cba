import { nullTranslation } from '../../support/null-translation';
import { IPipelineParameter } from '../../../src/core/ir/pipeline';
import { parseParameter } from '../../../src/lab/sidebar/param-values';

const trans = nullTranslation;

const parameter = (
  type: IPipelineParameter['type'],
  value: IPipelineParameter['default']
): IPipelineParameter => ({
  name: 'p',
  type,
  default: value,
  cell: 0,
  line: 1
});

describe('the parameters dialog checks each value against its type', () => {
  it.each([
    ['int', '42', 42],
    ['int', ' -3 ', -3],
    ['int', '1_000', 1000],
    ['float', '0.000_1', 0.0001],
    ['float', '0.25', 0.25],
    ['float', '1e-3', 0.001],
    ['bool', 'true', true],
    ['bool', 'false', false],
    ['str', ' spaced ', ' spaced ']
  ] as const)('%s "%s" is %p', (type, text, value) => {
    expect(parseParameter(parameter(type, value), text, trans)).toBe(value);
  });

  it.each([
    ['int', '1.5', 'p must be a whole number, not "1.5"'],
    ['int', '', 'p must be a whole number, not ""'],
    ['float', 'abc', 'p must be a number, not "abc"'],
    ['float', 'Infinity', 'p must be a number, not "Infinity"'],
    ['float', '0x10', 'p must be a number, not "0x10"'],
    ['int', '1__000', 'p must be a whole number, not "1__000"'],
    ['bool', 'yes', 'p must be true or false']
  ] as const)('%s "%s" is refused', (type, text, message) => {
    expect(() => parseParameter(parameter(type, 0), text, trans)).toThrow(
      message
    );
  });
});
