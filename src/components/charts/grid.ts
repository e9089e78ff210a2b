import type { CartesianGridProps } from 'recharts';

type VerticalGenerator = NonNullable<CartesianGridProps['verticalCoordinatesGenerator']>;
type GridAxis = Parameters<VerticalGenerator>[0]['xAxis'];

// Pixel positions of a numeric axis' ticks (the ticks given, else Recharts' nice ticks) within [lo, hi].
// Recharts' own generator first lays out every tick label in a hidden DOM span to drop overlapping ones,
// one forced layout per label, on a first render that still has the default axis settings: up to
// tens of ms on the results page. Our axes show every tick (interval 0), so nothing needs measuring.
function tickLines(axis: GridAxis, lo: number, hi: number): number[] {
  if (!axis?.scale || axis.type === 'category') return [];
  const out: number[] = [];
  for (const v of axis.ticks ?? axis.niceTicks ?? []) {
    const c = axis.scale.map(v);
    if (typeof c === 'number' && Number.isFinite(c) && c >= lo - 0.5 && c <= hi + 0.5) out.push(c);
  }
  return out;
}

/** Props for every chart's `<CartesianGrid>`: light lines at the ticks of numeric axes, none along a category axis. */
export const GRID: Pick<CartesianGridProps, 'stroke' | 'verticalCoordinatesGenerator' | 'horizontalCoordinatesGenerator'> = {
  stroke: '#e5e7eb',
  verticalCoordinatesGenerator: ({ xAxis, offset }) => tickLines(xAxis, offset.left, offset.left + offset.width),
  horizontalCoordinatesGenerator: ({ yAxis, offset }) => tickLines(yAxis, offset.top, offset.top + offset.height),
};
