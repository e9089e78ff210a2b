import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary, ExternalOutcome, ModelInfo } from '../../worker/api';
import type { TrainReport } from '../../core/train/report';
import type { BootstrapResult } from '../../core/validation/bootstrap';
import type { RecalibrationMethod } from '../../core/validation/external';
import { TABLE_THRESHOLDS, type DecisionPoint } from '../../core/validation/decision-curve';
import { MAX_REPLICATES } from '../../core/validation/bootstrap';
import type { ValidationState } from '../useWorkbench';
import { DecisionCurveChart } from '../../components/charts/DecisionCurveChart';
import { CalibrationChart } from '../../components/charts/CalibrationChart';
import { CSV_ACCEPT, FileButton } from '../../components/FileButton';
import { Later } from '../../components/Later';
import { formatCount, formatEstimate as formatNumber, formatPercent } from '../format';

interface Props {
  model: ModelInfo;
  /** The training report when the model in use was trained here (bootstrap, decision curve, subgroups need it). */
  report: TrainReport | null;
  dataset: DatasetSummary | null;
  validation: ValidationState;
  busy: boolean;
  onBootstrap: (replicates: number) => void;
  onShrink: () => void;
  onExternal: (file: File) => void;
  onRecalibrate: (method: RecalibrationMethod) => void;
  onSubgroups: (column: string) => void;
}

/**
 * Step 4b: how good the model will be on the next patients (bootstrap optimism correction), in another
 * hospital (external validation and recalibration), whether it is worth using at the thresholds one
 * would act on (decision curve), and for whom (subgroups). Memoized: progress ticks do not re-render it.
 */
export const ValidationStep = memo(function ValidationStep(p: Props) {
  const { t } = useTranslation();
  const trained = p.model.source === 'trained' && p.report !== null;
  return (
    <div className="validation">
      {trained && <BootstrapPanel result={p.validation.bootstrap} busy={p.busy} model={p.model} onRun={p.onBootstrap} onShrink={p.onShrink} />}
      {trained && p.report && (
        <Later order={2} height={320}>
          <DecisionCurvePanel points={p.report.test.decisionCurve} testId="dca" caption={t('validation.dcaOnTest')} />
        </Later>
      )}
      {trained && p.dataset && <SubgroupPanel dataset={p.dataset} outcome={p.model.outcome} result={p.validation.subgroups} onPick={p.onSubgroups} />}
      <ExternalPanel external={p.validation.external} busy={p.busy} model={p.model} onFile={p.onExternal} onRecalibrate={p.onRecalibrate} />
    </div>
  );
});

const num = (v: number) => (Number.isFinite(v) ? String(v) : '');

function BootstrapPanel({ result, busy, model, onRun, onShrink }: { result: BootstrapResult | null; busy: boolean; model: ModelInfo; onRun: (n: number) => void; onShrink: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [replicates, setReplicates] = useState('200');
  const n = Number(replicates);
  const valid = Number.isInteger(n) && n >= 1 && n <= MAX_REPLICATES;
  const shrunk = model.recalibration?.method === 'shrinkage';
  return (
    <section className="validation-part" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('validation.bootstrapHeading')}</h3>
      <p className="hint">{t('validation.bootstrapHint')}</p>
      <div className="row-inline">
        <label htmlFor={`${id}-n`}>{t('validation.replicates')}</label>
        <input id={`${id}-n`} data-testid="bootstrap-input" type="number" min={1} max={MAX_REPLICATES} step={1} value={replicates} aria-invalid={!valid} onChange={(e) => setReplicates(e.target.value)} />
        <button type="button" className="primary" data-testid="validate-button" disabled={busy || !valid} onClick={() => onRun(n)}>
          {t('validation.validate')}
        </button>
      </div>
      {result && (
        <>
          <div className="table-scroll">
            <table data-testid="validation-table">
              <caption>{t(result.unit === 'patients' ? 'validation.bootstrapCaptionPatients' : 'validation.bootstrapCaption', { n: result.requested - result.failed, seed: result.seed })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('validation.metric')}</th>
                  <th scope="col" className="num">{t('validation.apparent')}</th>
                  <th scope="col" className="num">{t('validation.optimism')}</th>
                  <th scope="col" className="num">{t('validation.corrected')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.metric} data-metric={r.metric} data-apparent={num(r.apparent)} data-optimism={num(r.optimism)} data-corrected={num(r.corrected)}>
                    <th scope="row">{t(`validation.metrics.${r.metric}`)}</th>
                    <td className="num">{formatNumber(r.apparent, 3)}</td>
                    <td className="num">
                      {formatNumber(r.optimism, 3)} <span className="muted">(SD {formatNumber(r.optimismSd, 2)})</span>
                    </td>
                    <td className="num">
                      <strong>{formatNumber(r.corrected, 3)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.failed > 0 && <p className="hint">{t('validation.failedReplicates', { count: result.failed })}</p>}
          {Number.isFinite(result.shrinkage) && result.shrinkage < 1 && (
            <p className="shrinkage">
              {t('validation.shrinkageOffer', { factor: formatNumber(result.shrinkage, 3) })}{' '}
              <button type="button" className="secondary" data-testid="apply-shrinkage" disabled={busy || shrunk} onClick={onShrink}>
                {shrunk ? t('validation.shrinkageApplied') : t('validation.applyShrinkage')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** The decision curve and its table; the highlighted range is the user's (5%–30% to start). */
/** Memoized: a busy flag re-renders the validation step, and must not redraw its chart. */
const DecisionCurvePanel = memo(function DecisionCurvePanel({ points, testId, caption }: { points: DecisionPoint[]; testId: 'dca' | 'external-dca'; caption: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [low, setLow] = useState('5');
  const [high, setHigh] = useState('30');
  const lo = Math.min(99, Math.max(1, Number(low) || 1)) / 100;
  const hi = Math.min(99, Math.max(lo * 100, Number(high) || 99)) / 100;
  const rows = points.filter((pt) => TABLE_THRESHOLDS.some((x) => Math.abs(x - pt.threshold) < 1e-9));
  return (
    <section className="validation-part" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('validation.dcaHeading')}</h3>
      <p className="hint">{caption}</p>
      <div className="row-inline">
        <label htmlFor={`${id}-lo`}>{t('validation.dcaRange')}</label>
        <input id={`${id}-lo`} type="number" min={1} max={99} value={low} onChange={(e) => setLow(e.target.value)} aria-label={t('validation.dcaLow')} />
        <span>–</span>
        <input id={`${id}-hi`} type="number" min={1} max={99} value={high} onChange={(e) => setHigh(e.target.value)} aria-label={t('validation.dcaHigh')} />
        <span>%</span>
      </div>
      <DecisionCurveChart points={points} range={[lo, hi]} testId={testId === 'dca' ? 'chart-decision-curve' : 'chart-external-decision-curve'} />
      <details>
        <summary>{t('validation.dcaTableSummary')}</summary>
        <div className="table-scroll">
          <table data-testid={testId === 'dca' ? 'dca-table' : 'external-dca-table'}>
            <thead>
              <tr>
                <th scope="col">{t('validation.dcaThreshold')}</th>
                <th scope="col" className="num">{t('validation.theModel')}</th>
                <th scope="col" className="num">{t('validation.treatAll')}</th>
                <th scope="col" className="num">{t('validation.treatNone')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.threshold} data-threshold={r.threshold.toFixed(2)} data-net-benefit={num(r.netBenefit)} data-treat-all={num(r.treatAll)} className={r.threshold >= lo && r.threshold <= hi ? 'in-range' : undefined}>
                  <th scope="row">{formatPercent(r.threshold, 0)}</th>
                  <td className="num">{formatNumber(r.netBenefit, 3)}</td>
                  <td className="num">{formatNumber(r.treatAll, 3)}</td>
                  <td className="num">0</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
});

function SubgroupPanel({ dataset, outcome, result, onPick }: { dataset: DatasetSummary; outcome: string; result: ValidationState['subgroups']; onPick: (c: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  // columns with a few levels (sex, age band, site), not identifiers; they need not be features
  const choices = dataset.columns.filter((c) => c.name !== outcome && !c.phi && c.levels !== undefined && c.levels.length >= 2);
  return (
    <section className="validation-part" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('validation.subgroupHeading')}</h3>
      <p className="hint">{t('validation.subgroupHint')}</p>
      <label htmlFor={`${id}-col`}>{t('validation.subgroupColumn')}</label>
      <select id={`${id}-col`} data-testid="subgroup-select" value={result?.column ?? ''} onChange={(e) => e.target.value && onPick(e.target.value)}>
        <option value="">{t('validation.subgroupNone')}</option>
        {choices.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
      {result && (
        <div className="table-scroll">
          <table data-testid="subgroup-table">
            <caption>{t('validation.subgroupCaption', { column: result.column })}</caption>
            <thead>
              <tr>
                <th scope="col">{result.column}</th>
                <th scope="col" className="num">{t('validation.rows')}</th>
                <th scope="col" className="num">{t('validation.events')}</th>
                <th scope="col" className="num">{t('validation.metrics.auc')}</th>
                <th scope="col" className="num">{t('validation.metrics.calibration-intercept')}</th>
                <th scope="col" className="num">{t('validation.metrics.calibration-slope')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr
                  key={r.level}
                  data-level={r.level}
                  data-rows={r.rows}
                  data-events={r.events}
                  data-auc={num(r.auc)}
                  data-calibration-intercept={num(r.calibrationIntercept)}
                  data-calibration-slope={num(r.calibrationSlope)}
                >
                  <th scope="row" className="colname">
                    {r.level}
                  </th>
                  <td className="num">{formatCount(r.rows)}</td>
                  <td className="num">{formatCount(r.events)}</td>
                  <td className="num">{formatNumber(r.auc, 3)}</td>
                  <td className="num">{formatNumber(r.calibrationIntercept, 2)}</td>
                  <td className="num">
                    {formatNumber(r.calibrationSlope, 2)}
                    {r.tooFew && <span className="note"> {t('validation.tooFew')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ExternalPanel({ external, busy, model, onFile, onRecalibrate }: { external: ExternalOutcome | null; busy: boolean; model: ModelInfo; onFile: (f: File) => void; onRecalibrate: (m: RecalibrationMethod) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const e = external?.evaluation;
  return (
    <section className="validation-part" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('validation.externalHeading')}</h3>
      <p className="hint">{t('validation.externalHint', { outcome: `${model.outcome} = ${model.positiveClass}` })}</p>
      <FileButton label={t('validation.externalChoose')} testId="external-file-input" accept={CSV_ACCEPT} disabled={busy} onFile={onFile} />
      {external && e && (
        <>
          <p
            data-testid="external-metrics"
            data-rows={e.rows}
            data-events={e.events}
            data-auc={num(e.auc.value)}
            data-auc-ci-low={num(e.auc.low)}
            data-auc-ci-high={num(e.auc.high)}
            data-brier={num(e.brier)}
            data-oe={num(e.oe)}
            data-calibration-intercept={num(e.calibrationIntercept.value)}
            data-calibration-slope={num(e.calibrationSlope.value)}
          >
            {t('validation.externalSummary', {
              file: external.fileName,
              rows: formatCount(e.rows),
              events: formatCount(e.events),
              left: formatCount(external.withoutOutcome + external.notScored),
              auc: formatNumber(e.auc.value, 3),
              low: formatNumber(e.auc.low, 3),
              high: formatNumber(e.auc.high, 3),
            })}
          </p>
          <div className="table-scroll">
            <table>
              <tbody>
                <tr><th scope="row">{t('validation.metrics.brier')}</th><td className="num">{formatNumber(e.brier, 3)}</td></tr>
                <tr><th scope="row">{t('validation.oe')}</th><td className="num">{formatNumber(e.oe, 3)}</td></tr>
                <tr>
                  <th scope="row">{t('validation.metrics.calibration-intercept')}</th>
                  <td className="num">{formatNumber(e.calibrationIntercept.value, 3)} ({formatNumber(e.calibrationIntercept.low, 3)} – {formatNumber(e.calibrationIntercept.high, 3)})</td>
                </tr>
                <tr>
                  <th scope="row">{t('validation.metrics.calibration-slope')}</th>
                  <td className="num">{formatNumber(e.calibrationSlope.value, 3)} ({formatNumber(e.calibrationSlope.low, 3)} – {formatNumber(e.calibrationSlope.high, 3)})</td>
                </tr>
              </tbody>
            </table>
          </div>
          <label htmlFor={`${id}-recal`}>{t('validation.recalibrate')}</label>
          <select id={`${id}-recal`} data-testid="recalibrate-select" value={external.method} disabled={busy} onChange={(ev) => onRecalibrate(ev.target.value as RecalibrationMethod)}>
            {(['none', 'intercept', 'logistic'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`validation.recalibration.${m}`)}
              </option>
            ))}
          </select>
          <p className="hint">{t(`validation.recalibrationHint.${external.method}`)}</p>
          <div className="charts">
            <CalibrationChart bins={e.bins} slope={e.calibrationSlope.value} intercept={e.calibrationIntercept.value} curve={e.curve} testId="chart-external-calibration" />
          </div>
          <DecisionCurvePanel points={e.decisionCurve} testId="external-dca" caption={t('validation.dcaOnExternal', { file: external.fileName })} />
        </>
      )}
    </section>
  );
}
