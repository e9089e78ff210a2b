import { cloneElement, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart's drawing area: as wide as its container on the screen, or a fixed size where the chart must
 * lay out at once and the same everywhere (the printable report, which is saved as HTML right after it
 * renders). The same chart component serves both: there is no second drawing of any chart.
 */
export function ChartBox({ width, height, children }: { width?: number; height: number; children: ReactElement<{ width?: number; height?: number }> }) {
  if (width !== undefined) return cloneElement(children, { width, height });
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}
