/**
 * Compile only's result: a read-only tab with the compiled document, one per notebook, updated
 * in place by the next Compile only. Nothing is written to disk (Export YAML does that).
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

export class YamlPreview extends Widget {
  constructor() {
    super();
    this.addClass('jp-cellpipe-YamlPreview');
    this._pre = document.createElement('pre');
    this._pre.setAttribute('aria-readonly', 'true');
    this.node.appendChild(this._pre);
  }

  get text(): string {
    return this._pre.textContent ?? '';
  }

  set text(value: string) {
    // textContent, never markup: the document holds notebook text.
    this._pre.textContent = value;
  }

  private readonly _pre: HTMLPreElement;
}

/** Opens or updates the preview tabs. */
export class YamlPreviews {
  constructor(
    private readonly open: (widget: MainAreaWidget<YamlPreview>) => void
  ) {}

  show(notebook: string, title: string, text: string): void {
    let widget = this._widgets.get(notebook);
    if (!widget || widget.isDisposed) {
      widget = new MainAreaWidget({ content: new YamlPreview() });
      widget.id = `cellpipe-preview-${this._next++}`;
      widget.title.closable = true;
      this._widgets.set(notebook, widget);
      widget.content.text = text;
      widget.title.label = title;
      widget.title.caption = notebook;
      this.open(widget);
      return;
    }
    widget.content.text = text;
    widget.title.label = title;
    this.open(widget);
  }

  private _next = 1;
  private readonly _widgets = new Map<string, MainAreaWidget<YamlPreview>>();
}
