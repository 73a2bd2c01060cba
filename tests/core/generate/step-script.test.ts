import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  renderStepScript,
  renderStepScriptParts
} from '../../../src/core/generate/step-script';
import { compile } from '../../../src/core/generate/compile';
import { UserError } from '../../../src/core/errors';
import { IPipelineIR, IPipelineParameter } from '../../../src/core/ir/pipeline';
import { makeIR, makeParameter, makeStep } from '../../support/ir';
import { runPython } from '../../support/python';
import { hostileString } from '../../support/hostile';

const sampleIR = makeIR({
  notebook: 'titanic.ipynb',
  parameters: [
    makeParameter('lr', 'float', 1),
    makeParameter('epochs', 'int', 3),
    makeParameter('fast', 'bool', false)
  ],
  metrics: [{ name: 'accuracy', variable: 'acc', step: 'train' }],
  imports: [{ cell: 1, source: 'import math' }],
  functions: [{ cell: 2, source: 'def twice(x):\n    return 2 * x' }],
  steps: [
    makeStep('train', {
      inputs: ['df'],
      outputs: ['model'],
      metrics: ['accuracy'],
      code: [{ cell: 5, source: 'model = twice(lr)\nacc = 0.5\n' }]
    })
  ]
});

describe('renderStepScript', () => {
  const script = renderStepScript(sampleIR, sampleIR.steps[0]);

  it('embeds the parameters with their types, floats as floats', () => {
    expect(script).toContain(
      "    ('lr', 'float', 1.0),\n    ('epochs', 'int', 3),\n    ('fast', 'bool', False),\n"
    );
  });

  it('names every cell after the notebook (counted from 1), in run order: imports, functions, then the step', () => {
    expect(script).toContain(
      "    ('titanic.ipynb [cell 2]', 'import math'),\n    ('titanic.ipynb [cell 3]', (\n"
    );
    expect(script).toContain(
      "STEP_CELLS = [\n    ('titanic.ipynb [cell 6]', (\n        'model = twice(lr)\\n'\n        'acc = 0.5\\n'\n    )),\n]"
    );
  });

  it('lists inputs, outputs and metrics', () => {
    expect(script).toContain(
      "INPUTS = ['df']\nOUTPUTS = ['model']\n# outputs the step may leave unbound (bound only on some paths, no earlier value): saved as unbound\nMAYBE_UNBOUND = []\n# metric name -> the variable holding its value\nMETRICS = {'accuracy': 'acc'}\nMETRICS_FORMAT = 'json'\n"
    );
    expect(
      renderStepScript(sampleIR, {
        ...sampleIR.steps[0],
        mayBeUnbound: ['model']
      })
    ).toContain("MAYBE_UNBOUND = ['model']\n");
    expect(
      renderStepScript(sampleIR, sampleIR.steps[0], { metricsFormat: 'kfp-v1' })
    ).toContain("METRICS_FORMAT = 'kfp-v1'");
  });

  it('refuses a step whose metric the IR does not know', () => {
    const step = makeStep('other', { metrics: ['accuracy'] });
    expect(() => renderStepScript(sampleIR, step)).toThrow(/metric 'accuracy'/);
  });
});

describe('the step script in two parts (the cluster targets carry the runtime once)', () => {
  it('is the step’s own part followed by the runtime, the same for every step and format', () => {
    const [step] = sampleIR.steps;
    for (const metricsFormat of ['json', 'kfp-v1'] as const) {
      const parts = renderStepScriptParts(sampleIR, step, { metricsFormat });
      expect(parts.step + parts.runtime).toBe(
        renderStepScript(sampleIR, step, { metricsFormat })
      );
      expect(parts.step).toContain("STEP = 'train'");
      expect(parts.step).not.toContain('def main(');
      expect(parts.runtime).toContain('def main(');
      expect(parts.runtime).toBe(
        renderStepScriptParts(
          makeIR({ notebook: 'other.ipynb', steps: [makeStep('x')] }),
          makeStep('x')
        ).runtime
      );
    }
  });

  it('takes the runtime verbatim from templates/runtime/cellpipe_runtime.py', () => {
    const [step] = sampleIR.steps;
    const file = readFileSync(
      join(__dirname, '../../../templates/runtime/cellpipe_runtime.py'),
      'utf8'
    );
    expect(renderStepScriptParts(sampleIR, step).runtime).toBe(file);
    expect(renderStepScript(sampleIR, step).endsWith(`]\n\n${file}`)).toBe(
      true
    );
  });

  it('refuses a notebook parameter named like the runtime parameter', () => {
    const ir = makeIR({
      parameters: [makeParameter('cellpipe_runtime', 'str', 'x')],
      steps: [
        makeStep('a', { cells: [1], code: [{ cell: 1, source: 'print(1)' }] })
      ]
    });
    for (const target of ['argo', 'kfp'] as const) {
      expect(() => compile(ir, target)).toThrow(UserError);
      expect(() => compile(ir, target)).toThrow(
        /parameter 'cellpipe_runtime' has a name cellpipe reserves/
      );
    }
  });
});

const parameterArbitrary: fc.Arbitrary<IPipelineParameter> = fc.oneof(
  fc
    .tuple(hostileString, hostileString)
    .map(([name, value]) => makeParameter(name, 'str', value)),
  fc
    .tuple(hostileString, fc.double({ noNaN: true, noDefaultInfinity: true }))
    .map(([name, value]) => makeParameter(name, 'float', value)),
  fc
    .tuple(hostileString, fc.maxSafeInteger())
    .map(([name, value]) => makeParameter(name, 'int', value)),
  fc
    .tuple(hostileString, fc.boolean())
    .map(([name, value]) => makeParameter(name, 'bool', value))
);

const irArbitrary: fc.Arbitrary<IPipelineIR> = fc
  .record({
    notebook: hostileString,
    step: hostileString,
    parameters: fc.array(parameterArbitrary, { maxLength: 3 }),
    sources: fc.array(hostileString, { minLength: 1, maxLength: 3 }),
    names: fc.array(hostileString, { maxLength: 2 }),
    modules: fc.array(
      fc.record({ path: hostileString, source: hostileString }),
      { maxLength: 2 }
    )
  })
  .map(({ notebook, step, parameters, sources, names, modules }) =>
    makeIR({
      notebook,
      parameters,
      modules,
      imports: [{ cell: 0, source: sources[0] }],
      metrics: names.map(name => ({ name, variable: name, step })),
      steps: [
        makeStep(step, {
          inputs: names,
          outputs: names,
          metrics: [...new Set(names)],
          code: sources.slice(1).map((source, i) => ({ cell: i + 1, source }))
        })
      ]
    })
  );

/** Reads the constants back out of each script with ast.literal_eval: what the script will use. */
const READ_BACK = `
import ast, json, sys
result = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as stream:
        tree = ast.parse(stream.read(), path, feature_version=(3, 8))
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id.isupper():
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    result.append({key: values[key] for key in ("NOTEBOOK", "STEP", "PARAMETERS", "INPUTS", "SETUP_CELLS", "STEP_CELLS",
                                                          "MODULE_FILES")})
sys.stdout.write(json.dumps(result))
`;

describe('cells that do not compile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'cellpipe-compile-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  function runWithCell(source: string): {
    status: number | null;
    stderr: string;
  } {
    const ir = makeIR({
      notebook: 'nb.ipynb',
      steps: [makeStep('broken', { code: [{ cell: 4, source }] })]
    });
    const path = join(directory, 'broken.py');
    writeFileSync(path, renderStepScript(ir, ir.steps[0]));
    return runPython([path]);
  }

  it('report a syntax error by notebook cell and line, without the runtime frames', () => {
    const result = runWithCell('x = 1\ny = (\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('File "nb.ipynb [cell 5]", line 2');
    expect(result.stderr).not.toContain('Traceback');
    expect(result.stderr.trim().split('\n').pop()).toBe(
      "cellpipe: step 'broken' failed: SyntaxError in nb.ipynb [cell 5], line 2: '(' was never closed"
    );
  });

  it('report a null byte in one line naming the cell', () => {
    const result = runWithCell('x = 1\0');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/nb\.ipynb \[cell 5\]/);
    expect(result.stderr).not.toContain('Traceback');
  });
});

describe('step scripts with hostile input (module files too)', () => {
  it('all compile (one py_compile batch) and embed every value exactly (1000 runs)', () => {
    const irs = fc.sample(irArbitrary, { numRuns: 1000, seed: 4242 });
    const directory = mkdtempSync(join(tmpdir(), 'cellpipe-steps-'));
    try {
      const paths = irs.map((ir, i) => {
        const path = join(directory, `step${i}.py`);
        writeFileSync(path, renderStepScript(ir, ir.steps[0]));
        return path;
      });
      const compiled = runPython(['-m', 'py_compile', ...paths]);
      expect(compiled.stderr).toBe('');
      expect(compiled.status).toBe(0);

      const read = runPython(['-c', READ_BACK, ...paths]);
      expect(read.stderr).toBe('');
      const values = JSON.parse(read.stdout) as unknown[];
      expect(values).toEqual(
        irs.map(ir => ({
          NOTEBOOK: ir.notebook,
          STEP: ir.steps[0].name,
          PARAMETERS: ir.parameters.map(p => [
            p.name,
            p.type,
            Object.is(p.default, -0) ? 0 : p.default
          ]),
          INPUTS: ir.steps[0].inputs,
          SETUP_CELLS: ir.imports.map(cell => [
            `${ir.notebook} [cell ${cell.cell + 1}]`,
            cell.source
          ]),
          STEP_CELLS: ir.steps[0].code.map(cell => [
            `${ir.notebook} [cell ${cell.cell + 1}]`,
            cell.source
          ]),
          MODULE_FILES: (ir.modules ?? []).map(file => [file.path, file.source])
        }))
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
