/** The step panel's form: the role a cell above every step is offered. */
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { StepEditor } from '../../../src/lab/tagging/step-editor';
import { formFromTags } from '../../../src/lab/tagging/tag-form';
import { nullTranslation } from '../../support/null-translation';

function markup(stepsAbove: string[]): string {
  return renderToStaticMarkup(
    <StepEditor
      form={formFromTags([])}
      problems={{}}
      touched={new Set()}
      stepsAbove={stepsAbove}
      inferred={{}}
      notice={null}
      dirty={false}
      onChange={() => undefined}
      onApply={() => undefined}
      trans={nullTranslation}
    />
  );
}

describe('the step panel’s role', () => {
  it('offers to continue the step above when there is one', () => {
    const html = markup(['load']);
    expect(html).toContain(
      '<option value="continue" selected="">continues the step above</option>'
    );
  });

  it('says an untagged cell above every step has no role yet, rather than that it continues one', () => {
    const html = markup([]);
    expect(html).toContain(
      '<option value="continue" selected="">no role yet (no step above it)</option>'
    );
    expect(html).not.toContain('continues the step above');
    expect(html).toContain(
      '<option value="imports">imports (every step)</option>'
    );
  });
});
