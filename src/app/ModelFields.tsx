import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MODEL_KINDS, modelDefinition, type ModelKind } from '../core/models/registry';
import { BATCH_CHOICES, HIDDEN_CHOICES, modelDefaults, type SetupForm, type SetupProblem } from './setup-state';

interface Props {
  form: SetupForm;
  set: (patch: Partial<SetupForm>) => void;
  problems: SetupProblem[];
}

/** The model and its hyperparameters: only the ones the chosen model uses are shown. */
export function ModelFields({ form, set, problems }: Props) {
  const { t } = useTranslation();
  const id = useId();
  // the fields the chosen model lists in its definition (models/kinds), in its order
  const definition = modelDefinition(form.model);
  const uses = (field: (typeof definition.fields)[number]) => definition.fields.includes(field);
  const usesC = uses('C');
  const iterative = uses('learningRate') || uses('epochs');
  return (
    <fieldset>
      <legend>{t('setup.modelLegend')}</legend>
      <label htmlFor={`${id}-model`}>{t('setup.model')}</label>
      <select
        id={`${id}-model`}
        data-testid="model-select"
        value={form.model}
        onChange={(e) => {
          const model = e.target.value as ModelKind;
          set({ model, ...modelDefaults(model) });
        }}
      >
        {MODEL_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`models.${k}`)}
          </option>
        ))}
      </select>
      <p className="hint">{t(`models.hint.${form.model}`)}</p>
      {usesC && (
        <>
          <label htmlFor={`${id}-c`}>{t('setup.c')}</label>
          <input
            id={`${id}-c`}
            data-testid="c-input"
            type="number"
            min={0}
            step="any"
            value={form.C}
            aria-invalid={problems.includes('bad-c')}
            aria-describedby={`${id}-c-hint`}
            onChange={(e) => set({ C: e.target.value })}
          />
          <p className="hint" id={`${id}-c-hint`}>
            {t('setup.cHint')}
          </p>
          {problems.includes('bad-c') && <p className="field-error">{t('setup.problems.bad-c')}</p>}
        </>
      )}
      {iterative && (
        <div className="row2">
          <div>
            <label htmlFor={`${id}-lr`}>{t('setup.learningRate')}</label>
            <input
              id={`${id}-lr`}
              data-testid="learning-rate-input"
              type="number"
              min={0}
              step="any"
              value={form.learningRate}
              aria-invalid={problems.includes('bad-learning-rate')}
              onChange={(e) => set({ learningRate: e.target.value })}
            />
          </div>
          <div>
            <label htmlFor={`${id}-epochs`}>{definition.traits.stopsEarly ? t('setup.maxEpochs') : t('setup.epochs')}</label>
            <input
              id={`${id}-epochs`}
              data-testid="epochs-input"
              type="number"
              min={1}
              step={1}
              value={form.epochs}
              aria-invalid={problems.includes('bad-epochs')}
              onChange={(e) => set({ epochs: e.target.value })}
            />
          </div>
        </div>
      )}
      {problems.includes('bad-learning-rate') && <p className="field-error">{t('setup.problems.bad-learning-rate')}</p>}
      {problems.includes('bad-epochs') && <p className="field-error">{t('setup.problems.bad-epochs')}</p>}
      {uses('batch') && (
        <>
          <label htmlFor={`${id}-batch`}>{t('setup.batch')}</label>
          <select id={`${id}-batch`} data-testid="batch-select" value={form.batch} onChange={(e) => set({ batch: e.target.value })}>
            {BATCH_CHOICES.map((b) => (
              <option key={b} value={b}>
                {b === 'full' ? t('setup.batchFull') : t('setup.batchMini', { size: b })}
              </option>
            ))}
          </select>
        </>
      )}
      {uses('hidden') && (
        <>
          <label htmlFor={`${id}-hidden`}>{t('setup.hidden')}</label>
          <select id={`${id}-hidden`} data-testid="hidden-select" value={form.hidden} onChange={(e) => set({ hidden: e.target.value })}>
            {HIDDEN_CHOICES.map((h) => (
              <option key={h} value={h}>
                {t('setup.hiddenOption', { layers: h.replace(',', ' → ') })}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-cv`}>{t('setup.cv')}</label>
      <select id={`${id}-cv`} data-testid="cv-select" value={form.cv} onChange={(e) => set({ cv: e.target.value as SetupForm['cv'] })}>
        <option value="none">{t('setup.cvNone')}</option>
        <option value="5">{t('setup.cvK', { k: 5 })}</option>
        <option value="10">{t('setup.cvK', { k: 10 })}</option>
      </select>
    </fieldset>
  );
}

/** One seed for everything random: the split, SGD shuffles, network weights, folds, bootstrap. */
export function SeedInput({ id, form, set, invalid }: { id: string; form: SetupForm; set: (patch: Partial<SetupForm>) => void; invalid: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('setup.seed')}</label>
      <input id={id} data-testid="seed-input" type="number" min={0} step={1} value={form.seed} aria-invalid={invalid} onChange={(e) => set({ seed: e.target.value })} />
    </>
  );
}
