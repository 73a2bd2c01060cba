import {
  MIN_WHOLE_SCALE,
  scrollToShow,
  wholeFitScale
} from '../../../src/lab/sidebar/zoom-pane';

describe('scrollToShow: the pane scrolls as little as it can to show a step', () => {
  const view = { left: 0, top: 1000, width: 200, height: 300 };

  it('leaves a box already in view where it is', () => {
    const rect = { x0: 10, y0: 1100, x1: 100, y1: 1130 };
    expect(scrollToShow(view, rect, 1)).toEqual({ left: 0, top: 1000 });
  });

  it('scrolls down just enough for a box below, and up for one above, with the padding', () => {
    const below = { x0: 10, y0: 2000, x1: 100, y1: 2030 };
    expect(scrollToShow(view, below, 1, 8)).toEqual({
      left: 0,
      top: 2038 - 300
    });
    const above = { x0: 10, y0: 500, x1: 100, y1: 530 };
    expect(scrollToShow(view, above, 1, 8)).toEqual({ left: 0, top: 492 });
  });

  it('works in the drawing units at the drawn scale, and never below 0', () => {
    // At 50 % the box at y 2100 to 2130 is drawn from 1050 to 1065 pixels: in view.
    const rect = { x0: 10, y0: 2100, x1: 100, y1: 2130 };
    expect(scrollToShow(view, rect, 0.5)).toEqual({ left: 0, top: 1000 });
    const top = { x0: 0, y0: 0, x1: 60, y1: 30 };
    expect(scrollToShow(view, top, 1, 8)).toEqual({ left: 0, top: 0 });
  });

  it('scrolls sideways for a box right of the view; a box larger than the view shows its start', () => {
    const right = { x0: 400, y0: 1100, x1: 460, y1: 1130 };
    expect(scrollToShow(view, right, 1, 8)).toEqual({
      left: 468 - 200,
      top: 1000
    });
    const wide = { x0: 400, y0: 1100, x1: 900, y1: 1130 };
    expect(scrollToShow(view, wide, 1, 8).left).toBe(392);
  });
});

describe('wholeFitScale: the run viewer fits a drawing whole where it stays readable', () => {
  it('fits a drawing taller than the box into its height (the six steps of linear-chain)', () => {
    // 376 units tall in a 320-pixel box, narrow enough for its width at 100 %
    expect(wholeFitScale(260, 376, 290, 316)).toBeCloseTo(316 / 376, 5);
  });

  it('fits the width where the width is what is short', () => {
    expect(wholeFitScale(600, 200, 300, 316)).toBe(0.5);
  });

  it('fits the width only, and scrolls, where the whole would be too small to read', () => {
    // 30 steps in a chain, about 2,000 units: the whole would be at 16 %
    expect(316 / 2000).toBeLessThan(MIN_WHOLE_SCALE);
    expect(wholeFitScale(260, 2000, 290, 316)).toBe(1);
  });

  it('fits the width only where the box has no height limit', () => {
    expect(wholeFitScale(260, 2000, 290, 0)).toBe(1);
    expect(wholeFitScale(260, 2000, 290, -4)).toBe(1);
  });
});
