/**
 * The globals a function reads when a step calls it at once (`y = f()` at module level): design
 * §3.2 takes a global a function reads as the step's own when the step binds it anywhere, but a
 * call that runs before that binding reads the value an earlier step left.
 */
import { IFunctionSummary, INameCall } from '../analysis/cell-names';

/**
 * Each global that the function `call` names reads, through the step's own functions
 * (`own`, not closed over each other) and the shared cells' (`shared`, closed already). A class
 * counts with every method: a call makes an instance, whose methods may run at once
 * (`Reader().get()`). Its globals come `quiet`: no warning where no earlier step binds one, as
 * the methods that read it may run only after the step binds it.
 */
export function globalsReadByCall(
  call: INameCall,
  own: ReadonlyMap<string, IFunctionSummary> | null,
  shared: ReadonlyMap<string, IFunctionSummary>,
  visit: (global: string, quiet: boolean) => void
): void {
  const seen = new Set<string>();
  const follow = (name: string, quiet: boolean): void => {
    const summary = own?.get(name) ?? shared.get(name);
    if (!summary || seen.has(name)) {
      return;
    }
    seen.add(name);
    const throughClass = quiet || summary.isClass === true;
    for (const global of summary.globalReads) {
      if (own?.has(global) || shared.has(global)) {
        follow(global, throughClass);
      } else {
        visit(global, throughClass);
      }
    }
  };
  follow(call.name, false);
}
