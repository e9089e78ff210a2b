import { describe, expect, it } from 'vitest';
import { readTable } from '../core/ingest/read-table';
import { textSource } from '../core/ingest/byte-source';
import { summarize } from './summarize';
import { longitudinalCohort } from '../core/__fixtures__/patients/longitudinal';
import type { DatasetSummary } from './api';

async function summary(csv: string, key?: string | null): Promise<DatasetSummary> {
  const r = await readTable(textSource(csv));
  if (!r.ok) throw new Error(r.error.code);
  return summarize(r.value, 'test.csv', csv.length, key);
}

const flags = (d: DatasetSummary) => Object.fromEntries(d.columns.map((c) => [c.name, c.phi?.kind ?? null]));

describe('a file with several rows per patient', () => {
  it.each(['en', 'zh'] as const)('%s: finds the patient key, counts patients, flags the identifiers and nothing else', async (language) => {
    const cohort = longitudinalCohort(language, 200);
    const d = await summary(cohort.csv);
    expect(d.patientKey).toBe(cohort.key);
    expect(d.rows).toBe(cohort.rows);
    expect(d.patients).toBe(200);
    expect(flags(d)).toEqual(cohort.expected);
    // no identifier, and not the key, among the default features
    for (const f of d.suggestion.features) expect(cohort.expected[f]).toBeNull();
    expect(d.suggestion.features).not.toContain(cohort.key);
  });

  it('9 patients × 4 visits: 患者 (names), pt_id and 联系电话 (phones written 138.1234.5678) are all flagged', async () => {
    const cohort = longitudinalCohort('zh', 9, 3, 4);
    expect(cohort.rows).toBe(36);
    const d = await summary(cohort.csv);
    expect(d.patientKey).toBe('pt_id');
    expect(d.patients).toBe(9);
    expect(flags(d)).toMatchObject({ 患者: 'name', pt_id: 'record-id', 联系电话: 'phone', 出生日期: 'date' });
    expect(d.suggestion.features).not.toContain('患者');
    // without the key, the header rules still flag them
    const noKey = await summary(cohort.csv, null);
    expect(noKey.patientKey).toBeNull();
    expect(noKey.patients).toBe(36);
    expect(flags(noKey)).toMatchObject({ 患者: 'name', pt_id: 'record-id', 联系电话: 'phone' });
  });

  it('an 8-row file: the named identifiers are flagged', async () => {
    const csv = `pt_name,subject_id,phone,出生年月,age,visit_no,sbp,outcome
Zhang Wei,S01,(+86)13812345678,1950-03-01,74,1,130,yes
Zhang Wei,S01,(+86)13812345678,1950-03-01,74,2,128,yes
Mary Smith,S02,+1 555 123 4567,1961-11-20,62,1,141,no
Mary Smith,S02,+1 555 123 4567,1961-11-20,63,2,150,no
司马光,S03,138.1234.5678,1942-07-07,82,1,155,yes
诸葛亮,S04,139 8765 4321,1980-01-15,44,1,118,no
诸葛亮,S04,139 8765 4321,1980-01-15,44,2,121,no
John Doe,S05,(555) 987-6543,1933-05-30,91,1,160,yes
`;
    const d = await summary(csv);
    expect(d.patientKey).toBe('subject_id');
    expect(d.patients).toBe(5);
    expect(flags(d)).toEqual({ pt_name: 'name', subject_id: 'record-id', phone: 'phone', 出生年月: 'date', age: null, visit_no: null, sbp: null, outcome: null });
  });

  it('look-alikes are not identifiers: lab values, years, counts and visit numbers repeated per patient', async () => {
    const lines = ['patient_id,visit_number,admission_year,pill_count,creatinine,glucose_mg_dl,outcome'];
    for (let p = 0; p < 60; p++) {
      for (let v = 1; v <= 1 + (p % 5); v++) lines.push([`P${1000 + p}`, v, 2015 + ((p + v) % 9), (p * 3 + v) % 12, (60 + ((p * 37 + v * 11) % 90)).toFixed(1), 70 + ((p * 13 + v) % 150), p % 3 === 0 ? 'yes' : 'no'].join(','));
    }
    const d = await summary(`${lines.join('\n')}\n`);
    expect(d.patientKey).toBe('patient_id');
    expect(flags(d)).toEqual({ patient_id: 'record-id', visit_number: null, admission_year: null, pill_count: null, creatinine: null, glucose_mg_dl: null, outcome: null });
    expect(d.suggestion.features).toEqual(['visit_number', 'admission_year', 'pill_count', 'creatinine', 'glucose_mg_dl']);
  });

  it('one row per patient: no key is suggested, so the split is the plain stratified row split', async () => {
    const lines = ['patient_id,age,outcome', ...Array.from({ length: 50 }, (_, i) => `${5000 + i},${30 + i},${i % 2 ? 'yes' : 'no'}`)];
    const d = await summary(`${lines.join('\n')}\n`);
    expect(d.patientKey).toBeNull();
    expect(d.patients).toBe(50);
    expect(d.columns[0].phi?.kind).toBe('record-id');
  });

  it('visit, encounter and sample numbers are not the patient', async () => {
    const lines = ['encounter_id,sample_no,MRN,age,outcome'];
    for (let i = 0; i < 40; i++) lines.push(`E${i},${i % 7},M${100 + (i % 12)},${40 + i},${i % 3 ? 'no' : 'yes'}`);
    const d = await summary(`${lines.join('\n')}\n`);
    expect(d.patientKey).toBe('MRN');
    expect(d.patients).toBe(12);
  });

  it('the key can be changed or cleared: detection and the default features follow', async () => {
    const cohort = longitudinalCohort('en', 60);
    const none = await summary(cohort.csv, null);
    expect(none.patients).toBe(cohort.rows);
    const byName = await summary(cohort.csv, 'Patient');
    expect(byName.patientKey).toBe('Patient');
    expect(byName.patients).toBe(60);
  });

  it("the Wisconsin original's Id (sample numbers, some repeated) is an identifier, not a feature", async () => {
    const ids = Array.from({ length: 120 }, (_, i) => 1000025 + i * 977 - (i % 11 === 5 ? 977 : 0));
    const lines = ['Id,Clump Thickness,Class', ...ids.map((id, i) => `${id},${1 + (i % 10)},${i % 3 ? 2 : 4}`)];
    const d = await summary(`${lines.join('\n')}\n`);
    const id = d.columns[0];
    expect(id.type).toBe('identifier');
    expect(id.phi?.kind).toBe('record-id');
    expect(d.suggestion.features).toEqual(['Clump Thickness']);
  });
});
