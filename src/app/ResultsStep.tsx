import { useTranslation } from 'react-i18next';
import type { TrainReport } from '../core/train/train';
import type { TrainSetup } from '../core/prep/setup';
import { MetricCard } from '../components/MetricCard';
import { AccuracyChart } from '../components/charts/AccuracyChart';
import { FeatureWeightsChart } from '../components/charts/FeatureWeightsChart';
import { CoefficientsTable } from '../components/CoefficientsTable';
import { formatCount, formatPercent } from './format';
import { NoteList } from './NoteList';

/** Step 4: how good the model is (against the base rate) and which features weigh most. */
export function ResultsStep({ report: r, setup }: { report: TrainReport; setup: TrainSetup }) {
  const { t } = useTranslation();
  const c = r.testConfusion;
  const outcomeLabel = `${r.outcome} = ${r.positiveClass}`;
  const other = r.negativeClasses.length === 1 ? r.negativeClasses[0] : t('results.otherValues');
  return (
    <div className="results">
      <p className="lead">
        {t('results.summary', {
          model: t(`models.${r.model.kind}`),
          train: formatCount(r.counts.train),
          test: formatCount(r.counts.test),
          outcome: outcomeLabel,
        })}
      </p>
      {r.warnings.map((w, k) => (
        <div key={k} className="alert alert-warning" data-testid="warning" data-kind={w.code}>
          {t(`warnings.${w.code}`, { ...w })}
        </div>
      ))}
      <div className="metrics">
        <MetricCard
          testId="metric-accuracy"
          label={t('results.testAccuracy')}
          value={r.testAccuracy}
          display={formatPercent(r.testAccuracy)}
          explanation={t('results.testAccuracyExplain', { n: formatCount(r.counts.test) })}
          emphasis
        />
        <MetricCard
          testId="metric-train-accuracy"
          label={t('results.trainAccuracy')}
          value={r.trainAccuracy}
          display={formatPercent(r.trainAccuracy)}
          explanation={t('results.trainAccuracyExplain')}
        />
        <MetricCard
          testId="metric-baseline-accuracy"
          label={t('results.baseline')}
          value={r.baselineAccuracy}
          display={formatPercent(r.baselineAccuracy)}
          explanation={t('results.baselineExplain', { value: r.baselineClass })}
        />
      </div>
      <div className="charts">
        <AccuracyChart train={r.trainAccuracy} test={r.testAccuracy} baseline={r.baselineAccuracy} />
        <table className="confusion" data-testid="confusion-matrix" data-tp={c.tp} data-fp={c.fp} data-tn={c.tn} data-fn={c.fn}>
          <caption>{t('results.confusionCaption')}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">{t('results.predictedEvent', { value: r.positiveClass })}</th>
              <th scope="col">{t('results.predictedNoEvent', { value: other })}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('results.actualEvent', { value: r.positiveClass })}</th>
              <td className="cell-good">{formatCount(c.tp)}</td>
              <td className="cell-bad">{formatCount(c.fn)}</td>
            </tr>
            <tr>
              <th scope="row">{t('results.actualNoEvent', { value: other })}</th>
              <td className="cell-bad">{formatCount(c.fp)}</td>
              <td className="cell-good">{formatCount(c.tn)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <FeatureWeightsChart weights={r.coefficients.map((x) => ({ feature: x.feature, value: x.coef }))} outcomeLabel={outcomeLabel} />
      <details className="coef-details" open>
        <summary>{t('results.coefDetails')}</summary>
        <CoefficientsTable coefficients={r.coefficients} intercept={r.intercept} interceptPerUnit={r.interceptPerUnit} />
      </details>
      <NoteList notes={r.prepNotes} />
      <p className="muted small">
        {t('results.method', {
          missing: t(`setup.missingOptions.${setup.missing}`),
          split:
            setup.split.kind === 'random'
              ? t('results.methodRandom', { percent: formatPercent(setup.split.testFraction, 0), seed: setup.split.seed })
              : t('results.methodColumn', { column: setup.split.column, value: setup.split.trainValue }),
          C: r.model.C,
          iterations: r.solver.iterations,
        })}
      </p>
    </div>
  );
}
