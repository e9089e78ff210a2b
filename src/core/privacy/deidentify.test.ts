import { describe, it, expect } from 'vitest';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { cellText, isMissing, type Column, type Table } from '../table/column';
import { detectIdentifiers } from './identifiers';
import { capAge, defaultPlan, deidentify, isAgeName, safeHarborAction, SAFE_HARBOR_IDENTIFIERS, truncatePostal, type DeidPlan, type DeidResult } from './deidentify';
import { ageInYears, parseDate, toDayNumber, type ParsedDate } from './dates';
import { cohortCsv, PATIENTS, ROWS } from './__fixtures__/cohort';

async function load(csv: string): Promise<Table> {
  const r = await readTable(textSource(csv));
  if (!r.ok) throw new Error(r.error.code);
  return r.value.table;
}

async function run(table: Table, plan: DeidPlan): Promise<DeidResult> {
  const r = await deidentify(table, plan);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const col = (t: Table, name: string): Column => t.columns.find((c) => c.name === name) as Column;
const out = (r: DeidResult, name: string): string[] => r.columns[r.header.indexOf(name)];
const texts = (t: Table, name: string): string[] => Array.from({ length: t.rowCount }, (_, i) => cellText(col(t, name), i));
const day = (text: string): number => toDayNumber((parseDate(text) ?? { date: { y: NaN, m: 1, d: 1 } }).date);

describe('defaultPlan (Safe Harbor)', () => {
  it('drops direct identifiers and free text, pseudonymizes record ids, keeps the year of dates, truncates postal codes, caps ages', async () => {
    const table = await load(cohortCsv());
    const plan = defaultPlan(table, detectIdentifiers(table));
    const a = plan.actions;
    for (const name of ['Patient Name', 'SSN', 'Phone', 'Email', 'Home Address', 'IP Address', 'Website', 'Clinical Notes', '姓名', '身份证号', '手机', '邮箱', '住址', '主诉', 'f1', 'f3', 'f5', 'f6', 'f8', 'f9', 'f12']) {
      expect(a[name], name).toBe('drop');
    }
    expect([a.MRN, a['住院号']]).toEqual(['pseudonymize', 'pseudonymize']);
    // Safe Harbor keeps the year only; birth dates become "90+" from age 90 (shifting is offered, but is not Safe Harbor)
    expect([a.DOB, a['Admission Date'], a['Discharge Date'], a['出生日期']]).toEqual(['birth-year', 'year-only', 'year-only', 'birth-year']);
    expect(plan.referenceColumn).toBe('Admission Date');
    expect([a.ZIP, a['邮编']]).toEqual(['truncate-postal', 'truncate-postal']);
    expect([a.age, a['年龄']]).toEqual(['age-cap', 'age-cap']);
    for (const name of ['glucose', 'diagnosis_year', 'num_visits', 'id_verified', 'site_code', '诊断', 'sex', 'hospital', 'outcome']) {
      expect(a[name], name).toBe('keep');
    }
    // a birth year is kept as a year, but a year implying 90 or more becomes "90+"
    expect([a.birth_year, a.dob_year]).toEqual(['birth-year', 'birth-year']);
    expect(plan.patientColumn).toBe('MRN');
  });

  it('lists the 18 Safe Harbor identifiers, with the ones detection cannot see marked for the user', () => {
    expect(SAFE_HARBOR_IDENTIFIERS.map((s) => s.id).join('')).toBe('ABCDEFGHIJKLMNOPQR');
    expect(SAFE_HARBOR_IDENTIFIERS.filter((s) => s.kinds === null).map((s) => s.id)).toEqual(['K', 'L', 'M', 'P', 'Q']);
    for (const s of SAFE_HARBOR_IDENTIFIERS) if (s.kinds === null) expect(s.note).toBeTruthy();
  });
});

describe('deidentify', () => {
  it('leaves no original value of a dropped or pseudonymized column anywhere in the output', async () => {
    const table = await load(cohortCsv());
    const plan = defaultPlan(table, detectIdentifiers(table));
    const result = await run(table, plan);
    const secrets = new Set<string>();
    for (const c of table.columns) {
      if (plan.actions[c.name] !== 'drop' && plan.actions[c.name] !== 'pseudonymize') continue;
      for (let i = 0; i < table.rowCount; i++) if (!isMissing(c, i)) secrets.add(cellText(c, i));
    }
    expect(secrets.size).toBeGreaterThan(500);
    const long = [...secrets].filter((s) => s.length >= 6);
    let cells = 0;
    for (const column of result.columns) {
      for (const cell of column) {
        cells++;
        expect(secrets.has(cell), cell).toBe(false);
        for (const s of long) if (cell.includes(s)) throw new Error(`${s} in ${cell}`);
      }
    }
    expect(cells).toBe(result.header.length * ROWS);
    expect(result.header).not.toContain('Patient Name');
    expect(result.summary.find((s) => s.name === '姓名')).toEqual({ name: '姓名', action: 'drop', changed: ROWS, suppressed: 0 });
  });

  it('pseudonyms: keyed, stable within a call (across columns too), different across calls', async () => {
    const table = await load('mrn,mother_mrn,x\nA1,B7,1\nA2,A1,2\nA1,B7,3\nB7,,4\n');
    const plan: DeidPlan = { actions: { mrn: 'pseudonymize', mother_mrn: 'pseudonymize', x: 'keep' } };
    const first = await run(table, plan);
    const [mrn, mother] = [out(first, 'mrn'), out(first, 'mother_mrn')];
    for (const p of [...mrn, ...mother.filter((m) => m !== '')]) expect(p).toMatch(/^P-[0-9a-f]{16}$/);
    expect(mrn[0]).toBe(mrn[2]);
    expect(mrn[0]).not.toBe(mrn[1]);
    expect(mother[1]).toBe(mrn[0]); // A1 is A1 in both columns
    expect(mother[0]).toBe(mrn[3]);
    expect(mother[3]).toBe(''); // missing stays missing
    const second = await run(table, plan);
    expect(out(second, 'mrn')[0]).not.toBe(mrn[0]);
    expect(first.summary[0]).toEqual({ name: 'mrn', action: 'pseudonymize', changed: 4, suppressed: 0 });
  });

  it('shifts all dates of a patient by the same offset: intervals between dates stay exact', async () => {
    const table = await load(cohortCsv());
    const safeHarbor = defaultPlan(table, detectIdentifiers(table));
    const shifting = ['DOB', 'Admission Date', 'Discharge Date', '出生日期'];
    const plan: DeidPlan = { ...safeHarbor, actions: { ...safeHarbor.actions, ...Object.fromEntries(shifting.map((c) => [c, 'shift-dates' as const])) } };
    const result = await run(table, plan);
    let over89 = 0;
    const [adm, dis, dob] = [texts(table, 'Admission Date'), texts(table, 'Discharge Date'), texts(table, 'DOB')];
    const [adm2, dis2, dob2] = [out(result, 'Admission Date'), out(result, 'Discharge Date'), out(result, 'DOB')];
    const shifts = new Set<number>();
    for (let i = 0; i < ROWS; i++) {
      expect(adm2[i]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const shift = day(adm2[i]) - day(adm[i]);
      expect(Math.abs(shift)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(shift)).toBeLessThanOrEqual(365);
      if (dis[i] !== '') expect(day(dis2[i]) - day(dis[i])).toBe(shift);
      // a shifted birth date still tells the age: from 90 at admission it is "90+"
      const age = ageInYears((parseDate(dob[i]) as ParsedDate).date, (parseDate(adm[i]) as ParsedDate).date);
      if (age >= 90) {
        expect(dob2[i]).toBe('90+');
        over89++;
      } else expect(day(dob2[i]) - day(dob[i])).toBe(shift);
      // the second visit of a patient (rows 40…59) has the first visit's shift
      if (i >= PATIENTS) expect(shift).toBe(day(adm2[i - PATIENTS]) - day(adm[i - PATIENTS]));
      shifts.add(shift);
    }
    expect(shifts.size).toBeGreaterThan(10);
    expect(over89).toBeGreaterThan(0);
    // 出生日期 (yyyy年m月d日) comes out as yyyy-mm-dd, shifted like DOB
    const young = dob2.findIndex((d) => d !== '90+');
    expect(day(out(result, '出生日期')[young]) - day(dob[young])).toBe(day(dob2[young]) - day(dob[young]));
  });

  it('without a patient column, one offset per row shared by the row\'s date columns; unreadable dates are emptied', async () => {
    const table = await load('a,b\n2020-01-01,2020-01-11\n2020-02-01,2020-02-03\n2020-03-01,soon\n2020-04-01,\n');
    const result = await run(table, { actions: { a: 'shift-dates', b: 'shift-dates' } });
    const [a, b] = [out(result, 'a'), out(result, 'b')];
    expect(day(b[0]) - day(a[0])).toBe(10);
    expect(day(b[1]) - day(a[1])).toBe(2);
    expect(b[2]).toBe('');
    expect(b[3]).toBe('');
    expect(result.summary[1]).toEqual({ name: 'b', action: 'shift-dates', changed: 3, suppressed: 1 });
  });

  it('year-only keeps the year', async () => {
    const table = await load('d\n2020-03-01\n1999年12月31日\n');
    expect(out(await run(table, { actions: { d: 'year-only' } }), 'd')).toEqual(['2020', '1999']);
  });

  it('caps ages over 89 at "90+" (HIPAA §164.514(b)(2)(i)(C))', async () => {
    const table = await load('age,group\n89,85-89\n90,90-94\n104,≥95\n45.5,40-49\n,\n');
    const result = await run(table, { actions: { age: 'age-cap', group: 'age-cap' } });
    expect(out(result, 'age')).toEqual(['89', '90+', '90+', '45.5', '']);
    expect(out(result, 'group')).toEqual(['85-89', '90+', '90+', '40-49', '']);
    expect(result.summary[0].changed).toBe(2);
    expect(capAge('89.5')).toBe('90+');
  });

  it('truncates postal codes to 3 digits, restoring leading zeros lost to number parsing', async () => {
    const table = await load('zip,postcode,zh\n02139,02139-4307,100020\n10001,SW1A 1AA,518057\n00501,94105,\n');
    const result = await run(table, { actions: { zip: 'truncate-postal', postcode: 'truncate-postal', zh: 'truncate-postal' } });
    expect(out(result, 'zip')).toEqual(['021', '100', '005']);
    expect(out(result, 'postcode')).toEqual(['021', '', '941']);
    expect(out(result, 'zh')).toEqual(['100', '518', '']);
    expect(result.summary[1]).toMatchObject({ changed: 3, suppressed: 1 });
    expect(truncatePostal('1234')).toBeNull();
    // digit-only cells of a column with some text are numbers to the parser too: zeros restored
    const mixed = await load('zip\n02139\n10001\nunknown zip\n');
    expect(out(await run(mixed, { actions: { zip: 'truncate-postal' } }), 'zip')).toEqual(['021', '100', '']);
  });

  it('handles columns named like object properties', async () => {
    const table = await load('__proto__,constructor,toString\nx,y,z\n');
    const plan = defaultPlan(table, [null, null, null]);
    expect(Object.keys(plan.actions)).toEqual(['__proto__', 'constructor', 'toString']);
    expect((await run(table, plan)).header).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('drops a column the plan does not name, and refuses unknown columns', async () => {
    const table = await load('a,b\n1,x\n2,y\n');
    const result = await run(table, { actions: { a: 'keep' } });
    expect(result.header).toEqual(['a']);
    expect(result.summary[1]).toEqual({ name: 'b', action: 'drop', changed: 2, suppressed: 0 });
    const bad = await deidentify(table, { actions: { c: 'keep' } });
    expect(bad.ok ? null : bad.error).toEqual({ code: 'unknown-column', column: 'c' });
    const badPatient = await deidentify(table, { actions: { a: 'keep' }, patientColumn: 'z' });
    expect(badPatient.ok).toBe(false);
  });
});

describe('Safe Harbor rules on ages, birth dates and years (hand-checked)', () => {
  const asOf = { y: 2024, m: 6, d: 30 };

  it('ages: 89 stays, 90 and over become "90+"', () => {
    expect(['88', '89', '89.9', '90', '104', '90-94', '≥90 years', '85-89'].map(capAge)).toEqual(['88', '89', '90+', '90+', '90+', '90+', '90+', '85-89']);
  });

  it('birth dates: the year, or "90+" when the patient is 90 or older at the visit date (else at the export date)', async () => {
    const table = await load(`dob,visit,x
1934-07-01,2024-06-30,a
1934-06-30,2024-06-30,b
1934-06-30,,c
1950-01-01,2024-01-01,d
1920年3月5日,1990-01-01,e
`);
    const r = await run(table, { actions: { dob: 'birth-year', visit: 'year-only', x: 'keep' }, referenceColumn: 'visit', asOf });
    // 89 the day before the 90th birthday; 90 on it; no visit date: reckoned at the export date
    expect(out(r, 'dob')).toEqual(['1934', '90+', '90+', '1950', '1920']);
    expect(out(r, 'visit')).toEqual(['2024', '2024', '', '2024', '1990']);
  });

  it('birth years: kept, or "90+" when 90 years or more before the visit year', async () => {
    const table = await load('birth_year,admit\n1920,2024-05-01\n1935,2024-05-01\n1934,2024-05-01\n1930,2010-05-01\n');
    const r = await run(table, { actions: { birth_year: 'birth-year', admit: 'year-only' }, referenceColumn: 'admit', asOf });
    expect(out(r, 'birth_year')).toEqual(['90+', '1935', '90+', '1930']);
  });

  it('postal codes: 3 digits; the sparsely populated US ZIP areas become 000', () => {
    expect(['02139', '03601', '89301-1234', '100101', '05901', '123'].map((z) => truncatePostal(z))).toEqual(['021', '000', '000', '100', '000', null]);
  });

  it('age headers in English and Chinese, and the action each column gets', () => {
    for (const name of ['age', 'PatientAge', 'AgeYears', 'age_at_admission', '年龄', '岁数']) expect(isAgeName(name), name).toBe(true);
    for (const name of ['stage', 'page_count', 'dosage', 'average']) expect(isAgeName(name), name).toBe(false);
    expect(safeHarborAction({ name: 'PatientAge', numeric: true, kind: null })).toBe('age-cap');
    expect(safeHarborAction({ name: 'birth_year', numeric: true, kind: null })).toBe('birth-year');
    expect(safeHarborAction({ name: 'DOB', numeric: false, kind: 'date' })).toBe('birth-year');
    expect(safeHarborAction({ name: 'admission', numeric: false, kind: 'date' })).toBe('year-only');
    expect(safeHarborAction({ name: 'MRN', numeric: false, kind: 'record-id' })).toBe('pseudonymize');
    expect(safeHarborAction({ name: '联系电话', numeric: false, kind: 'phone' })).toBe('drop');
    expect(safeHarborAction({ name: 'zip', numeric: true, kind: 'postal-code' })).toBe('truncate-postal');
  });
});
