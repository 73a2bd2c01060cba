/**
 * The parameters dialog before Compile and run (as Elyra's submit dialog and Kale's panel have
 * one): one typed field per pipeline parameter, prefilled with the notebook's value, checked
 * before the run starts (param-values.ts); the engine checks again.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { IPipelineParameter } from '../../core/ir/pipeline';
import { RunParams } from '../api/routes';
import { parseParameter } from './param-values';

class ParametersBody extends Widget {
  constructor(
    private readonly parameters: IPipelineParameter[],
    values: RunParams,
    private readonly trans: TranslationBundle,
    problem: string | null
  ) {
    super();
    this.addClass('jp-cellpipe-ParamsDialog');
    for (const parameter of parameters) {
      const label = document.createElement('label');
      const name = document.createElement('span');
      name.textContent = `${parameter.name} (${parameter.type})`;
      const value = Object.prototype.hasOwnProperty.call(values, parameter.name)
        ? values[parameter.name]
        : parameter.default;
      let input: HTMLInputElement | HTMLSelectElement;
      if (parameter.type === 'bool') {
        const select = document.createElement('select');
        for (const option of ['true', 'false']) {
          const element = document.createElement('option');
          element.value = option;
          element.textContent = option;
          select.appendChild(element);
        }
        input = select;
      } else {
        const field = document.createElement('input');
        field.type = 'text';
        field.inputMode =
          parameter.type === 'int'
            ? 'numeric'
            : parameter.type === 'float'
              ? 'decimal'
              : 'text';
        input = field;
      }
      input.className = 'jp-mod-styled';
      input.name = parameter.name;
      input.value = String(value);
      label.append(name, input);
      this.node.appendChild(label);
      this.inputs.push(input);
    }
    for (const line of problem?.split('\n') ?? []) {
      const error = document.createElement('p');
      error.className = 'jp-cellpipe-error';
      error.textContent = line;
      this.node.appendChild(error);
    }
  }

  /** The values typed, each as its parameter's type; throws every problem, one a line. */
  values(): RunParams {
    const values: RunParams = Object.create(null);
    const problems: string[] = [];
    this.parameters.forEach((parameter, index) => {
      try {
        values[parameter.name] = parseParameter(
          parameter,
          this.inputs[index].value,
          this.trans
        );
      } catch (error) {
        problems.push((error as Error).message);
      }
    });
    if (problems.length) {
      throw new Error(problems.join('\n'));
    }
    return values;
  }

  /** What was typed, as text, to show again after a problem. */
  typed(): RunParams {
    const values: RunParams = Object.create(null);
    this.parameters.forEach((parameter, index) => {
      values[parameter.name] = this.inputs[index].value;
    });
    return values;
  }

  private readonly inputs: (HTMLInputElement | HTMLSelectElement)[] = [];
}

/** The values to run with, or null when the user cancels. */
export async function askParameters(
  pipeline: string,
  parameters: IPipelineParameter[],
  trans: TranslationBundle
): Promise<RunParams | null> {
  let values: RunParams = Object.create(null);
  let problem: string | null = null;
  for (;;) {
    const body = new ParametersBody(parameters, values, trans, problem);
    const result = await showDialog({
      title: trans.__('Run %1 with these parameters', pipeline),
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Run') })
      ],
      focusNodeSelector: 'input, select'
    });
    if (!result.button.accept) {
      return null;
    }
    try {
      return body.values();
    } catch (error) {
      problem = (error as Error).message;
      values = body.typed();
    }
  }
}
