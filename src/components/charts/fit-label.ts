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

/** Estimated width of `text` in pixels at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const c of text) w += charWidth(c) * fontSize;
  return w;
}

/**
 * `text` on at most `maxLines` lines of about `width` pixels at `fontSize`: broken at spaces, or between
 * any two characters of a full-width script (Chinese has no spaces); a word longer than a line, or text
 * left over for the last line, is cut with an ellipsis (fitLabel).
 */
export function wrapLabel(text: string, width: number, fontSize: number, maxLines: number): string[] {
  if (maxLines <= 1 || textWidth(text, fontSize) <= width) return [fitLabel(text, width, fontSize)];
  // pieces a line may break after: words with their trailing space, and single full-width characters
  const pieces = text.match(/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g) ?? [text];
  const lines: string[] = [];
  let line = '';
  for (let k = 0; k < pieces.length; k++) {
    const next = line + pieces[k];
    if (line === '' || textWidth(next.trimEnd(), fontSize) <= width) {
      line = next;
      continue;
    }
    lines.push(line.trimEnd());
    if (lines.length === maxLines - 1) {
      // the last line takes the rest, cut to fit
      return [...lines.map((l) => fitLabel(l, width, fontSize)), fitLabel(pieces.slice(k).join('').trim(), width, fontSize)];
    }
    line = pieces[k];
  }
  lines.push(line.trimEnd());
  return lines.map((l) => fitLabel(l, width, fontSize));
}
