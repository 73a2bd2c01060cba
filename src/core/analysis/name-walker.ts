/**
 * Walks a tree-sitter-python tree in evaluation order and records module-level reads, writes
 * and mutations with Python's own scoping (design §3.2).
 */
import { Scope } from './scope';
import {
  addTargetNames,
  collectFunctionLocals,
  importedNames,
  isTargetList,
  typeAliasName
} from './function-locals';
import { emptySummary, ICellNames, IFunctionSummary } from './cell-names';
import { isGlobalsCall, literalIdentifier } from './dynamic-names';
import { ExpressionWalker } from './expression-walker';
import { changedRoot, memberRoot } from './name-recorder';
import { changesAnItem } from './item-changes';
import { wholeOfPart } from './object-parts';
import {
  ARTIST_MAKERS,
  AXES_KEYWORD,
  AXES_LISTED_BY,
  AXES_REARRANGED_BY,
  CLOSE_FIGURE,
  drawnArtists,
  FIGURE_GETTERS,
  FIGURE_MAKERS,
  FIGURE_PARTS,
  HISTOGRAM,
  PIE,
  MAKE_CURRENT_FIGURE,
  PANDAS_PLOT_ACCESSOR,
  PANDAS_PLOT_KINDS,
  PARTS_OF_CURRENT_FIGURE,
  PYPLOT_ARTISTS,
  SET_CURRENT_AXES
} from './figures';
import { callArgument } from './call-arguments';
import { HANDLE_MAKERS } from './handles';
import { unpassableValue } from './unpassable';
import { makerCallee } from './unpicklable-makers';
import { importSources } from './import-sources';
import { viewedName, viewedThroughFunction } from './array-views';
import { pairedValues } from './paired-values';
import { chainStart } from './dotted-names';
import { fileOpen } from './file-opens';
import { changesItsObject, LOGGER_MAKER } from './mutators';
import {
  changedDefaults,
  closeDefaultChangingCalls,
  parametersReboundAt
} from './changed-defaults';
import { returnsNestedFunction } from './returned-functions';
import { tableLambdas } from './lambda-tables';
import { displayedNames, firstNamedArgument, WRAPPERS } from './held-callables';
import { storedParameters } from './stored-parameters';
import { childOfType, field, IPyNode, namedChildren } from './python-tree';
import { parameterList } from './parameter-list';
import { closeMutatedParameters } from './call-sites';
import { HELD_KEYWORDS, HOLDERS } from './holders';
import { parameterOwners, TRAINER_MAKERS } from './model-training';
import { starredTargetError } from './starred-targets';
import { loneStarError, valueOf } from './starred-expressions';
import { annotatedTargetError } from './annotated-targets';
import { handlerError } from './handler-shapes';
import { isScalarValue, LITERALS } from './scalar-values';

/** Values that make a new list, tuple or dict: what the runtime finds the items of. */
const DISPLAYS: ReadonlySet<string> = new Set([
  'list',
  'tuple',
  'expression_list',
  'dictionary',
  'list_comprehension',
  'dictionary_comprehension'
]);
/** Expressions that CPython refuses as the target of `=`, `for`, `del`, `with ... as`. */
const NOT_TARGETS = new Set([
  'call',
  ...LITERALS,
  'ellipsis',
  'binary_operator',
  'unary_operator',
  'comparison_operator',
  'boolean_operator',
  'not_operator',
  'conditional_expression',
  'lambda',
  'await',
  'yield',
  'named_expression',
  'set',
  'dictionary',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression'
]);
/** What `x += 1` may update: one name, attribute or subscript. */
/** A class body's scope whose class is at module level (type parameters may lie between). */
function isModuleClassScope(scope: Scope): boolean {
  let at = scope.parent;
  while (at?.kind === 'annotation') {
    at = at.parent;
  }
  return at?.kind === 'module';
}

/** Methods that set an instance up as it is made: changing `self` there changes no one's. */
const CONSTRUCTORS: ReadonlySet<string> = new Set([
  '__init__',
  '__new__',
  '__post_init__',
  '__init_subclass__',
  '__set_name__'
]);

/**
 * Calls whose result yields the elements of an iterable they are given: which positional
 * argument (`filter(pred, xs)`: the second), or all (`zip`).
 */
const PASS_THROUGH: ReadonlyMap<string, number | 'all'> = new Map<
  string,
  number | 'all'
>([
  ['enumerate', 0],
  ['reversed', 0],
  ['sorted', 0],
  ['list', 0],
  ['tuple', 0],
  ['iter', 0],
  ['filter', 1],
  ['zip', 'all']
]);

/**
 * Methods that yield what a container holds, the same objects (`frames.items()`,
 * `models.values()`, a NumPy array of axes as `axes.ravel()` or `axes.flatten()`).
 */
const CONTAINER_VIEWS: ReadonlySet<string> = new Set([
  'items',
  'values',
  'ravel',
  'flatten'
]);

/** Targets that unpack a value into names: `fig, ax`, `(fig, ax)`, `[fig, ax]`. */
const UNPACKED_TARGETS: ReadonlySet<string> = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern'
]);

const AUGMENTED_TARGETS = new Set([
  'identifier',
  'attribute',
  'subscript',
  'parenthesized_expression'
]);

export class NameWalker extends ExpressionWalker {
  /** `errors`: where the tree's error nodes start (from `parsePython`). */
  walk(tree: IPyNode, errors: readonly number[]): ICellNames {
    const module = new Scope('module', null);
    this.statements(tree, module);
    this.recordDeletions();
    const functions = Object.entries(this.result.functions);
    if (functions.length > 1) {
      // Between the cell's own functions (`def prepare(df): add_total(df)`).
      closeMutatedParameters(new Map(functions));
      closeDefaultChangingCalls(this.result.functions);
    }
    for (const offset of errors) {
      this.result.syntaxErrors.push(this.use('', offset));
    }
    this.result.incomplete = errors.length > 0;
    return this.result;
  }

  protected statement(node: IPyNode, scope: Scope): void {
    switch (node.type) {
      case 'expression_statement':
        for (const c of node.children) {
          if (c.type === 'assignment') {
            this.assignment(c, scope);
          } else if (c.type === 'augmented_assignment') {
            this.augmentedAssignment(c, scope);
          } else if (c.named) {
            this.expression(c, scope);
            if (c.type === 'call') {
              this.discardedCall(c, scope);
              if (scope.kind === 'module') {
                this.pyplotStatementCall(c);
              }
            }
          }
        }
        this.compileError(loneStarError(valueOf(node)));
        return;
      case 'delete_statement':
        for (const c of node.children) {
          if (c.named) {
            this.deleteTarget(c, scope);
          }
        }
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        return this.importStatement(node, scope);
      case 'global_statement':
        return;
      case 'nonlocal_statement':
        if (scope.kind === 'module') {
          this.syntaxError(node.from); // nonlocal declaration not allowed at module level
        }
        return;
      case 'break_statement':
      case 'continue_statement':
        if (this.loopDepth === 0) {
          this.syntaxError(node.from); // 'break' outside loop
        }
        return;
      case 'return_statement':
        if (!scope.deferred) {
          this.syntaxError(node.from); // 'return' outside function
        }
        this.compileError(loneStarError(valueOf(node)));
        return this.expression(node, scope);
      case 'function_definition':
        return this.functionDefinition(node, scope, []);
      case 'class_definition':
        return this.classDefinition(node, scope, []);
      case 'decorated_definition': {
        const decorators = node.children.filter(c => c.type === 'decorator');
        const definition = field(node, 'definition');
        if (definition?.type === 'function_definition') {
          return this.functionDefinition(definition, scope, decorators);
        }
        if (definition?.type === 'class_definition') {
          return this.classDefinition(definition, scope, decorators);
        }
        decorators.forEach(d => this.decorator(d, scope));
        return;
      }
      case 'for_statement':
        return this.inLoop(() => this.forStatement(node, scope));
      case 'if_statement':
        return scope.kind === 'module'
          ? this.ifStatement(node, scope)
          : this.expression(node, scope);
      case 'while_statement':
        return this.inLoop(() =>
          scope.kind === 'module'
            ? this.whileStatement(node, scope)
            : this.expression(node, scope)
        );
      case 'try_statement':
        if (
          !childOfType(node, 'except_clause') &&
          !childOfType(node, 'finally_clause')
        ) {
          this.syntaxError(node.to);
        }
        this.compileError(handlerError(node));
        return this.withOrTry(node, scope);
      case 'with_statement':
        return this.withOrTry(node, scope);
      case 'match_statement':
        return this.matchStatement(node, scope);
      case 'type_alias_statement': {
        // `type A[T] = V`: A binds at once; V runs later, where T is local.
        const name = typeAliasName(node);
        if (name) {
          this.bind(this.text(name), scope);
        }
        const left = field(node, 'left')?.children[0];
        const params =
          left?.type === 'generic_type'
            ? childOfType(left, 'type_parameter')
            : null;
        const value = field(node, 'right');
        if (value) {
          this.deferred(value, this.typeParams(params, scope));
        }
        return;
      }
      case 'block':
        return this.statements(node, scope);
      default:
        return this.expression(node, scope);
    }
  }

  /**
   * What `del` deletes: a name is read, mutated and left unbound; an item or attribute mutates
   * its root; `del a, (b, [c])` deletes each.
   */
  private deleteTarget(item: IPyNode, scope: Scope): void {
    switch (item.type) {
      case 'expression_list':
      case 'tuple':
      case 'list':
      case 'parenthesized_expression':
        namedChildren(item).forEach(c => this.deleteTarget(c, scope));
        return;
      case 'identifier':
        this.read(item, scope);
        this.mutate(item, scope);
        this.unbind(item, scope, 'del');
        return;
      default:
        this.target(item, scope);
    }
  }

  /** `a = b = value`, `x: T = value`, `x: T`: the value first, then each target. */
  protected assignment(node: IPyNode, scope: Scope): void {
    this.compileError(annotatedTargetError(node, this.source));
    const targets: IPyNode[] = [];
    let value: IPyNode | null = null;
    for (let at: IPyNode | null = node; at;) {
      const left = field(at, 'left');
      const annotation = field(at, 'type');
      const right = field(at, 'right');
      if (left) {
        targets.push(left);
      }
      if (annotation) {
        this.expression(annotation, scope);
      }
      at = null;
      if (right?.type === 'assignment') {
        at = right;
      } else if (right?.type === 'augmented_assignment') {
        this.syntaxError(right.from);
        value = right;
      } else {
        value = right;
      }
    }
    if (!value) {
      return; // `x: int` binds nothing
    }
    this.compileError(loneStarError(value)); // `x = *a`
    const only = targets.length === 1 ? targets[0] : null;
    const lambdas =
      scope.kind === 'module' && only?.type === 'identifier'
        ? value.type === 'lambda'
          ? [value]
          : tableLambdas(value)
        : [];
    if (lambdas.length) {
      this.namedLambdas(this.text(only!), value, lambdas, scope);
    } else {
      this.expression(value, scope);
    }
    targets.forEach(t => this.compileError(starredTargetError(t)));
    const rearrangedFrom =
      scope.kind === 'module' && only?.type === 'identifier'
        ? this.rearrangedSource(value)
        : null;
    // `axes = axes.flatten()`: what `axes` was a part of, before binding it forgets that
    const rearranged =
      rearrangedFrom && this.isFigure(this.text(rearrangedFrom))
        ? {
            source: this.text(rearrangedFrom),
            wholes: this.partWholesOf(this.text(rearrangedFrom))
          }
        : null;
    // the same where `axes` comes from before the cell: see ICellNames.rearrangedAgain
    const again =
      rearrangedFrom !== null &&
      !rearranged &&
      this.text(rearrangedFrom) === this.text(only!) &&
      !this.boundSoFar(this.text(only!));
    if (again) {
      this.noteCalledOn(rearrangedFrom, scope, 'drawnOn');
    }
    targets.forEach(t => this.target(t, scope));
    if (rearranged) {
      this.noteRearrangedAxes(this.text(only!), rearranged);
    } else if (again) {
      this.noteRearrangedAgain(this.text(only!));
    }
    if (scope.kind === 'module') {
      const pairs = pairedValues(targets, value);
      const unpacked = only?.type !== 'identifier';
      for (const [name, part] of pairs) {
        const array = viewedName(part, this.text);
        if (array) {
          this.noteView(this.text(name), this.text(array));
        }
        // `np.reshape(x, 4)` is a method call to the walk: both are noted, the IR keeps one
        const passed = viewedThroughFunction(part, this.text);
        if (passed) {
          this.noteFunctionView(this.text(name), this.text(passed));
        }
        if (unpacked) {
          this.unpackedValue(name, part, pairs);
          // `ax1, ax2 = fig.add_subplot(121), fig.add_subplot(122)`: each as if bound alone
          const callee = part.type === 'call' ? field(part, 'function') : null;
          if (callee) {
            this.figureCall([name], callee, part);
          }
        }
      }
    }
    if (scope.kind === 'module' && targets.length > 1) {
      // `a = b = []`: one object under every name.
      const names = targets
        .filter(t => t.type === 'identifier')
        .map(t => this.text(t));
      if (value.type === 'identifier') {
        names.forEach(name => this.noteAlias(name, this.text(value!)));
      } else {
        names.slice(1).forEach(name => this.noteAlias(name, names[0]));
      }
    }
    if (
      scope.kind === 'module' &&
      only !== null &&
      UNPACKED_TARGETS.has(only.type)
    ) {
      if (value.type === 'call') {
        const callee = field(value, 'function');
        if (callee) {
          this.figureCall(this.unpackedNames(only), callee, value);
        }
      } else if (value.type === 'identifier') {
        // `X, y = data`: each name is one of data's own items, a part of it as `data[0]` is
        const whole = this.text(value);
        this.unpackedNames(only).forEach(name =>
          this.notePart(this.text(name), whole)
        );
      }
    }
    if (
      scope.kind === 'module' &&
      (only?.type === 'subscript' || only?.type === 'attribute')
    ) {
      // `ops["add"] = add_item`, `trainer.hook = log_step`
      const root = memberRoot(only);
      const stored =
        value.type === 'identifier'
          ? [this.text(value)]
          : displayedNames(value, this.text);
      if (root && stored.length) {
        this.noteHeldCallables(this.text(root), stored);
      }
    }
    if (scope.kind === 'module' && only?.type === 'identifier') {
      this.noteHeldCallables(this.text(only), this.callablesHeld(value));
      const unpassable = unpassableValue(value, this.text);
      if (unpassable !== null) {
        this.noteUnpassable(this.text(only), unpassable, only.from);
      } else {
        const maker = makerCallee(value, this.text);
        if (maker !== null) {
          this.noteMakerCall(this.text(only), maker, only.from);
        }
      }
      const listed = this.listedNames(value);
      if (DISPLAYS.has(value.type)) {
        this.noteDisplay(this.text(only));
      }
      this.noteContainer(this.text(only), listed);
      this.noteItems(
        this.text(only),
        listed.length ? listed : this.dictValueNames(value)
      );
      if (value.type === 'identifier') {
        this.noteAlias(this.text(only), this.text(value));
      } else if (isScalarValue(value, this.text)) {
        this.noteScalar(this.text(only));
        this.listedFigureParts(only, value); // `panels = (fig.add_subplot(121), …)`
      } else if (value.type === 'subscript' || value.type === 'attribute') {
        const whole = wholeOfPart(value);
        if (
          whole &&
          !(
            value.type === 'subscript' &&
            field(value, 'value') === whole &&
            !this.isFigure(this.text(whole)) &&
            this.noteDisplayItem(this.text(only), this.text(whole))
          )
        ) {
          this.notePart(this.text(only), this.text(whole));
          if (this.isFigure(this.text(whole))) {
            this.noteFigure(this.text(only)); // `ax = axes[0]`
          } else if (changesItsObject(value, this.text)) {
            this.noteBoundMethod(this.text(only)); // `add = acc.append`
          }
        }
      } else if (value.type === 'call') {
        const callee = field(value, 'function');
        if (callee?.type === 'identifier') {
          this.noteInstance(this.text(only), this.text(callee));
        } else if (callee?.type === 'attribute') {
          const dotted = chainStart(callee, this.text);
          if (dotted !== null) {
            this.noteDottedMaker(this.text(only), dotted);
          }
        }
        if (callee) {
          this.figureCall([only], callee, value);
          const called = this.calleeName(callee);
          if (
            HANDLE_MAKERS.has(called) ||
            fileOpen(callee, this.text) !== null
          ) {
            this.noteHandle(this.text(only));
          } else if (called === LOGGER_MAKER) {
            this.noteLogger(this.text(only));
          } else if (TRAINER_MAKERS.has(called)) {
            this.noteTrainer(this.text(only));
          }
        }
        const args = field(value, 'arguments');
        if (callee && args && HOLDERS.has(this.calleeName(callee))) {
          this.noteHolds(this.text(only), this.heldNames(args));
        } else if (args) {
          const owners = parameterOwners(args, this.text);
          if (owners.length) {
            this.noteHolds(this.text(only), owners); // an optimizer
          }
        }
        const changed = this.changedThroughPartial(value);
        if (changed !== null && changed !== this.text(only)) {
          // `add = partial(put, acc)`, `put` changing the parameter `acc` fills: as `acc.append`
          this.notePart(this.text(only), changed);
          this.noteBoundMethod(this.text(only));
        }
      } else {
        this.listedFigureParts(only, value);
      }
    }
  }

  /** `name = value` where value lists parts of a figure there is (listedFigurePart). */
  private listedFigureParts(name: IPyNode, value: IPyNode): void {
    const part = this.listedFigurePart(value);
    if (part) {
      this.figureCall([name], field(part, 'function')!, part);
    }
  }

  /**
   * The name whose object a call of `partial(fn, …)` changes: the receiver of a method that
   * changes it (`partial(acc.append)`, as `acc.append` itself), or one of the arguments it
   * binds, by position or keyword, to a parameter that `fn`, a function of the cell, changes in
   * place (IFunctionSummary.mutatedParameters); null where none is known.
   */
  private changedThroughPartial(call: IPyNode): string | null {
    const callee = field(call, 'function');
    const args = field(call, 'arguments');
    if (!callee || !args || !WRAPPERS.has(this.calleeName(callee))) {
      return null;
    }
    const given = namedChildren(args);
    if (given[0] && changesItsObject(given[0], this.text)) {
      const whole = wholeOfPart(given[0]);
      return whole ? this.text(whole) : null;
    }
    const wrapped =
      given[0]?.type === 'identifier'
        ? this.result.functions[this.text(given[0])]
        : undefined;
    if (!wrapped?.mutatedParameters.length || wrapped.isClass) {
      return null;
    }
    for (let i = 0; i < wrapped.positional; i++) {
      const parameter = wrapped.parameters[i];
      if (!wrapped.mutatedParameters.includes(parameter)) {
        continue;
      }
      const bound = callArgument(args, i + 1, [parameter], this.text);
      const root = bound && memberRoot(bound);
      if (root) {
        return this.text(root);
      }
    }
    return null;
  }

  /**
   * The call that makes each item of a list or tuple of axes (`[fig.add_subplot(2, 1, 1),
   * fig.add_subplot(2, 1, 2)]`, one callee for all), or of a list or dict of axes made in a
   * comprehension (`[fig.add_subplot(1, 2, i + 1) for i in …]`, `{k: plt.subplot(…) for k in
   * …}`), where it takes a part of a figure there is (FIGURE_PARTS, PARTS_OF_CURRENT_FIGURE);
   * null otherwise.
   */
  private listedFigurePart(value: IPyNode): IPyNode | null {
    if (value.type === 'list' || value.type === 'tuple') {
      const items = namedChildren(value);
      const callee = (item: IPyNode) =>
        item.type === 'call' ? field(item, 'function') : null;
      const first = items.length ? callee(items[0]) : null;
      const one =
        first !== null &&
        items.every(item => {
          const other = callee(item);
          return other !== null && this.text(other) === this.text(first);
        });
      return one ? this.figurePartCall(items[0], null) : null;
    }
    let item =
      value.type === 'list_comprehension' ||
      value.type === 'dictionary_comprehension'
        ? field(value, 'body')
        : null;
    if (item?.type === 'pair') {
      item = field(item, 'value');
    }
    return item ? this.figurePartCall(item, value) : null;
  }

  /**
   * `item` where it is a call that takes a part of a figure there is, on a receiver that is not
   * a variable of `comprehension`'s loops; null otherwise.
   */
  private figurePartCall(
    item: IPyNode,
    comprehension: IPyNode | null
  ): IPyNode | null {
    const callee = item.type === 'call' ? field(item, 'function') : null;
    if (!callee) {
      return null;
    }
    const called = this.calleeName(callee);
    if (!FIGURE_PARTS.has(called) && !PARTS_OF_CURRENT_FIGURE.has(called)) {
      return null;
    }
    const object = callee.type === 'attribute' ? field(callee, 'object') : null;
    const receiver = object && memberRoot(object);
    if (!receiver || !comprehension) {
      return item;
    }
    const looped = new Set<string>();
    for (const clause of comprehension.children) {
      const target =
        clause.type === 'for_in_clause' ? field(clause, 'left') : null;
      if (target) {
        addTargetNames(target, looped, this.text);
      }
    }
    // `[f.add_subplot() for f in figures]`: each on another figure
    return looped.has(this.text(receiver)) ? null : item;
  }

  /** What `name = value` leaves `name` holding for a later call to run (held-callables.ts). */
  private callablesHeld(value: IPyNode): string[] {
    if (value.type !== 'call') {
      return displayedNames(value, this.text);
    }
    const callee = field(value, 'function');
    const wrapped =
      callee && WRAPPERS.has(this.calleeName(callee))
        ? firstNamedArgument(value, this.text)
        : null;
    return wrapped === null ? [] : [wrapped];
  }

  /**
   * `name = lambda …: …` at module level: a function as much as a `def`, so it gets a summary of
   * the globals its body reads and changes (not of the parameters it changes: a lambda's body
   * is one expression, and calls in it are not followed). So does a table of lambdas
   * (`ops = {"add": lambda x: …}`, lambda-tables.ts): one summary for them all, since a call
   * through the name may run any of them; its signature is the first one's.
   */
  private namedLambdas(
    name: string,
    value: IPyNode,
    lambdas: IPyNode[],
    scope: Scope
  ): void {
    const summary = emptySummary(
      parameterList(field(lambdas[0], 'parameters'), this.text)
    );
    this.result.functions[name] = summary;
    const outer = this.lambdaOwners;
    this.lambdaOwners = new Map(lambdas.map(lambda => [lambda, summary]));
    this.expression(value, scope);
    this.lambdaOwners = outer;
  }

  /**
   * `targets = callee(…)` at module level, where the call makes a figure or its axes
   * (figures.ts): the targets are figures, and the later ones a part of the first
   * (`fig, ax = plt.subplots()`), or of the receiver where the call takes a part of its figure
   * (`ax = fig.add_subplot()`). Where it draws an artist on axes of the cell (`im =
   * ax.imshow(a)`, ARTIST_MAKERS; the bars of `ax.hist(x)`, the lists of `ax.pie(x)`), that
   * target is a part of those axes' figure; on axes from before the cell, the IR tells whether
   * they are a figure's (ICellNames.artistsOf); on pyplot, of its current figure where the cell
   * names it (`cbar = plt.colorbar(im)`, PYPLOT_ARTISTS). pandas' plot accessor gives axes as
   * `df.plot()` does (`ax = df.plot.bar()`).
   */
  private figureCall(targets: IPyNode[], callee: IPyNode, call: IPyNode): void {
    const called = this.calleeName(callee);
    const pyplotArtist = PYPLOT_ARTISTS.has(called);
    const artist =
      ARTIST_MAKERS.has(called) ||
      called === HISTOGRAM ||
      called === PIE ||
      pyplotArtist;
    if (
      (!artist &&
        !FIGURE_MAKERS.has(called) &&
        !PANDAS_PLOT_KINDS.has(called)) ||
      !targets.length
    ) {
      return; // most calls: `df = pd.read_csv(p)`
    }
    const receiver =
      callee.type === 'attribute' ? field(callee, 'object') : null;
    const whole = receiver && memberRoot(receiver);
    const onFigure = whole !== null && this.isFigure(this.text(whole));
    const drawn = artist
      ? drawnArtists(called, targets).map(t => this.text(t))
      : [];
    if (onFigure && drawn.length) {
      for (const name of drawn) {
        this.noteFigure(name);
        this.notePart(name, this.text(whole));
      }
      return;
    }
    if (drawn.length && whole && !this.boundSoFar(this.text(whole))) {
      const current = pyplotArtist ? this.currentFigure : null;
      for (const name of drawn) {
        // on axes from before the cell (an import in the cell binds too, so `plt` there is
        // not): a part of their figure where they are one (the IR tells)
        this.noteArtistOf(name, this.text(whole));
        if (current !== null) {
          // `cbar = plt.colorbar(im)`: an artist of pyplot's current figure
          this.noteFigure(name);
          this.notePart(name, current);
        }
      }
    }
    const kind =
      receiver?.type === 'attribute' ? field(receiver, 'attribute') : null;
    const accessor =
      kind !== null &&
      this.text(kind) === PANDAS_PLOT_ACCESSOR &&
      PANDAS_PLOT_KINDS.has(called); // `ax = df.plot.bar()`
    if (!FIGURE_MAKERS.has(called) && !accessor) {
      return;
    }
    const names = targets.map(t => this.text(t));
    names.forEach(name => this.noteFigure(name));
    names.slice(1).forEach(name => this.notePart(name, names[0]));
    if (
      whole &&
      targets.length === 1 &&
      (FIGURE_PARTS.has(called) ||
        (onFigure && PARTS_OF_CURRENT_FIGURE.has(called)))
    ) {
      this.notePart(names[0], this.text(whole));
    }
    if (!onFigure) {
      this.pyplotFigureCall(names[0], called, call);
    }
  }

  /**
   * `name = called(…)` on pyplot or seaborn, not on a figure of the cell (figureCall): where it
   * gives pyplot's current figure or one of its axes (`plt.gca()`, `plt.gcf()`,
   * `sns.histplot(x)`), a part of the current figure the cell names so far, or given with
   * `ax=axes` a part of those axes' figure; where it makes a new current figure
   * (`plt.figure()`), that figure's name.
   */
  private pyplotFigureCall(name: string, called: string, call: IPyNode): void {
    if (PARTS_OF_CURRENT_FIGURE.has(called)) {
      const args = field(call, 'arguments');
      // by keyword only: no position holds the axes in all of these
      const given = args && callArgument(args, -1, [AXES_KEYWORD], this.text);
      const givenRoot = given && memberRoot(given);
      const figure = givenRoot ? this.text(givenRoot) : this.currentFigure;
      if (figure === null) {
        this.currentFigure = name;
      } else if (figure !== name) {
        this.notePart(name, figure);
      }
    } else if (MAKE_CURRENT_FIGURE.has(called)) {
      this.currentFigure = name;
    }
  }

  /**
   * A call standing as a statement at module level, on pyplot: `plt.figure()` makes a figure
   * with no name current, `plt.close()` leaves none, `plt.sca(ax)` makes `ax`'s figure current.
   * A call on a name the cell binds otherwise than by an import (`fh.close()`) is none of these.
   */
  private pyplotStatementCall(call: IPyNode): void {
    const callee = field(call, 'function');
    const called = callee ? this.calleeName(callee) : '';
    if (
      !MAKE_CURRENT_FIGURE.has(called) &&
      called !== CLOSE_FIGURE &&
      called !== SET_CURRENT_AXES
    ) {
      return; // most statement calls: `print(x)`, `df.info()`
    }
    const receiver =
      callee!.type === 'attribute' ? field(callee!, 'object') : null;
    const root = receiver && memberRoot(receiver);
    const owner = root && this.text(root);
    if (
      owner &&
      (this.isFigure(owner) ||
        (this.boundSoFar(owner) && !this.result.imported.includes(owner)))
    ) {
      // `fig.subplots()`, `fh.close()`: pyplot's current figure stays
      return;
    }
    if (MAKE_CURRENT_FIGURE.has(called) || called === CLOSE_FIGURE) {
      this.currentFigure = null;
    } else if (called === SET_CURRENT_AXES) {
      const args = field(call, 'arguments');
      const axes = args ? namedChildren(args) : [];
      this.currentFigure =
        axes.length === 1 && axes[0].type === 'identifier'
          ? this.text(axes[0])
          : null;
    }
  }

  /**
   * The name whose value `value` holds again, rearranged as axes are (`axes.flatten()`,
   * `list(axes.flat)`, figures.ts); null for anything else.
   */
  private rearrangedSource(value: IPyNode): IPyNode | null {
    if (value.type !== 'call') {
      return null;
    }
    const callee = field(value, 'function');
    const args = field(value, 'arguments');
    let source: IPyNode | null = null;
    if (
      callee?.type === 'attribute' &&
      AXES_REARRANGED_BY.has(this.calleeName(callee))
    ) {
      source = field(callee, 'object');
    } else if (
      callee?.type === 'identifier' &&
      AXES_LISTED_BY.has(this.text(callee)) &&
      args
    ) {
      const listed = namedChildren(args);
      source = listed.length === 1 ? listed[0] : null;
      if (source?.type === 'attribute' && this.calleeName(source) === 'flat') {
        source = field(source, 'object');
      }
    }
    return source?.type === 'identifier' ? source : null;
  }

  /** `name = axes.flatten()` (rearrangedSource): the same figure's axes, a part of what they were. */
  private noteRearrangedAxes(
    name: string,
    { source, wholes }: { source: string; wholes: readonly string[] }
  ): void {
    this.noteFigure(name);
    const whole = source !== name ? source : wholes[0];
    if (whole !== undefined) {
      this.notePart(name, whole);
    }
  }

  /** The names of `fig, (ax1, ax2)` and `[fig, axs]`, in order (starred ones left out). */
  private unpackedNames(target: IPyNode): IPyNode[] {
    if (target.type === 'identifier') {
      return [target];
    }
    return UNPACKED_TARGETS.has(target.type)
      ? namedChildren(target).flatMap(c => this.unpackedNames(c))
      : [];
  }

  /**
   * The names a call's arguments hold, at any depth of lists and tuples, and in `steps=`:
   * `Pipeline([("s", scaler), ("m", model)])` and `make_pipeline(scaler, model)` hold both.
   */
  private heldNames(node: IPyNode): string[] {
    switch (node.type) {
      case 'identifier':
        return [this.text(node)];
      case 'argument_list':
      case 'list':
      case 'tuple':
      case 'parenthesized_expression':
        return namedChildren(node).flatMap(c => this.heldNames(c));
      case 'keyword_argument': {
        // `steps=[…]`, `transformer_list=[…]`; not `memory=cache`, not the arguments of a call
        // inside (`PolynomialFeatures(degree)` is an object of its own).
        const name = field(node, 'name');
        const value = field(node, 'value');
        return value && name && HELD_KEYWORDS.has(this.text(name))
          ? this.heldNames(value)
          : [];
      }
      default:
        return [];
    }
  }

  /** The names listed in `[a, b]`, `(a, b)` or `a, b` (not the other elements). */
  private listedNames(node: IPyNode): string[] {
    if (
      node.type !== 'list' &&
      node.type !== 'tuple' &&
      node.type !== 'expression_list'
    ) {
      return [];
    }
    return namedChildren(node)
      .filter(c => c.type === 'identifier')
      .map(c => this.text(c));
  }

  /** `{"train": train, "test": test}` → the names its values are. */
  private dictValueNames(node: IPyNode): string[] {
    if (node.type !== 'dictionary') {
      return [];
    }
    return node.children
      .filter(c => c.type === 'pair')
      .map(pair => field(pair, 'value'))
      .filter(value => value?.type === 'identifier')
      .map(value => this.text(value!));
  }

  private augmentedAssignment(node: IPyNode, scope: Scope): void {
    const target = field(node, 'left');
    if (
      target &&
      !AUGMENTED_TARGETS.has(target.type) &&
      !this.isParenthesizedTarget(target)
    ) {
      this.syntaxError(target.from);
    }
    const value = field(node, 'right');
    if (value) {
      this.expression(value, scope);
    }
    if (target) {
      this.expression(target, scope);
      if (target.type === 'identifier' && scope.kind === 'function') {
        // `xs += [4]` extends the list the caller passed (an int is only rebound: one save more)
        this.mutate(target, scope);
      } else if (target.type === 'identifier' && scope.kind === 'module') {
        const name = this.text(target);
        this.noteAugmented(name);
        this.changeWhatItStandsFor(
          name,
          scope,
          value !== null && CONTAINER_DISPLAYS.has(value.type)
        );
        if (this.isView(name)) {
          // `v = x[:2]` then `v += 1`: on an array the view's memory changes in place, so `v`
          // still views `x` and is changed (the IR carries that to `x` where it is NumPy's)
          this.mutate(target, scope);
          return;
        }
      }
      this.target(target, scope);
    }
  }

  /**
   * One name of `b, n = a, 0` at module level, as `b = a` and `n = 0` note theirs: another name's
   * object, or a scalar written out. Not in a swap (`a, b = b, a`), where each value's name is
   * bound again by the same statement.
   */
  private unpackedValue(
    name: IPyNode,
    value: IPyNode,
    pairs: readonly [IPyNode, IPyNode][]
  ): void {
    if (value.type === 'identifier') {
      const other = this.text(value);
      if (!pairs.some(([target]) => this.text(target) === other)) {
        this.noteAlias(this.text(name), other);
      }
    } else if (isScalarValue(value, this.text)) {
      this.noteScalar(this.text(name));
    }
  }

  /** `(a.b) += 1`, which the grammar reads as a tuple pattern of one element and no comma. */
  private isParenthesizedTarget(node: IPyNode): boolean {
    const inner = namedChildren(node);
    return (
      node.type === 'tuple_pattern' &&
      inner.length === 1 &&
      !this.text(node)
        .slice(inner[0].to - node.from)
        .includes(',')
    );
  }

  /** Binds an assignment target; `a.x = ` and `a[i] = ` mutate `a`. */
  protected target(node: IPyNode, scope: Scope): void {
    switch (node.type) {
      case 'identifier':
        return this.bind(this.text(node), scope);
      case 'attribute':
      case 'subscript': {
        if (node.type === 'subscript' && this.globalsItem(node, scope)) {
          return;
        }
        this.expression(node, scope);
        const root = changedRoot(node, this.text);
        if (root) {
          this.mutate(root, scope, changesAnItem(node, root, true));
        }
        return;
      }
      default:
        if (isTargetList(node)) {
          for (const c of node.children) {
            if (c.named) {
              this.target(c, scope);
            }
          }
          return;
        }
        if (NOT_TARGETS.has(node.type)) {
          this.syntaxError(node.from);
        }
        return this.expression(node, scope);
    }
  }

  /**
   * `globals()['alpha'] = …` binds `alpha` as `alpha = …` does (at module level; in a function,
   * when called, so only as a name the analysis cannot follow); `globals()[key] = …` binds a
   * name the analysis cannot know. False when the target is not an item of `globals()`.
   */
  private globalsItem(node: IPyNode, scope: Scope): boolean {
    const value = field(node, 'value');
    if (!isGlobalsCall(value, this.text)) {
      return false;
    }
    const key = field(node, 'subscript');
    const name = literalIdentifier(key, this.text);
    if (name !== null && scope.kind === 'module') {
      this.bind(name, scope);
      return true;
    }
    if (key) {
      this.expression(key, scope);
    }
    this.result.dynamicBindings.push(this.use('globals()', node.from));
    return true;
  }

  protected importStatement(node: IPyNode, scope: Scope): void {
    if (this.source.charCodeAt(node.to - 1) === 44 /* , */) {
      // `from x import a,` (a tuple of names needs its parentheses), `import a,`
      const bare = !this.text(node).includes('(');
      if (bare) {
        this.syntaxError(
          node.to - 1,
          node.type === 'import_statement'
            ? 'invalid syntax'
            : 'trailing comma not allowed without surrounding parentheses'
        );
      }
    }
    const star = childOfType(node, 'wildcard_import');
    if (star) {
      if (scope.kind !== 'module') {
        this.syntaxError(star.from, 'import * only allowed at module level');
      }
      const module = field(node, 'module_name');
      this.result.starImports.push(
        this.use(
          module ? this.source.slice(module.from, module.to) : '',
          star.from
        )
      );
    }
    for (const name of importedNames(node, this.text)) {
      this.bind(name, scope);
      if (scope.kind === 'module') {
        this.result.imported.push(name);
      }
    }
    if (scope.kind === 'module') {
      for (const [name, dotted] of importSources(node, this.text)) {
        this.noteImportSource(name, dotted);
      }
    }
  }

  protected functionDefinition(
    node: IPyNode,
    scope: Scope,
    decorators: IPyNode[]
  ): void {
    decorators.forEach(d => this.decorator(d, scope));
    const name = field(node, 'name');
    const params = field(node, 'parameters');
    const typeScope = this.typeParams(field(node, 'type_parameters'), scope);
    const functionScope = new Scope('function', typeScope);
    if (params) {
      this.parameters(params, scope, functionScope, typeScope);
    }
    const returns = field(node, 'return_type');
    if (returns) {
      this.expression(returns, typeScope);
    }
    if (name) {
      this.bind(this.text(name), scope);
    }
    const body = field(node, 'body');
    if (!body) {
      return;
    }
    collectFunctionLocals(body, functionScope, this.text);
    const loops = this.loopDepth;
    this.loopDepth = 0; // a loop around the definition is not the body's
    const outer = this.currentFunction;
    const outerScope = this.currentFunctionScope;
    const summary: IFunctionSummary | null =
      scope.kind === 'module' && name
        ? emptySummary(parameterList(params, this.text))
        : null;
    const outerAsGiven = this.parametersAsGiven;
    if (summary && name) {
      this.result.functions[this.text(name)] = summary;
      this.currentFunction = summary;
      this.currentFunctionScope = functionScope;
      this.parametersAsGiven = {
        reboundAt: parametersReboundAt(body, summary.parameters, this.text),
        changed: []
      };
      // A call of the decorated function runs what the decorator wrapped it in (`@log_calls`,
      // whose wrapper appends to a global): it reads the decorator, and through it what that reads
      // and changes.
      for (const decorator of decorators) {
        const root = decoratorRoot(decorator);
        const used = root ? this.text(root) : null;
        if (used && !summary.globalReads.includes(used)) {
          summary.globalReads.push(used);
        }
      }
    }
    const outerMethod = this.currentMethod;
    if (scope.kind === 'class' && outer?.isClass && name) {
      // A method of the module-level class itself (not of a class inside it), not static.
      const all = parameterList(params, this.text);
      const self = all.positional > 0 ? all.parameters[0] : undefined;
      const isStatic = decorators.some(d =>
        /^@\s*staticmethod\b/.test(this.text(d))
      );
      this.currentMethod =
        self !== undefined &&
        !isStatic &&
        !CONSTRUCTORS.has(this.text(name)) &&
        isModuleClassScope(scope)
          ? {
              name: this.text(name),
              self,
              scope: functionScope,
              changes: {
                parameters: all.parameters.slice(1),
                positional: Math.max(0, all.positional - 1),
                ...(all.rest === undefined ? {} : { rest: all.rest }),
                mutatedParameters: []
              }
            }
          : null;
      if (
        self !== undefined &&
        this.text(name) === '__init__' &&
        isModuleClassScope(scope)
      ) {
        const held = storedParameters(body, self, all, this.text);
        if (held.length) {
          outer.heldArguments = held;
        }
      }
    }
    this.statements(body, functionScope);
    if (summary && !summary.isClass) {
      const usesGlobals =
        summary.globalReads.length !== 0 || summary.globalWrites.length !== 0;
      if (
        (summary.makesStatefulClosures || usesGlobals) &&
        returnsNestedFunction(body, this.text)
      ) {
        if (usesGlobals) {
          summary.returnsFunction = true;
        }
      } else {
        delete summary.makesStatefulClosures; // its closures stay inside it
      }
    }
    if (summary && this.parametersAsGiven?.changed.length) {
      const kept = changedDefaults(
        params,
        this.parametersAsGiven.changed,
        this.text
      );
      if (kept.length) {
        summary.changedDefaults = kept;
      }
    }
    const changes = this.currentMethod?.changes;
    if (
      name &&
      changes?.mutatedParameters.length &&
      this.currentMethod !== outerMethod
    ) {
      this.noteMethodMutations(this.text(name), changes);
    }
    this.loopDepth = loops;
    this.currentFunction = outer;
    this.currentFunctionScope = outerScope;
    this.parametersAsGiven = outerAsGiven;
    this.currentMethod = outerMethod;
  }

  private classDefinition(
    node: IPyNode,
    scope: Scope,
    decorators: IPyNode[]
  ): void {
    decorators.forEach(d => this.decorator(d, scope));
    const typeScope = this.typeParams(field(node, 'type_parameters'), scope);
    const args = field(node, 'superclasses');
    if (args) {
      this.expression(args, typeScope);
    }
    const body = field(node, 'body');
    const name = field(node, 'name');
    const outer = this.currentFunction;
    if (scope.kind === 'module' && name) {
      this.currentFunction = { ...emptySummary(), isClass: true };
      this.result.functions[this.text(name)] = this.currentFunction;
    }
    if (body) {
      const loops = this.loopDepth;
      this.loopDepth = 0;
      this.statements(body, new Scope('class', typeScope));
      this.loopDepth = loops;
    }
    this.currentFunction = outer;
    if (name) {
      this.bind(this.text(name), scope);
    }
  }

  /**
   * PEP 695 type parameters (`[T: Bound, *Ts, **P]`): a scope of their own where they are
   * local, inside `scope`; bounds run later (lazily) there. `scope` itself when there are none.
   */
  private typeParams(list: IPyNode | null, scope: Scope): Scope {
    if (!list) {
      return scope;
    }
    const inner = new Scope('annotation', scope);
    const bounds: IPyNode[] = [];
    for (const param of list.children) {
      const declared = param.type === 'type' ? param.children[0] : null;
      let name: IPyNode | null = null;
      if (declared?.type === 'identifier') {
        name = declared;
      } else if (declared?.type === 'splat_type') {
        name = childOfType(declared, 'identifier');
      } else if (declared?.type === 'constrained_type') {
        // `T: Bound`: a type whose first part is the name
        name = declared.children[0]?.children[0] ?? null;
        const bound = declared.children[declared.children.length - 1];
        if (bound && bound !== declared.children[0]) {
          bounds.push(bound);
        }
      }
      if (name?.type === 'identifier') {
        inner.locals.add(this.text(name));
      }
    }
    bounds.forEach(b => this.deferred(b, inner));
    return inner;
  }

  /** `@a.b(args)`: reads `a` and the arguments (a decorator call mutates nothing). */
  private decorator(node: IPyNode, scope: Scope): void {
    for (const e of node.children) {
      if (!e.named) {
        continue;
      }
      if (e.type === 'call') {
        for (const part of e.children) {
          if (part.named) {
            this.expression(part, scope);
          }
        }
      } else {
        this.expression(e, scope);
      }
    }
  }

  /**
   * How many loops (`for`, `while`) enclose the statement being walked. A loop's `else` counts as
   * inside (CPython refuses `break` there): such an error is missed, never a false one made.
   */
  private loopDepth = 0;

  private inLoop(walk: () => void): void {
    this.loopDepth++;
    walk();
    this.loopDepth--;
  }

  /**
   * `if`/`elif`/`else` at module level: the conditions run, then one branch; a name is bound for
   * sure where every branch binds it and there is an `else`.
   */
  private ifStatement(node: IPyNode, scope: Scope): void {
    const branches: Set<string>[] = [];
    let exhaustive = false;
    for (const c of node.children) {
      if (c.field === 'condition') {
        this.expression(c, scope);
      } else if (c.field === 'consequence') {
        branches.push(this.branch(() => this.statements(c, scope)));
      } else if (c.type === 'elif_clause' || c.type === 'else_clause') {
        exhaustive = c.type === 'else_clause';
        branches.push(this.branch(() => this.expression(c, scope)));
      } else if (c.named) {
        this.expression(c, scope);
      }
    }
    if (exhaustive) {
      this.settle(common(branches));
    }
  }

  /**
   * `while` at module level: its body may not run. Under `while True` its first pass runs the
   * body's statements up to the first that may `break`: those bind for sure, the rest may not.
   */
  private whileStatement(node: IPyNode, scope: Scope): void {
    const condition = field(node, 'condition');
    const body = field(node, 'body');
    if (condition) {
      this.expression(condition, scope);
    }
    const forever = condition?.type === 'true';
    let mayHaveLeft = !forever;
    for (const c of node.children) {
      if (!c.named || c === condition) {
        continue;
      }
      if (c !== body) {
        this.branch(() => this.statement(c, scope)); // `else`
        continue;
      }
      for (const statement of forever ? c.children : [c]) {
        mayHaveLeft ||= breaks(statement);
        if (mayHaveLeft) {
          this.branch(() => this.statement(statement, scope));
        } else {
          this.statement(statement, scope);
        }
      }
    }
  }

  private forStatement(node: IPyNode, scope: Scope): void {
    for (const c of node.children) {
      if (c.field === 'right') {
        this.expression(c, scope);
        if (c.type === 'identifier') {
          this.noteCalledOn(c, scope, 'handleCalls'); // `for line in fh:` reads the file
        }
      }
    }
    if (scope.kind === 'module' && !this.runsWholeBodyOnce(node)) {
      this.branch(() => this.loop(node, scope)); // the iterable may be empty
    } else {
      this.loop(node, scope);
    }
  }

  /**
   * A loop over a non-empty display (`for f in ["a.csv", "b.csv"]`, `range(3)`) whose body has
   * no `break` or `continue`: the body runs once at least, to its end.
   */
  private runsWholeBodyOnce(node: IPyNode): boolean {
    const right = field(node, 'right');
    const body = field(node, 'body');
    if (!right || !body) {
      return false;
    }
    return (
      this.neverEmpty(right) && !/\b(break|continue)\b/.test(this.text(body))
    );
  }

  /** An iterable written so that it has an element: a display with a plain one, `range(N > 0)`. */
  private neverEmpty(iterable: IPyNode): boolean {
    if (
      iterable.type === 'list' ||
      iterable.type === 'tuple' ||
      iterable.type === 'set'
    ) {
      // `[*rows]` may be empty: one plain element at least.
      return namedChildren(iterable).some(c => c.type !== 'list_splat');
    }
    if (iterable.type === 'call') {
      const callee = field(iterable, 'function');
      const args = field(iterable, 'arguments');
      const only = args ? namedChildren(args) : [];
      return (
        callee?.type === 'identifier' &&
        this.text(callee) === 'range' &&
        only.length === 1 &&
        only[0].type === 'integer' &&
        Number(this.text(only[0]).replace(/_/g, '')) > 0
      );
    }
    return false;
  }

  /** A `for` statement's target, body and `else`, after its iterable. */
  private loop(node: IPyNode, scope: Scope): void {
    const left = field(node, 'left');
    if (left) {
      this.compileError(starredTargetError(left));
      this.target(left, scope);
    }
    const walkBody = () => {
      for (const c of node.children) {
        if (c.named && c.field !== 'left' && c.field !== 'right') {
          this.statement(c, scope);
        }
      }
    };
    // `for dataset in [train, test]:` (or a list this cell made, or `for m in models:`): where
    // the body changes the loop variable, it changes what the iterable holds.
    // In a function, `for m in models: m.fit(X)` changes the parameter `models`.
    const right = field(node, 'right');
    const inFunction = scope.kind === 'function';
    const elements =
      !left || !right || (scope.kind !== 'module' && !inFunction)
        ? []
        : this.loopSources(right).filter(
            name => !inFunction || scope.resolve(name) === 'local'
          );
    const variables = elements.length ? this.loopVariables(left!) : [];
    if (!variables.length) {
      walkBody();
    } else if (inFunction) {
      this.withLocalAliases(
        variables,
        elements,
        scope,
        walkBody,
        this.iteratesHolders(right!)
      );
    } else {
      this.withLoopAliases(variables, elements, walkBody);
    }
  }

  protected iteratedNames(iterable: IPyNode): string[] {
    return this.loopSources(iterable);
  }

  /**
   * Whether the names `loopSources` gives for `iterable` hold what the loop yields (`for f in
   * frames`, `for i, f in enumerate(frames)`) rather than being it (`for f in [a, b]`, or a list
   * this cell made of names).
   */
  protected iteratesHolders(iterable: IPyNode): boolean {
    switch (iterable.type) {
      case 'identifier':
        return this.containerElements(this.text(iterable)) === undefined;
      case 'list':
      case 'tuple':
      case 'expression_list':
        return false;
      case 'parenthesized_expression': {
        const inner = namedChildren(iterable)[0];
        return inner ? this.iteratesHolders(inner) : false;
      }
      default:
        return true;
    }
  }

  /**
   * The module-level names whose contents a loop over `iterable` yields: the names listed
   * (`[train, test]`, or a list this cell made of names), else the container itself (`models`,
   * `data["splits"]`, `frames.items()`), through `enumerate`, `zip`, `reversed` and the like.
   */
  private loopSources(iterable: IPyNode): string[] {
    switch (iterable.type) {
      case 'identifier': {
        const name = this.text(iterable);
        return this.containerElements(name) ?? [name];
      }
      case 'list':
      case 'tuple':
      case 'expression_list':
        return this.listedNames(iterable);
      case 'attribute':
      case 'subscript': {
        const root = memberRoot(iterable);
        return root ? [this.text(root)] : [];
      }
      case 'parenthesized_expression': {
        const inner = namedChildren(iterable)[0];
        return inner ? this.loopSources(inner) : [];
      }
      case 'call':
        return this.callSources(iterable);
      default:
        return [];
    }
  }

  /**
   * `enumerate(xs)`, `zip(names, frames)`, `frames.items()`, `ax.get_xticklabels()`: what
   * `loopSources` reads through.
   */
  private callSources(call: IPyNode): string[] {
    const callee = field(call, 'function');
    const args = field(call, 'arguments');
    if (!callee || args?.type !== 'argument_list') {
      return [];
    }
    if (callee.type === 'attribute') {
      const method = field(callee, 'attribute');
      const object = field(callee, 'object');
      return method &&
        object &&
        (CONTAINER_VIEWS.has(this.text(method)) ||
          FIGURE_GETTERS.has(this.text(method)))
        ? this.loopSources(object)
        : [];
    }
    const passed =
      callee.type === 'identifier' ? PASS_THROUGH.get(this.text(callee)) : null;
    if (passed === undefined || passed === null) {
      return [];
    }
    const positional = namedChildren(args).filter(
      arg => arg.type !== 'keyword_argument'
    );
    return (passed === 'all' ? positional : [positional[passed]])
      .filter(arg => arg !== undefined)
      .flatMap(arg => this.loopSources(arg));
  }

  /** The names a `for` target binds: `row`, or each of `i, (name, frame)`. */
  private loopVariables(left: IPyNode): string[] {
    const names = new Set<string>();
    addTargetNames(left, names, node => this.text(node));
    return [...names];
  }

  /**
   * `with a as b:` and `except E as e:`: the expression, then the target after `as`; the rest
   * (blocks, clauses) as statements. At module level, what is bound for sure: a `with` body's
   * names (not under `suppress(…)`, which may skip the rest of the body); a `try`'s names bound
   * by its body (and `else`) and by every handler that does not end by raising, and its
   * `finally`'s.
   */
  private withOrTry(node: IPyNode, scope: Scope): void {
    const tracked = scope.kind === 'module';
    const isTry = node.type === 'try_statement';
    let skippable = false;
    const ways: Set<string>[] = [];
    let settled = !tracked;
    const settleTry = () => {
      if (!settled) {
        settled = true;
        this.settle(common(ways));
      }
    };
    for (const c of node.children) {
      if (!c.named) {
        continue;
      }
      if (c.type === 'with_clause') {
        for (const item of c.children) {
          const value = field(item, 'value');
          if (value) {
            skippable ||= tracked && /\bsuppress\s*\(/.test(this.text(value));
            this.asBinding(value, scope);
          }
        }
      } else if (c.type === 'except_clause') {
        const handler = () => this.exceptClause(c, scope);
        if (!tracked) {
          handler();
        } else if (endsByRaising(c)) {
          this.branch(handler);
        } else {
          ways.push(this.branch(handler));
        }
      } else if (tracked && isTry && c.type === 'block') {
        ways.unshift(this.branch(() => this.statement(c, scope)));
      } else if (tracked && isTry && c.type === 'else_clause') {
        const body = ways[0];
        this.branch(() => this.statement(c, scope)).forEach(n => body?.add(n));
      } else if (c.type === 'finally_clause') {
        settleTry();
        this.statement(c, scope);
      } else if (skippable && c.type === 'block') {
        this.branch(() => this.statement(c, scope));
      } else {
        this.statement(c, scope);
      }
    }
    if (isTry) {
      settleTry();
    }
  }

  private exceptClause(clause: IPyNode, scope: Scope): void {
    let alias: IPyNode | null = null;
    for (const part of clause.children) {
      if (part.field === 'value') {
        this.asBinding(part, scope);
        alias = exceptAlias(part);
      } else if (part.type === 'block') {
        this.statements(part, scope);
      }
    }
    if (alias) {
      this.unbind(alias, scope, 'except'); // Python deletes it at the clause's end
    }
  }

  private asBinding(value: IPyNode, scope: Scope): void {
    const inner = namedChildren(value);
    if (
      value.type === 'parenthesized_expression' &&
      inner.length === 1 &&
      inner[0].type === 'as_pattern'
    ) {
      return this.asBinding(inner[0], scope); // `with (open(p) as f):`
    }
    if (value.type !== 'as_pattern') {
      return this.expression(value, scope);
    }
    const alias = field(value, 'alias');
    for (const c of value.children) {
      if (c.named && c !== alias) {
        this.expression(c, scope);
      }
    }
    alias?.children.forEach(t => {
      if (t.named) {
        this.compileError(starredTargetError(t));
        this.target(t, scope);
      }
    });
  }

  private matchStatement(node: IPyNode, scope: Scope): void {
    for (const c of node.children) {
      if (c.field === 'subject') {
        this.expression(c, scope);
      }
    }
    const body = field(node, 'body');
    const ways: Set<string>[] = [];
    let exhaustive = false;
    for (const clause of body?.children ?? []) {
      if (clause.type !== 'case_clause') {
        continue;
      }
      const walk = () => {
        for (const c of clause.children) {
          if (c.type === 'case_pattern') {
            this.pattern(c, scope);
          } else if (c.field === 'guard') {
            this.expression(c, scope);
          } else if (c.type === 'block') {
            this.statements(c, scope);
          }
        }
      };
      if (scope.kind !== 'module') {
        walk();
        continue;
      }
      ways.push(this.branch(walk));
      // `case _:` or `case name:` with no guard matches whatever is left.
      const patterns = clause.children.filter(c => c.type === 'case_pattern');
      exhaustive ||=
        patterns.length === 1 &&
        !clause.children.some(c => c.field === 'guard') &&
        /^[A-Za-z_]\w*$/.test(this.text(patterns[0]).trim()) &&
        !LITERAL_PATTERNS.has(this.text(patterns[0]).trim());
    }
    if (exhaustive) {
      this.settle(common(ways));
    }
  }
}

/** Statements whose `break` is not the enclosing loop's. */
const OWN_BREAKS = new Set([
  'for_statement',
  'while_statement',
  'function_definition',
  'class_definition',
  'decorated_definition'
]);

/** Whether a statement of a loop's body is, or holds, a `break` of that loop. */
function breaks(node: IPyNode): boolean {
  return (
    node.type === 'break_statement' ||
    (!OWN_BREAKS.has(node.type) && node.children.some(breaks))
  );
}

/** `case None:`, `case True:`, `case False:` match one value, not whatever is left. */
const LITERAL_PATTERNS = new Set(['None', 'True', 'False']);

/** The names every one of `sets` holds (none when there are no sets). */
function common(sets: readonly Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  const found = new Set<string>();
  first?.forEach(name => {
    if (rest.every(set => set.has(name))) {
      found.add(name);
    }
  });
  return found;
}

/** An `except` clause whose block ends with `raise`: code after the `try` never follows it. */
function endsByRaising(clause: IPyNode): boolean {
  const block = clause.children.find(c => c.type === 'block');
  const last = block?.children
    .filter(c => c.named && c.type !== 'comment')
    .pop();
  return last?.type === 'raise_statement';
}

/** `except E as e:` → the identifier `e`; null without `as`. */
function exceptAlias(value: IPyNode): IPyNode | null {
  if (value.type !== 'as_pattern') {
    return null;
  }
  const target = field(value, 'alias')?.children.find(c => c.named);
  return target?.type === 'identifier' ? target : null;
}

/** The name a decorator starts from: `log_calls` of `@log_calls`, `@log_calls(3)`, `@log.calls`. */
function decoratorRoot(decorator: IPyNode): IPyNode | null {
  const expression = namedChildren(decorator)[0];
  const callee =
    expression?.type === 'call' ? field(expression, 'function') : expression;
  return callee ? memberRoot(callee) : null;
}

/**
 * A list, set or dict written out or made by a comprehension: `ys += [2]` or `d |= {"k": 1}`
 * says `ys` and `d` are a list and a dict, changed in place.
 */
const CONTAINER_DISPLAYS: ReadonlySet<string> = new Set([
  'list',
  'set',
  'dictionary',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension'
]);
