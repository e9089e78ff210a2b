/**
 * Cell-level tests for direct identifiers: each takes one trimmed, non-missing cell as text and
 * says whether it has the shape of that identifier. Column-level decisions (share of matching
 * values, cardinality) are in identifiers.ts.
 */

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

export function isEmail(t: string): boolean {
  return t.length <= 254 && EMAIL.test(t);
}

/**
 * Mainland-China mobile: 1[3-9] then 9 digits (MIIT numbering plan), optionally after +86, 86, 0086 or
 * (+86), grouped 3-4-4 with spaces, dashes or dots (138.1234.5678) or not at all.
 */
const CN_MOBILE = /^(?:(?:(?:\+|00)?86|\(\+?86\))[ -]?)?1[3-9]\d(?:([ .-]?)\d{4}\1\d{4})$/;
/** Mainland-China landline: 0 + 2–3 digit area code, then 7–8 digits; the area code needs a separator or brackets. */
const CN_LANDLINE = /^(?:(?:\+|00)86[ -]?)?(?:\(0\d{2,3}\)\s?|0\d{2,3}[ -])\d{3,4}[ -]?\d{4}$/;
/** North American Numbering Plan: (555) 123-4567, 555-123-4567, +1 555 123 4567; separators required. */
const NANP = /^(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}$/;
/** International E.164 with an explicit +country code and grouping: +44 20 7946 0958, +33 1-23-45-67-89. */
const INTERNATIONAL = /^\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}$/;

export function isPhone(t: string): boolean {
  if (CN_MOBILE.test(t)) {
    const digits = t.replace(/\D/g, '');
    // a bare 11-digit number ending in 0000 is more likely a count (15000000000 cells/L) than a phone
    return !(digits.length === 11 && /^\d+$/.test(t) && digits.endsWith('0000'));
  }
  if (CN_LANDLINE.test(t) || NANP.test(t)) return true;
  if (INTERNATIONAL.test(t)) {
    const n = t.replace(/\D/g, '').length;
    return n >= 8 && n <= 15;
  }
  return false;
}

// GB 11643-1999 (ISO 7064 MOD 11-2): weights 2^(17−i) mod 11 for the first 17 digits; check = (12 − Σ mod 11) mod 11, 10 written X.
const PRC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const PRC_CHECK = '10X98765432';

/** The check character of the first 17 digits of a PRC resident identity number. */
export function prcCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * PRC_WEIGHTS[i];
  return PRC_CHECK[sum % 11];
}

/** GB 11643-1999: 6-digit region (first digit 1–8), 8-digit birth date, 3-digit sequence, check digit. */
export function isPrcId18(t: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(t)) return false;
  if (!validYmd(+t.slice(6, 10), +t.slice(10, 12), +t.slice(12, 14))) return false;
  return prcCheckDigit(t) === t[17].toUpperCase();
}

/**
 * An 18-digit ID number that went through a double (the CSV parser reads digit-only cells as
 * numbers): its shortest decimal form keeps 17 significant digits and ends in 0, so the check
 * digit is lost, but region and birth date survive.
 */
export function isPrcId18Rounded(t: string): boolean {
  return /^[1-8]\d{16}0$/.test(t) && validYmd(+t.slice(6, 10), +t.slice(10, 12), +t.slice(12, 14));
}

/** GB 11643-1989 legacy 15-digit number: region, yymmdd birth date, 3-digit sequence, no check digit. */
export function isPrcId15(t: string): boolean {
  return /^[1-8]\d{14}$/.test(t) && validYmd(1900 + +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12));
}

/** US SSN: area not 000, 666 or 900–999, group not 00, serial not 0000 (SSA numbering rules). */
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;

export function isNationalId(t: string): boolean {
  return SSN.test(t) || isPrcId18(t) || isPrcId18Rounded(t) || isPrcId15(t);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIp(t: string): boolean {
  if (IPV4.test(t)) return true;
  if (!t.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(t)) return false;
  const halves = t.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (i === groups.length - 1 && IPV4.test(g)) count += 2; // ::ffff:192.0.2.1
    else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

const URL_SCHEME = /^(?:https?|ftp):\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i;
const URL_WWW = /^www\.[^\s/?#]+\.[A-Za-z]{2,}(?:[/?#]\S*)?$/i;

export function isUrl(t: string): boolean {
  return URL_SCHEME.test(t) || URL_WWW.test(t);
}

/** English street address: a house number, up to four words, a street-type word (USPS Publication 28 suffixes, abridged). */
const EN_ADDRESS =
  /^\d+[A-Za-z]?(?:-\d+)?,?\s+(?:[A-Za-z0-9.'-]+\s+){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|close|crescent)\b\.?/i;
/** Chinese address parts: administrative divisions and street-level words. */
const ZH_ADMIN = /省|自治区|市|区|县|镇|乡|村|街道/g;
const ZH_STREET = /路|街|巷|弄|胡同|号|栋|幢|单元|室|组|小区/g;

export function isAddress(t: string): boolean {
  if (EN_ADDRESS.test(t)) return true;
  if (!/[\u4e00-\u9fff]/.test(t)) return false;
  const admin = t.match(ZH_ADMIN)?.length ?? 0;
  const street = t.match(ZH_STREET)?.length ?? 0;
  // "北京市朝阳区人民医院" (a hospital) has divisions but no street; "朝阳区建国路88号" has both
  return street >= 1 && admin + street >= 2 && (street >= 2 || /\d|[一二三四五六七八九十]/.test(t));
}

/** The ~100 most common Chinese surnames (Ministry of Public Security household-register ranking, 2020), and common two-character ones. */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓韩冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文'.split(''),
);
const COMPOUND_SURNAMES = /^(欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|司徒|夏侯|长孙|宇文|轩辕|端木|独孤|南宫|西门|申屠)[\u4e00-\u9fff]{1,2}$/;
const HANZI_NAME = /^[\u4e00-\u9fff]{2,3}$/;
/** "First Last", "First M. Last", "Last, First": capitalized Latin words (with accents, hyphens, apostrophes). */
const NAME_WORD = "(?:[A-ZÀ-Þ]'|Ma?c)?[A-ZÀ-Þ][a-zß-ÿ]+(?:[-'][A-ZÀ-Þ]?[a-zß-ÿ]+)?";
const LATIN_NAME = new RegExp(`^${NAME_WORD}(?:\\s+[A-Z]\\.?)?(?:\\s+${NAME_WORD}){1,2}$|^${NAME_WORD},\\s*${NAME_WORD}$`);

export function isPersonName(t: string): boolean {
  // 司马光, 诸葛亮: a compound surname first (they are also three hanzi, whose first is not a common surname)
  if (COMPOUND_SURNAMES.test(t)) return true;
  if (HANZI_NAME.test(t)) return SURNAMES.has(t[0]);
  return LATIN_NAME.test(t);
}

/** Whether y-m-d is a calendar date (proleptic Gregorian), years 1000–9999. */
export function validYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
