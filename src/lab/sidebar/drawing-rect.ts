/** A rectangle in a drawing's own units (an SVG's viewBox): its corners, x0 <= x1, y0 <= y1. */
export interface IDrawingRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
