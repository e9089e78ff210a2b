import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Later } from '../../components/Later';
import type { TrainReport, TrainWarning, ThresholdResult } from '../../core/train/report';
import type { TrainSetup } from '../../core/prep/setup';
import { modelDefinition } from '../../core/models/registry';
import { AccuracyChart } from '../../components/charts/AccuracyChart';
import { FeatureWeightsChart } from '../../components/charts/FeatureWeightsChart';
import { RocChart } from '../../components/charts/RocChart';
import { PrChart } from '../../components/charts/PrChart';
import { CalibrationChart } from '../../components/charts/CalibrationChart';
import { LossChart } from '../../components/charts/LossChart';
import { CoefficientsTable } from '../../components/CoefficientsTable';
import { ConfusionMatrix } from '../../components/ConfusionMatrix';
import { OddsRatioTable } from '../../components/OddsRatioTable';
import { ForestPlot } from '../../components/charts/ForestPlot';
import type { Increments } from '../../components/odds-ratio-text';
import { formatCount, formatPercent } from '../format';
import { NoteList } from '../NoteList';
import { MetricsPanel } from './MetricsPanel';
import { ThresholdControl } from './ThresholdControl';
import { NomogramPanel } from './NomogramPanel';

interface Props {
  report: TrainReport;
  setup: TrainSetup;
  current: ThresholdResult;
  onThreshold: (t: number) => void;
  /** The odds ratios' increments by feature, and their change. */
  increments: Increments;
  onIncrement: (feature: string, k: number) => void;
  /** Trains Firth's model on the same setup (offered when the MLE finds separation). */
  onFirth?: () => void;
}

/**
 * Step 4: discrimination, calibration and uncertainty on the held-out rows, and what the model weighs.
 * Memoized: a progress tick or a busy flag elsewhere in the app does not re-render the results.
 */
export const ResultsStep = memo(function ResultsStep({ report: r, setup, current, onThreshold, increments, onIncrement, onFirth }: Props) {
  const { t } = useTranslation();
  const outcomeLabel = `${r.outcome} = ${r.positiveClass}`;
  const other = r.negativeClasses.length === 1 ? r.negativeClasses[0] : t('results.otherValues');
  const prevalence = r.test.rows > 0 ? r.test.events / r.test.rows : NaN;
  const weights = useMemo(
    () => r.coefficients?.filter((x) => Number.isFinite(x.coef)).map((x) => ({ feature: x.feature, value: x.coef })),
    [r.coefficients],
  );
  return (
    <div className="results">
      <p className="lead">
        {t('results.summary', { model: t(`models.${r.model.kind}`), train: formatCount(r.counts.train), test: formatCount(r.counts.test), outcome: outcomeLabel })}
      </p>
      <SplitSummary report={r} />
      {r.warnings.map((w, k) => (
        <div key={k} className="alert alert-warning" data-testid="warning" data-kind={w.code}>
          {t(`warnings.${w.code}`, warningParams(w, t('results.featuresInvolved')))}
          {w.code === 'separation' && onFirth && (
            <p>
              <button type="button" data-testid="firth-offer" onClick={onFirth}>
                {t('results.firthOffer')}
              </button>{' '}
              <span className="small">{t('results.firthOfferHint')}</span>
            </p>
          )}
        </div>
      ))}
      <ThresholdControl value={current.threshold} onChange={onThreshold} />
      <MetricsPanel report={r} current={current} />
      <div className="charts">
        <Later order={1} height={250}>
          <AccuracyChart train={r.trainAccuracy} test={current.accuracy} baseline={r.baselineAccuracy} />
        </Later>
        <ConfusionMatrix c={current.confusion} event={r.positiveClass} other={other} threshold={current.threshold} />
      </div>
      <div className="charts charts-3">
        <Later order={2} height={300}>
          <RocChart roc={r.test.roc} auc={r.test.auc} current={current} />
        </Later>
        <Later order={3} height={300}>
          <PrChart pr={r.test.pr} averagePrecision={r.test.averagePrecision} prevalence={prevalence} current={current} />
        </Later>
        <Later order={4} height={300}>
          <CalibrationChart bins={r.test.calibration} slope={r.test.calibrationSlope} intercept={r.test.calibrationIntercept} />
        </Later>
      </div>
      {r.lossCurve && (
        <Later order={5} height={280}>
          <LossChart points={r.lossCurve} optimum={r.optimumLoss} />
        </Later>
      )}
      {r.oddsRatios && (
        <>
          <OddsRatioTable rows={r.oddsRatios} increments={increments} onIncrement={onIncrement} />
          <div className="offscreen-skip">
            <Later order={13} height={120 + r.oddsRatios.length * 26}>
              <ForestPlot rows={r.oddsRatios} increments={increments} />
            </Later>
          </div>
        </>
      )}
      {r.penalizedOddsRatios && (
        <div className="offscreen-skip">
          <Later order={13} height={120 + r.penalizedOddsRatios.length * 26}>
            <ForestPlot rows={r.penalizedOddsRatios} increments={increments} penalized />
          </Later>
        </div>
      )}
      {r.coefficients && weights && (
        <>
          <Later order={7} height={400}>
            <FeatureWeightsChart weights={weights} outcomeLabel={outcomeLabel} />
          </Later>
          <details className="coef-details" open={!r.oddsRatios}>
            <summary>{t('results.coefDetails')}</summary>
            {/* a row per design column, below the charts: not laid out while off screen */}
            <div className="offscreen-skip">
              <Later order={8} height={300}>
                <CoefficientsTable coefficients={r.coefficients} intercept={r.intercept ?? NaN} interceptPerUnit={r.interceptPerUnit ?? NaN} />
              </Later>
            </div>
          </details>
        </>
      )}
      {r.nomogram && (
        <div className="offscreen-skip">
        <Later order={14} height={600}>
          <NomogramPanel nomogram={r.nomogram} outcomeLabel={outcomeLabel} modelName={t(`models.${r.model.kind}`)} trainRows={r.counts.train} />
        </Later>
        </div>
      )}
      {!modelDefinition(r.model.kind).traits.linear && <p className="hint">{t('results.mlpNoWeights')}</p>}
      <NoteList notes={r.prepNotes} />
      <p className="muted small">
        {t('results.method', {
          missing: t(`setup.missingOptions.${setup.missing}`),
          split:
            setup.split.kind === 'random'
              ? t('results.methodRandom', { percent: formatPercent(setup.split.testFraction, 0), seed: setup.split.seed })
              : t('results.methodColumn', { column: setup.split.column, value: setup.split.trainValue }),
          iterations: r.solver.iterations,
        })}
      </p>
    </div>
  );
});

/** Rows and patients on each side of the split, and whether any patient is on both. */
function SplitSummary({ report: r }: { report: TrainReport }) {
  const { t } = useTranslation();
  const c = r.counts;
  const params = {
    trainRows: formatCount(c.train),
    testRows: formatCount(c.test),
    trainPatients: formatCount(c.trainPatients),
    testPatients: formatCount(c.testPatients),
    shared: formatCount(c.sharedPatients),
    key: r.patientKey ?? '',
  };
  return (
    <p
      className={c.sharedPatients > 0 ? 'split-summary alert alert-warning' : 'split-summary'}
      data-testid="split-summary"
      data-train-rows={c.train}
      data-test-rows={c.test}
      data-train-patients={c.trainPatients}
      data-test-patients={c.testPatients}
      data-shared-patients={c.sharedPatients}
    >
      {r.patientKey === null ? t('results.splitRows', params) : t(c.sharedPatients > 0 ? 'results.splitShared' : 'results.splitPatients', params)}
    </p>
  );
}

/** Interpolation values for a warning; long feature lists are cut to five names. */
function warningParams(w: TrainWarning, involved: string): Record<string, string | number> {
  const list = (names: string[]) => (names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', '));
  switch (w.code) {
    case 'separation':
      return { features: w.features && w.features.length > 0 ? ` (${involved} ${list(w.features)})` : '' };
    case 'collinearity':
      return { features: list(w.features) };
    case 'not-converged':
      return { iterations: w.iterations };
    case 'divergence':
      return { epoch: w.epoch };
    case 'small-sample':
      return { events: w.events, features: w.features };
    case 'few-test-events':
      return { events: w.events };
  }
}
