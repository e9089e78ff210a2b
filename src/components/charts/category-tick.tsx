import type { ReactElement } from 'react';
import { wrapLabel } from './fit-label';

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/**
 * Tick label for a category axis on the left, as plain SVG text: Recharts' own label wraps words by
 * measuring each one in a hidden DOM element (a forced layout per word, tens of milliseconds for a chart of
 * 20 feature names). A name too long for the axis goes on up to `maxLines` lines (by estimated widths), then
 * is cut with an ellipsis; the full name is then its tooltip.
 */
export function categoryTick(fontSize: number, width: number, maxLines = 1): (props: TickProps) => ReactElement {
  return function CategoryTick({ x, y, payload }: TickProps) {
    const full = String(payload?.value ?? '');
    const lines = wrapLabel(full, width - 12, fontSize, maxLines);
    const lineHeight = fontSize * 1.2;
    // the block of lines centred on the tick
    const firstDy = fontSize * 0.35 - ((lines.length - 1) * lineHeight) / 2;
    const cut = lines.join('').replace(/\s/g, '') !== full.replace(/\s/g, '');
    return (
      <text x={x} y={y} textAnchor="end" fontSize={fontSize} fill="#4b5563">
        {cut && <title>{full}</title>}
        {lines.map((line, k) => (
          <tspan key={k} x={x} dx={-6} dy={k === 0 ? firstDy : lineHeight}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
}
