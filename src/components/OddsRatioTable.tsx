import { useTranslation } from 'react-i18next';
import type { OddsRatioRow } from '../core/train/report';
import { formatNumber } from '../app/format';

/** Odds ratios with 95% confidence intervals, per original unit (what clinicians read) and per SD, with Wald p-values. */
export function OddsRatioTable({ rows }: { rows: OddsRatioRow[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="odds-ratios" data-testid="odds-ratio-table">
        <caption>{t('oddsRatios.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.feature')}</th>
            <th scope="col" className="num">{t('oddsRatios.perUnit')}</th>
            <th scope="col" className="num">{t('oddsRatios.ci')}</th>
            <th scope="col" className="num">{t('oddsRatios.perSd')}</th>
            <th scope="col" className="num">{t('oddsRatios.p')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.feature}
              data-feature={r.feature}
              data-or={String(r.perUnit.or)}
              data-ci-low={String(r.perUnit.low)}
              data-ci-high={String(r.perUnit.high)}
              data-or-sd={String(r.perSd.or)}
              data-p={String(r.p)}
            >
              <th scope="row" className="colname">{r.feature}</th>
              {Number.isFinite(r.perUnit.or) ? (
                <>
                  <td className="num">{formatNumber(r.perUnit.or, 3)}</td>
                  <td className="num">
                    {formatNumber(r.perUnit.low, 3)} – {formatNumber(r.perUnit.high, 3)}
                  </td>
                  <td className="num">
                    {formatNumber(r.perSd.or, 3)} <span className="muted">({formatNumber(r.perSd.low, 3)} – {formatNumber(r.perSd.high, 3)})</span>
                  </td>
                  <td className="num">{formatP(r.p)}</td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  {t('oddsRatios.notEstimable')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p < 0.001) return '< 0.001';
  return formatNumber(p, 2);
}
