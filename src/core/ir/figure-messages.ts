/**
 * The `aliased-name` warnings for a drawing on a part of a matplotlib figure (figures.ts) that a
 * later step does not see: the axes drawn on come as a value of their own, not in the figure.
 */

/** `step` draws on `name`, a part of `other` since `producer`; `reader` takes `other` from before. */
export function drawnBeforeMessage(
  step: string,
  name: string,
  other: string,
  { producer, reader }: { producer: string; reader: string }
): string {
  return (
    `'${name}' is a part of '${other}', one matplotlib figure, since step '${producer}', but ` +
    `steps hand each name on as a value of its own: what step '${step}' draws on '${name}' ` +
    `is not in the '${other}' that step '${reader}' takes (top to bottom it would be). Draw ` +
    `through '${other}' itself (fig.axes[0].plot(…)), in the step that makes it, or make the ` +
    `figure in step '${step}'`
  );
}
