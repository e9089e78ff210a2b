import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import type { DatasetSummary } from '../../worker/api';
import type { TrainReport, ThresholdResult } from '../../core/train/report';
import type { TrainSetup } from '../../core/prep/setup';
import { formatCount, formatNumber, formatPercent } from '../format';
import './report.css';
import { RocChart } from '../../components/charts/RocChart';
import { CalibrationChart } from '../../components/charts/CalibrationChart';

/** Two charts side by side on an A4 page. */
const REPORT_CHART_WIDTH = 380;

interface Props {
  dataset: DatasetSummary;
  report: TrainReport;
  setup: TrainSetup;
  current: ThresholdResult;
}

/**
 * A model card in the spirit of TRIPOD: data, preprocessing, model, performance with uncertainty,
 * calibration, the coefficients, limitations. Charts have fixed sizes so the report prints and saves
 * the same everywhere. Everything shown is a summary: no patient row appears in it.
 */
export const ReportView = forwardRef<HTMLDivElement, Props>(function ReportView({ dataset: d, report: r, setup, current }, ref) {
  const { t } = useTranslation();
  const e = r.test;
  const used = new Set(r.features.map((f) => f.column));
  const usedColumns = d.columns.filter((c) => used.has(c.name));
  return (
    <div className="report" ref={ref} data-testid="report">
      <h1>{t('report.title', { outcome: `${r.outcome} = ${r.positiveClass}` })}</h1>
      <p className="report-meta">{t('report.meta', { date: new Date().toLocaleString(i18n.language), version: __APP_VERSION__ })}</p>

      <h2>{t('report.data')}</h2>
      <p>
        {t('report.dataText', {
          file: d.fileName,
          rows: formatCount(d.rows),
          cols: formatCount(d.cols),
          train: formatCount(r.counts.train),
          test: formatCount(r.counts.test),
          prevalence: formatPercent((r.counts.trainEvents + r.counts.testEvents) / (r.counts.train + r.counts.test)),
        })}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('profile.column')}</th>
            <th>{t('profile.type')}</th>
            <th className="num">{t('profile.missing')}</th>
          </tr>
        </thead>
        <tbody>
          {usedColumns.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              <td>{t(`types.${c.type}`)}</td>
              <td className="num">
                {formatCount(c.missing)} ({formatPercent(c.missing / Math.max(1, d.rows))})
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('report.preprocessing')}</h2>
      <ul>
        <li>{t('report.missing', { method: t(`setup.missingOptions.${setup.missing}`) })}</li>
        <li>{t('report.encoding')}</li>
        <li>
          {setup.split.kind === 'random'
            ? t('results.methodRandom', { percent: formatPercent(setup.split.testFraction, 0), seed: setup.split.seed })
            : t('results.methodColumn', { column: setup.split.column, value: setup.split.trainValue })}
        </li>
      </ul>

      <h2>{t('report.model')}</h2>
      <p>
        {t(`models.${r.model.kind}`)}. {t(`models.hint.${r.model.kind}`)}
      </p>
      <p className="muted">{t('report.hyperparameters', { values: hyperparameters(r.model) })}</p>

      <h2>{t('report.performance')}</h2>
      <table>
        <tbody>
          <Row label={t('metrics.auc.label')} value={`${formatNumber(e.auc, 3)} (95% CI ${formatNumber(e.aucLow, 3)}–${formatNumber(e.aucHigh, 3)})`} />
          <Row label={t('metrics.accuracy.label')} value={`${formatPercent(current.accuracy)} (${t('metrics.baseline.label')} ${formatPercent(r.baselineAccuracy)})`} />
          <Row label={t('report.threshold')} value={formatNumber(current.threshold, 2)} />
          <Row label={t('metrics.sensitivity.label')} value={formatPercent(current.sensitivity)} />
          <Row label={t('metrics.specificity.label')} value={formatPercent(current.specificity)} />
          <Row label={t('metrics.ppv.label')} value={formatPercent(current.ppv)} />
          <Row label={t('metrics.npv.label')} value={formatPercent(current.npv)} />
          <Row label={t('metrics.brier.label')} value={formatNumber(e.brier, 3)} />
          <Row label={t('metrics.calibrationSlope.label')} value={formatNumber(e.calibrationSlope, 3)} />
          <Row label={t('metrics.calibrationIntercept.label')} value={formatNumber(e.calibrationIntercept, 3)} />
          {r.crossValidation && (
            <Row label={t('metrics.cvAuc.label', { k: r.crossValidation.folds })} value={`${formatNumber(r.crossValidation.auc.mean, 3)} ± ${formatNumber(r.crossValidation.auc.sd, 3)}`} />
          )}
        </tbody>
      </table>
      <div className="report-charts">
        {/* the screen's own charts, at a fixed size: the report has no drawing code of its own */}
        <RocChart roc={e.roc} auc={e.auc} current={current} width={REPORT_CHART_WIDTH} />
        <CalibrationChart bins={e.calibration} slope={e.calibrationSlope} intercept={e.calibrationIntercept} width={REPORT_CHART_WIDTH} />
      </div>

      {r.oddsRatios && (
        <>
          <h2>{t('oddsRatios.caption')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('results.feature')}</th>
                <th className="num">{t('oddsRatios.perUnit')}</th>
                <th className="num">{t('oddsRatios.ci')}</th>
                <th className="num">{t('oddsRatios.p')}</th>
              </tr>
            </thead>
            <tbody>
              {r.oddsRatios.map((o) => (
                <tr key={o.feature}>
                  <td>{o.feature}</td>
                  <td className="num">{formatNumber(o.perUnit.or, 3)}</td>
                  <td className="num">
                    {formatNumber(o.perUnit.low, 3)}–{formatNumber(o.perUnit.high, 3)}
                  </td>
                  <td className="num">{o.p < 0.001 ? '< 0.001' : formatNumber(o.p, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {r.coefficients && !r.oddsRatios && (
        <>
          <h2>{t('results.coefCaption')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('results.feature')}</th>
                <th className="num">{t('results.coefStd')}</th>
                <th className="num">{t('results.coefUnit')}</th>
              </tr>
            </thead>
            <tbody>
              {r.coefficients.map((c) => (
                <tr key={c.feature}>
                  <td>{c.feature}</td>
                  <td className="num">{formatNumber(c.coef, 4)}</td>
                  <td className="num">{formatNumber(c.perUnit, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>{t('report.limitations')}</h2>
      {r.warnings.map((w, k) => (
        <p key={k} className="report-warning">
          {t(`warningShort.${w.code}`)}
        </p>
      ))}
      <ul>
        <li>{t('report.limitInternal')}</li>
        <li>{t('report.limitAssociation')}</li>
        <li>{t('report.limitPopulation')}</li>
        <li>{t('report.limitNotDevice')}</li>
      </ul>
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
