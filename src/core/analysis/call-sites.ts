/**
 * A call's arguments as the names they pass (design §3.2, functions that change a parameter):
 * `clean(df.loc[0], 3, log=notes)` passes `df` first and `notes` as `log`. Where an argument is
 * a loop variable over names (`for df in [train, test]: clean(df)`), the call counts as made
 * with each of them in turn.
 */
import { ICallSite } from './cell-names';
import { IPyNode } from './python-tree';

/**
 * The call sites `args` makes of `callee`, or none when it passes no names. `rootOf` gives an
 * argument's root name (or null); `aliases` the names a loop variable stands for.
 */
export function callSites(
  callee: string,
  args: IPyNode,
  rootOf: (value: IPyNode | undefined) => string | null,
  keywordOf: (keyword: IPyNode) => string,
  aliases: ReadonlyMap<string, readonly string[]>
): ICallSite[] {
  const positional: (string | null)[] = [];
  const keywords: [string, string][] = [];
  let splat = false;
  for (const arg of args.children) {
    if (!arg.named) {
      continue;
    }
    if (arg.type === 'keyword_argument') {
      const keyword = arg.children.find(c => c.field === 'name');
      const root = rootOf(arg.children.find(c => c.field === 'value'));
      if (keyword && root !== null) {
        keywords.push([keywordOf(keyword), root]);
      }
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      splat = true; // positions after it are unknown
    } else if (!splat) {
      positional.push(rootOf(arg));
    }
  }
  if (!keywords.length && positional.every(root => root === null)) {
    return [];
  }
  const sites: ICallSite[] = [{ function: callee, positional, keywords }];
  if (aliases.size === 0) {
    return sites;
  }
  positional.forEach((root, index) =>
    aliases.get(root ?? '')?.forEach(element => {
      const each = positional.slice();
      each[index] = element;
      sites.push({ function: callee, positional: each, keywords });
    })
  );
  keywords.forEach(([keyword, root], index) =>
    aliases.get(root)?.forEach(element => {
      const each = keywords.slice();
      each[index] = [keyword, element];
      sites.push({ function: callee, positional, keywords: each });
    })
  );
  return sites;
}
