import { Later } from '../../components/Later';
import { memo, useEffect, useId, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo, PatientAnswer, PatientField } from '../../worker/api';
import type { Result } from '../../core/errors';
import type { PatientValue } from '../../core/score/patient';
import { ContributionsChart } from '../../components/charts/ContributionsChart';
import { WhatIfChart } from '../../components/charts/WhatIfChart';
import { formatNumber, formatPercent } from '../format';
import { OTHER_LEVEL } from '../../core/prep/pipeline';
import { errorMessage } from '../../components/ErrorAlert';
import { TreatmentPanel, type TreatmentProps } from './TreatmentPanel';

export type PatientQuery = (values: PatientValue[], whatIf: number[]) => Promise<Result<PatientAnswer>>;

/** The training median or most frequent level, as the form's starting text. */
function referenceText(f: PatientField): string {
  if (f.kind === 'numeric') return Number.isFinite(f.median) ? String(f.median) : '';
  if (f.kind === 'text') return ''; // the reference patient has no note
  return f.mode ?? f.levels[0] ?? '';
}

const asValue = (text: string): PatientValue => (text.trim() === '' ? null : text);

/**
 * One patient: a form generated from the model's columns (prefilled with the reference patient), the
 * risk and why, and what-if curves for the factors the user marks as modifiable. Nothing typed here is
 * stored anywhere; it lives in this component's state and goes only to the worker.
 */
export function PatientPanel({ model, query, treatment }: { model: ModelInfo; query: PatientQuery; treatment?: TreatmentProps }) {
  const { t } = useTranslation();
  const id = useId();
  const [texts, setTexts] = useState<string[]>(() => model.fields.map(referenceText));
  const [modifiable, setModifiable] = useState<number[]>([]);
  const [scenario, setScenario] = useState<Map<number, string>>(() => new Map());
  const [current, setCurrent] = useState<PatientAnswer | null>(null);
  const [whatIf, setWhatIf] = useState<PatientAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const request = useRef(0);

  const values = useMemo(() => texts.map(asValue), [texts]);
  const scenarioValues = useMemo(() => texts.map((v, k) => asValue(scenario.get(k) ?? v)), [texts, scenario]);

  // the engine's answer changes with the model's threshold and recalibration: ask again when they do
  const modelVersion = `${model.threshold}|${model.recalibration?.intercept ?? ''}|${model.recalibration?.slope ?? ''}`;
  useEffect(() => {
    const r = ++request.current;
    void (async () => {
      const [a, b] = await Promise.all([query(values, modifiable), modifiable.length > 0 ? query(scenarioValues, modifiable) : Promise.resolve(null)]);
      if (r !== request.current) return;
      if (!a.ok) {
        setProblem(errorMessage(t, a.error).title);
        return;
      }
      setProblem(null);
      setCurrent(a.value);
      setWhatIf(b && b.ok ? b.value : null);
    })();
  }, [values, scenarioValues, modifiable, query, t, modelVersion]);

  const p = current?.prediction;
  // the engine's decision, at the threshold it holds
  const event = current?.event ?? false;
  const threshold = current?.threshold ?? model.threshold;
  const levelLabel = (level: string) => (level === OTHER_LEVEL ? t('patient.otherLevel') : level);
  return (
    <div className="patient">
      <form className="predict-form" data-testid="predict-form" onSubmit={(e) => e.preventDefault()} aria-describedby={`${id}-note`}>
        <p className="hint" id={`${id}-note`}>
          {t('patient.formHint')}
        </p>
        <PatientFields id={id} fields={model.fields} texts={texts} setTexts={setTexts} modifiable={modifiable} setModifiable={setModifiable} setScenario={setScenario} />
        <button type="button" className="link" onClick={() => setTexts(model.fields.map(referenceText))}>
          {t('patient.reset')}
        </button>
      </form>

      <div className="patient-result" aria-live="polite">
        {problem && (
          <div className="alert alert-warning" role="status">
            {problem}
          </div>
        )}
        {p && (
          <>
            <div className="risk" data-testid="predicted-risk" data-value={String(p.risk)}>
              <span className="risk-label">{t('patient.risk', { outcome: `${model.outcome} = ${model.positiveClass}` })}</span>
              <span className="risk-value">{formatPercent(p.risk)}</span>
              <span className={`risk-decision ${event ? 'is-event' : ''}`}>
                {event ? t('patient.decisionEvent', { value: model.positiveClass, threshold: formatNumber(threshold, 2) }) : t('patient.decisionNoEvent', { value: model.negativeLabel, threshold: formatNumber(threshold, 2) })}
              </span>
              <span className="hint">{t('patient.reference', { risk: formatPercent(p.reference.risk) })}</span>
            </div>
            {p.extrapolation.map((x) => (
              <div key={x.column} className="alert alert-warning" data-testid="extrapolation-warning" data-feature={x.column}>
                {t('patient.extrapolation', { column: x.column, value: formatNumber(x.value, 4), min: formatNumber(x.min, 4), max: formatNumber(x.max, 4) })}
              </div>
            ))}
            {p.imputed.length > 0 && <p className="hint">{t('patient.imputed', { columns: p.imputed.join(', ') })}</p>}
            {p.unseen.length > 0 && <p className="hint">{t('patient.unseen', { cells: p.unseen.map((u) => `${u.column} = ${levelLabel(u.value)}`).join(', ') })}</p>}
            <ContributionsChart contributions={p.contributions} unit={p.unit} method={p.method} />
            <NoteTerms contributions={p.contributions} unit={p.unit} />
          </>
        )}
      </div>

      {modifiable.length > 0 && current && (
        <div className="what-if">
          <h3>{t('patient.whatIfHeading')}</h3>
          <p className="causal-note" role="note">
            {t('patient.causalNote')}
          </p>
          {whatIf && (
            <p className="lead" data-testid="what-if-risk" data-value={String(whatIf.prediction.risk)}>
              {t('patient.whatIfRisk', {
                risk: formatPercent(whatIf.prediction.risk),
                change: `${whatIf.prediction.risk >= current.prediction.risk ? '+' : '−'}${formatPercent(Math.abs(whatIf.prediction.risk - current.prediction.risk))}`,
              })}
            </p>
          )}
          {modifiable.map((k) => {
            const f = model.fields[k];
            const curve = (whatIf ?? current).curves.find((c) => c.column === k);
            const shown = scenario.get(k) ?? texts[k];
            const set = (v: string) => setScenario((s) => new Map(s).set(k, v));
            return (
              <div key={f.column} className="what-if-factor">
                <label htmlFor={`${id}-wi-${k}`}>
                  {f.column}: <strong>{levelLabel(shown)}</strong>
                </label>
                {f.kind === 'numeric' ? (
                  <input
                    id={`${id}-wi-${k}`}
                    data-testid="what-if-input"
                    data-feature={f.column}
                    type="range"
                    min={f.min}
                    max={f.max}
                    step={(f.max - f.min) / 100 || 1}
                    value={Number(shown)}
                    onChange={(e) => set(e.target.value)}
                  />
                ) : f.kind === 'text' ? null : (
                  <select id={`${id}-wi-${k}`} data-testid="what-if-input" data-feature={f.column} value={shown} onChange={(e) => set(e.target.value)}>
                    {f.levels.map((l) => (
                      <option key={l} value={l}>
                        {levelLabel(l)}
                      </option>
                    ))}
                  </select>
                )}
                {curve && (
                  <WhatIfChart
                    column={f.column}
                    points={curve.points.map((pt) => (typeof pt.x === 'string' ? { ...pt, x: levelLabel(pt.x) } : pt))}
                    current={f.kind === 'numeric' ? Number(shown) : levelLabel(shown)}
                    risk={(whatIf ?? current).prediction.risk}
                    threshold={threshold}
                  />
                )}
              </div>
            );
          })}
        </div>
      )}
      {treatment && (
        <Later order={4} height={160}>
          <TreatmentPanel model={model} values={values} {...treatment} />
        </Later>
      )}
    </div>
  );
}

interface FieldsProps {
  id: string;
  fields: PatientField[];
  texts: string[];
  setTexts: Dispatch<SetStateAction<string[]>>;
  modifiable: number[];
  setModifiable: Dispatch<SetStateAction<number[]>>;
  setScenario: Dispatch<SetStateAction<Map<number, string>>>;
}

/** A field per model column; memoized, so that a busy flag or a new answer does not re-render one per column. */
const PatientFields = memo(function PatientFields({ id, fields, texts, setTexts, modifiable, setModifiable, setScenario }: FieldsProps) {
  const { t } = useTranslation();
  const levelLabel = (level: string) => (level === OTHER_LEVEL ? t('patient.otherLevel') : level);
  return (
    <div className="predict-fields">
      {fields.map((f, k) => (
        <div key={f.column} className="predict-field">
          <label htmlFor={`${id}-${k}`} className="colname">
            {f.column}
          </label>
          {f.kind === 'numeric' ? (
            <input
              id={`${id}-${k}`}
              data-testid="predict-input"
              data-feature={f.column}
              type="text"
              inputMode="decimal"
              value={texts[k]}
              aria-describedby={`${id}-${k}-range`}
              onChange={(e) => setTexts((old) => old.map((v, j) => (j === k ? e.target.value : v)))}
            />
          ) : f.kind === 'text' ? (
            <textarea
              id={`${id}-${k}`}
              data-testid="predict-input"
              data-feature={f.column}
              rows={3}
              maxLength={100_000}
              value={texts[k]}
              aria-describedby={`${id}-${k}-terms`}
              onChange={(e) => setTexts((old) => old.map((v, j) => (j === k ? e.target.value : v)))}
            />
          ) : (
            <select
              id={`${id}-${k}`}
              data-testid="predict-input"
              data-feature={f.column}
              value={texts[k]}
              onChange={(e) => setTexts((old) => old.map((v, j) => (j === k ? e.target.value : v)))}
            >
              {f.levels.map((l) => (
                <option key={l} value={l}>
                  {levelLabel(l)}
                </option>
              ))}
            </select>
          )}
          {f.kind === 'numeric' && (
            <span className="hint" id={`${id}-${k}-range`}>
              {t('patient.range', { min: formatNumber(f.min, 3), max: formatNumber(f.max, 3) })}
            </span>
          )}
          {f.kind === 'text' && (
            <span className="hint" id={`${id}-${k}-terms`}>
              {t('patient.noteHint', { count: f.terms })}
            </span>
          )}
          {f.kind !== 'text' && <label className="modifiable">
            <input
              type="checkbox"
              data-testid="modifiable-toggle"
              data-feature={f.column}
              checked={modifiable.includes(k)}
              onChange={(e) => {
                setModifiable((m) => (e.target.checked ? [...m, k] : m.filter((x) => x !== k)));
                setScenario((s) => {
                  const next = new Map(s);
                  next.delete(k);
                  return next;
                });
              }}
            />
            {t('patient.modifiable')}
          </label>}
        </div>
      ))}
    </div>
  );
});

/** The terms of the patient's notes that moved the score most (linear models), each with its share of the score. */
function NoteTerms({ contributions, unit }: { contributions: PatientAnswer['prediction']['contributions']; unit: PatientAnswer['prediction']['unit'] }) {
  const { t } = useTranslation();
  const notes = contributions.filter((c) => c.terms && c.terms.length > 0);
  if (notes.length === 0) return null;
  return (
    <div className="note-terms" data-testid="note-terms">
      {notes.map((c) => (
        <div key={c.column}>
          <h4>{t('patient.noteTerms', { column: c.column })}</h4>
          <ul>
            {(c.terms ?? []).slice(0, 8).map((x) => (
              <li key={x.term} data-testid="note-term" data-term={x.term} data-value={String(x.contribution)}>
                <span className="term">{x.term}</span>{' '}
                <span className={x.contribution > 0 ? 'up' : 'down'}>
                  {x.contribution > 0 ? '+' : '−'}
                  {formatNumber(Math.abs(x.contribution), 3)}
                </span>
              </li>
            ))}
          </ul>
          <p className="hint">{t(unit === 'log-odds' ? 'patient.noteTermsUnitLogOdds' : 'patient.noteTermsUnitMargin')}</p>
        </div>
      ))}
    </div>
  );
}
