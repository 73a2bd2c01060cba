/** The step panel's form: the role a cell above every step is offered. */
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { StepEditor } from '../../../src/lab/tagging/step-editor';
import { formFromTags } from '../../../src/lab/tagging/tag-form';
import { nullTranslation } from '../../support/null-translation';

function markup(stepsAbove: string[], tags: string[] = []): string {
  return renderToStaticMarkup(
    <StepEditor
      form={formFromTags(tags)}
      problems={{}}
      touched={new Set()}
      stepsAbove={stepsAbove}
      inferred={{}}
      notice={null}
      dirty={false}
      onChange={() => undefined}
      onApply={() => undefined}
      onUndo={null}
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

describe('the step panel’s prev: choices', () => {
  it('lists a prev: that names no step above, checked, so that it can be unticked', () => {
    const html = markup(['load'], ['step:report', 'prev:gone']);
    expect(html).toContain('data-step="gone"');
    expect(html).toContain('(not a step above: untick to drop it)');
    expect(html).toMatch(
      /data-step="gone"[^>]*><input type="checkbox" checked=""/
    );
  });

  it('lists it even with no step above the cell', () => {
    const html = markup([], ['step:first', 'prev:gone']);
    expect(html).toContain('data-step="gone"');
  });
});
