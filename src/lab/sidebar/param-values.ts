/** A pipeline parameter typed into the parameters dialog, checked against its type. */
import { TranslationBundle } from '@jupyterlab/translation';
import { IPipelineParameter, ParameterValue } from '../../core/ir/pipeline';
import { pythonFloatValue, pythonIntValue } from '../../core/ir/python-numbers';

/** The value typed into a field, as the parameter's type; throws a message saying why not. */
export function parseParameter(
  parameter: Pick<IPipelineParameter, 'name' | 'type'>,
  text: string,
  trans: TranslationBundle
): ParameterValue {
  const trimmed = text.trim();
  switch (parameter.type) {
    case 'int': {
      const value = pythonIntValue(text);
      if (value === null) {
        throw new Error(
          trans.__('%1 must be a whole number, not "%2"', parameter.name, text)
        );
      }
      return value;
    }
    case 'float': {
      const value = pythonFloatValue(text);
      if (value === null) {
        throw new Error(
          trans.__('%1 must be a number, not "%2"', parameter.name, text)
        );
      }
      return value;
    }
    case 'bool':
      if (trimmed !== 'true' && trimmed !== 'false') {
        throw new Error(trans.__('%1 must be true or false', parameter.name));
      }
      return trimmed === 'true';
    default:
      return text;
  }
}
