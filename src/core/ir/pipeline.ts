/**
 * The pipeline IR: the one model between the analysis and the generators (design §1).
 * Everything here is plain JSON-serializable data.
 */
import { IDiagnostic } from './diagnostic';
import { IStepSettings } from '../settings/types';
import { INotebookSettings } from '../settings/types';

export type ParameterType = 'int' | 'float' | 'str' | 'bool';
export type ParameterValue = number | string | boolean;

export interface IPipelineParameter {
  name: string;
  type: ParameterType;
  default: ParameterValue;
  /** Where it was declared: cell index and 1-based line. */
  cell: number;
  line: number;
}

/** A pipeline metric from a `pipeline-metrics` cell: `print(accuracy)`. */
export interface IPipelineMetric {
  /** The metric's name as reported (the variable name). */
  name: string;
  /** The variable that holds the value. */
  variable: string;
  /** The step that produces the variable and therefore reports the metric. */
  step: string;
}

/**
 * One cell's code as the step script runs it. Magics and shell escapes are already
 * blanked out (an empty line, or `pass` where indented), so line N is line N of the cell.
 */
export interface ICellCode {
  cell: number;
  source: string;
}

export interface IPipelineStep {
  name: string;
  /** 0-based cell indices, notebook order. */
  cells: number[];
  /** Steps that must finish first: `prev:` steps and the producers of the inputs. Sorted. */
  after: string[];
  /** Variables loaded before the step runs. Sorted. */
  inputs: string[];
  /** Variables saved after the step runs: exactly those a later step takes. Sorted. */
  outputs: string[];
  /** For each input, the step whose saved value is loaded. */
  producers: Record<string, string>;
  /**
   * Outputs the step may leave unbound (bound in a branch, or through `global` in a function it
   * may not call) with no earlier value to hand on instead: saved as unbound when so, and a
   * later step that reads one fails there with a NameError, as top to bottom. Sorted; absent
   * when none.
   */
  mayBeUnbound?: string[];
  /** Explicit `prev:` edges as tagged. */
  prev: string[];
  /** The step's code, cell by cell. */
  code: ICellCode[];
  /** Packages from `%pip install` / `!pip install` lines, in order, deduplicated. */
  packages: string[];
  /** Per-step settings from tags (`limit:`, `image:`, `retry:` ...). */
  settings: IStepSettings;
  /** Names of the pipeline metrics this step reports (see IPipelineMetric.step). */
  metrics: string[];
}

/**
 * A module file next to the notebook that the pipeline's code imports (`helpers.py`, or a file of
 * a package), shipped with the pipeline so that steps on a cluster import it as the kernel does.
 */
export interface IModuleFile {
  /** The file's path under the notebook's folder, `/`-separated (`helpers.py`, `pkg/io.py`). */
  path: string;
  source: string;
}

export interface IPipelineIR {
  pipeline: { name: string; description: string };
  /** The notebook's display name (file name), used in tracebacks and labels. */
  notebook: string;
  /** Pipeline settings read from notebook metadata (`cellpipe`, else Kale's `kubeflow_notebook`). */
  settings: INotebookSettings;
  parameters: IPipelineParameter[];
  metrics: IPipelineMetric[];
  /** Cells tagged `imports`: run at the start of every step. */
  imports: ICellCode[];
  /** Cells tagged `functions`: run after the imports in every step. */
  functions: ICellCode[];
  /** Steps in notebook order (which is a valid topological order). */
  steps: IPipelineStep[];
  diagnostics: IDiagnostic[];
  /**
   * Module files shipped with every step. The analysis reads no files and leaves this out; the
   * engine adds them for the cluster targets (a local run has the notebook's folder itself).
   */
  modules?: IModuleFile[];
}
