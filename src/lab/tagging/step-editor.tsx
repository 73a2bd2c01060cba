/** The form that edits the active code cell's tags (see tag-form.ts). */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { ITagForm, RoleKind } from './tag-form';

export interface IStepEditorProps {
  form: ITagForm;
  problems: Record<string, string>;
  stepsAbove: string[];
  dirty: boolean;
  onChange: (form: ITagForm) => void;
  onApply: () => void;
  trans: TranslationBundle;
}

function Field(props: {
  label: string;
  name: keyof ITagForm;
  placeholder: string;
  form: ITagForm;
  problems: Record<string, string>;
  onChange: (form: ITagForm) => void;
}): JSX.Element {
  const { name, form, problems } = props;
  return (
    <label className="jp-cellpipe-StepEditor-field">
      <span>{props.label}</span>
      <input
        className="jp-mod-styled"
        name={name}
        value={form[name] as string}
        placeholder={props.placeholder}
        aria-invalid={problems[name] ? true : undefined}
        onChange={event =>
          props.onChange({ ...form, [name]: event.target.value })
        }
      />
      {problems[name] && (
        <em className="jp-cellpipe-error">{problems[name]}</em>
      )}
    </label>
  );
}

export function StepEditor(props: IStepEditorProps): JSX.Element {
  const { form, problems, trans } = props;
  const roles: [RoleKind, string][] = [
    ['continue', trans.__('continues the step above')],
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
      onChange={props.onChange}
    />
  );
  const valid = Object.keys(problems).length === 0;
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
          className="jp-mod-styled"
          name="role"
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
      </label>
      {form.role === 'step' &&
        field('name', trans.__('Step name'), 'train_model')}
      {(form.role === 'step' || form.role === 'continue') &&
        props.stepsAbove.length > 0 && (
          <fieldset className="jp-cellpipe-StepEditor-prev">
            <legend>{trans.__('Runs after (prev:)')}</legend>
            {props.stepsAbove.map(name => (
              <label key={name}>
                <input
                  type="checkbox"
                  checked={form.prev.includes(name)}
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
    </form>
  );
}
