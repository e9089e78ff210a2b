import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import type { DatasetSummary, ModelInfo } from '../../worker/api';
import type { TrainReport, ThresholdResult } from '../../core/train/report';
import type { TrainSetup } from '../../core/prep/setup';
import { AUTHOR_FIELDS } from '../../core/report/description';
import { modelDefinition } from '../../core/models/registry';
import { formatCount, formatEstimate, formatNumber, formatPercent } from '../format';
import type { ValidationState } from '../useWorkbench';
import './report.css';
import { RocChart } from '../../components/charts/RocChart';
import { CalibrationChart } from '../../components/charts/CalibrationChart';
import { DecisionCurveChart } from '../../components/charts/DecisionCurveChart';
import { ForestPlot } from '../../components/charts/ForestPlot';
import { OddsRatioTable } from '../../components/OddsRatioTable';
import { Nomogram } from '../../components/charts/Nomogram';
import { PointsTable } from '../../components/PointsTable';
import type { Increments } from '../../components/odds-ratio-text';
import { CharacteristicsSection, EquationSection, FlowSection, TreatmentSection, TripodSection } from './report-sections';

/** Two charts side by side on an A4 page; the forest plot across it. */
const REPORT_CHART_WIDTH = 380;
const REPORT_WIDE_WIDTH = 780;
/** The decision curve's highlighted range in the report: a common range of treatment thresholds. */
const REPORT_DCA_RANGE: [number, number] = [0.05, 0.3];

interface Props {
  dataset: DatasetSummary;
  report: TrainReport;
  setup: TrainSetup;
  current: ThresholdResult;
  model: ModelInfo;
  validation: ValidationState;
  increments: Increments;
}

/**
 * A development report with internal validation that follows TRIPOD+AI (2024): title, the author's
 * description, participant flow, characteristics, sample size, missing data, the full model with its
 * equation, discrimination and calibration with intervals, the odds ratios and forest plot, the decision
 * curve, validation results, limitations, and an appendix saying where each checklist item is answered.
 * Charts are the screen's components at fixed sizes, so the report prints and saves the same everywhere.
 * Everything shown is a summary: no patient row appears in it.
 */
export const ReportView = forwardRef<HTMLDivElement, Props>(function ReportView({ dataset: d, report: r, setup, current, model, validation, increments }, ref) {
  const { t } = useTranslation();
  const e = r.test;
  const description = model.description;
  const population = description?.population || t('report.populationUnknown');
  const c = r.characteristics;
  const s = c.sampleSize;
  const traits = modelDefinition(r.model.kind).traits;
  return (
    <div className="report" ref={ref} data-testid="report">
      <h1>{t('report.title2', { model: t(`models.${r.model.kind}`), outcome: `${r.outcome} = ${r.positiveClass}`, population })}</h1>
      <p className="report-meta">
        {t('report.studyType')} · {t('report.meta', { date: new Date().toLocaleString(i18n.language), version: __APP_VERSION__ })}
      </p>

      <section id="report-details" data-testid="report-details">
        <h2>{t('report.sections.details')}</h2>
        <table>
          <tbody>
            {AUTHOR_FIELDS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`describe.${k}`)}</th>
                <td className={description?.[k] ? 'author-text' : 'muted'}>{description?.[k] || t('report.tripodAuthor')}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('report.dataFile')}</th>
              <td>{t('report.dataFileText', { file: d.fileName, rows: formatCount(d.rows), cols: formatCount(d.cols) })}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <FlowSection c={c} patientKey={r.patientKey} />
      <CharacteristicsSection c={c} outcome={`${r.outcome} = ${r.positiveClass}`} />

      <section id="report-sample-size" data-testid="report-sample-size">
        <h2>{t('report.sections.sample-size')}</h2>
        <p>
          {t('report.sampleSizeText', { events: formatCount(s.events), nonEvents: formatCount(s.nonEvents), parameters: formatCount(s.parameters), epv: formatNumber(s.perParameter, 3) })}{' '}
          {s.perParameter < 10 ? t('report.sampleSizeLow') : t('report.sampleSizeOk')}
        </p>
      </section>

      <section id="report-missing" data-testid="report-missing">
        <h2>{t('report.sections.missing')}</h2>
        <p>
          {setup.missing === 'drop'
            ? t('report.missingDrop', { rows: formatCount(c.flow.droppedMissing) })
            : t('report.missingImpute', { method: t(`setup.missingOptions.${setup.missing}`), rows: formatCount(c.flow.imputedRows) })}{' '}
          {t('report.missingScoring')}
        </p>
      </section>

      <section id="report-preprocessing">
        <h2>{t('report.preprocessing')}</h2>
        <ul>
          <li>{t('report.encoding')}</li>
          <li>
            {setup.split.kind === 'random'
              ? t('results.methodRandom', { percent: formatPercent(setup.split.testFraction, 0), seed: setup.split.seed })
              : t('results.methodColumn', { column: setup.split.column, value: setup.split.trainValue })}
            {'. '}
            {r.patientKey ? t('report.splitByPatient', { key: r.patientKey }) : t('report.splitByRow')}
          </li>
          <li>{t('report.noImbalance')}</li>
        </ul>
      </section>

      <section id="report-model">
        <h2>{t('report.model')}</h2>
        <p>
          {t(`models.${r.model.kind}`)}. {t(`models.hint.${r.model.kind}`)} {t('report.allPredictors', { count: r.features.length })}
        </p>
        <p className="muted">{t('report.hyperparameters', { values: hyperparameters(r.model) })}</p>
      </section>

      <EquationSection equation={model.equation} recalibrated={model.recalibration !== null} />

      <section id="report-performance" data-testid="report-performance">
        <h2>{t('report.performance')}</h2>
        <table>
          <tbody>
            <Row label={t('metrics.auc.label')} value={`${formatNumber(e.auc, 3)} (95% CI ${formatNumber(e.aucLow, 3)}–${formatNumber(e.aucHigh, 3)})`} />
            <Row label={t('metrics.calibrationSlope.label')} value={`${formatEstimate(e.calibrationSlope, 3)} (95% CI ${formatEstimate(e.calibrationSlopeCi[0], 3)}–${formatEstimate(e.calibrationSlopeCi[1], 3)})`} />
            <Row label={t('metrics.calibrationIntercept.label')} value={`${formatEstimate(e.calibrationIntercept, 3)} (95% CI ${formatEstimate(e.calibrationInterceptCi[0], 3)}–${formatEstimate(e.calibrationInterceptCi[1], 3)})`} />
            <Row label={t('metrics.brier.label')} value={formatNumber(e.brier, 3)} />
            <Row label={t('report.threshold')} value={formatNumber(current.threshold, 2)} />
            <Row label={t('metrics.accuracy.label')} value={`${formatPercent(current.accuracy)} (${t('metrics.baseline.label')} ${formatPercent(r.baselineAccuracy)})`} />
            <Row label={t('metrics.sensitivity.label')} value={formatPercent(current.sensitivity)} />
            <Row label={t('metrics.specificity.label')} value={formatPercent(current.specificity)} />
            <Row label={t('metrics.ppv.label')} value={formatPercent(current.ppv)} />
            <Row label={t('metrics.npv.label')} value={formatPercent(current.npv)} />
            {r.crossValidation && (
              <Row label={t('metrics.cvAuc.label', { k: r.crossValidation.folds })} value={`${formatNumber(r.crossValidation.auc.mean, 3)} ± ${formatNumber(r.crossValidation.auc.sd, 3)}`} />
            )}
          </tbody>
        </table>
        <p className="small">{t('report.outputText')}</p>
        <div className="report-charts">
          {/* the screen's own charts, at a fixed size: the report has no drawing code of its own */}
          <RocChart roc={e.roc} auc={e.auc} current={current} width={REPORT_CHART_WIDTH} />
          <CalibrationChart bins={e.calibration} slope={e.calibrationSlope} intercept={e.calibrationIntercept} width={REPORT_CHART_WIDTH} />
          <DecisionCurveChart points={e.decisionCurve} range={REPORT_DCA_RANGE} width={REPORT_CHART_WIDTH} />
        </div>
      </section>

      {r.oddsRatios && (
        <section id="report-forest">
          <h2>{t('report.sections.forest')}</h2>
          <OddsRatioTable rows={r.oddsRatios} increments={increments} />
          <ForestPlot rows={r.oddsRatios} increments={increments} width={REPORT_WIDE_WIDTH} />
        </section>
      )}
      {r.penalizedOddsRatios && (
        <section id="report-forest">
          <h2>{t('forest.titlePenalized')}</h2>
          <ForestPlot rows={r.penalizedOddsRatios} increments={increments} penalized width={REPORT_WIDE_WIDTH} />
        </section>
      )}
      {!traits.linear && <p>{t('results.mlpNoWeights')}</p>}
      {r.nomogram && (
        <section id="report-nomogram" data-testid="report-nomogram">
          <h2>{t('nomogram.heading')}</h2>
          {model.recalibration && <p className="small">{t('report.nomogramAsTrained')}</p>}
          <Nomogram nomogram={r.nomogram} outcomeLabel={`${r.outcome} = ${r.positiveClass}`} testId="report-nomogram-chart" />
          <PointsTable table={r.nomogram.table} testId="report-points-table" />
        </section>
      )}

      <section id="report-validation" data-testid="report-validation">
        <h2>{t('report.sections.validation')}</h2>
        {!validation.bootstrap && !validation.external && !validation.subgroups && !model.recalibration && <p className="muted">{t('report.noValidation')}</p>}
        {validation.bootstrap && (
          <>
            <h3>{t('report.bootstrapHeading', { replicates: validation.bootstrap.requested, unit: t(`validation.unit.${validation.bootstrap.unit}`) })}</h3>
            <table>
              <thead>
                <tr>
                  <th>{t('validation.metric')}</th>
                  <th className="num">{t('validation.apparent')}</th>
                  <th className="num">{t('validation.optimism')}</th>
                  <th className="num">{t('validation.corrected')}</th>
                </tr>
              </thead>
              <tbody>
                {validation.bootstrap.rows.map((b) => (
                  <tr key={b.metric}>
                    <td>{t(`validation.metrics.${b.metric}`)}</td>
                    <td className="num">{formatEstimate(b.apparent, 3)}</td>
                    <td className="num">{formatEstimate(b.optimism, 3)}</td>
                    <td className="num">{formatEstimate(b.corrected, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {validation.external && (
          <>
            <h3>{t('report.externalHeading', { file: validation.external.fileName })}</h3>
            <p>
              {t('report.externalText', {
                rows: formatCount(validation.external.evaluation.rows),
                events: formatCount(validation.external.evaluation.events),
                auc: formatNumber(validation.external.evaluation.auc.value, 3),
                aucLow: formatNumber(validation.external.evaluation.auc.low, 3),
                aucHigh: formatNumber(validation.external.evaluation.auc.high, 3),
                brier: formatNumber(validation.external.evaluation.brier, 3),
                oe: formatNumber(validation.external.evaluation.oe, 3),
                slope: formatEstimate(validation.external.evaluation.calibrationSlope.value, 3),
                citl: formatEstimate(validation.external.evaluation.calibrationIntercept.value, 3),
              })}
            </p>
          </>
        )}
        {model.recalibration && (
          <p>{t('report.recalibrationText', { method: t(`report.recalibrationMethod.${model.recalibration.method}`), rows: formatCount(model.recalibration.rows), a: formatNumber(model.recalibration.intercept, 4), b: formatNumber(model.recalibration.slope, 4) })}</p>
        )}
        {validation.subgroups && (
          <>
            <h3>{t('report.subgroupsHeading', { column: validation.subgroups.column })}</h3>
            <table>
              <thead>
                <tr>
                  <th>{t('validation.level')}</th>
                  <th className="num">{t('validation.rows')}</th>
                  <th className="num">{t('validation.events')}</th>
                  <th className="num">AUC</th>
                  <th className="num">{t('metrics.calibrationSlope.label')}</th>
                </tr>
              </thead>
              <tbody>
                {validation.subgroups.rows.map((g) => (
                  <tr key={g.level}>
                    <td>{g.level}</td>
                    <td className="num">{formatCount(g.rows)}</td>
                    <td className="num">{formatCount(g.events)}</td>
                    <td className="num">{formatNumber(g.auc, 3)}</td>
                    <td className="num">{formatEstimate(g.calibrationSlope, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {validation.treatment && <TreatmentSection state={validation.treatment} outcome={`${r.outcome} = ${r.positiveClass}`} />}

      <section id="report-limitations">
        <h2>{t('report.limitations')}</h2>
        {r.warnings.map((w, k) => (
          <p key={k} className="report-warning">
            {t(`warningShort.${w.code}`)}
          </p>
        ))}
        <ul>
          <li>{validation.external ? t('report.limitExternalDone') : t('report.limitInternal')}</li>
          <li>{t('report.limitAssociation')}</li>
          <li>{t('report.limitPopulation')}</li>
          <li>{t('report.limitNotDevice')}</li>
        </ul>
      </section>

      <TripodSection description={description} />
    </div>
  );
});

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{value}</td>
    </tr>
  );
}

/** The model's settings as "C = 1, learning rate = 0.5", not as JSON. */
function hyperparameters(model: TrainReport['model']): string {
  return Object.entries(model)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join('–') : v === null ? '–' : String(v)}`)
    .join(', ') || '–';
}
