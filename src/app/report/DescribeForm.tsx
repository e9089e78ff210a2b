import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTHOR_FIELDS, MAX_DESCRIPTION_LENGTH, cleanDescription, emptyDescription, type ModelDescription } from '../../core/report/description';

/**
 * The author's description of the study (TRIPOD+AI items only the author can answer): typed here,
 * saved with the model (report, model file) when the author says so.
 */
export function DescribeForm({ initial, onSave }: { initial: ModelDescription | null; onSave: (d: ModelDescription) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ModelDescription>(initial ?? emptyDescription());
  const [saved, setSaved] = useState(false);
  return (
    <details className="describe" data-testid="describe-model">
      <summary>{t('describe.heading')}</summary>
      <p className="hint">{t('describe.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(cleanDescription(values));
          setSaved(true);
        }}
      >
        {AUTHOR_FIELDS.map((k) => (
          <label key={k} className="describe-field">
            <span>{t(`describe.${k}`)}</span>
            <textarea
              rows={k === 'eligibility' || k === 'source' ? 2 : 1}
              maxLength={MAX_DESCRIPTION_LENGTH}
              data-testid={`describe-${k}`}
              value={values[k]}
              onChange={(e) => {
                setValues((v) => ({ ...v, [k]: e.target.value }));
                setSaved(false);
              }}
            />
          </label>
        ))}
        <button type="submit" className="secondary" data-testid="describe-save">
          {t('describe.save')}
        </button>{' '}
        {saved && <span className="muted" role="status">{t('describe.saved')}</span>}
      </form>
    </details>
  );
}
