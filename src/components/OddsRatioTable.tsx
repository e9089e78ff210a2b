import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OddsRatioRow } from '../core/train/report';
import { oddsRatioAt } from '../core/train/odds-ratios';
import { formatNumber, formatOddsRatio } from '../app/format';
import { comparisonText, incrementOf, type Increments } from './odds-ratio-text';

interface Props {
  rows: OddsRatioRow[];
  increments: Increments;
  /** A continuous feature's increment changed (a positive number). */
  onIncrement?: (feature: string, k: number) => void;
}

/**
 * Odds ratios with 95% confidence intervals in the columns' units: per an increment of a continuous
 * column the user sets (per 1 unit by default; per SD, with the SD's size, beside it), a 0/1 column's 1
 * against 0, a level against its reference. Digits enough to differ from 1 where the OR does.
 */
export function OddsRatioTable({ rows: all, increments, onIncrement }: Props) {
  const { t } = useTranslation();
  // a note's terms are in the coefficients table: hundreds of rows per TF-IDF unit would bury the other predictors here
  const rows = all.filter((r) => !r.note);
  const terms = all.length - rows.length;
  const profile = rows.some((r) => r.interval === 'profile');
  const fallback = profile && rows.some((r) => r.interval === 'wald' && Number.isFinite(r.coef));
  return (
    <div className="table-scroll">
      <table className="odds-ratios" data-testid="odds-ratio-table">
        <caption>{t(profile ? 'oddsRatios.captionProfile' : 'oddsRatios.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.feature')}</th>
            <th scope="col">{t('oddsRatios.comparison')}</th>
            <th scope="col" className="num">{t('oddsRatios.orCi')}</th>
            <th scope="col" className="num">{t(rows.some((r) => r.pTest === 'likelihood-ratio') ? 'oddsRatios.pLr' : 'oddsRatios.p')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const k = incrementOf(increments, r.feature);
            const shown = oddsRatioAt(r, k);
            return (
              <tr
                key={r.feature}
                data-feature={r.feature}
                data-kind={r.kind}
                data-or={String(r.perUnit.or)}
                data-ci-low={String(r.perUnit.low)}
                data-ci-high={String(r.perUnit.high)}
                data-or-sd={String(r.perSd.or)}
                data-p={String(r.p)}
                data-separated={r.separated ? 'true' : undefined}
                data-interval={r.interval}
                className={r.separated ? 'separated' : undefined}
              >
                <th scope="row" className="colname">{r.feature}</th>
                <td className="comparison">
                  {r.kind === 'continuous' ? (
                    <>
                      {onIncrement ? (
                        <label>
                          {t('oddsRatios.per')} <IncrementInput feature={r.feature} value={k} onChange={onIncrement} />
                        </label>
                      ) : (
                        comparisonText(r, k, t)
                      )}
                      {Number.isFinite(r.coef) && (
                        <div className="muted small">
                          {t('oddsRatios.perSdText', { sd: formatNumber(r.sd, 4), or: formatOddsRatio(r.perSd.or), low: formatOddsRatio(r.perSd.low), high: formatOddsRatio(r.perSd.high) })}
                        </div>
                      )}
                    </>
                  ) : (
                    comparisonText(r, k, t)
                  )}
                </td>
                {r.separated ? (
                  <td colSpan={2} className="muted">
                    {t('oddsRatios.separated')}
                  </td>
                ) : Number.isFinite(r.coef) ? (
                  <>
                    <td className="num">
                      <span data-testid="or-value" data-value={String(shown.or)}>{formatOddsRatio(shown.or)}</span>{' '}
                      <span className="muted">
                        ({formatOddsRatio(shown.low)} – {formatOddsRatio(shown.high)})
                        {fallback && r.interval === 'wald' && <sup title={t('oddsRatios.waldFallback')}>W</sup>}
                      </span>
                    </td>
                    <td className="num">{formatP(r.p)}</td>
                  </>
                ) : (
                  <td colSpan={2} className="muted">
                    {t('oddsRatios.notEstimable')}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {fallback && <p className="muted small">{t('oddsRatios.waldFallbackNote')}</p>}
      {terms > 0 && <p className="muted small">{t('oddsRatios.termsLeftOut', { count: terms })}</p>}
    </div>
  );
}

/** A positive number: what is typed stays in the box; the table follows once it is a valid increment. */
function IncrementInput({ feature, value, onChange }: { feature: string; value: number; onChange: (feature: string, k: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(value));
  const valid = Number(text) > 0 && Number.isFinite(Number(text));
  return (
    <input
      type="number"
      className="or-increment"
      min="0"
      step="any"
      inputMode="decimal"
      data-testid="or-increment-input"
      data-feature={feature}
      aria-label={t('oddsRatios.incrementLabel', { feature })}
      aria-invalid={!valid}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const k = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(k) && k > 0) onChange(feature, k);
      }}
    />
  );
}

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p < 0.001) return '< 0.001';
  return formatNumber(p, 2);
}
