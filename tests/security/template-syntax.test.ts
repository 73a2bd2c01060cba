/**
 * Issue 14, finding 3 (design §5, "No template syntax from users reaches an orchestrator"): cell
 * code travels packed and reaches Python exactly as written; user text that would stay readable
 * in a document (parameter defaults and run values, description, annotations) is refused with
 * the notebook and cell; a last pass allows only the generators' own placeholders.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebookText } from '../../src/core/analyze';
import { compile } from '../../src/core/generate/compile';
import { CompileTarget } from '../../src/core/generate/compiled';
import { UserError } from '../../src/core/errors';
import { checkedParameters } from '../../src/engine/kube/run-parameters';
import { packedCommands, unpackCommand } from '../support/packed';
import {
  packScript,
  RUNTIME_PARAMETER
} from '../../src/core/generate/packed-script';
import { codeCell, notebookJson } from '../support/notebook-json';

const TEMPLATE_TEXT = [
  '{{workflow.name}}',
  '{{inputs.parameters.x}}',
  '{{=1+1}}',
  '{{$}}',
  "{{$.inputs.parameters['x']}}"
];

function notebook(
  options: { default?: string; metadata?: Record<string, unknown> } = {}
): string {
  return JSON.stringify(
    notebookJson(
      [
        codeCell(`greeting = ${JSON.stringify(options.default ?? 'hello')}\n`, [
          'pipeline-parameters'
        ]),
        codeCell(
          [
            '# a comment naming {{$}} and {{workflow.name}}',
            `texts = ${JSON.stringify(TEMPLATE_TEXT)}`,
            'for text in texts:',
            '    print("says:", text)'
          ].join('\n'),
          ['step:say']
        )
      ],
      options.metadata ?? {}
    )
  );
}

function compiled(text: string, target: CompileTarget) {
  return compile(analyzeNotebookText(text, 'braces.ipynb'), target);
}

function refusal(action: () => unknown): UserError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a refusal');
}

/** The runtime parameter's value in the compiled documents: what every step is given first. */
function runtimeOf(documents: unknown[], target: CompileTarget): string {
  for (const document of documents as Record<string, any>[]) {
    if (target === 'argo' && document.kind === 'Workflow') {
      const parameters: { name: string; value: string }[] =
        document.spec.arguments.parameters;
      return parameters.find(p => p.name === RUNTIME_PARAMETER)!.value;
    }
    if (target === 'kfp' && document.root) {
      return document.root.inputDefinitions.parameters[RUNTIME_PARAMETER]
        .defaultValue;
    }
  }
  throw new Error('no runtime parameter');
}

function runPacked(command: string[], runtime: string) {
  const work = mkdtempSync(join(tmpdir(), 'cellpipe-braces-'));
  return spawnSync(
    'python3',
    [...command.slice(1), runtime, '--param', 'greeting=hi'],
    { cwd: work, encoding: 'utf8', env: { ...process.env, HOME: work } }
  );
}

describe.each(['argo', 'kfp'] as const)('template syntax, %s', target => {
  it('cell code reaches no document field readable, and runs printing the text exactly', () => {
    const result = compiled(notebook(), target);
    for (const text of TEMPLATE_TEXT) {
      expect(result.text).not.toContain(text);
    }
    const [command] = packedCommands(result.documents);
    const script = unpackCommand(command);
    expect(script).toContain('{{workflow.name}}');
    // The packed program itself, run by a real Python, prints the text exactly.
    const run = runPacked(command, runtimeOf(result.documents, target));
    expect(run.stderr).not.toMatch(/Traceback/);
    expect(run.status).toBe(0);
    expect(
      run.stdout
        .split('\n')
        .filter(line => line.startsWith('says: '))
        .map(line => line.slice('says: '.length))
    ).toEqual(TEMPLATE_TEXT);
  });

  it('a runtime parameter other than the compiled one stops the step before its code', () => {
    const result = compiled(notebook(), target);
    const [command] = packedCommands(result.documents);
    const run = runPacked(command, packScript('print("says: other code")\n'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `not the runtime this step was compiled with (parameter ${RUNTIME_PARAMETER} changed?)`
    );
  });

  it('a parameter default holding {{ is refused with its cell and line', () => {
    const error = refusal(() =>
      compiled(notebook({ default: 'x-{{workflow.name}}' }), target)
    );
    expect(error.message).toContain("parameter 'greeting'");
    expect(error.location).toMatchObject({
      notebook: 'braces.ipynb',
      cell: 0,
      line: 1
    });
  });

  it('a description holding {{ is refused', () => {
    const error = refusal(() =>
      compiled(
        notebook({
          metadata: { cellpipe: { description: 'see {{=sprig.env("X")}}' } }
        }),
        target
      )
    );
    expect(error.message).toContain('the pipeline description');
  });

  it('an annotation value holding {{ never reaches the document', () => {
    const error = refusal(() =>
      compiled(
        notebook({
          metadata: {
            cellpipe: {
              stepDefaults: { annotations: { note: 'run {{workflow.uid}}' } }
            }
          }
        }),
        target
      )
    );
    expect(error.message).toContain("'{{'");
    expect(error.location.notebook).toBe('braces.ipynb');
  });
});

it('a run value holding {{ is refused before anything is submitted', () => {
  const ir = analyzeNotebookText(notebook(), 'braces.ipynb');
  expect(checkedParameters(ir, { greeting: 'plain' })).toEqual({
    greeting: 'plain'
  });
  const error = refusal(() =>
    checkedParameters(ir, { greeting: '{{workflow.name}}' })
  );
  expect(error.message).toContain("the value of parameter 'greeting'");
});
