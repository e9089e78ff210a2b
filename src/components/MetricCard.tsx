interface Props {
  testId: string;
  label: string;
  value: number;
  display: string;
  explanation: string;
  emphasis?: boolean;
}

/** A number with its plain-language meaning; `data-value` carries the raw number for automation. */
export function MetricCard({ testId, label, value, display, explanation, emphasis }: Props) {
  return (
    <div className={`metric${emphasis ? ' metric-main' : ''}`} data-testid={testId} data-value={String(value)}>
      <div className="metric-label">{label}</div>
      <div className="metric-value">{display}</div>
      <div className="metric-explain">{explanation}</div>
    </div>
  );
}
