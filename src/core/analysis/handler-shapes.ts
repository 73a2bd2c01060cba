/**
 * Exception handlers CPython refuses though tree-sitter-python takes them, with CPython 3.11's
 * message: a bare `except:` before other handlers ("default 'except:' must be last"), and
 * anything but a name after `as` (`except E as self.error:`, `except E as (e):`: "invalid
 * syntax"). Read as the walker reaches the `try`.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';

export function handlerError(tryStatement: IPyNode): ICompileError | null {
  const handlers = tryStatement.children.filter(
    child => child.type === 'except_clause'
  );
  for (let i = 0; i < handlers.length; i++) {
    const handler = handlers[i];
    const caught = handler.children.find(child => child.type !== 'block');
    if (!caught && i < handlers.length - 1) {
      return { offset: handler.from, reason: "default 'except:' must be last" };
    }
    const target = caught?.children.find(
      child => child.type === 'as_pattern_target'
    );
    const name = target?.children[0];
    if (target && name?.type !== 'identifier') {
      return { offset: target.from, reason: 'invalid syntax' };
    }
  }
  return null;
}
