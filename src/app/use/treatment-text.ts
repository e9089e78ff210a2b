import type { TFunction } from 'i18next';
import { SMD_LIMIT, type Interval, type TreatmentComparison } from '../../core/treatment/cohort';
import { formatCount, formatNumber } from '../format';

/** An estimate and its interval: "24.5% (15.1% – 35.0%)"; the estimate alone without one. */
export function withInterval(i: Interval, format: (v: number) => string): string {
  return Number.isFinite(i.low) ? `${format(i.value)} (${format(i.low)} – ${format(i.high)})` : format(i.value);
}

/** A warning in words: an option with few events, or an option whose patients differ from the others (named, with their SMDs). */
export function treatmentWarningText(t: TFunction, c: TreatmentComparison, w: TreatmentComparison['warnings'][number]): string {
  const option = c.options[w.option].level;
  if (w.code === 'few-events') return t('treatment.fewEvents', { option, events: formatCount(w.events), rows: formatCount(w.rows) });
  return t('treatment.imbalance', { option, limit: formatNumber(SMD_LIMIT, 2), features: w.features.map((f) => `${f.column} (${formatNumber(f.smd, 2)})`).join(', ') });
}
