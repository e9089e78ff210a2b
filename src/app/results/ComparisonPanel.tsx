import { useTranslation } from 'react-i18next';
import type { ComparisonRow } from '../../core/train/report';
import { ComparisonChart } from '../../components/charts/ComparisonChart';
import { formatNumber, formatPercent } from '../format';

/** Every model on the same split: AUC with its 95% CI, accuracy and Brier; overlapping CIs are said to overlap. */
export function ComparisonPanel({ rows }: { rows: ComparisonRow[] }) {
  const { t } = useTranslation();
  const best = rows.reduce((b, r) => (r.auc > b.auc ? r : b), rows[0]);
  const overlapping = rows.filter((r) => r !== best && r.aucHigh >= best.aucLow);
  return (
    <div className="comparison">
      <p className="lead">
        {overlapping.length > 0
          ? t('comparison.overlap', { best: t(`models.${best.model.kind}`), count: overlapping.length })
          : t('comparison.clear', { best: t(`models.${best.model.kind}`) })}
      </p>
      <div className="table-scroll">
        <table data-testid="comparison-table">
          <caption>{t('comparison.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('comparison.model')}</th>
              <th scope="col" className="num">{t('comparison.auc')}</th>
              <th scope="col" className="num">{t('comparison.accuracy')}</th>
              <th scope="col" className="num">{t('comparison.brier')}</th>
              <th scope="col">{t('comparison.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.model.kind} data-model={r.model.kind} data-auc={String(r.auc)} data-accuracy={String(r.accuracy)} data-brier={String(r.brier)}>
                <th scope="row">{t(`models.${r.model.kind}`)}</th>
                <td className="num">
                  {formatNumber(r.auc, 3)} <span className="muted">({formatNumber(r.aucLow, 3)} – {formatNumber(r.aucHigh, 3)})</span>
                </td>
                <td className="num">{formatPercent(r.accuracy)}</td>
                <td className="num">{formatNumber(r.brier, 3)}</td>
                <td className="small">{r.warnings.filter((w) => w.code !== 'small-sample' && w.code !== 'few-test-events').map((w) => t(`warningShort.${w.code}`)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ComparisonChart rows={rows} />
    </div>
  );
}
