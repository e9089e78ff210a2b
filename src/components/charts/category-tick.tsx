import type { ReactElement } from 'react';
import { fitLabel } from './fit-label';

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/**
 * Tick label for a category axis on the left, as plain SVG text: Recharts' own label wraps words by
 * measuring each one in a hidden DOM element (a forced layout per word, tens of milliseconds for a chart of
 * 20 feature names). A name too long for the axis is cut with an ellipsis; the full name is its tooltip.
 */
export function categoryTick(fontSize: number, width: number): (props: TickProps) => ReactElement {
  return function CategoryTick({ x, y, payload }: TickProps) {
    const full = String(payload?.value ?? '');
    const shown = fitLabel(full, width - 12, fontSize);
    return (
      <text x={x} y={y} dx={-6} dy={fontSize * 0.35} textAnchor="end" fontSize={fontSize} fill="#4b5563">
        {shown !== full && <title>{full}</title>}
        {shown}
      </text>
    );
  };
}
