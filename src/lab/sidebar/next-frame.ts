/**
 * Work done once per animation frame, however often it is asked for before the frame: the
 * diagnostics markers in the cell editors follow the analysis this way. Writing to an editor is
 * a CodeMirror update (its DOM, and the selection of the focused editor, which makes the browser
 * lay the page out): in a 1,000-cell notebook about 3 ms a keystroke, which in the analysis's
 * own microtask would hold back the DAG. In the frame it still reaches the screen with the text
 * and the DAG, and several analyses before one frame write to the editors once.
 */

/** requestAnimationFrame and cancelAnimationFrame (tests pass frames they run by hand). */
export interface IFrames {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const animationFrames: IFrames = {
  request: callback => requestAnimationFrame(() => callback()),
  cancel: handle => cancelAnimationFrame(handle)
};

export class NextFrame {
  constructor(
    private readonly callback: () => void,
    private readonly frames: IFrames = animationFrames
  ) {}

  /** Runs the callback in the next frame (once, if asked again before it). */
  request(): void {
    if (this._handle === null) {
      this._handle = this.frames.request(() => {
        this._handle = null;
        this.callback();
      });
    }
  }

  /** Forgets a pending request. */
  cancel(): void {
    if (this._handle !== null) {
      this.frames.cancel(this._handle);
      this._handle = null;
    }
  }

  private _handle: number | null = null;
}
