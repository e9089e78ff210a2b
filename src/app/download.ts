/** Saves a Blob or text as a file through the browser's download (a blob: URL made by this page; nothing is sent). */
export function download(content: Blob | string, fileName: string, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a base name and the current date, without characters file systems refuse. */
export function datedName(base: string, extension: string): string {
  const safe = Array.from(base, (c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').slice(0, 80) || 'export';
  const date = new Date().toISOString().slice(0, 10);
  return `${safe}-${date}.${extension}`;
}
