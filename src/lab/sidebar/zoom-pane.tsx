/**
 * A drawing that fits its box, zooms and pans (the sidebar DAG and the run viewer's DAG). It
 * starts fitted to the width it is given, never larger than 100 %; the buttons zoom in and out
 * or fit again; dragging the background pans a drawing larger than its box (scrolling does too).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React, {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState
} from 'react';
import { IDrawingRect } from './drawing-rect';
import { NextFrame } from './next-frame';

export const ZOOM_STEP = 1.25;
export const MIN_SCALE = 0.2;
export const MAX_SCALE = 4;

/** The scale that fits `width` into `room` pixels: at most 1, at least MIN_SCALE. */
export function fitScale(width: number, room: number): number {
  if (width <= 0 || room <= 0) {
    return 1;
  }
  return Math.max(MIN_SCALE, Math.min(1, room / width));
}

/**
 * The least scale at which a drawing is fitted whole (IZoomPaneProps.fitWhole): below it, the
 * boxes' names are too small to read, and the drawing fits its width only, scrolled for the rest.
 */
export const MIN_WHOLE_SCALE = 0.5;

/**
 * The scale that fits a `width` × `height` drawing into `room` pixels wide and `roomHeight` high
 * (0: no limit), where that scale is MIN_WHOLE_SCALE or more; else the width's fit.
 */
export function wholeFitScale(
  width: number,
  height: number,
  room: number,
  roomHeight: number
): number {
  const widthFit = fitScale(width, room);
  if (roomHeight <= 0) {
    return widthFit;
  }
  const whole = Math.min(widthFit, fitScale(height, roomHeight));
  return whole >= MIN_WHOLE_SCALE ? whole : widthFit;
}

/** The next scale after a zoom in (+1) or out (-1) from `scale`, kept within the limits. */
export function zoomedScale(scale: number, direction: 1 | -1): number {
  const next = direction > 0 ? scale * ZOOM_STEP : scale / ZOOM_STEP;
  return Math.max(MIN_SCALE, Math.min(MAX_SCALE, next));
}

/** The scroll position of a box, and the size of what it shows, in pixels. */
export interface IScrollView {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where to scroll `view` so that `rect` (in the drawing's own units, drawn at `scale`) is in it
 * with `pad` pixels around it, moving as little as possible: unchanged when it is already in
 * view; a rectangle larger than the view shows its top left corner.
 */
export function scrollToShow(
  view: IScrollView,
  rect: IDrawingRect,
  scale: number,
  pad = 8
): { left: number; top: number } {
  const along = (start: number, size: number, from: number, to: number) => {
    const low = from * scale - pad;
    const high = to * scale + pad;
    if (low < start || high - low > size) {
      return Math.max(0, low);
    }
    if (high > start + size) {
      return Math.max(0, high - size);
    }
    return start;
  };
  return {
    left: along(view.left, view.width, rect.x0, rect.x1),
    top: along(view.top, view.height, rect.y0, rect.y1)
  };
}

/** What the drawing can ask of the pane. */
export interface IZoomPaneControl {
  /** Scrolls the box so that `rect` (in the drawing's own units) is in view. */
  reveal(rect: IDrawingRect): void;
}

export interface IZoomPaneProps {
  /** The drawing's own size, in SVG user units. */
  width: number;
  height: number;
  /** Classes of the scrolling box (besides jp-cellpipe-ZoomPane-scroll). */
  className?: string;
  trans: TranslationBundle;
  /**
   * Fit the drawing whole, its height into the box's max-height too, where it stays readable
   * (wholeFitScale): the run viewer's short box. The sidebar fits the width only, and a long
   * pipeline scrolls down.
   */
  fitWhole?: boolean;
  /**
   * Follow the visible part of the drawing (scrolling, resizing, zooming) and hand it to
   * `children`; without it `children` gets null and is not re-rendered on scroll.
   */
  trackVisible?: boolean;
  /**
   * Draws the SVG at the size given (its viewBox stays the drawing's own size). `visible` is the
   * part of the drawing in the box, in the drawing's own units (null: not followed, or not known
   * yet). `pane` scrolls the box.
   */
  children: (
    size: { width: number; height: number },
    visible: IDrawingRect | null,
    pane: IZoomPaneControl
  ) => JSX.Element;
}

export function ZoomPane(props: IZoomPaneProps): JSX.Element {
  const { width, height, trans } = props;
  const scroll = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<'fit' | number>('fit');
  const [room, setRoom] = useState(0);
  /** The box's max-height in pixels, where the drawing is fitted whole (0: none). */
  const [roomHeight, setRoomHeight] = useState(0);
  const drag = useRef<{
    x: number;
    y: number;
    left: number;
    top: number;
  } | null>(null);

  const trackVisible = props.trackVisible === true;
  const [view, setView] = useState<IScrollView | null>(null);
  const readView = useCallback(() => {
    const node = scroll.current;
    if (!node || !trackVisible) {
      return;
    }
    const next = {
      left: node.scrollLeft,
      top: node.scrollTop,
      width: node.clientWidth,
      height: node.clientHeight
    };
    setView(previous =>
      previous &&
      previous.left === next.left &&
      previous.top === next.top &&
      previous.width === next.width &&
      previous.height === next.height
        ? previous
        : next
    );
  }, [trackVisible]);
  // Scrolling reads the view once per animation frame.
  const scrollFrame = useMemo(() => new NextFrame(readView), [readView]);
  useEffect(() => () => scrollFrame.cancel(), [scrollFrame]);
  const onScroll = () => {
    if (trackVisible) {
      scrollFrame.request();
    }
  };

  useEffect(() => {
    const node = scroll.current;
    if (!node) {
      return;
    }
    const measure = () => {
      setRoom(node.clientWidth);
      if (props.fitWhole) {
        setRoomHeight(parseFloat(getComputedStyle(node).maxHeight) || 0);
      }
      readView();
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [readView, props.fitWhole]);

  // Room for the drawing: the box's width (and height) less a little, so that no scroll bar
  // appears.
  const fitted = wholeFitScale(width, height, room - 4, roomHeight - 4);
  const scale = zoom === 'fit' ? fitted : zoom;
  const size = {
    width: Math.round(width * scale),
    height: Math.round(height * scale)
  };
  const zoomBy = (direction: 1 | -1) => setZoom(zoomedScale(scale, direction));
  const visible =
    trackVisible && view && scale > 0
      ? {
          x0: view.left / scale,
          y0: view.top / scale,
          x1: (view.left + view.width) / scale,
          y1: (view.top + view.height) / scale
        }
      : null;

  // Read in reveal, which may run in an event handler after a render with another scale.
  const scaleNow = useRef(scale);
  scaleNow.current = scale;
  const pane = useMemo<IZoomPaneControl>(
    () => ({
      reveal: rect => {
        const node = scroll.current;
        if (!node) {
          return;
        }
        const to = scrollToShow(
          {
            left: node.scrollLeft,
            top: node.scrollTop,
            width: node.clientWidth,
            height: node.clientHeight
          },
          rect,
          scaleNow.current
        );
        if (to.left !== node.scrollLeft || to.top !== node.scrollTop) {
          node.scrollLeft = to.left;
          node.scrollTop = to.top;
          // The drawing follows now, not in the frame after the scroll event.
          readView();
        }
      }
    }),
    [readView]
  );

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    const node = scroll.current;
    const target = event.target as Element;
    // Steps stay clickable: only the background starts a pan.
    if (
      !node ||
      event.button !== 0 ||
      target.closest('[data-step]') ||
      (node.scrollWidth <= node.clientWidth &&
        node.scrollHeight <= node.clientHeight)
    ) {
      return;
    }
    drag.current = {
      x: event.clientX,
      y: event.clientY,
      left: node.scrollLeft,
      top: node.scrollTop
    };
    node.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const node = scroll.current;
    const start = drag.current;
    if (node && start) {
      node.scrollLeft = start.left - (event.clientX - start.x);
      node.scrollTop = start.top - (event.clientY - start.y);
    }
  };
  const endDrag = (event: React.PointerEvent<HTMLDivElement>) => {
    if (drag.current) {
      drag.current = null;
      scroll.current?.releasePointerCapture?.(event.pointerId);
    }
  };

  return (
    <div
      className="jp-cellpipe-ZoomPane"
      data-zoom={zoom === 'fit' ? 'fit' : scale.toFixed(3)}
    >
      <div
        className="jp-cellpipe-ZoomPane-tools"
        role="toolbar"
        aria-label={trans.__('zoom')}
      >
        <button
          type="button"
          className="jp-cellpipe-ZoomPane-out"
          title={trans.__('Zoom out')}
          aria-label={trans.__('Zoom out')}
          disabled={scale <= MIN_SCALE}
          onClick={() => zoomBy(-1)}
        >
          −
        </button>
        <span className="jp-cellpipe-ZoomPane-scale" aria-live="polite">
          {Math.round(scale * 100)}%
        </span>
        <button
          type="button"
          className="jp-cellpipe-ZoomPane-in"
          title={trans.__('Zoom in')}
          aria-label={trans.__('Zoom in')}
          disabled={scale >= MAX_SCALE}
          onClick={() => zoomBy(1)}
        >
          +
        </button>
        <button
          type="button"
          className="jp-cellpipe-ZoomPane-fit"
          title={trans.__('Fit to the width')}
          aria-pressed={zoom === 'fit'}
          onClick={() => setZoom('fit')}
        >
          {trans.__('Fit')}
        </button>
      </div>
      <div
        ref={scroll}
        className={`jp-cellpipe-ZoomPane-scroll${props.className ? ` ${props.className}` : ''}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onScroll={onScroll}
      >
        {props.children(size, visible, pane)}
      </div>
    </div>
  );
}
