/** The step panel's form: the role a cell above every step is offered. */
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { StepEditor } from '../../../src/lab/tagging/step-editor';
import { formFromTags } from '../../../src/lab/tagging/tag-form';
import { ContinuedBlock } from '../../../src/lab/tagging/cell-steps';
import { nullTranslation } from '../../support/null-translation';

function markup(
  stepsAbove: string[],
  tags: string[] = [],
  continues: ContinuedBlock = stepsAbove.length
    ? { kind: 'step', step: stepsAbove[stepsAbove.length - 1], first: false }
    : { kind: 'none' }
): string {
  return renderToStaticMarkup(
    <StepEditor
      form={formFromTags(tags)}
      problems={{}}
      touched={new Set()}
      stepsAbove={stepsAbove}
      continues={continues}
      inferred={{}}
      notice={null}
      dirty={false}
      onChange={() => undefined}
      onApply={() => undefined}
      onUndo={null}
      applies={0}
      trans={nullTranslation}
    />
  );
}

describe('the step panel’s role', () => {
  it('offers to continue the step above when there is one', () => {
    const html = markup(['load']);
    expect(html).toContain(
      '<option value="continue" selected="">continues step load</option>'
    );
    // The select cuts a long option off in the narrow panel: the hint under it wraps.
    expect(html).toContain(
      'Untagged, it runs as part of step load, which starts above it.'
    );
    expect(html).toContain('aria-describedby="cellpipe-step-role-hint"');
  });

  it('says what an untagged cell after a parameters or metrics cell continues, as the analyzer reads it', () => {
    const parameters = markup(['load'], [], {
      kind: 'role',
      role: 'parameters'
    });
    expect(parameters).toContain(
      '<option value="continue" selected="">continues the pipeline parameters cell</option>'
    );
    expect(parameters).toContain(
      'Untagged, it belongs to the pipeline parameters cell above it.'
    );
    // No prev: choices: a parameters cell runs after nothing.
    expect(parameters).not.toContain('Runs after');
    expect(markup(['load'], [], { kind: 'role', role: 'metrics' })).toContain(
      'continues the pipeline metrics cell'
    );
  });

  it('says an untagged cell above every tagged cell has no role yet, rather than that it continues one', () => {
    const html = markup([]);
    expect(html).toContain(
      '<option value="continue" selected="">no role yet</option>'
    );
    expect(html).toContain(
      'Nothing above it is tagged, so it belongs to no step: make it a step, an imports or functions cell, or skip it.'
    );
    expect(html).not.toContain('continues step');
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
