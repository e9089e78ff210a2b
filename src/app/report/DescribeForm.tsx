import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTHOR_FIELDS, MAX_DESCRIPTION_LENGTH, cleanDescription, emptyDescription, type ModelDescription } from '../../core/report/description';

/**
 * The author's description of the study (TRIPOD+AI items only the author can answer): typed here,
 * saved with the model (report, model file) when the author says so; "saved" shows once it is.
 */
export function DescribeForm({ initial, onSave }: { initial: ModelDescription | null; onSave: (d: ModelDescription) => Promise<boolean> }) {
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
          // "saved" once the model holds it: a report downloaded right after the status shows has the description
          void onSave(cleanDescription(values)).then((ok) => setSaved(ok));
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
