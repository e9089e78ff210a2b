/** A line series' key: its label, colour and dash. */
export interface LegendLine {
  label: string;
  color: string;
  dashed?: boolean;
}

/**
 * A line chart's legend as HTML above the chart, in place of Recharts' <Legend>: Recharts lays its legend out
 * inside the SVG, measures it, and draws the whole chart again, one more render in the task that commits the
 * chart. Text here is selectable, wraps, and is read before the chart.
 */
export function LineLegend({ lines }: { lines: LegendLine[] }) {
  return (
    <div className="legend">
      {lines.map((l) => (
        <span key={l.label} className="legend-item">
          <span className="swatch line" style={{ borderTopColor: l.color, borderTopStyle: l.dashed ? 'dashed' : 'solid' }} aria-hidden="true" />
          {l.label}
        </span>
      ))}
    </div>
  );
}
