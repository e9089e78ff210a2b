import { useTranslation } from 'react-i18next';
import type { Coefficient } from '../core/train/train';
import { formatNumber } from '../app/format';

/** Every coefficient: on the standardized scale (data-value), per original unit, and as an odds ratio per SD. */
export function CoefficientsTable({ coefficients, intercept, interceptPerUnit }: { coefficients: Coefficient[]; intercept: number; interceptPerUnit: number }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="coefficients" data-testid="coefficients-table">
        <caption>{t('results.coefCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.feature')}</th>
            <th scope="col" className="num">{t('results.coefStd')}</th>
            <th scope="col" className="num">{t('results.orPerSd')}</th>
            <th scope="col" className="num">{t('results.coefUnit')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-feature="(intercept)" data-value={String(intercept)}>
            <th scope="row" className="colname">{t('results.intercept')}</th>
            <td className="num">{formatNumber(intercept, 4)}</td>
            <td className="num muted">–</td>
            <td className="num">{formatNumber(interceptPerUnit, 4)}</td>
          </tr>
          {coefficients.map((c) => (
            <tr key={c.feature} data-feature={c.feature} data-value={String(c.coef)}>
              <th scope="row" className="colname">{c.feature}</th>
              <td className="num">{formatNumber(c.coef, 4)}</td>
              <td className="num">{formatNumber(Math.exp(c.coef), 3)}</td>
              <td className="num">{formatNumber(c.perUnit, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
