import { memo, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../worker/api';
import type { TrainSetup } from '../core/prep/setup';
import {
  defaultTrainValue,
  formFromSetup,
  initialForm,
  outcomeLevels,
  positiveFor,
  splitColumnChoices,
  problemAsError,
  noteFeatures,
  toSetup,
  type SetupForm,
} from './setup-state';
import type { AppError } from '../core/errors';
import { ModelFields, SeedInput } from './ModelFields';
import { MAX_TEXT_TERMS } from '../core/prep/setup';

interface Props {
  dataset: DatasetSummary;
  busy: boolean;
  onTrain: (setup: TrainSetup) => void;
  /** Train every model on the same split and compare them. */
  onCompare: (setup: TrainSetup) => void;
  /** Training was asked for with a problem in the form: show it as the page's error alert. */
  onInvalid: (error: AppError) => void;
  /** A setup to start from (a reopened session) instead of the suggestion. */
  initial?: TrainSetup | null;
  /** The form as a setup whenever it changes (for saving the session). */
  onChange?: (setup: TrainSetup | null) => void;
}

/** Step 3: outcome, features, missing values, split and model, with the teaching example's defaults done right. */
/** Memoized (with stable callbacks from App): a progress tick does not re-render the form. */
export const SetupStep = memo(function SetupStep({ dataset: d, busy, onTrain, onCompare, onInvalid, initial, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState<SetupForm>(() => (initial ? formFromSetup(d, initial) : initialForm(d)));
  const set = (patch: Partial<SetupForm>) => setForm((f) => ({ ...f, ...patch }));
  const setFeatures = useCallback((update: (features: string[]) => string[]) => setForm((f) => ({ ...f, features: update(f.features) })), []);
  const { setup, problems } = toSetup(d, form);
  const setupKey = JSON.stringify(setup);
  useEffect(() => {
    onChange?.(setupKey === 'null' ? null : (JSON.parse(setupKey) as TrainSetup));
  }, [setupKey, onChange]);
  const levels = outcomeLevels(d, form.outcome);
  const splitChoices = splitColumnChoices(d, form.outcome);
  const splitCol = d.columns.find((c) => c.name === form.splitColumn);
  const excluded = new Set([form.outcome, ...(form.splitKind === 'column' ? [form.splitColumn] : [])]);
  const notes = noteFeatures(d, form).filter((f) => !excluded.has(f));

  return (
    <form
      className="setup"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        if (setup) onTrain(setup);
        else onInvalid(problemAsError(d, form, problems[0]));
      }}
    >
      <fieldset>
        <legend>{t('setup.outcomeLegend')}</legend>
        <label htmlFor={`${id}-target`}>{t('setup.outcome')}</label>
        <select
          id={`${id}-target`}
          data-testid="target-select"
          value={form.outcome}
          onChange={(e) => {
            const outcome = e.target.value;
            set({ outcome, positiveClass: positiveFor(d, outcome) });
          }}
        >
          {d.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-positive`}>{t('setup.positiveClass')}</label>
        <select
          id={`${id}-positive`}
          data-testid="positive-class-select"
          value={form.positiveClass}
          onChange={(e) => set({ positiveClass: e.target.value })}
          disabled={levels.length === 0}
        >
          {levels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        {problems.includes('outcome-not-binary') && (
          <p className="field-error">{t('setup.problems.outcome-not-binary', { column: form.outcome })}</p>
        )}
        {problems.includes('outcome-one-class') && (
          <p className="field-error">{t('setup.problems.outcome-one-class', { column: form.outcome, value: levels[0] })}</p>
        )}
        {levels.length > 2 && <p className="hint">{t('setup.oneVsRest', { value: form.positiveClass })}</p>}
      </fieldset>

      <fieldset>
        <legend>{t('setup.featuresLegend', { count: form.features.filter((f) => !excluded.has(f)).length })}</legend>
        <div className="feature-actions">
          <button type="button" className="link" onClick={() => set({ features: d.suggestion.features })}>
            {t('setup.featuresDefault')}
          </button>
          <button type="button" className="link" onClick={() => set({ features: [] })}>
            {t('setup.featuresNone')}
          </button>
        </div>
        <FeatureList columns={d.columns} outcome={form.outcome} splitColumn={form.splitKind === 'column' ? form.splitColumn : null} features={form.features} setFeatures={setFeatures} />
        {problems.includes('no-features') && <p className="field-error">{t('setup.problems.no-features')}</p>}
      </fieldset>

      {notes.length > 0 && (
        <fieldset data-testid="notes-options">
          <legend>{t('setup.notesLegend')}</legend>
          <p className="hint">{t('setup.notesHint', { columns: notes.join(', ') })}</p>
          <p className="hint" role="note">
            {t('setup.notesPrivacy')}
          </p>
          <div className="row2">
            <div>
              <label htmlFor={`${id}-terms`}>{t('setup.maxTerms')}</label>
              <input
                id={`${id}-terms`}
                data-testid="max-terms-input"
                type="number"
                min={1}
                max={MAX_TEXT_TERMS}
                step={1}
                value={form.maxTerms}
                aria-invalid={problems.includes('bad-max-terms')}
                onChange={(e) => set({ maxTerms: e.target.value })}
              />
            </div>
            <div>
              <label className="checkbox">
                <input type="checkbox" data-testid="sublinear-tf-toggle" checked={form.sublinearTf} onChange={(e) => set({ sublinearTf: e.target.checked })} />
                {t('setup.sublinearTf')}
              </label>
            </div>
          </div>
          {problems.includes('bad-max-terms') && <p className="field-error">{t('setup.problems.bad-max-terms', { max: MAX_TEXT_TERMS })}</p>}
        </fieldset>
      )}

      <fieldset>
        <legend>{t('setup.prepLegend')}</legend>
        <label htmlFor={`${id}-missing`}>{t('setup.missing')}</label>
        <select id={`${id}-missing`} data-testid="missing-select" value={form.missing} onChange={(e) => set({ missing: e.target.value as SetupForm['missing'] })}>
          {(['drop', 'mean', 'median', 'mode'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`setup.missingOptions.${m}`)}
            </option>
          ))}
        </select>
        <p className="hint">{t('setup.prepHint')}</p>

        <label htmlFor={`${id}-split`}>{t('setup.split')}</label>
        <select
          id={`${id}-split`}
          data-testid="split-select"
          value={form.splitKind}
          onChange={(e) => set({ splitKind: e.target.value as SetupForm['splitKind'] })}
        >
          <option value="random">{t('setup.splitRandom')}</option>
          <option value="column" disabled={splitChoices.length === 0}>
            {t('setup.splitColumn')}
          </option>
        </select>
        {form.splitKind === 'random' ? (
          <div className="row2">
            <div>
              <label htmlFor={`${id}-fraction`}>{t('setup.testFraction')}</label>
              <input
                id={`${id}-fraction`}
                data-testid="test-fraction-input"
                type="number"
                min={0.05}
                max={0.95}
                step={0.05}
                value={form.testFraction}
                aria-invalid={problems.includes('bad-fraction')}
                onChange={(e) => set({ testFraction: e.target.value })}
              />
            </div>
            <div>
              <SeedInput id={`${id}-seed`} form={form} set={set} invalid={problems.includes('bad-seed')} />
            </div>
          </div>
        ) : (
          <div className="row2">
            <div>
              <label htmlFor={`${id}-splitcol`}>{t('setup.splitColumnLabel')}</label>
              <select
                id={`${id}-splitcol`}
                data-testid="split-column-select"
                value={form.splitColumn}
                onChange={(e) => {
                  const col = d.columns.find((c) => c.name === e.target.value);
                  set({ splitColumn: e.target.value, trainValue: defaultTrainValue(col) });
                }}
              >
                {splitChoices.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-trainvalue`}>{t('setup.trainValue')}</label>
              <select
                id={`${id}-trainvalue`}
                data-testid="split-train-value-select"
                value={form.trainValue}
                onChange={(e) => set({ trainValue: e.target.value })}
              >
                {(splitCol?.levels ?? []).map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <SeedInput id={`${id}-seed`} form={form} set={set} invalid={problems.includes('bad-seed')} />
            </div>
          </div>
        )}
        {problems.includes('bad-fraction') && <p className="field-error">{t('setup.problems.bad-fraction')}</p>}
        {problems.includes('bad-seed') && <p className="field-error">{t('setup.problems.bad-seed')}</p>}
      </fieldset>

      <ModelFields form={form} set={set} problems={problems} />

      <button type="submit" className="primary train" data-testid="train-button" disabled={busy}>
        {t('setup.train')}
      </button>
      <button
        type="button"
        className="secondary compare"
        data-testid="compare-button"
        disabled={busy}
        onClick={() => (setup ? onCompare(setup) : onInvalid(problemAsError(d, form, problems[0])))}
      >
        {t('setup.compare')}
      </button>
    </form>
  );
});

interface FeatureListProps {
  columns: DatasetSummary['columns'];
  outcome: string;
  /** The column that splits the rows (not a feature), if the split is by a column. */
  splitColumn: string | null;
  features: string[];
  setFeatures: (update: (features: string[]) => string[]) => void;
}

/** A checkbox per column; memoized, so that typing in the form's other fields does not re-render one per column. */
const FeatureList = memo(function FeatureList({ columns, outcome, splitColumn, features, setFeatures }: FeatureListProps) {
  const { t } = useTranslation();
  const chosen = new Set(features);
  return (
    <ul className="feature-list">
      {columns.map((c) => {
        const isExcluded = c.name === outcome || c.name === splitColumn;
        return (
          <li key={c.name}>
            <label className={isExcluded ? 'muted' : undefined}>
              <input
                type="checkbox"
                data-testid="feature-toggle"
                data-feature={c.name}
                checked={!isExcluded && chosen.has(c.name)}
                disabled={isExcluded}
                onChange={(e) => {
                  const checked = e.target.checked;
                  setFeatures((f) => (checked ? [...f, c.name] : f.filter((x) => x !== c.name)));
                }}
              />
              <span className="colname">{c.name}</span>
              <span className="muted small">
                {' '}
                {c.name === outcome
                  ? t('setup.isOutcome')
                  : isExcluded
                    ? t('setup.isSplit')
                    : c.type === 'text'
                      ? t('setup.asNote')
                      : c.phi
                        ? t(`phi.kind.${c.phi.kind}`)
                        : t(`types.${c.type}`)}
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
});
