import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, setLanguage } from '../i18n';

const NAMES: Record<(typeof LANGUAGES)[number], string> = { en: 'English', 'zh-CN': '简体中文' };

/** The UI language: follows the browser at start; the choice is not stored (nothing is, unless asked). */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const id = useId();
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.language]);
  return (
    <div className="language">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} data-testid="language-select" value={i18n.language} onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
