import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo, PatientTreatment } from '../../worker/api';
import type { Result } from '../../core/errors';
import type { PatientValue } from '../../core/score/patient';
import { MAX_REPLICATES } from '../../core/validation/bootstrap';
import type { TreatmentComparison } from '../../core/treatment/cohort';
import { treatmentWarningText, withInterval } from './treatment-text';
import type { TreatmentState } from '../useWorkbench';
import { formatCount, formatPercent, formatPercentChange } from '../format';

export interface TreatmentProps {
  /** The cohort comparison last run (for any column), with the two options whose difference is shown. */
  cohort: TreatmentState | null;
  busy: boolean;
  /** The cohort comparison can run: the model in use was trained here, on the loaded data (its test rows). */
  canCompare: boolean;
  query: (values: PatientValue[], column: string) => Promise<Result<PatientTreatment>>;
  onCompare: (column: string, replicates: number) => void;
  /** The options compared (null: no comparison any more). */
  onContrast: (contrast: { reference: number; compared: number } | null) => void;
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/**
 * Treatment options compared: the user picks a feature the clinician can act on; for the patient of the
 * form, the risk under each option (ranked) and its difference from the patient's own option; for the
 * cohort, the standardized risk under each option (g-computation over the test rows) with bootstrap
 * intervals, the difference between two chosen options, and warnings where the data are thin or the
 * groups differ. The caveat that these are associations, not treatment effects, is always on screen.
 */
export function TreatmentPanel({ model, values, cohort, busy, canCompare, query, onCompare, onContrast }: TreatmentProps & { model: ModelInfo; values: PatientValue[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [column, setColumn] = useState(() => cohort?.result.column ?? '');
  const [replicates, setReplicates] = useState('200');
  const [answer, setAnswer] = useState<PatientTreatment | null>(null);
  const request = useRef(0);
  const n = Number(replicates);
  const validReplicates = Number.isInteger(n) && n >= 1 && n <= MAX_REPLICATES;
  const tc = model.treatments.find((x) => x.column === column) ?? null;

  // the patient's options follow the form, the model's threshold and its recalibration
  const modelVersion = `${model.recalibration?.intercept ?? ''}|${model.recalibration?.slope ?? ''}`;
  const asked = tc?.column ?? null;
  useEffect(() => {
    if (asked === null) return;
    const r = ++request.current;
    void query(values, asked).then((a) => {
      if (r === request.current) setAnswer(a.ok ? a.value : null);
    });
  }, [values, asked, query, modelVersion]);

  const patient = tc && answer?.column === tc.column ? answer : null;
  const state = cohort && tc && cohort.result.column === tc.column ? cohort : null;
  const c: TreatmentComparison | null = state?.result ?? null;

  const pick = (name: string) => {
    setColumn(name);
    // the comparison of another column goes (from the screen and the report)
    onContrast(null);
    if (name && canCompare && validReplicates) onCompare(name, n);
  };
  const order = patient ? patient.ranking : (tc?.options.map((_, k) => k) ?? []);
  const rank = (k: number) => (patient ? patient.ranking.indexOf(k) + 1 : null);
  const outcome = `${model.outcome} = ${model.positiveClass}`;

  return (
    <section className="treatment" aria-labelledby={`${id}-h`} data-testid="treatment-panel">
      <h3 id={`${id}-h`}>{t('treatment.heading')}</h3>
      <p className="causal-note" role="note" data-testid="treatment-caveat">
        {t('treatment.caveat')}
      </p>
      <div className="row-inline">
        <label htmlFor={`${id}-col`}>{t('treatment.column')}</label>
        <select id={`${id}-col`} data-testid="treatment-select" value={column} disabled={busy} onChange={(e) => pick(e.target.value)}>
          <option value="">{t('treatment.none')}</option>
          {model.treatments.map((x) => (
            <option key={x.column} value={x.column}>
              {x.column}
            </option>
          ))}
        </select>
        {tc && canCompare && (
          <>
            <label htmlFor={`${id}-n`}>{t('treatment.replicates')}</label>
            <input id={`${id}-n`} data-testid="treatment-replicates" type="number" min={1} max={MAX_REPLICATES} step={1} value={replicates} aria-invalid={!validReplicates} onChange={(e) => setReplicates(e.target.value)} />
            <button type="button" className="secondary" data-testid="treatment-run" disabled={busy || !validReplicates} onClick={() => onCompare(tc.column, n)}>
              {t('treatment.run')}
            </button>
          </>
        )}
      </div>
      <p className="hint">{t(model.treatments.length === 0 ? 'treatment.noColumns' : 'treatment.hint')}</p>
      {!canCompare && <p className="hint">{t('treatment.cohortNeedsTraining')}</p>}

      {tc && (
        <>
          <div className="table-scroll">
            <table data-testid="treatment-table" data-column={tc.column}>
              <caption>
                {c ? t('treatment.caption', { outcome, column: tc.column, rows: formatCount(c.testRows) }) : t('treatment.captionPatient', { outcome, column: tc.column })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">{t('treatment.rank')}</th>
                  <th scope="col">{tc.column}</th>
                  <th scope="col" className="num">{t('treatment.patientRisk')}</th>
                  <th scope="col" className="num">{t('treatment.patientDifference')}</th>
                  {c && state && (
                    <>
                      <th scope="col" className="num">{t('treatment.standardized')}</th>
                      <th scope="col" className="num">{t('treatment.cohortDifference', { reference: c.options[state.reference].level })}</th>
                      <th scope="col" className="num">{t('treatment.trainRows')}</th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {order.map((k) => {
                  const o = c?.options[k];
                  const d = c && state ? c.differences[k][state.reference] : null;
                  const own = patient?.actual === k;
                  return (
                    <tr
                      key={tc.options[k]}
                      data-level={tc.options[k]}
                      data-risk={num(patient?.risks[k])}
                      data-rank={rank(k) ?? undefined}
                      data-difference={num(patient?.differences[k])}
                      data-actual={own ? 'true' : undefined}
                      data-standardized-risk={num(o?.value)}
                      data-standardized-low={num(o?.low)}
                      data-standardized-high={num(o?.high)}
                      className={own ? 'is-actual' : undefined}
                    >
                      <td className="num">{rank(k) ?? '–'}</td>
                      <th scope="row" className="colname">
                        {tc.options[k]}
                        {own && <span className="tag">{t('treatment.own')}</span>}
                        {state?.reference === k && <span className="tag">{t('treatment.referenceTag')}</span>}
                      </th>
                      <td className="num">{patient ? formatPercent(patient.risks[k]) : '–'}</td>
                      <td className="num">{patient && patient.differences[k] !== null ? (own ? '—' : formatPercentChange(patient.differences[k] as number)) : '–'}</td>
                      {o && d && state && (
                        <>
                          <td className="num">{withInterval(o, (v) => formatPercent(v))}</td>
                          <td className="num">{k === state.reference ? '—' : withInterval(d, formatPercentChange)}</td>
                          <td className="num">
                            {formatCount(o.trainRows)} ({formatCount(o.trainEvents)})
                          </td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {patient && patient.actual === null && <p className="hint">{t('treatment.noActual', { column: tc.column })}</p>}
          {c && state && <CohortSummary state={state} onContrast={onContrast} />}
        </>
      )}
    </section>
  );
}

/** The difference between the two chosen options, how it was computed, and the warnings. */
function CohortSummary({ state, onContrast }: { state: TreatmentState; onContrast: TreatmentProps['onContrast'] }) {
  const { t } = useTranslation();
  const id = useId();
  const c = state.result;
  const { reference, compared } = state;
  const d = compared >= 0 && compared !== reference ? c.differences[compared][reference] : null;
  const level = (k: number) => c.options[k].level;
  return (
    <>
      <div className="row-inline">
        <label htmlFor={`${id}-cmp`}>{t('treatment.compared')}</label>
        <select id={`${id}-cmp`} data-testid="treatment-compared" value={compared} onChange={(e) => onContrast({ reference, compared: Number(e.target.value) })}>
          {c.options.map((o, k) => (
            <option key={o.level} value={k}>
              {o.level}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-ref`}>{t('treatment.reference')}</label>
        <select id={`${id}-ref`} data-testid="treatment-reference" value={reference} onChange={(e) => onContrast({ reference: Number(e.target.value), compared })}>
          {c.options.map((o, k) => (
            <option key={o.level} value={k}>
              {o.level}
            </option>
          ))}
        </select>
      </div>
      {d && (
        <p className="treatment-difference" data-testid="treatment-difference" data-value={num(d.value)} data-ci-low={num(d.low)} data-ci-high={num(d.high)} data-option={level(compared)} data-reference={level(reference)}>
          {Number.isFinite(d.low)
            ? t('treatment.difference', { compared: level(compared), reference: level(reference), value: formatPercentChange(d.value), low: formatPercentChange(d.low), high: formatPercentChange(d.high), rows: formatCount(c.testRows) })
            : t('treatment.differenceNoCi', { compared: level(compared), reference: level(reference), value: formatPercentChange(d.value), rows: formatCount(c.testRows) })}
        </p>
      )}
      <TreatmentWarnings result={c} />
      <p className="hint" data-testid="treatment-method">
        {t('treatment.method', { column: c.column, n: c.bootstrap.requested - c.bootstrap.failed, unit: t(`validation.unit.${c.bootstrap.unit}`), seed: c.bootstrap.seed })}
        {c.bootstrap.failed > 0 && <> {t('treatment.failed', { count: c.bootstrap.failed })}</>}
        {c.recalibrated && <> {t('treatment.recalibrated')}</>}
      </p>
    </>
  );
}

/** The comparison's warnings, each naming its option. */
function TreatmentWarnings({ result: c }: { result: TreatmentComparison }) {
  const { t } = useTranslation();
  return (
    <>
      {c.warnings.map((w) => (
        <div key={`${w.code}-${w.option}`} className="alert alert-warning" role="status" data-testid="treatment-warning" data-kind={w.code} data-level={c.options[w.option].level}>
          {treatmentWarningText(t, c, w)}
        </div>
      ))}
    </>
  );
}
