import { useTranslation } from 'react-i18next';
import type { TrainReport, ThresholdResult } from '../../core/train/report';
import { MetricCard } from '../../components/MetricCard';
import { formatCount, formatNumber, formatPercent } from '../format';

type Key = 'balancedAccuracy' | 'sensitivity' | 'specificity' | 'ppv' | 'npv' | 'f1';
const THRESHOLD_METRICS: { key: Key; testId: string }[] = [
  { key: 'sensitivity', testId: 'metric-sensitivity' },
  { key: 'specificity', testId: 'metric-specificity' },
  { key: 'ppv', testId: 'metric-ppv' },
  { key: 'npv', testId: 'metric-npv' },
  { key: 'f1', testId: 'metric-f1' },
  { key: 'balancedAccuracy', testId: 'metric-balanced-accuracy' },
];

/** Discrimination, calibration and the threshold-dependent metrics, each with its meaning on hover or focus. */
export function MetricsPanel({ report: r, current }: { report: TrainReport; current: ThresholdResult }) {
  const { t } = useTranslation();
  const e = r.test;
  const cv = r.crossValidation;
  return (
    <>
      <div className="metrics metrics-main">
        <MetricCard
          testId="metric-accuracy"
          label={t('metrics.accuracy.label')}
          value={current.accuracy}
          display={formatPercent(current.accuracy)}
          explanation={t('metrics.accuracy.explain', { n: formatCount(r.counts.test) })}
          emphasis
        />
        <MetricCard
          testId="metric-baseline-accuracy"
          label={t('metrics.baseline.label')}
          value={r.baselineAccuracy}
          display={formatPercent(r.baselineAccuracy)}
          explanation={t('metrics.baseline.explain', { value: r.baselineClass })}
        />
        <MetricCard
          testId="metric-train-accuracy"
          label={t('metrics.trainAccuracy.label')}
          value={r.trainAccuracy}
          display={formatPercent(r.trainAccuracy)}
          explanation={t('metrics.trainAccuracy.explain')}
        />
        <MetricCard
          testId="metric-auc"
          label={t('metrics.auc.label')}
          value={e.auc}
          display={formatNumber(e.auc, 3)}
          explanation={t('metrics.auc.explain')}
          emphasis
          extra={
            <div className="metric-ci">
              {t('metrics.ci95')}{' '}
              <span data-testid="metric-auc-ci-low" data-value={String(e.aucLow)}>
                {formatNumber(e.aucLow, 3)}
              </span>
              {' – '}
              <span data-testid="metric-auc-ci-high" data-value={String(e.aucHigh)}>
                {formatNumber(e.aucHigh, 3)}
              </span>
            </div>
          }
        />
        {cv && (
          <MetricCard
            testId="metric-cv-auc"
            label={t('metrics.cvAuc.label', { k: cv.folds })}
            value={cv.auc.mean}
            display={`${formatNumber(cv.auc.mean, 3)} ± ${formatNumber(cv.auc.sd, 2)}`}
            explanation={t('metrics.cvAuc.explain', { k: cv.folds, accuracy: formatPercent(cv.accuracy.mean), sd: formatPercent(cv.accuracy.sd) })}
            attributes={{ 'data-sd': String(cv.auc.sd) }}
          />
        )}
      </div>
      <h3 className="subhead">{t('metrics.atThreshold', { threshold: formatNumber(current.threshold, 2) })}</h3>
      <div className="metrics metrics-small">
        {THRESHOLD_METRICS.map(({ key, testId }) => (
          <MetricCard key={key} testId={testId} label={t(`metrics.${key}.label`)} value={current[key]} display={formatPercent(current[key])} explanation={t(`metrics.${key}.explain`)} />
        ))}
      </div>
      <h3 className="subhead">{t('metrics.calibrationHeading')}</h3>
      <div className="metrics metrics-small">
        <MetricCard testId="metric-brier" label={t('metrics.brier.label')} value={e.brier} display={formatNumber(e.brier, 3)} explanation={t('metrics.brier.explain')} />
        <MetricCard
          testId="metric-calibration-slope"
          label={t('metrics.calibrationSlope.label')}
          value={e.calibrationSlope}
          display={formatNumber(e.calibrationSlope, 3)}
          explanation={t('metrics.calibrationSlope.explain')}
        />
        <MetricCard
          testId="metric-calibration-intercept"
          label={t('metrics.calibrationIntercept.label')}
          value={e.calibrationIntercept}
          display={formatNumber(e.calibrationIntercept, 3)}
          explanation={t('metrics.calibrationIntercept.explain')}
        />
      </div>
      {r.probabilityNote === 'platt' && <p className="hint">{t('results.plattNote')}</p>}
    </>
  );
}
