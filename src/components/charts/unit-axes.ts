import type { XAxisProps, YAxisProps } from 'recharts';

/** Ticks of an axis from 0 to 1 (a rate, a risk): the quarters. */
const QUARTERS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Width of a 0–1 y axis: its tick labels ("0.75", right-aligned at the tick marks) plus its rotated title
 * at the left edge, with a gap between them. Recharts' default of 60 px put the title over "0.75".
 */
const UNIT_Y_AXIS_WIDTH = 72;

/** Props of a 0–1 x axis on `dataKey="x"`, with its title below the tick labels. */
export function unitXAxis(title: string): XAxisProps {
  return { interval: 0, type: 'number', dataKey: 'x', domain: [0, 1], ticks: QUARTERS, label: { value: title, position: 'insideBottom', offset: -12 } };
}

/**
 * Props of a 0–1 y axis, with its title rotated at the left, clear of the tick labels and centred on the
 * axis (Recharts anchors it at its start, so a long title ran up past the top of the chart).
 */
export function unitYAxis(title: string): YAxisProps {
  return { interval: 0, type: 'number', domain: [0, 1], ticks: QUARTERS, width: UNIT_Y_AXIS_WIDTH, label: { value: title, angle: -90, position: 'insideLeft', offset: 8, textAnchor: 'middle' } };
}
