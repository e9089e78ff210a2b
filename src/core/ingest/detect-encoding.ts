/**
 * Which character encoding a CSV export is in, from its first bytes. Hospital systems and Excel
 * write UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), GBK/GB18030 (Chinese
 * locales) or Windows-1252 (Western locales); a wrong guess garbles every name and category.
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export type EncodingGuess =
  | { kind: 'text'; encoding: Encoding; bomLength: number }
  | { kind: 'binary' };

export function detectEncoding(sample: Uint8Array, isWholeFile: boolean): EncodingGuess {
  const n = sample.length;
  if (n >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
  }
  if (n >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
  if (n >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };

  const utf16 = guessUtf16WithoutBom(sample);
  if (utf16) return { kind: 'text', encoding: utf16, bomLength: 0 };
  if (looksBinary(sample)) return { kind: 'binary' };
  if (isValidUtf8(sample, isWholeFile)) return { kind: 'text', encoding: 'utf-8', bomLength: 0 };
  return { kind: 'text', encoding: looksLikeGbk(sample) ? 'gb18030' : 'windows-1252', bomLength: 0 };
}

/** UTF-16 text of mostly ASCII has a zero byte in every other position. */
function guessUtf16WithoutBom(s: Uint8Array): Encoding | undefined {
  const pairs = Math.min(s.length >> 1, 4096);
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (s[2 * i] === 0) zeroEven++;
    if (s[2 * i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > 0.4 * pairs && zeroEven < 0.05 * pairs) return 'utf-16le';
  if (zeroEven > 0.4 * pairs && zeroOdd < 0.05 * pairs) return 'utf-16be';
  return undefined;
}

/** NUL bytes or many control characters: an image, a zip (e.g. an .xlsx renamed .csv), a database file. */
function looksBinary(s: Uint8Array): boolean {
  const n = Math.min(s.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = s[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > 0.01 * n + 2;
}

/** Strict UTF-8 validation (no overlongs, no surrogates); a sequence cut by the sample's end is allowed. */
export function isValidUtf8(s: Uint8Array, isWholeFile: boolean): boolean {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const b = s[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return false;
    if (i + need >= n) {
      // the sequence is cut by the end of the sample
      if (isWholeFile) return false;
      for (let k = i + 1; k < n; k++) if ((s[k] & 0xc0) !== 0x80) return false;
      return true;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = s[i + k];
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/**
 * GBK text is high bytes in pairs (lead 0x81–0xFE, trail mostly 0xA1–0xFE for GB2312 hanzi);
 * Windows-1252 text has isolated accented letters followed by ASCII. Score which explains the bytes.
 */
function looksLikeGbk(s: Uint8Array): boolean {
  let pairs = 0;
  let singles = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const b = s[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const t = i + 1 < n ? s[i + 1] : -1;
    if (b >= 0x81 && b <= 0xfe && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      // two accented letters inside a word ("Größe", "mäßig") look like one hanzi: count neither way
      if (isLetter(s[i - 1]) && isLetter(s[i + 2])) {
        i += 2;
        continue;
      }
      if (t >= 0xa1 || (b >= 0x81 && b <= 0xa0)) pairs++;
      else singles++;
      i += 2;
    } else {
      singles++;
      i++;
    }
  }
  return pairs > 0 && pairs >= 4 * singles;
}

function isLetter(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}
