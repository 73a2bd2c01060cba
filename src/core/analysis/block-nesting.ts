/**
 * Blocks nested deeper than CPython's compiler takes: "too many statically nested blocks". The
 * compiler keeps a stack of at most 20 blocks (`CO_MAXBLOCKS`) for each function, class and the
 * module, and refuses the statement that would push a 21st. Loops push one block for their body
 * (not their `else`); `with` one for each item; `try` one for its body, two for a handler's body
 * (`except` and `except*`), and, when it has a `finally`, one more around everything. The
 * `finally` body is compiled twice, as deep as the `try` and then inside one more block (the path
 * an exception takes): CPython reports the first statement that fails in that order. `if`,
 * `match` and an `else` of `try` push nothing of their own; a `def` or `class` body starts a
 * stack of its own.
 *
 * Twenty-one blocks need at least seven levels of indentation, or a `with` (of several items):
 * the walk, over statements only, runs only then (`mayNestTooDeeply`).
 */
import { ICompileError } from './compile-error';
import { field, IPyNode } from './python-tree';

/** `CO_MAXBLOCKS`. */
const MAX_BLOCKS = 20;
const MESSAGE = 'too many statically nested blocks';

/** A handler's body, the most blocks one level of indentation adds outside `with`, is 3 deep. */
const MOST_BLOCKS_A_LEVEL = 3;
const WITH = /\bwith\b/;

/** Whether a cell indented `levels` deep at most can hold a statement nested too deeply. */
export function mayNestTooDeeply(levels: number, source: string): boolean {
  return levels * MOST_BLOCKS_A_LEVEL > MAX_BLOCKS || WITH.test(source);
}

/** The first statement that would push a 21st block, as CPython reports it. */
export function blockNestingErrors(
  root: IPyNode,
  source: string
): ICompileError[] {
  const error = new BlockNesting(source).statements(root.children, 0);
  return error ? [error] : [];
}

type Found = ICompileError | null;

/** Pushes `count` blocks at `node`: the error if the stack is full before the last. */
function push(node: IPyNode, depth: number, count: number): Found {
  return depth + count > MAX_BLOCKS
    ? { offset: node.from, reason: MESSAGE }
    : null;
}

/** The walk over statements, in CPython's order of compiling them. */
class BlockNesting {
  /**
   * The depths (bit `1 << depth`) at which each `finally` body was read without error: each one
   * is read at two depths, so `finally` blocks nested in `finally` blocks would otherwise be
   * read 2^n times.
   */
  private readonly passedFinally = new Map<IPyNode, number>();

  constructor(private readonly source: string) {}

  /** The first error in a list of statements inside `depth` blocks. */
  statements(list: readonly IPyNode[], depth: number): Found {
    for (const statement of list) {
      const error = this.nested(statement, depth);
      if (error) {
        return error;
      }
    }
    return null;
  }

  private nested(node: IPyNode, depth: number): Found {
    switch (node.type) {
      case 'function_definition':
      case 'class_definition':
        return this.body(node, 0);
      case 'decorated_definition': {
        const definition = field(node, 'definition');
        return definition ? this.nested(definition, 0) : null;
      }
      case 'for_statement':
      case 'while_statement':
        return (
          push(node, depth, 1) ??
          this.body(node, depth + 1) ??
          this.clauses(node, 'else_clause', depth)
        );
      case 'with_statement': {
        const items =
          node.children.find(child => child.type === 'with_clause')?.children
            .length ?? 1;
        return push(node, depth, items) ?? this.body(node, depth + items);
      }
      case 'try_statement':
        return this.tryStatement(node, depth);
      case 'if_statement':
        return (
          this.body(node, depth, 'consequence') ??
          this.clauses(node, 'elif_clause', depth) ??
          this.clauses(node, 'else_clause', depth)
        );
      case 'elif_clause':
        return this.body(node, depth, 'consequence');
      case 'else_clause':
        return this.block(node, depth);
      case 'match_statement':
        return this.cases(node, depth);
      default:
        return null;
    }
  }

  /**
   * `try`: its body inside one block (two with a `finally`), a handler's inside two more, its
   * `else` inside none of its own, its `finally` body as deep as the `try` and then one deeper.
   * CPython compiles the body, the `else` (after the handlers for `except*`), the handlers and
   * the `finally` body, in that order.
   */
  private tryStatement(node: IPyNode, depth: number): Found {
    const handlers = node.children.filter(
      child => child.type === 'except_clause'
    );
    const finallyClause = node.children.find(
      child => child.type === 'finally_clause'
    );
    const outer = finallyClause ? 1 : 0;
    const inner = handlers.length ? 1 : 0;
    const elseLast = handlers.length !== 0 && this.isExceptStar(handlers[0]);
    return (
      push(node, depth, outer + inner) ??
      this.body(node, depth + outer + inner) ??
      (elseLast ? null : this.clauses(node, 'else_clause', depth + outer)) ??
      this.handlers(handlers, depth + outer) ??
      (elseLast ? this.clauses(node, 'else_clause', depth + outer) : null) ??
      (finallyClause
        ? (this.finallyBody(finallyClause, depth) ??
          this.finallyBody(finallyClause, depth + 1))
        : null)
    );
  }

  /** `except* E:` (tree-sitter-python reads it as an `except_clause` with a `*` token). */
  private isExceptStar(handler: IPyNode): boolean {
    return /^except\s*\*/.test(
      this.source.slice(handler.from, handler.from + 40)
    );
  }

  private handlers(handlers: readonly IPyNode[], depth: number): Found {
    for (const handler of handlers) {
      const error = push(handler, depth, 2) ?? this.block(handler, depth + 2);
      if (error) {
        return error;
      }
    }
    return null;
  }

  private finallyBody(clause: IPyNode, depth: number): Found {
    const passed = this.passedFinally.get(clause) ?? 0;
    if (passed & (1 << depth)) {
      return null;
    }
    const error = this.block(clause, depth);
    if (!error) {
      this.passedFinally.set(clause, passed | (1 << depth));
    }
    return error;
  }

  /** The statements of a node's block in the field `field` (`body`). */
  private body(node: IPyNode, depth: number, name = 'body'): Found {
    const found = field(node, name);
    return found ? this.statements(found.children, depth) : null;
  }

  /** The statements of the block a clause ends with (`except …:`, `finally:`, `else:`). */
  private block(node: IPyNode, depth: number): Found {
    const found = node.children.find(child => child.type === 'block');
    return found ? this.statements(found.children, depth) : null;
  }

  private clauses(node: IPyNode, type: string, depth: number): Found {
    for (const child of node.children) {
      if (child.type === type) {
        const error = this.nested(child, depth);
        if (error) {
          return error;
        }
      }
    }
    return null;
  }

  private cases(node: IPyNode, depth: number): Found {
    const caseBlock = field(node, 'body');
    for (const clause of caseBlock?.children ?? []) {
      if (clause.type === 'case_clause') {
        const error = this.body(clause, depth, 'consequence');
        if (error) {
          return error;
        }
      }
    }
    return null;
  }
}
