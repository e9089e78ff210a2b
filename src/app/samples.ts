/** Sample datasets shipped in public/samples/ (see PROVENANCE.md there) for offline demos. */
export interface Sample {
  id: 'wdbc' | 'pima';
  file: string;
}

export const SAMPLES: readonly Sample[] = [
  { id: 'wdbc', file: 'wdbc.csv' },
  { id: 'pima', file: 'pima_diabetes.csv' },
];

/** Fetches a sample from the app's own origin, relative to wherever the app is hosted. */
export async function fetchSample(sample: Sample): Promise<Blob> {
  if (__SINGLE_FILE__) {
    // the single-file build is opened from disk, where fetch cannot read files: its samples are in the bundle
    const bundled = import.meta.glob<string>('../../public/samples/*.csv', { query: '?raw', import: 'default', eager: true });
    const text = bundled[`../../public/samples/${sample.file}`];
    if (text === undefined) throw new Error(`no bundled sample ${sample.file}`);
    return new Blob([text], { type: 'text/csv' });
  }
  const url = new URL(`samples/${sample.file}`, document.baseURI);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.blob();
}
