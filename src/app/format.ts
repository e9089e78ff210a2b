import i18n from '../i18n';

/** Numbers for people, in the UI's language; exports and data-* attributes keep plain numbers. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: Math.max(digits, 1) }).format(value);
}

export function formatPercent(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(i18n.language, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat(i18n.language).format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 3)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 3)} MB`;
}
