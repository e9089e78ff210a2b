// estimated width of a character at font size 1: full-width (CJK, kana, hangul) ≈ 1, others ≈ 0.56
const charWidth = (c: string): number => (/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(c) ? 1 : 0.56);

/** `text` cut with an ellipsis to about `width` pixels at `fontSize`, by estimated character widths. */
export function fitLabel(text: string, width: number, fontSize: number): string {
  let used = 0;
  const chars = Array.from(text);
  for (let k = 0; k < chars.length; k++) {
    used += charWidth(chars[k]) * fontSize;
    if (used > width) return `${chars.slice(0, Math.max(1, k - 1)).join('')}…`;
  }
  return text;
}
