/**
 * A call's arguments as the names they pass (design §3.2, functions that change a parameter):
 * `clean(df.loc[0], 3, log=notes)` passes `df` first and `notes` as `log`. Where an argument is
 * a loop variable over names (`for df in [train, test]: clean(df)`), the call counts as made
 * with each of them in turn.
 */
import { ICallSite, IFunctionSummary, IMethodSummary } from './cell-names';
import { changesAnItem } from './item-changes';
import { field, IPyNode } from './python-tree';

/**
 * The call sites `args` makes of `callee`, or none when it passes no names. `rootOf` gives an
 * argument's root identifier where it is a name the call counts (or null), `text` a node's
 * text; `aliases` the names a loop variable stands for.
 */
export function callSites(
  callee: string,
  args: IPyNode,
  rootOf: (value: IPyNode) => IPyNode | null,
  text: (node: IPyNode) => string,
  aliases: ReadonlyMap<string, readonly string[]>
): ICallSite[] {
  const positional: (string | null)[] = [];
  const keywords: [string, string][] = [];
  let keyed: string[] | undefined;
  /**
   * The root name `value` passes, noting it when `value` is an item of it by a key, or a part of
   * one: `combine[0]`, `frames[1].values`, not `combine` or `box.frame`.
   */
  const passed = (value: IPyNode): string | null => {
    const root = rootOf(value);
    if (root === null) {
      return null;
    }
    const name = text(root);
    let whole = value;
    while (whole.type === 'parenthesized_expression' && whole.children[0]) {
      whole = whole.children[0];
    }
    if (changesAnItem(whole, root, false)) {
      (keyed ??= []).push(name);
    }
    return name;
  };
  let splat = false;
  for (const arg of args.children) {
    if (!arg.named) {
      continue;
    }
    if (arg.type === 'keyword_argument') {
      const keyword = field(arg, 'name');
      const value = field(arg, 'value');
      const root = value && passed(value);
      if (keyword && root) {
        keywords.push([text(keyword), root]);
      }
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      splat = true; // positions after it are unknown
    } else if (!splat) {
      positional.push(passed(arg));
    }
  }
  if (!keywords.length && positional.every(root => root === null)) {
    return [];
  }
  const sites: ICallSite[] = [
    { function: callee, positional, keywords, ...(keyed && { keyed }) }
  ];
  if (aliases.size === 0) {
    return sites;
  }
  positional.forEach((root, index) =>
    aliases.get(root ?? '')?.forEach(element => {
      const each = positional.slice();
      each[index] = element;
      sites.push({ ...sites[0], positional: each });
    })
  );
  keywords.forEach(([keyword, root], index) =>
    aliases.get(root)?.forEach(element => {
      const each = keywords.slice();
      each[index] = [keyword, element];
      sites.push({ ...sites[0], keywords: each });
    })
  );
  return sites;
}

/** The root names a call passes for the parameters its function changes in place. */
export function mutatedArguments(
  call: ICallSite,
  summary: IMethodSummary
): string[] {
  return argumentsFor(call, summary, summary.mutatedParameters);
}

/**
 * The root names whose items a call changes: those it passes for the parameters whose items its
 * function changes (IFunctionSummary.itemChangedParameters), and those whose item it passes by a
 * key (ICallSite.keyed) for a parameter the function changes (`clean(combine[0])`).
 */
export function itemChangedArguments(
  call: ICallSite,
  summary: IMethodSummary
): string[] {
  const roots = summary.itemChangedParameters
    ? argumentsFor(call, summary, summary.itemChangedParameters)
    : [];
  const keyed = call.keyed;
  if (keyed) {
    for (const root of mutatedArguments(call, summary)) {
      if (keyed.includes(root)) {
        roots.push(root);
      }
    }
  }
  return roots;
}

/** The root names a call passes for `parameters` of its function. */
function argumentsFor(
  call: ICallSite,
  summary: IMethodSummary,
  parameters: readonly string[]
): string[] {
  const roots: string[] = [];
  for (const parameter of parameters) {
    if (parameter === summary.rest) {
      // `def clean(*frames)`, `clean(train, test)`: every positional argument left over
      for (const root of call.positional.slice(summary.positional)) {
        if (root) {
          roots.push(root);
        }
      }
      continue;
    }
    const index = summary.parameters.indexOf(parameter);
    const root =
      (index < summary.positional ? call.positional[index] : undefined) ??
      call.keywords.find(([keyword]) => keyword === parameter)?.[1];
    if (root) {
      roots.push(root);
    }
  }
  return roots;
}

/**
 * Adds to each function's changed parameters those it passes to a function (of `functions`)
 * that changes them, until nothing changes: `def prepare(df): add_total(df)` changes `df`.
 */
export function closeMutatedParameters(
  functions: ReadonlyMap<string, IFunctionSummary>
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const summary of functions.values()) {
      for (const call of summary.parameterCalls) {
        const called = functions.get(call.function);
        if (!called?.mutatedParameters.length) {
          continue;
        }
        for (const parameter of mutatedArguments(call, called)) {
          if (!summary.mutatedParameters.includes(parameter)) {
            summary.mutatedParameters.push(parameter);
            changed = true;
          }
        }
        // `def prepare(frames): add_col(frames)`: what `frames` holds changes too
        for (const parameter of itemChangedArguments(call, called)) {
          const items = (summary.itemChangedParameters ??= []);
          if (!items.includes(parameter)) {
            items.push(parameter);
            changed = true;
          }
        }
      }
    }
  }
}
