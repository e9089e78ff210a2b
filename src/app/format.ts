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

/** A difference of risks, signed: "+12.3%", "−4.0%", "0.0%" (absolute: percentage points). */
export function formatPercentChange(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  const text = formatPercent(Math.abs(value), digits);
  // what rounds to zero has no sign
  if (formatPercent(0, digits) === text) return text;
  return `${value > 0 ? '+' : '−'}${text}`;
}

export function formatCount(value: number): string {
  return formatter('count', {}).format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 3)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 3)} MB`;
}

/**
 * An odds ratio (or a bound of its interval) with enough digits to differ from 1 where it does: 3
 * significant digits, at least 4 when |OR − 1| < 0.1, and as many decimals as it takes to show the first
 * digit of OR − 1 and the one after it (1.0022, 0.99978), up to 8. A lab value per mg/dL has an OR of
 * 1.0022, which 3 digits would show as "1".
 */
export function formatOddsRatio(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '–';
  const off = Math.abs(value - 1);
  if (off >= 0.1) return formatNumber(value, 3);
  if (off === 0) return formatter('fix3', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(1);
  const decimals = Math.min(8, Math.max(3, Math.ceil(-Math.log10(off)) + 1));
  return formatter(`fix${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}
