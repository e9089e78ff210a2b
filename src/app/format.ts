import i18n from '../i18n';

/**
 * Numbers for people, in the UI's language; exports and data-* attributes keep plain numbers.
 * Intl.NumberFormat objects are costly to make (tens of microseconds each, thousands per screen), so
 * each (language, style) pair is made once and reused.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${i18n.language}|${key}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.NumberFormat(i18n.language, options);
    formatters.set(id, f);
  }
  return f;
}

export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  const d = Math.max(digits, 1);
  return formatter(`sig${d}`, { maximumSignificantDigits: d }).format(value);
}

/**
 * A numerically solved estimate (a calibration intercept, an optimism): what is 0 up to the solver's
 * precision reads 0, not "-1.63e-16".
 */
export function formatEstimate(value: number, digits = 3): string {
  return formatNumber(Math.abs(value) < 1e-9 ? 0 : value, digits);
}

export function formatPercent(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return formatter(`pct${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatCount(value: number): string {
  return formatter('count', {}).format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 3)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 3)} MB`;
}
