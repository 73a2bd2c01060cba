/**
 * Step tags a user got slightly wrong are reported, not silently taken as "continues the step
 * above": `step:` with no name, `STEP:load` in capitals, and `tags` written as a string in the
 * metadata editor. A bare legacy `block:` still continues the step above, as in Kale.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { IDiagnostic } from '../../../src/core/ir/diagnostic';
import { codeCell, notebookJson } from '../../support/notebook-json';

function tagDiagnostics(second: unknown): {
  diagnostics: Pick<IDiagnostic, 'severity' | 'message' | 'cell'>[];
  steps: string[];
} {
  const cell = {
    ...codeCell('y = x + 1'),
    metadata: { tags: second as string[] }
  };
  const ir = analyzeNotebook(
    JSON.parse(
      JSON.stringify(notebookJson([codeCell('x = 1', ['step:first']), cell]))
    ),
    'tags.ipynb'
  );
  return {
    diagnostics: ir.diagnostics
      .filter(d => d.code === 'bad-tag')
      .map(({ severity, message, cell }) => ({ severity, message, cell })),
    steps: ir.steps.map(step => step.name)
  };
}

describe('malformed step tags', () => {
  it("refuse 'step:' with no name", () => {
    expect(tagDiagnostics(['step:']).diagnostics).toEqual([
      {
        severity: 'error',
        message:
          "tag 'step:' names no step: write step:NAME, or remove the tag and the cell continues the step above",
        cell: 1
      }
    ]);
  });

  it('warn of cellpipe tags in capitals, naming the tag meant', () => {
    expect(tagDiagnostics(['STEP:second', 'Skip']).diagnostics).toEqual([
      {
        severity: 'warning',
        message:
          "tag 'STEP:second' is not one of cellpipe's, whose tags are lower case: did you mean 'step:second'?",
        cell: 1
      },
      {
        severity: 'warning',
        message:
          "tag 'Skip' is not one of cellpipe's, whose tags are lower case: did you mean 'skip'?",
        cell: 1
      }
    ]);
  });

  it('refuse tags written as a string, naming the list meant', () => {
    expect(tagDiagnostics('step:second').diagnostics).toEqual([
      {
        severity: 'error',
        message:
          'the cell\'s metadata "tags" is a string, not a list: write ["step:second"], or use the Pipeline step panel',
        cell: 1
      }
    ]);
    expect(
      tagDiagnostics('step:second, prev:first').diagnostics.map(d => d.message)
    ).toEqual([
      'the cell\'s metadata "tags" is a string, not a list: write ["step:second","prev:first"], or use the Pipeline step panel'
    ]);
  });

  it('refuse a tag that is not a string, naming it, and keep the string tags', () => {
    const { diagnostics, steps } = tagDiagnostics(['step:second', 5, ['skip']]);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        message:
          'the cell\'s metadata "tags" has entries that are not strings: 5 (a number), ["skip"] (a list). Each tag is a string, such as "step:NAME": write them as strings, or use the Pipeline step panel',
        cell: 1
      }
    ]);
    expect(steps).toEqual(['first', 'second']);
  });

  it("leave a bare legacy 'block:' and other tags of the user's own alone", () => {
    expect(
      tagDiagnostics([
        'block:',
        'My-Tag',
        'hide-input',
        'Label:important',
        'Image:figure-1',
        'Request:review'
      ])
    ).toEqual({
      diagnostics: [],
      steps: ['first']
    });
  });
});
