/** The form that edits the active code cell's tags (see tag-form.ts). */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { ITagForm, RoleKind } from './tag-form';
import { BlockRole, ContinuedBlock } from './cell-steps';

export interface IStepEditorProps {
  form: ITagForm;
  problems: Record<string, string>;
  /** Fields the user has changed: only their problems are shown as errors (red). */
  touched: ReadonlySet<string>;
  stepsAbove: string[];
  /** What the cell continues when it has no role tag: the block above it (cell-steps.ts). */
  continues: ContinuedBlock;
  /** Steps above that this cell's step runs after anyway: it uses their data (name → variables). */
  inferred: Record<string, string[]>;
  /** What the last Apply did, until the next change. */
  notice: string | null;
  dirty: boolean;
  onChange: (form: ITagForm) => void;
  onApply: () => void;
  /** Takes the last Apply back; null when there is none to take back. */
  onUndo: (() => void) | null;
  /**
   * Counts the Applies. Apply disables its button, which had the focus: the page's body would
   * get it, where no shortcut reaches (Accel Shift Enter runs the pipeline from the panel too),
   * so after each the role field takes it.
   */
  applies: number;
  trans: TranslationBundle;
}

function Field(props: {
  label: string;
  name: keyof ITagForm;
  placeholder: string;
  form: ITagForm;
  problems: Record<string, string>;
  touched: ReadonlySet<string>;
  onChange: (form: ITagForm) => void;
}): JSX.Element {
  const { name, form, problems } = props;
  // A problem with an empty field not yet changed (the name of a cell just made a step) is a
  // hint, not an error; a value the cell's tags already hold is wrong as it stands (a step
  // name taken above, an invalid limit), and red.
  const shown =
    props.touched.has(name) || String(form[name] ?? '').trim() !== '';
  return (
    <label className="jp-cellpipe-StepEditor-field">
      <span>{props.label}</span>
      <input
        className="jp-mod-styled"
        name={name}
        value={form[name] as string}
        placeholder={props.placeholder}
        aria-invalid={problems[name] && shown ? true : undefined}
        onChange={event =>
          props.onChange({ ...form, [name]: event.target.value })
        }
      />
      {problems[name] && (
        <em
          className={
            shown ? 'jp-cellpipe-error' : 'jp-cellpipe-StepEditor-hint'
          }
        >
          {problems[name]}
        </em>
      )}
    </label>
  );
}

/**
 * What the role "no tag" means for this cell, short enough for the panel's select: the block it
 * continues, as the analyzer reads it.
 */
function continueLabel(
  continues: ContinuedBlock,
  trans: TranslationBundle
): string {
  switch (continues.kind) {
    case 'step':
      return trans.__('continues step %1', continues.step);
    case 'role':
      return trans.__('continues the %1 cell', CONTINUED_ROLES[continues.role]);
    default:
      return trans.__('no role yet');
  }
}

/** The same in a sentence, under the select, where it wraps (the select cuts its text off). */
function continueHint(
  continues: ContinuedBlock,
  trans: TranslationBundle
): string {
  switch (continues.kind) {
    case 'step':
      return trans.__(
        'Untagged, it runs as part of step %1, which starts above it.',
        continues.step
      );
    case 'role':
      return trans.__(
        'Untagged, it belongs to the %1 cell above it.',
        CONTINUED_ROLES[continues.role]
      );
    default:
      // Above every tagged cell there is nothing to continue: the analyzer reports such a cell.
      return trans.__(
        'Nothing above it is tagged, so it belongs to no step: make it a step, an imports or functions cell, or skip it.'
      );
  }
}

/** The role hint's id (the panel is one of a kind), which describes the select. */
const ROLE_HINT = 'cellpipe-step-role-hint';

const CONTINUED_ROLES: Record<BlockRole, string> = {
  imports: 'imports',
  functions: 'functions',
  parameters: 'pipeline parameters',
  metrics: 'pipeline metrics'
};

export function StepEditor(props: IStepEditorProps): JSX.Element {
  const { form, problems, trans } = props;
  const roleField = React.useRef<HTMLSelectElement>(null);
  React.useEffect(() => {
    const focused = document.activeElement;
    if (
      props.applies > 0 &&
      (!focused || focused === document.body || focused.matches(':disabled'))
    ) {
      roleField.current?.focus();
    }
  }, [props.applies]);
  const roles: [RoleKind, string][] = [
    ['continue', continueLabel(props.continues, trans)],
    ['step', trans.__('starts a step')],
    ['imports', trans.__('imports (every step)')],
    ['functions', trans.__('functions (every step)')],
    ['parameters', trans.__('pipeline parameters')],
    ['metrics', trans.__('pipeline metrics')],
    ['skip', trans.__('skipped')]
  ];
  // Placeholders are examples, and say so: "2" alone looked like a value already set.
  const field = (
    name: keyof ITagForm,
    label: string,
    example: string,
    placeholder = trans.__('e.g. %1', example)
  ) => (
    <Field
      name={name}
      label={label}
      placeholder={placeholder}
      form={form}
      problems={problems}
      touched={props.touched}
      onChange={props.onChange}
    />
  );
  const valid = Object.keys(problems).length === 0;
  // prev: tags that name no step above (a typo, a step renamed or deleted): shown so they can go.
  const unknownPrev = form.prev.filter(
    name => !props.stepsAbove.includes(name)
  );
  return (
    <form
      className="jp-cellpipe-StepEditor"
      onSubmit={event => {
        event.preventDefault();
        if (valid) {
          props.onApply();
        }
      }}
    >
      <label className="jp-cellpipe-StepEditor-field">
        <span>{trans.__('This cell')}</span>
        <select
          ref={roleField}
          className="jp-mod-styled"
          name="role"
          aria-describedby={form.role === 'continue' ? ROLE_HINT : undefined}
          value={form.role}
          onChange={event =>
            props.onChange({ ...form, role: event.target.value as RoleKind })
          }
        >
          {roles.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        {form.role === 'continue' && (
          <em id={ROLE_HINT} className="jp-cellpipe-StepEditor-hint">
            {continueHint(props.continues, trans)}
          </em>
        )}
      </label>
      {form.role === 'step' &&
        field('name', trans.__('Step name'), 'train_model')}
      {(form.role === 'step' ||
        (form.role === 'continue' && props.continues.kind === 'step')) &&
        (props.stepsAbove.length > 0 || unknownPrev.length > 0) && (
          <fieldset className="jp-cellpipe-StepEditor-prev">
            <legend>{trans.__('Runs after (prev:)')}</legend>
            {props.stepsAbove.map(name => (
              <label
                key={name}
                data-step={name}
                title={
                  props.inferred[name]
                    ? trans.__(
                        'Runs after %1 anyway: it uses %2',
                        name,
                        props.inferred[name].join(', ')
                      )
                    : undefined
                }
              >
                <input
                  type="checkbox"
                  checked={form.prev.includes(name) || name in props.inferred}
                  disabled={name in props.inferred}
                  onChange={event =>
                    props.onChange({
                      ...form,
                      prev: event.target.checked
                        ? [...form.prev, name]
                        : form.prev.filter(p => p !== name)
                    })
                  }
                />
                {name}
                {props.inferred[name] && (
                  <span className="jp-cellpipe-StepEditor-inferred">
                    {' '}
                    {trans.__('(uses %1)', props.inferred[name].join(', '))}
                  </span>
                )}
              </label>
            ))}
            {unknownPrev.map(name => (
              <label key={`unknown:${name}`} data-step={name}>
                <input
                  type="checkbox"
                  checked
                  onChange={() =>
                    props.onChange({
                      ...form,
                      prev: form.prev.filter(p => p !== name)
                    })
                  }
                />
                {name}
                <span className="jp-cellpipe-StepEditor-inferred">
                  {' '}
                  {trans.__('(not a step above: untick to drop it)')}
                </span>
              </label>
            ))}
            {problems.prev && (
              <em className="jp-cellpipe-error">{problems.prev}</em>
            )}
          </fieldset>
        )}
      {form.role === 'step' && (
        <fieldset className="jp-cellpipe-StepEditor-settings">
          <legend>{trans.__('Step settings')}</legend>
          {field(
            'image',
            trans.__('Image'),
            '',
            trans.__('unset: the pipeline image')
          )}
          {field('cpuLimit', trans.__('CPU limit'), '2')}
          {field('memoryLimit', trans.__('Memory limit'), '4Gi')}
          {field('gpuLimit', trans.__('GPUs (nvidia.com/gpu)'), '1')}
          {field('cpuRequest', trans.__('CPU request'), '500m')}
          {field('memoryRequest', trans.__('Memory request'), '1Gi')}
          {field('retries', trans.__('Retries'), '0')}
          {field('timeout', trans.__('Timeout'), '30m')}
        </fieldset>
      )}
      {problems.tags && <em className="jp-cellpipe-error">{problems.tags}</em>}
      <button
        type="submit"
        className="jp-mod-styled jp-mod-accept"
        disabled={!valid || !props.dirty}
      >
        {trans.__('Apply to cell tags')}
      </button>
      {props.notice && (
        <p className="jp-cellpipe-StepEditor-notice" role="status">
          {props.notice}
        </p>
      )}
      {props.notice && props.onUndo && (
        <button
          type="button"
          className="jp-cellpipe-undo jp-mod-styled"
          onClick={props.onUndo}
        >
          {trans.__('Undo')}
        </button>
      )}
    </form>
  );
}
