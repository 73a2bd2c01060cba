/**
 * The serializing filters: the only way values enter a generated document. The template
 * check (./output-check.ts) refuses any `{{ ... }}` whose outermost filter is not one of these.
 */
import { ParameterType } from '../../ir/pipeline';
import { toJsonText } from './json';
import { k8sNameFilter, K8sNameKind } from './k8s-name';
import { labelKeyFilter, labelValueFilter } from './k8s-label';
import { pyText, toPyLiteral } from './py-literal';
import { yamlBlock } from './yaml-block';

export type SerializingFilter = (value: unknown, ...args: unknown[]) => string;

export const SERIALIZING_FILTERS: Record<string, SerializingFilter> = {
  /** `{{ value | json }}`: JSON text, also valid YAML flow. */
  json: value => toJsonText(value),
  /** `{{ value | pyLiteral }}` or `{{ p.default | pyLiteral(p.type) }}`: a Python literal. */
  pyLiteral: (value, type) =>
    toPyLiteral(value, type as ParameterType | undefined),
  /** `{{ cell.source | pyText(8) }}`: a multi-line str as one literal per line, indented. */
  pyText: (value, indent) =>
    pyText(value, indent === undefined ? 4 : Number(indent)),
  /** `{{ step.name | k8sName("step name") }}`: a validated DNS-1123 name as a JSON string. */
  k8sName: (value, what, kind) =>
    k8sNameFilter(
      value,
      what === undefined ? 'name' : String(what),
      kind as K8sNameKind | undefined
    ),
  /** `{{ key | k8sLabelKey }}`: a validated label or annotation key (`[prefix/]name`). */
  k8sLabelKey: (value, what) =>
    labelKeyFilter(value, what === undefined ? undefined : String(what)),
  /** `{{ code | yamlBlock(6) }}`: text as a literal block scalar indented 6 (else JSON). */
  yamlBlock: (value, indent) => yamlBlock(value, Number(indent)),
  /** `{{ value | k8sLabelValue }}`: a validated label value. */
  k8sLabelValue: (value, what) =>
    labelValueFilter(value, what === undefined ? undefined : String(what))
};

export { toJsonText } from './json';
export { checkK8sName, k8sNameProblem } from './k8s-name';
export type { K8sNameKind } from './k8s-name';
export {
  checkLabelKey,
  checkLabelValue,
  labelKeyProblem,
  labelValueProblem
} from './k8s-label';
export { pyString, pyText, toPyLiteral } from './py-literal';
