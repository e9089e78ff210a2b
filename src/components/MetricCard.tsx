import { useId, type ReactNode } from 'react';

interface Props {
  testId: string;
  label: string;
  value: number;
  display: string;
  /** One plain-language sentence, shown on hover and keyboard focus. */
  explanation: string;
  emphasis?: boolean;
  extra?: ReactNode;
  attributes?: Record<string, string>;
}

/** A number with its plain-language meaning; `data-value` carries the raw number for automation. */
export function MetricCard({ testId, label, value, display, explanation, emphasis, extra, attributes }: Props) {
  const id = useId();
  return (
    <div
      className={`metric${emphasis ? ' metric-main' : ''}`}
      data-testid={testId}
      data-value={String(value)}
      tabIndex={0}
      aria-describedby={id}
      {...attributes}
    >
      <div className="metric-label">{label}</div>
      <div className="metric-value">{display}</div>
      {extra}
      <div className="metric-explain" role="tooltip" id={id}>
        {explanation}
      </div>
    </div>
  );
}
