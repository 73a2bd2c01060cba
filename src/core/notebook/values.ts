/** Parsing of the small value languages used in tags: Kubernetes quantities (durations: ../duration). */

const QUANTITY =
  /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}
