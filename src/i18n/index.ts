import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/**
 * The language to start in, from the browser's preferences (navigator.languages, most preferred
 * first): the first one we have decides, any Chinese (zh, zh-CN, zh-TW, zh-Hans…) being zh-CN;
 * English when none is. Nothing is read from or written to storage, and nothing is fetched.
 */
export function detectLanguage(preferred: readonly string[] | undefined): Language {
  for (const tag of preferred ?? []) {
    if (/^zh(?:[-_]|$)/i.test(tag)) return 'zh-CN';
    if (/^en(?:[-_]|$)/i.test(tag)) return 'en';
  }
  return 'en';
}

function browserLanguages(): readonly string[] | undefined {
  if (typeof navigator === 'undefined') return undefined;
  if (navigator.languages?.length) return navigator.languages;
  return navigator.language ? [navigator.language] : undefined;
}

/** The page's lang attribute: screen readers' voice and the browser's choice of CJK glyphs follow it. */
function setDocumentLanguage(lang: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

const initial = detectLanguage(browserLanguages());

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // React escapes text itself; file content is never rendered as markup.
  interpolation: { escapeValue: false },
  returnNull: false,
});
setDocumentLanguage(initial);

/** Switches the UI language (for this page only: the choice is not stored) and the page's lang attribute. */
export async function setLanguage(lang: Language): Promise<void> {
  await i18n.changeLanguage(lang);
  setDocumentLanguage(lang);
}

export default i18n;
