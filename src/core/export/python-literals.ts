/** Python literals for the code exporters and for each model's own code pieces (in its folder under models/kinds). */

/** A Python string literal: JSON's escapes (\" \\ \n \uXXXX) mean the same in Python, and it never spans lines. */
export const pyStr = (s: string): string => JSON.stringify(s);

/** A Python float literal that reads back as the same double. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** `NAME = [a, b, …]`, on one line when it fits in 88 columns, else packed over indented lines. */
export function pyAssignList(name: string, items: string[]): string {
  return pyList(`${name} = `, items, '');
}

/**
 * `head[a, b, …]` indented by `indent`, on one line when it fits in 88 columns, else packed over lines
 * indented 4 more (`head` may be `NAME = ` or a dict key, `"key": `; then `tail` follows the bracket, e.g. ",").
 */
export function pyList(head: string, items: string[], indent: string, tail = ''): string {
  const one = `${indent}${head}[${items.join(', ')}]${tail}`;
  if (one.length <= 88) return one;
  const inner = `${indent}    `;
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && inner.length + line.length + 1 + item.length + 1 > 88) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + item + ',';
  }
  lines.push(line);
  return `${indent}${head}[\n${lines.map((l) => `${inner}${l}`).join('\n')}\n${indent}]${tail}`;
}
