import type { TFunction } from 'i18next';
import type { OddsRatioRow } from '../core/train/report';
import { formatNumber } from '../app/format';

/** The increments the user set, by feature (continuous rows; 1 where not set). */
export type Increments = Readonly<Record<string, number>>;

export function incrementOf(increments: Increments, feature: string): number {
  const k = increments[feature];
  return Number.isFinite(k) && k > 0 ? k : 1;
}

/** What a row's odds ratio compares: "per 10 units", "F vs M", "1 vs 0". */
export function comparisonText(row: OddsRatioRow, k: number, t: TFunction): string {
  if (row.kind === 'continuous') return k === 1 ? t('oddsRatios.perOneUnit') : t('oddsRatios.perIncrement', { k: formatNumber(k, 6) });
  return t('oddsRatios.versus', { level: row.level ?? '', reference: row.reference ?? '' });
}
