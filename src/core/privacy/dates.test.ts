import { describe, it, expect } from 'vitest';
import type { Column } from '../table/column';
import { ageInYears, birthDateToAge, dayOrderOf, formatDate, fromDayNumber, looksLikeBirthDateName, normalizeHeader, parseDate, toDayNumber } from './dates';

const coded = (name: string, values: string[]): Column => {
  const levels = [...new Set(values.filter((v) => v !== ''))];
  return { storage: 'coded', name, type: 'date', levels, codes: Int32Array.from(values, (v) => levels.indexOf(v)) };
};

describe('parseDate', () => {
  it.each([
    ['2020-03-01', { y: 2020, m: 3, d: 1 }, ''],
    ['2020/3/1', { y: 2020, m: 3, d: 1 }, ''],
    ['2020.03.01', { y: 2020, m: 3, d: 1 }, ''],
    ['2020年3月1日', { y: 2020, m: 3, d: 1 }, ''],
    ['2020-03-01 13:45', { y: 2020, m: 3, d: 1 }, ' 13:45'],
    ['2020-03-01T08:00:00Z', { y: 2020, m: 3, d: 1 }, 'T08:00:00Z'],
    ['01-Mar-2020', { y: 2020, m: 3, d: 1 }, ''],
    ['1 September 1985', { y: 1985, m: 9, d: 1 }, ''],
    ['31/01/2020', { y: 2020, m: 1, d: 31 }, ''],
    ['01/31/2020', { y: 2020, m: 1, d: 31 }, ''],
    ['3/1/85', { y: 1985, m: 3, d: 1 }, ''],
    ['3/1/05', { y: 2005, m: 3, d: 1 }, ''],
  ])('%s', (text, date, time) => {
    expect(parseDate(text)).toEqual({ date, time });
  });

  it('reads an ambiguous d/m as the column says', () => {
    expect(parseDate('03/01/2020', 'mdy')?.date).toEqual({ y: 2020, m: 3, d: 1 });
    expect(parseDate('03/01/2020', 'dmy')?.date).toEqual({ y: 2020, m: 1, d: 3 });
    expect(dayOrderOf(['03/01/2020', '25/12/2019'])).toBe('dmy');
    expect(dayOrderOf(['03/01/2020', '12/25/2019'])).toBe('mdy');
  });

  it.each(['2020-02-30', '2019-02-29', '2020-13-01', '2020', '2020-03', '85', '1990.5', 'yesterday', '2020-03-01 noon', '32-Jan-2020', '01-Foo-2020'])(
    'refuses %s',
    (text) => {
      expect(parseDate(text)).toBeNull();
    },
  );
});

describe('day arithmetic', () => {
  it('round-trips day numbers across leap days and centuries', () => {
    for (const p of [{ y: 1970, m: 1, d: 1 }, { y: 2000, m: 2, d: 29 }, { y: 1900, m: 3, d: 1 }, { y: 1899, m: 12, d: 31 }, { y: 2099, m: 12, d: 31 }]) {
      expect(fromDayNumber(toDayNumber(p))).toEqual(p);
    }
    expect(toDayNumber({ y: 1970, m: 1, d: 1 })).toBe(0);
    expect(toDayNumber({ y: 2000, m: 3, d: 1 }) - toDayNumber({ y: 2000, m: 2, d: 28 })).toBe(2);
    expect(formatDate({ y: 1987, m: 1, d: 9 })).toBe('1987-01-09');
  });
});

describe('age from a birth date', () => {
  it('counts completed years', () => {
    const b = { y: 1980, m: 6, d: 15 };
    expect(ageInYears(b, { y: 2020, m: 6, d: 14 })).toBe(39);
    expect(ageInYears(b, { y: 2020, m: 6, d: 15 })).toBe(40);
    expect(ageInYears({ y: 2000, m: 2, d: 29 }, { y: 2001, m: 2, d: 28 })).toBe(0);
    expect(ageInYears({ y: 2000, m: 2, d: 29 }, { y: 2001, m: 3, d: 1 })).toBe(1);
    expect(ageInYears(b, { y: 1979, m: 1, d: 1 })).toBeNaN();
  });

  it('per row, at one reference date or at a reference column', () => {
    const dob = coded('DOB', ['1980-06-15', '', '1930-01-01', 'unknown']);
    const at = { y: 2024, m: 1, d: 1 };
    expect(Array.from(birthDateToAge(dob, at))).toEqual([43, NaN, 94, NaN]);
    const admission = coded('admission', ['2020-06-15', '2020-01-01', '', '2020-01-01']);
    expect(Array.from(birthDateToAge(dob, admission))).toEqual([40, NaN, NaN, NaN]);
  });

  it('knows birth-date headers', () => {
    for (const name of ['DOB', 'date_of_birth', 'BirthDate', 'birthday', '出生日期', '生日']) expect(looksLikeBirthDateName(name), name).toBe(true);
    for (const name of ['birth_weight', 'admission date', 'birth year']) expect(looksLikeBirthDateName(name), name).toBe(false);
    expect(normalizeHeader('PatientID')).toBe('patient id');
    expect(normalizeHeader('IPAddress')).toBe('ip address');
  });
});
