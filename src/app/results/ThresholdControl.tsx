import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';

/** The decision threshold: rows with a predicted risk at or above it count as predicted events. */
export function ThresholdControl({ value, onChange }: { value: number; onChange: (t: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  // the slider follows the pointer at once; the metrics follow when the worker has recounted
  const [shown, setShown] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // a new report or an answer from the worker: follow it (React's "adjust state on prop change")
    setLastValue(value);
    setShown(value);
  }
  return (
    <div className="threshold">
      <label htmlFor={id}>
        {t('threshold.label')} <strong>{formatNumber(shown, 2)}</strong>
      </label>
      <input
        id={id}
        data-testid="threshold-input"
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={shown}
        aria-valuetext={formatNumber(shown, 2)}
        onChange={(e) => {
          setShown(Number(e.target.value));
          onChange(Number(e.target.value));
        }}
      />
      <p className="hint">{t('threshold.hint')}</p>
    </div>
  );
}
