/**
 * Severity icons as inline SVG (the diagnostics list and the editor's gutter markers): no font
 * needed, where a glyph such as ⛔ shows as an empty box without an emoji font. The shape is
 * filled with the current text colour; its marks are cut out in white.
 */
import React from 'react';

export type Severity = 'error' | 'warning' | 'info';

interface IShape {
  tag: 'circle' | 'path';
  attrs: Record<string, string>;
}

/** 16×16 shapes: a round error with a cross, a warning triangle with "!", an info "i". */
const SHAPES: Record<Severity, IShape[]> = {
  error: [
    { tag: 'circle', attrs: { cx: '8', cy: '8', r: '7' } },
    {
      tag: 'path',
      attrs: {
        d: 'M5.2 5.2 L10.8 10.8 M10.8 5.2 L5.2 10.8',
        stroke: '#fff',
        'stroke-width': '1.8',
        'stroke-linecap': 'round'
      }
    }
  ],
  warning: [
    { tag: 'path', attrs: { d: 'M8 1 L15.2 14.5 H0.8 Z' } },
    {
      tag: 'path',
      attrs: {
        d: 'M8 5.5 V10 M8 12.2 V12.3',
        stroke: '#fff',
        'stroke-width': '1.8',
        'stroke-linecap': 'round'
      }
    }
  ],
  info: [
    { tag: 'circle', attrs: { cx: '8', cy: '8', r: '7' } },
    {
      tag: 'path',
      attrs: {
        d: 'M8 7.2 V11.5 M8 4.6 V4.7',
        stroke: '#fff',
        'stroke-width': '1.8',
        'stroke-linecap': 'round'
      }
    }
  ]
};

const SVG_NS = 'http://www.w3.org/2000/svg';
const CLASS = 'jp-cellpipe-SeverityIcon';

/** React props from SVG attributes (stroke-width -> strokeWidth). */
function reactAttrs(attrs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attrs).map(([key, value]) => [
      key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      value
    ])
  );
}

export function SeverityIcon(props: {
  severity: Severity;
  label: string;
}): JSX.Element {
  return (
    <svg
      className={`${CLASS} jp-mod-${props.severity}`}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      role="img"
      aria-label={props.label}
    >
      {SHAPES[props.severity].map((shape, i) =>
        React.createElement(shape.tag, { key: i, ...reactAttrs(shape.attrs) })
      )}
    </svg>
  );
}

/** The same icon as a DOM element (for CodeMirror gutter markers). */
export function severityIconElement(
  severity: Severity,
  label: string
): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', `${CLASS} jp-mod-${severity}`);
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '12');
  svg.setAttribute('height', '12');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  for (const shape of SHAPES[severity]) {
    const node = document.createElementNS(SVG_NS, shape.tag);
    for (const [key, value] of Object.entries(shape.attrs)) {
      node.setAttribute(key, value);
    }
    svg.appendChild(node);
  }
  return svg;
}
