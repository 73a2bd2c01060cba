/**
 * Evaluates expressions (calls, lambdas, comprehensions, walrus, match patterns) in source order
 * and in the scope Python evaluates them in (design §3.2).
 */
import { AXES_KEYWORD, FIGURE_DRAWS, SET_PROPERTIES } from './figures';
import { callArgument } from './call-arguments';
import { HANDLE_CALLS, LOOKING_CALLS } from './handles';
import {
  CHANGING_WHEN_DISCARDED,
  FILLED_KEYWORDS,
  changesItsObject,
  isInPlaceMethod,
  COPY_FALSE_FUNCTIONS,
  MUTATING_FUNCTIONS,
  MUTATING_METHODS,
  HELD_CHANGING_METHODS
} from './mutators';
import { Scope } from './scope';
import {
  OPTIMIZER_STEPPERS,
  TRAINER_FIT_KEYWORDS,
  TRAINER_FITS,
  VARIABLE_UPDATES,
  variableOwners
} from './model-training';
import { addTargetNames, captureName, COMPREHENSIONS } from './function-locals';
import { changedRoot, memberRoot, NameRecorder } from './name-recorder';
import { changesAnItem } from './item-changes';
import {
  isGlobalsCall,
  literalIdentifier,
  updatedNames
} from './dynamic-names';
import { field, IPyNode, namedChildren } from './python-tree';
import { lastName } from './dotted-names';
import { IFunctionSummary } from './cell-names';
import { keyboardCallee } from './keyboard-calls';
import { QUERY_METHODS, queryVariables } from './query-variables';
import { loneNots } from './comparison-operators';
import { argumentOrderError } from './argument-order';
import { comprehensionCommaError } from './comprehension-comma';
import { stringGroupError } from './string-literals';
import { oldNotEqual, longIntegerError } from './python2-literals';
import {
  loneStarError,
  STARRED_PARTS,
  starredElementError,
  starredPartError,
  valueOf
} from './starred-expressions';
import { parameterOrderError } from './parameter-order';
import { starredTargetError } from './starred-targets';
import {
  repeatedKeyword,
  repeatedKeywordMessage,
  repeatedParameter,
  repeatedParameterMessage
} from './repeated-names';

/** A decimal integer with a leading zero and a digit that is not zero (`09`, `0_1`). */
const LEADING_ZEROS = /^0[0-9_]*[1-9][0-9_]*$/;
/**
 * An underscore in a number not between two digits (`10_`, `1__0`, `1_.5`, `1e_5`), which
 * CPython refuses; right after a base prefix (`0x_ff`) one is allowed.
 */
const MISPLACED_UNDERSCORE = /_(?![0-9])|(?<![0-9])_/;
const MISPLACED_HEX_UNDERSCORE = /_(?![0-9a-fA-F])|(?<![0-9a-fA-FxX])_/;
const BASE_PREFIX = /^0[bBoO]_/;

/** CPython's message for a number literal it cannot read. */
function invalidLiteral(text: string): string {
  const base = /^0([xXbBoO])/.exec(text)?.[1].toLowerCase();
  const kind =
    base === 'x'
      ? 'hexadecimal'
      : base === 'b'
        ? 'binary'
        : base === 'o'
          ? 'octal'
          : 'decimal';
  return `invalid ${kind} literal`;
}

/** Whether a number literal has an underscore where CPython refuses it. */
function misplacedUnderscore(text: string): boolean {
  if (!text.includes('_')) {
    return false;
  }
  if (/^0[xX]/.test(text)) {
    return MISPLACED_HEX_UNDERSCORE.test(text);
  }
  const digits = BASE_PREFIX.test(text) ? text.slice(3) : text;
  return MISPLACED_UNDERSCORE.test(digits);
}

export abstract class ExpressionWalker extends NameRecorder {
  protected abstract statement(node: IPyNode, scope: Scope): void;

  protected statements(node: IPyNode, scope: Scope): void {
    for (const c of node.children) {
      if (c.named) {
        this.statement(c, scope);
      }
    }
  }

  /**
   * Parameter defaults run in the enclosing scope, annotations there too or in the scope of
   * the function's type parameters (`annotations`); names become locals.
   */
  protected parameters(
    params: IPyNode,
    outer: Scope,
    inner: Scope,
    annotations: Scope = outer
  ): void {
    const repeated = repeatedParameter(params, this.text);
    if (repeated) {
      this.syntaxError(
        repeated.from,
        repeatedParameterMessage(this.text(repeated))
      );
    }
    this.compileError(parameterOrderError(params, this.source));
    for (const c of params.children) {
      switch (c.type) {
        case 'identifier':
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
          this.parameterName(c, inner);
          break;
        case 'typed_parameter':
        case 'default_parameter':
        case 'typed_default_parameter':
          for (const part of c.children) {
            if (part.field === 'type') {
              this.expression(part, annotations);
            } else if (part.field === 'value') {
              this.expression(part, outer);
            } else if (part.named) {
              this.parameterName(part, inner);
            }
          }
          break;
      }
    }
  }

  private parameterName(node: IPyNode, inner: Scope): void {
    if (node.type === 'identifier') {
      inner.locals.add(this.text(node));
    } else if (
      node.type === 'list_splat_pattern' ||
      node.type === 'dictionary_splat_pattern'
    ) {
      node.children.forEach(c => this.parameterName(c, inner));
    }
  }

  /** A `case` pattern: captures bind, value patterns (`Color.RED`, `ast.BinOp(...)`) read. */
  protected pattern(node: IPyNode, scope: Scope): void {
    switch (node.type) {
      case 'case_pattern':
      case 'keyword_pattern': {
        const capture = captureName(node);
        if (capture) {
          this.bind(this.text(capture), scope);
          return;
        }
        for (const c of node.children) {
          // keyword_pattern: `name=pattern`, the name is the attribute's
          if (!(node.type === 'keyword_pattern' && c === node.children[0])) {
            this.pattern(c, scope);
          }
        }
        return;
      }
      case 'dotted_name': {
        // a value pattern (`Color.RED`, a dict key) or a class pattern's class
        const first = node.children[0];
        if (first?.type === 'identifier') {
          this.read(first, scope);
        }
        return;
      }
      case 'as_pattern': {
        const last = node.children[node.children.length - 1];
        for (const c of node.children) {
          if (c !== last) {
            this.pattern(c, scope);
          }
        }
        if (last?.type === 'identifier') {
          this.bind(this.text(last), scope);
        }
        return;
      }
      case 'splat_pattern':
        for (const c of node.children) {
          if (c.type === 'identifier') {
            this.bind(this.text(c), scope);
          }
        }
        return;
      case 'identifier':
        return this.read(node, scope);
      default:
        for (const c of node.children) {
          if (c.named) {
            this.pattern(c, scope);
          }
        }
    }
  }

  /** Evaluates an expression (or any node not handled as a statement) in source order. */
  protected expression(node: IPyNode, scope: Scope): void {
    if (node.type === 'subscript') {
      this.globalsItemRead(node, scope);
      this.readByKey(node, scope);
    }
    switch (node.type) {
      case 'identifier':
        return this.read(node, scope);
      case 'integer': {
        // `09`: CPython refuses leading zeros in a decimal integer other than zero.
        const text = this.text(node);
        const long = longIntegerError(node, text);
        if (long) {
          this.compileError(long);
        } else if (LEADING_ZEROS.test(text)) {
          this.syntaxError(node.from);
        } else if (misplacedUnderscore(text)) {
          this.syntaxError(node.from, invalidLiteral(text));
        }
        return;
      }
      case 'float': {
        const text = this.text(node);
        if (misplacedUnderscore(text)) {
          this.syntaxError(node.from, invalidLiteral(text));
        }
        return;
      }
      case 'attribute': {
        const object = node.children[0];
        if (object) {
          this.expression(object, scope);
        }
        return;
      }
      case 'member_type': {
        // `a.B` in an annotation
        const object = node.children[0];
        if (object) {
          this.expression(object, scope);
        }
        return;
      }
      case 'keyword_argument': {
        const value = field(node, 'value');
        if (value) {
          this.expression(value, scope);
        }
        return;
      }
      case 'block':
        return this.statements(node, scope);
      case 'named_expression': {
        const target = field(node, 'name');
        const value = field(node, 'value');
        if (value) {
          this.expression(value, scope);
        }
        if (target?.type === 'identifier') {
          this.bind(this.text(target), scope.bindingScope);
        }
        return;
      }
      case 'call':
        return this.call(node, scope);
      case 'boolean_operator': {
        // `a and b and c` nests to the left, `(a and b) and c`: the left side is walked down in
        // a loop, not by recursion, so thousands of operands do not exhaust the stack. The
        // innermost left operand runs first, then each right side, which may not run.
        const chain: IPyNode[] = [];
        let left: IPyNode | undefined = node;
        while (left?.type === 'boolean_operator') {
          chain.push(left);
          left = left.children.find(c => c.named);
        }
        if (left) {
          this.expression(left, scope);
        }
        // `*b or c`: a star takes a `|` expression or tighter, never a boolean operation's operand
        chain.forEach(link => this.starredOperands(link));
        for (let i = chain.length - 1; i >= 0; i--) {
          const [, ...rest] = chain[i].children.filter(c => c.named);
          this.mayNotRun(scope, () =>
            rest.forEach(c => this.expression(c, scope))
          );
        }
        return;
      }
      case 'conditional_expression': {
        this.starredOperands(node);
        // `a if c else b`: c runs, then a or b.
        const [value, condition, alternative] = node.children.filter(
          c => c.named
        );
        if (condition) {
          this.expression(condition, scope);
        }
        // Each branch may not run, but one of them does: what both bind is bound for sure.
        const ways = [value, alternative].map(branch =>
          this.mayNotRun(scope, () => branch && this.expression(branch, scope))
        );
        if (ways[0] && ways[1]) {
          const [first, second] = ways;
          this.settle([...first].filter(name => second.has(name)));
        }
        return;
      }
      case 'lambda':
        return this.lambda(node, scope);
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
        return this.statement(node, scope);
      default:
        if (COMPREHENSIONS.has(node.type)) {
          return this.comprehension(node, scope);
        }
        if (node.type === 'comparison_operator') {
          loneNots(node, this.source).forEach(not =>
            this.syntaxError(not.from)
          );
          this.compileError(oldNotEqual(node));
          this.starredOperands(node);
        }
        if (STARRED_PARTS.has(node.type)) {
          this.compileError(starredPartError(node));
        } else if (node.type === 'yield') {
          this.compileError(loneStarError(valueOf(node)));
          if (scope === this.currentFunctionScope) {
            this.currentFunction!.generator = true;
          }
        } else if (node.type === 'string') {
          this.compileError(stringGroupError([node], this.source));
        } else if (node.type === 'concatenated_string') {
          // checked as a group: its strings' fields are walked, not the strings themselves
          this.compileError(stringGroupError(node.children, this.source));
          for (const part of node.children) {
            for (const c of part.children) {
              if (c.named) {
                this.expression(c, scope);
              }
            }
          }
          return;
        }
        if (node.type === 'argument_list') {
          // a call's, a class's bases' or a decorator call's
          const repeated = repeatedKeyword(node, this.text);
          if (repeated) {
            this.syntaxError(
              repeated.from,
              repeatedKeywordMessage(this.text(repeated))
            );
          }
          this.compileError(argumentOrderError(node, this.source));
        }
        for (const c of node.children) {
          if (c.named) {
            this.expression(c, scope);
          }
        }
    }
  }

  /**
   * A starred operand of a comparison, a boolean operation or a conditional expression (`*b or
   * c`, which the grammar takes): CPython's star takes a `|` expression or tighter.
   */
  private starredOperands(node: IPyNode): void {
    for (const c of node.children) {
      if (c.type === 'list_splat') {
        this.syntaxError(c.from);
      }
    }
  }

  /** The `@name` variables of a pandas query or eval expression (query-variables.ts): reads. */
  private queryVariables(argList: IPyNode, scope: Scope): void {
    const first = argList.children.find(c => c.named);
    const keywords = argList.children
      .filter(c => c.type === 'keyword_argument')
      .map(c => [this.text(field(c, 'name') ?? c), c] as const);
    if (keywords.some(([name]) => name === 'job_config')) {
      return; // BigQuery's client.query(sql, job_config=...): its @names are SQL parameters
    }
    const keyword = keywords.find(([name]) => name === 'expr')?.[1];
    const expression =
      first?.type === 'string' ? first : keyword && field(keyword, 'value');
    if (expression?.type !== 'string') {
      return;
    }
    for (const at of queryVariables(
      this.source,
      expression.from,
      expression.to
    )) {
      this.read(
        {
          type: 'identifier',
          from: at.from,
          to: at.to,
          named: true,
          field: null,
          children: []
        },
        scope
      );
    }
  }

  /**
   * `x.fit(...)`, `x.add_(...)` and `df.drop(..., inplace=True)` mutate the receiver's root
   * name; `random.shuffle(xs)` and `torch.nn.init.zeros_(w)` their first argument's.
   */
  private call(node: IPyNode, scope: Scope): void {
    const callee = field(node, 'function');
    const args = field(node, 'arguments');
    if (callee) {
      this.expression(callee, scope);
    }
    const argList = args?.type === 'argument_list' ? args : null;
    this.argumentDepth++;
    if (argList && callee && this.isMappedLambda(callee, argList, scope)) {
      this.mappedLambda(argList, scope);
    } else if (args) {
      this.expression(args, scope);
    }
    this.argumentDepth--;
    const keyboard = callee
      ? keyboardCallee(
          callee,
          this.text,
          name => scope.resolve(name) === 'local'
        )
      : null;
    if (keyboard) {
      this.recordKeyboardCall(keyboard, callee!, scope);
    }
    if (argList) {
      this.keywordArgumentChanges(argList, scope);
      this.argumentsPassed(argList, callee, scope);
    }
    if (callee?.type === 'identifier') {
      if (this.text(callee) === 'exec' && this.execBindsGlobals(argList)) {
        this.result.dynamicBindings.push(this.use('exec', node.from));
      }
      this.recordNamedCall(callee, scope);
      this.boundMethodCalled(callee, scope); // `add(7)`
      if (
        argList &&
        changesFirstArgument(this.text(callee), argList, this.text)
      ) {
        this.mutateFirstArgument(argList, scope);
      }
      if (argList) {
        this.recordCall(this.text(callee), argList, scope);
        if (this.text(callee) === SET_PROPERTIES) {
          this.drawOnFirstArgument(argList, scope); // `setp(lines, color="r")`
        }
      }
      return;
    }
    if (callee?.type !== 'attribute') {
      return;
    }
    const method = field(callee, 'attribute');
    const name = method ? this.text(method) : '';
    if (isGlobalsCall(field(callee, 'object'), this.text)) {
      this.globalsMethod(node, name, argList, scope);
      return;
    }
    if (argList && name) {
      this.recordMethodCall(name, argList, scope);
      if (QUERY_METHODS.has(name)) {
        this.queryVariables(argList, scope);
      }
    }
    const inPlace = isInPlaceMethod(name);
    const mutating =
      MUTATING_METHODS.has(name) ||
      inPlace ||
      (argList !== null && this.passesInplaceTrue(argList));
    const receiver = field(callee, 'object');
    const root = receiver ? changedRoot(receiver, this.text) : null;
    if (mutating && root) {
      this.mutate(root, scope, changesAnItem(receiver!, root, false));
      if (receiver === root && HELD_CHANGING_METHODS.has(name)) {
        this.noteHeldChanged(root, scope); // `pipe.fit(X, y)` fits `pipe[-1]` too
      }
    } else if (root && name) {
      this.recordReceiverCall(name, root, scope); // `a.bump()`: the IR knows what changes self
    }
    if (root && FIGURE_DRAWS.has(name)) {
      this.noteCalledOn(root, scope, 'drawnOn');
    }
    if (argList && name === SET_PROPERTIES) {
      this.drawOnFirstArgument(argList, scope); // `plt.setp(ax.get_xticklabels(), …)`
    }
    if (root && HANDLE_CALLS.has(name)) {
      this.noteCalledOn(root, scope, 'handleCalls');
    }
    if (
      argList &&
      TRAINER_FITS.has(name) &&
      this.trainsGiven(receiver, argList)
    ) {
      this.mutateTrainedModel(argList, scope);
    }
    if (argList && OPTIMIZER_STEPPERS.has(name)) {
      this.mutateFirstArgument(argList, scope);
    }
    if (argList && VARIABLE_UPDATES.has(name)) {
      if (root) {
        this.mutate(root, scope); // the optimizer's own state
      }
      variableOwners(argList, this.text).forEach(owner =>
        this.mutate(owner, scope)
      );
    }
    const initFunction =
      inPlace && receiver !== null && /(^|\.)init$/.test(this.text(receiver));
    if (
      argList &&
      (changesFirstArgument(name, argList, this.text) || initFunction)
    ) {
      this.mutateFirstArgument(argList, scope);
    }
  }

  /**
   * A call that is a whole statement, its result thrown away: a method that then changes its
   * receiver (CHANGING_WHEN_DISCARDED, `arr.partition(2)`) changes the name it is called on.
   */
  protected discardedCall(call: IPyNode, scope: Scope): void {
    const callee = field(call, 'function');
    const method =
      callee?.type === 'attribute' ? field(callee, 'attribute') : null;
    if (!method || !CHANGING_WHEN_DISCARDED.has(this.text(method))) {
      return;
    }
    const receiver = field(callee!, 'object');
    const root = receiver ? changedRoot(receiver, this.text) : null;
    if (root) {
      this.mutate(root, scope);
    }
  }

  /**
   * `globals().update(alpha=1)` binds `alpha` at module level; `setdefault('alpha', 1)` may, where
   * `alpha` is not bound yet (so an earlier step's `alpha` is kept where there is one);
   * names spelled otherwise, or bound from a function, are names the analysis cannot follow.
   */
  private globalsMethod(
    call: IPyNode,
    method: string,
    args: IPyNode | null,
    scope: Scope
  ): void {
    const namespace = field(field(call, 'function')!, 'object')!;
    if (method === 'get' && args && this.namesGlobals(namespace, scope)) {
      // `globals().get('alpha', 0)`: a read of `alpha`, quiet (None or the default where unbound)
      this.spelledRead(namedChildren(args)[0] ?? null, scope, true);
      return;
    }
    if (method !== 'update' && method !== 'setdefault') {
      return; // other reads (`.items()`) bind nothing
    }
    const names =
      args === null || scope.kind !== 'module'
        ? null
        : method === 'update'
          ? updatedNames(args, this.text)
          : [literalIdentifier(namedChildren(args)[0] ?? null, this.text)];
    if (names === null || names.includes(null)) {
      this.result.dynamicBindings.push(this.use('globals()', call.from));
      return;
    }
    if (method === 'setdefault') {
      // Binds only a name not bound yet: as a branch that may not run.
      this.branch(() => this.bind(names[0] as string, scope));
      return;
    }
    for (const name of names as string[]) {
      this.bind(name, scope);
    }
  }

  /**
   * `counts[w]` read: a change where `counts` is a defaultdict, which adds the key it lacks
   * (HANDLE_MAKERS). `counts[a][b]` reads `counts[a]` too, which is walked as its own subscript.
   */
  private readByKey(node: IPyNode, scope: Scope): void {
    const value = node.children[0];
    if (value?.type === 'identifier') {
      this.noteCalledOn(value, scope, 'handleCalls');
    }
  }

  /** `globals()['alpha']`, read: a read of `alpha`, as the bare name would be. */
  private globalsItemRead(node: IPyNode, scope: Scope): void {
    const value = field(node, 'value');
    if (isGlobalsCall(value, this.text) && this.namesGlobals(value!, scope)) {
      this.spelledRead(field(node, 'subscript'), scope, false);
    }
  }

  /**
   * Whether a `globals()` or `vars()` call (isGlobalsCall) is the module's namespace: `vars()`
   * in a function is the function's own.
   */
  private namesGlobals(namespace: IPyNode, scope: Scope): boolean {
    const callee = field(namespace, 'function');
    return (
      (callee !== null && this.text(callee) === 'globals') ||
      scope.kind === 'module'
    );
  }

  /** A read of the name a plain string literal spells (`'alpha'`), where it spells one. */
  private spelledRead(
    literal: IPyNode | null,
    scope: Scope,
    quiet: boolean
  ): void {
    const name = literalIdentifier(literal, this.text);
    if (name === null || literal === null) {
      return;
    }
    const spelled: IPyNode = {
      type: 'identifier',
      from: literal.from + 1,
      to: literal.to - 1,
      named: true,
      field: null,
      children: []
    };
    if (this.text(spelled) === name) {
      this.read(spelled, scope, quiet);
    }
  }

  /** `exec(code)` or `exec(code, globals())` binds module names; `exec(code, ns)` binds in ns. */
  private execBindsGlobals(args: IPyNode | null): boolean {
    const given = args ? namedChildren(args) : [];
    const namespace =
      given[1]?.type === 'keyword_argument' ? null : (given[1] ?? null);
    return namespace === null
      ? !given.some(
          arg =>
            arg.type === 'keyword_argument' && /^globals\b/.test(this.text(arg))
        )
      : isGlobalsCall(namespace, this.text);
  }

  /**
   * `plt.setp(ax.get_xticklabels(), rotation=45)`: a drawing on the object the first argument is
   * a part of (ICellNames.drawnOn; a change only where that is a figure, as the IR tells).
   */
  private drawOnFirstArgument(args: IPyNode, scope: Scope): void {
    const first = callArgument(args, 0, [], this.text);
    const root = first && changedRoot(first, this.text);
    if (root) {
      this.noteCalledOn(root, scope, 'drawnOn');
    }
  }

  private mutateFirstArgument(args: IPyNode, scope: Scope): void {
    const first = args.children.find(c => c.named);
    if (!first || first.type === 'keyword_argument') {
      return;
    }
    const root = memberRoot(first);
    if (root) {
      this.mutate(root, scope);
    }
  }

  /**
   * Whether `receiver.fit(…)` is a Lightning trainer's, which trains the model it is given: the
   * cell bound the receiver to a trainer, or the call has a keyword only that fit takes.
   */
  private trainsGiven(receiver: IPyNode | null, args: IPyNode): boolean {
    if (
      receiver?.type === 'identifier' &&
      this.isTrainer(this.text(receiver))
    ) {
      return true;
    }
    return args.children.some(c => {
      const name = c.type === 'keyword_argument' ? field(c, 'name') : null;
      return name !== null && TRAINER_FIT_KEYWORDS.has(this.text(name));
    });
  }

  /** `trainer.fit(model, …)` or `trainer.fit(model=model, …)`: the model is changed. */
  private mutateTrainedModel(args: IPyNode, scope: Scope): void {
    const model = args.children.find(c => {
      const name = c.type === 'keyword_argument' ? field(c, 'name') : null;
      return name !== null && this.text(name) === 'model';
    });
    const value = model && field(model, 'value');
    const root = value ? memberRoot(value) : null;
    if (root) {
      this.mutate(root, scope);
    } else {
      this.mutateFirstArgument(args, scope);
    }
  }

  /**
   * numpy's `out=a` (or `out=(a, b)`) writes into the arrays it is given, as XGBoost's
   * `evals_result=history` fills the dict it is given (FILLED_KEYWORDS); plotting functions'
   * `ax=ax` draw on the axes they are given (ICellNames.drawnOn); `random_state=rng` draws from
   * the generator it is given (ICellNames.handleCalls).
   */
  private keywordArgumentChanges(args: IPyNode, scope: Scope): void {
    for (const c of args.children) {
      if (c.type !== 'keyword_argument') {
        continue;
      }
      const name = field(c, 'name');
      const value = field(c, 'value');
      if (!name || !value) {
        continue;
      }
      const keyword = this.text(name);
      if (keyword === AXES_KEYWORD) {
        const axes = memberRoot(value);
        if (axes) {
          this.noteCalledOn(axes, scope, 'drawnOn');
        }
      }
      if (!FILLED_KEYWORDS.has(keyword)) {
        continue;
      }
      const arrays =
        value.type === 'tuple' || value.type === 'parenthesized_expression'
          ? namedChildren(value)
          : [value];
      for (const array of arrays) {
        const root = memberRoot(array);
        if (root) {
          this.mutate(root, scope);
        }
      }
    }
  }

  /**
   * The names given to a call as arguments (ICellNames.passedTo): every one, or only those given
   * by keyword where the call only looks at its arguments (`print(x, file=buf)`).
   */
  private argumentsPassed(
    args: IPyNode,
    callee: IPyNode | null,
    scope: Scope
  ): void {
    const looks = callee !== null && LOOKING_CALLS.has(this.calleeName(callee));
    for (const c of args.children) {
      if (c.type === 'identifier') {
        if (!looks) {
          this.notePassed(c, scope);
          this.boundMethodCalled(c, scope); // `map(add, xs)`
        }
      } else if (c.type === 'attribute') {
        if (!looks) {
          this.methodPassed(c, scope);
        }
      } else if (c.type === 'keyword_argument') {
        const value = field(c, 'value');
        if (value?.type === 'identifier') {
          this.notePassed(value, scope);
          this.boundMethodCalled(value, scope); // `Thread(target=add)`
        } else if (value?.type === 'attribute') {
          this.methodPassed(value, scope);
        }
      }
    }
  }

  /**
   * `name`, called or handed to a call that may call it, where the cell bound it to a method
   * that changes its object (`add = acc.append`, then `add(7)` or `map(add, xs)`): a change to
   * `name` and so, through the tie, to `acc`.
   */
  private boundMethodCalled(name: IPyNode, scope: Scope): void {
    const text = this.text(name);
    if (this.isBoundMethod(text) && scope.resolve(text) !== 'local') {
      this.mutate(name, scope);
    }
  }

  /**
   * A method that changes its object, handed to a call that may call it (`map(acc.append, xs)`,
   * `df.apply(out.append)`, `Thread(target=q.put)`): the object's root name is changed, as by
   * the method's own call.
   */
  private methodPassed(node: IPyNode, scope: Scope): void {
    if (!changesItsObject(node, this.text)) {
      return;
    }
    const receiver = field(node, 'object');
    const root = receiver ? changedRoot(receiver, this.text) : null;
    if (root) {
      this.mutate(root, scope);
    }
  }

  /** `make_pipeline` of `make_pipeline(…)` or `sklearn.pipeline.make_pipeline(…)`. */
  protected calleeName(callee: IPyNode): string {
    const name = lastName(callee);
    return name ? this.text(name) : '';
  }

  private passesInplaceTrue(args: IPyNode): boolean {
    return passesKeyword(args, 'inplace', 'true', this.text);
  }

  /**
   * A lambda; `elements[i]`, where given, are the names whose contents its i-th parameter stands
   * for (`map(lambda m: m.fit(X), models)`), so that a change to the parameter changes them.
   */
  private lambda(
    node: IPyNode,
    scope: Scope,
    elements: readonly string[][] = []
  ): void {
    const inner = new Scope('function', scope);
    const params = field(node, 'parameters');
    if (params) {
      this.parameters(params, scope, inner);
    }
    const body = field(node, 'body');
    if (!body) {
      return;
    }
    let walk = () => this.expression(body, inner);
    const owner = this.lambdaOwners?.get(node);
    if (owner) {
      // An item of a table of functions (lambda-tables.ts): its globals are the table's.
      const walkBody = walk;
      walk = () => this.asFunction(owner, walkBody);
    }
    const positional = params
      ? namedChildren(params).filter(param => param.type === 'identifier')
      : [];
    positional.forEach((param, index) => {
      const sources = elements[index];
      if (sources?.length) {
        const walkInside = walk;
        walk = () =>
          this.withLocalAliases([this.text(param)], sources, scope, walkInside);
      }
    });
    // given to a call (`map(lambda …)`, `key=lambda …`), which may call it at once
    const given = this.argumentDepth > 0 ? 1 : 0;
    const argumentDepth = this.argumentDepth;
    this.argumentDepth = 0; // the body's own calls' arguments are not the lambda's
    this.givenLambdas += given;
    walk();
    this.givenLambdas -= given;
    this.argumentDepth = argumentDepth;
  }

  /**
   * Lambdas that stand for a module-level name, as the items of `ops = {"k": lambda …}` do,
   * by the summary of that name; null outside such an assignment.
   */
  protected lambdaOwners: Map<IPyNode, IFunctionSummary> | null = null;

  /** Runs `walk` as the body of the module-level function `summary` describes. */
  protected asFunction(summary: IFunctionSummary, walk: () => void): void {
    const outer = this.currentFunction;
    const outerScope = this.currentFunctionScope;
    this.currentFunction = summary;
    this.currentFunctionScope = null;
    walk();
    this.currentFunction = outer;
    this.currentFunctionScope = outerScope;
  }

  /** `map(lambda …, iterable, …)`, where `map` is not a local name. */
  private isMappedLambda(
    callee: IPyNode,
    args: IPyNode,
    scope: Scope
  ): boolean {
    return (
      callee.type === 'identifier' &&
      this.text(callee) === 'map' &&
      scope.resolve('map') === 'global' &&
      namedChildren(args)[0]?.type === 'lambda'
    );
  }

  /** `map(lambda m: m.fit(X), models)` changes what `models` holds, as the comprehension does. */
  private mappedLambda(args: IPyNode, scope: Scope): void {
    const [lambda, ...iterables] = namedChildren(args);
    iterables.forEach(iterable => this.expression(iterable, scope));
    this.lambda(
      lambda,
      scope,
      iterables.map(iterable => this.elementSources(iterable, scope))
    );
  }

  /**
   * `[elt for t in it if c for u in it2]`: `it` runs in the enclosing scope, the rest in the
   * comprehension's own scope, whose locals are the `for` targets.
   */
  private comprehension(node: IPyNode, scope: Scope): void {
    this.compileError(comprehensionCommaError(node, this.source));
    this.compileError(starredElementError(node));
    const inner = new Scope('comprehension', scope);
    const later: IPyNode[] = [];
    let first = true;
    let sources: string[] = [];
    let holders = false;
    for (const c of node.children) {
      if (c.type === 'for_in_clause') {
        for (const part of c.children) {
          if (part.field === 'left') {
            this.compileError(starredTargetError(part));
            addTargetNames(part, inner.locals, this.text);
          } else if (part.field === 'right' && !part.named) {
            // `[a for a in 1, 2]`: an unparenthesized tuple, taken by the grammar only
            this.syntaxError(part.from, 'invalid syntax');
          } else if (part.field === 'right') {
            if (first) {
              this.expression(part, scope);
              // `[m.fit(X) for m in models]` changes what `models` holds: a module-level name,
              // or a parameter of the function it is in.
              sources = this.elementSources(part, scope);
              holders = sources.length !== 0 && this.iteratesHolders(part);
            } else {
              later.push(part);
            }
          }
        }
        first = false;
      } else if (c.type === 'if_clause') {
        later.push(c);
      }
    }
    const body = field(node, 'body');
    // The iterable may be empty: a `:=` in the rest binds maybe.
    const walk = () =>
      this.mayNotRun(inner, () => {
        later.forEach(c => this.expression(c, inner));
        if (body) {
          this.expression(body, inner);
        }
      });
    if (sources.length) {
      this.withLocalAliases(inner.locals, sources, scope, walk, holders);
    } else {
      walk();
    }
  }

  /**
   * The names whose contents a loop over `iterable` yields, that a change to an element changes:
   * module-level names, or in a function its own names (its parameters).
   */
  private elementSources(iterable: IPyNode, scope: Scope): string[] {
    return scope.kind === 'module'
      ? this.iteratedNames(iterable)
      : scope.kind === 'function'
        ? this.iteratedNames(iterable).filter(
            name => scope.resolve(name) === 'local'
          )
        : [];
  }

  /**
   * The module-level names whose contents a loop over `iterable` yields (see NameWalker's
   * `loopSources`); none here.
   */
  protected iteratedNames(_iterable: IPyNode): string[] {
    return [];
  }

  /** Whether `iteratedNames(iterable)` hold what the loop yields (see NameWalker's). */
  protected iteratesHolders(_iterable: IPyNode): boolean {
    return false;
  }

  /**
   * `walk`s code that may not run (the right of `and`/`or`, a branch of `a if c else b`, a
   * comprehension's body): a `:=` there binds a module-level name maybe, as a branch of an `if`
   * statement does. Only in a cell that holds a `:=` at all. Returns the names the code binds
   * for sure when it runs (null when not tracked).
   */
  private mayNotRun(scope: Scope, walk: () => void): Set<string> | null {
    if (this.hasWalrus && scope.bindingScope.kind === 'module') {
      return this.branch(walk);
    }
    walk();
    return null;
  }

  /** Evaluates `node` as code that runs later (a type alias' value, a type parameter's bound). */
  protected deferred(node: IPyNode, scope: Scope): void {
    this.expression(node, new Scope('function', scope));
  }
}

/**
 * Whether a call of `callee` (its last name) changes its first argument: a mutating function
 * (`heappush(h, x)`), or one that works in place when passed `copy=False` (`nan_to_num`).
 */
function changesFirstArgument(
  callee: string,
  args: IPyNode,
  text: (node: IPyNode) => string
): boolean {
  return (
    MUTATING_FUNCTIONS.has(callee) ||
    (COPY_FALSE_FUNCTIONS.has(callee) &&
      passesKeyword(args, 'copy', 'false', text))
  );
}

/** Whether `args` pass `keyword` the literal `True` or `False` (`valueType` 'true' or 'false'). */
function passesKeyword(
  args: IPyNode,
  keyword: string,
  valueType: 'true' | 'false',
  text: (node: IPyNode) => string
): boolean {
  for (const c of args.children) {
    if (c.type === 'keyword_argument') {
      const name = field(c, 'name');
      const value = field(c, 'value');
      if (name && text(name) === keyword && value?.type === valueType) {
        return true;
      }
    }
  }
  return false;
}
