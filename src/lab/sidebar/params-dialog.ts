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

/** The values typed that are not of their parameter's type: each parameter's problem. */
class ParameterProblems extends Error {
  constructor(readonly byName: Map<string, string>) {
    super([...byName.values()].join('\n'));
  }
}

class ParametersBody extends Widget {
  /**
   * `problems` are those of the values typed before: each is shown under its field, which is
   * marked invalid; the dialog focuses the first. Each field is checked again as it is typed
   * in, and Run is disabled while any value is not of its parameter's type.
   */
  constructor(
    private readonly parameters: IPipelineParameter[],
    values: RunParams,
    private readonly trans: TranslationBundle,
    problems: Map<string, string>
  ) {
    super();
    this.addClass('jp-cellpipe-ParamsDialog');
    parameters.forEach((parameter, index) => {
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
      input.addEventListener('input', () => {
        this.showProblem(index, this.problemOf(index));
        this.updateRunButton();
      });
      label.append(name, input);
      this.node.appendChild(label);
      this.inputs.push(input);
      this.errors.push(null);
      this.showProblem(index, problems.get(parameter.name) ?? null);
    });
  }

  protected onAfterAttach(): void {
    this.updateRunButton();
  }

  /** Why the value typed in field `index` is not of its parameter's type; null if it is. */
  private problemOf(index: number): string | null {
    try {
      parseParameter(
        this.parameters[index],
        this.inputs[index].value,
        this.trans
      );
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Shows `problem` under field `index` and marks it invalid, or clears both. */
  private showProblem(index: number, problem: string | null): void {
    const input = this.inputs[index];
    let error = this.errors[index];
    if (problem === null) {
      error?.remove();
      this.errors[index] = null;
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      return;
    }
    if (!error) {
      error = document.createElement('p');
      error.className = 'jp-cellpipe-error';
      error.id = `jp-cellpipe-param-error-${index + 1}`;
      input.closest('label')!.after(error);
      this.errors[index] = error;
    }
    error.textContent = problem;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', error.id);
  }

  /** Run is disabled while a field shows a problem (Enter still asks, and shows them again). */
  private updateRunButton(): void {
    const run = this.node
      .closest('.jp-Dialog-content')
      ?.querySelector<HTMLButtonElement>('.jp-Dialog-button.jp-mod-accept');
    if (run) {
      run.disabled = this.errors.some(error => error !== null);
    }
  }

  /** The values typed, each as its parameter's type; throws ParameterProblems. */
  values(): RunParams {
    const values: RunParams = Object.create(null);
    const problems = new Map<string, string>();
    this.parameters.forEach((parameter, index) => {
      try {
        values[parameter.name] = parseParameter(
          parameter,
          this.inputs[index].value,
          this.trans
        );
      } catch (error) {
        problems.set(parameter.name, (error as Error).message);
      }
    });
    if (problems.size) {
      throw new ParameterProblems(problems);
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
  /** The problem shown under each field, if any. */
  private readonly errors: (HTMLParagraphElement | null)[] = [];
}

/** The values to run with, or null when the user cancels. */
export async function askParameters(
  pipeline: string,
  parameters: IPipelineParameter[],
  trans: TranslationBundle
): Promise<RunParams | null> {
  let values: RunParams = Object.create(null);
  let problems = new Map<string, string>();
  for (;;) {
    const body = new ParametersBody(parameters, values, trans, problems);
    const result = await showDialog({
      title: trans.__('Run %1 with these parameters', pipeline),
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Run') })
      ],
      // The first field to mend, else the first field.
      focusNodeSelector: problems.size
        ? '[aria-invalid="true"]'
        : 'input, select'
    });
    if (!result.button.accept) {
      return null;
    }
    try {
      return body.values();
    } catch (error) {
      if (!(error instanceof ParameterProblems)) {
        throw error;
      }
      problems = error.byName;
      values = body.typed();
    }
  }
}
