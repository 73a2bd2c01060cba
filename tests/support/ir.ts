/** Builds pipeline IRs by hand for generator tests, with every field the IR types require. */
import {
  IPipelineIR,
  IPipelineParameter,
  IPipelineStep
} from '../../src/core/ir/pipeline';

export function makeStep(
  name: string,
  fields: Partial<IPipelineStep> = {}
): IPipelineStep {
  return {
    name,
    cells: [],
    after: [],
    inputs: [],
    outputs: [],
    producers: {},
    prev: [],
    code: [],
    packages: [],
    settings: { limits: {}, requests: {}, labels: {}, annotations: {} },
    metrics: [],
    ...fields
  };
}

export function makeParameter(
  name: string,
  type: IPipelineParameter['type'],
  value: IPipelineParameter['default']
): IPipelineParameter {
  return { name, type, default: value, cell: 1, line: 1 };
}

export function makeIR(fields: Partial<IPipelineIR> = {}): IPipelineIR {
  return {
    pipeline: { name: 'test', description: '' },
    notebook: 'test.ipynb',
    settings: {},
    parameters: [],
    metrics: [],
    imports: [],
    functions: [],
    steps: [],
    diagnostics: [],
    ...fields
  };
}
