import { IFrames, NextFrame } from '../../../src/lab/sidebar/next-frame';

/** Animation frames the test runs by hand. */
class Frames implements IFrames {
  pending = new Map<number, () => void>();
  private next = 1;
  request = (callback: () => void) => {
    const handle = this.next++;
    this.pending.set(handle, callback);
    return handle;
  };
  cancel = (handle: number) => {
    this.pending.delete(handle);
  };
  run(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    due.forEach(callback => callback());
  }
}

describe('next frame', () => {
  it('runs once in the next frame however often it was asked for before it', () => {
    const frames = new Frames();
    let runs = 0;
    const next = new NextFrame(() => runs++, frames);
    next.request();
    next.request();
    next.request();
    expect(runs).toBe(0);
    expect(frames.pending.size).toBe(1);
    frames.run();
    expect(runs).toBe(1);
    // Asked again after the frame: one more run, in the frame after.
    next.request();
    frames.run();
    expect(runs).toBe(2);
  });

  it('forgets a pending request when cancelled', () => {
    const frames = new Frames();
    let runs = 0;
    const next = new NextFrame(() => runs++, frames);
    next.request();
    next.cancel();
    expect(frames.pending.size).toBe(0);
    frames.run();
    expect(runs).toBe(0);
    next.request();
    frames.run();
    expect(runs).toBe(1);
  });
});
