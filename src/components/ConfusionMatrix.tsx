import { useTranslation } from 'react-i18next';
import type { Confusion } from '../core/metrics/classification';
import { formatCount, formatNumber } from '../app/format';

/** Test rows by predicted and actual outcome at the current threshold. */
export function ConfusionMatrix({ c, event, other, threshold }: { c: Confusion; event: string; other: string; threshold: number }) {
  const { t } = useTranslation();
  return (
    <table className="confusion" data-testid="confusion-matrix" data-tp={c.tp} data-fp={c.fp} data-tn={c.tn} data-fn={c.fn}>
      <caption>{t('results.confusionCaption', { threshold: formatNumber(threshold, 2) })}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t('results.predictedEvent', { value: event })}</th>
          <th scope="col">{t('results.predictedNoEvent', { value: other })}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('results.actualEvent', { value: event })}</th>
          <td className="cell-good" aria-label={t('results.tp')}>{formatCount(c.tp)}</td>
          <td className="cell-bad" aria-label={t('results.fn')}>{formatCount(c.fn)}</td>
        </tr>
        <tr>
          <th scope="row">{t('results.actualNoEvent', { value: other })}</th>
          <td className="cell-bad" aria-label={t('results.fp')}>{formatCount(c.fp)}</td>
          <td className="cell-good" aria-label={t('results.tn')}>{formatCount(c.tn)}</td>
        </tr>
      </tbody>
    </table>
  );
}
