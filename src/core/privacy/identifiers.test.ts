import { describe, it, expect } from 'vitest';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import type { Column, Table } from '../table/column';
import { detectIdentifier, detectIdentifiers } from './identifiers';
import { isAddress, isEmail, isIp, isNationalId, isPersonName, isPhone, isPrcId15, isPrcId18, isUrl, prcCheckDigit } from './value-patterns';
import { cohortCsv, EXPECTED } from './__fixtures__/cohort';

async function load(csv: string): Promise<Table> {
  const r = await readTable(textSource(csv));
  if (!r.ok) throw new Error(r.error.code);
  return r.value.table;
}

function coded(name: string, values: string[], type: Column['type'] = 'categorical'): Column {
  const levels = [...new Set(values)];
  return { storage: 'coded', name, type, levels, codes: Int32Array.from(values, (v) => levels.indexOf(v)) };
}

function numeric(name: string, values: number[], type: Column['type'] = 'numeric'): Column {
  return { storage: 'numeric', name, type, values: Float64Array.from(values) };
}

describe('detectIdentifier on the synthetic cohort', () => {
  it('finds every identifier kind, in English and Chinese, by name and by values, and nothing else', async () => {
    const table = await load(cohortCsv());
    const found = Object.fromEntries(table.columns.map((c, k) => [c.name, detectIdentifiers(table)[k]?.kind ?? null]));
    expect(found).toEqual(EXPECTED);
  });

  it('says why: the header, or the share of matching values (never a cell value)', async () => {
    const table = await load(cohortCsv());
    const d = detectIdentifiers(table);
    const of = (name: string) => d[table.columns.findIndex((c) => c.name === name)];
    expect(of('Email')).toEqual({ kind: 'email', reason: 'name', evidence: 'email' });
    expect(of('身份证号')?.reason).toBe('name');
    expect(of('f4')).toMatchObject({ kind: 'email', reason: 'values' });
    expect(of('f4')?.evidence).toMatch(/^\d+\/\d+$/);
    expect(of('Clinical Notes')).toEqual({ kind: 'free-text', reason: 'values', evidence: 'text' });
  });

  it('reads 18-digit ID numbers exactly (digits beyond 2^53 stay text) and flags them as national ids', async () => {
    const table = await load(cohortCsv());
    const f5 = table.columns.find((c) => c.name === 'f5') as Column;
    const texts = f5.storage === 'coded' ? f5.levels : [];
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => isPrcId18(t))).toBe(true); // no check digit lost to rounding
    expect(detectIdentifier('f5', f5, f5.type)?.kind).toBe('national-id');
  });
});

describe('header rules', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `X${i}`);
  it.each([
    ['full_name', 'name'],
    ['PatientName', 'name'],
    ['Surname', 'name'],
    ['名字', 'name'],
    ['patient id', 'record-id'],
    ['ID', 'record-id'],
    ['medical_record_number', 'record-id'],
    ['门诊号', 'record-id'],
    ['病历号', 'record-id'],
    ['national_id', 'national-id'],
    ['身份证', 'national-id'],
    ['tel', 'phone'],
    ['mobile', 'phone'],
    ['联系方式', 'phone'],
    ['电话', 'phone'],
    ['street', 'address'],
    ['地址', 'address'],
    ['e-mail', 'email'],
    ['date of birth', 'date'],
    ['birthDate', 'date'],
    ['生日', 'date'],
    ['postcode', 'postal-code'],
    ['ip', 'ip'],
    ['IPAddress', 'ip'],
    ['url', 'url'],
  ])('%s → %s', (name, kind) => {
    expect(detectIdentifier(name, coded(name, ids), 'categorical')).toMatchObject({ kind, reason: 'name' });
  });

  it('does not read drug names, test names or hospital names as person names', () => {
    for (const name of ['drug_name', 'test name', 'hospital name', '药品名称']) {
      expect(detectIdentifier(name, coded(name, ids), 'categorical')).toBeNull();
    }
  });

  it('ignores identifier-like headers on yes/no and few-valued columns', () => {
    const flags = Array.from({ length: 40 }, (_, i) => String(i % 2));
    expect(detectIdentifier('id_verified', numeric('id_verified', flags.map(Number), 'binary'), 'binary')).toBeNull();
    expect(detectIdentifier('id_verified', numeric('id_verified', flags.map(Number)), 'numeric')).toBeNull();
    const methods = Array.from({ length: 40 }, (_, i) => ['电话', '邮件', '上门'][i % 3]);
    expect(detectIdentifier('联系方式', coded('联系方式', methods), 'categorical')).toBeNull();
    expect(detectIdentifier('visit number', numeric('visit number', flags.map((_, i) => 1 + (i % 3))), 'numeric')).toBeNull();
  });

  it('flags the named columns of a tiny table, whose few values are all distinct', () => {
    expect(detectIdentifier('姓名', coded('姓名', ['张三', '李四']), 'binary')?.kind).toBe('name');
    expect(detectIdentifier('phone', coded('phone', ['555-123-4567', '555-765-4321', '555-000-1111']), 'categorical')?.kind).toBe('phone');
  });

  it('takes a birth year for a year, not a date (Safe Harbor keeps years)', () => {
    const years = Array.from({ length: 40 }, (_, i) => 1930 + i);
    expect(detectIdentifier('DOB year', numeric('DOB year', years), 'numeric')).toBeNull();
  });
});

describe('look-alikes', () => {
  const n = 200;
  const seq = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
  it.each([
    ['lab value', seq((i) => 3.5 + ((i * 37) % 120) / 10)],
    ['year', seq((i) => 1990 + (i % 35))],
    ['age', seq((i) => 18 + ((i * 7) % 80))],
    ['count', seq((i) => i % 13)],
    ['phone-length lab value with decimals', seq((i) => 13812345678 + i + 0.25)],
    ['cell count ending in zeros', seq((i) => (130 + i) * 1e8)],
  ])('%s', (name, values) => {
    expect(detectIdentifier(`v${name.length}`, numeric('v', values), 'numeric')).toBeNull();
  });

  it('short categorical codes and diagnoses are not names or addresses', () => {
    const codes = Array.from({ length: n }, (_, i) => ['A1', 'B2', 'C3', 'D4'][i % 4]);
    const diagnoses = Array.from({ length: n }, (_, i) => ['高血压', '高血脂', '王氏综合征', '糖尿病'][i % 4]);
    const hospitals = Array.from({ length: n }, (_, i) => ['北京市朝阳区人民医院', '上海市第一人民医院'][i % 2]);
    expect(detectIdentifier('code', coded('code', codes), 'categorical')).toBeNull();
    expect(detectIdentifier('dx', coded('dx', diagnoses), 'categorical')).toBeNull();
    expect(detectIdentifier('site', coded('site', hospitals), 'binary')).toBeNull();
    expect(detectIdentifier('site', coded('site', [...hospitals, '广州市越秀区中心医院']), 'categorical')).toBeNull();
  });
});

describe('value patterns', () => {
  it('PRC resident identity numbers: GB 11643-1999 check digit', () => {
    expect(isPrcId18('11010519491231002X')).toBe(true); // the standard's own example
    expect(isPrcId18('11010519491231002x')).toBe(true);
    expect(isPrcId18('110105194912310021')).toBe(false); // wrong check digit
    expect(isPrcId18('110105194913310028')).toBe(false); // month 13
    const first17 = '44030619880229123';
    expect(isPrcId18(first17 + prcCheckDigit(first17))).toBe(true); // 29 Feb of a leap year
    expect(isPrcId18('44030619890229123' + prcCheckDigit('44030619890229123'))).toBe(false);
    expect(isPrcId15('110105491231002')).toBe(true);
    expect(isPrcId15('110105491331002')).toBe(false);
  });

  it('US SSN: no 000, 666 or 9xx area', () => {
    expect(isNationalId('123-45-6789')).toBe(true);
    for (const bad of ['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000', '123456789']) {
      expect(isNationalId(bad)).toBe(false);
    }
  });

  it('phones', () => {
    for (const ok of ['13812345678', '+86 138 1234 5678', '+8613812345678', '86-138-1234-5678', '010-62751234', '(0755) 8888 1234', '(555) 123-4567', '+1 555 123 4567', '+44 20 7946 0958', '+33 1 23 45 67 89']) {
      expect(isPhone(ok), ok).toBe(true);
    }
    for (const bad of ['12812345678', '1381234567', '13812345678.5', '15000000000', '2024', '123-45-6789', '62751234']) {
      expect(isPhone(bad), bad).toBe(false);
    }
  });

  it('e-mail, IP, URL', () => {
    expect(isEmail('zhang.san@example.com.cn')).toBe(true);
    expect(isEmail('not an email@x')).toBe(false);
    expect(isIp('192.168.0.1')).toBe(true);
    expect(isIp('256.1.1.1')).toBe(false);
    expect(isIp('2001:db8::1')).toBe(true);
    expect(isIp('fe80:0:0:0:200:f8ff:fe21:67cf')).toBe(true);
    expect(isIp('::ffff:192.0.2.1')).toBe(true);
    expect(isIp('12:30:45')).toBe(false);
    expect(isIp('1.5')).toBe(false);
    expect(isUrl('https://example.org/a?b=1')).toBe(true);
    expect(isUrl('www.example.cn')).toBe(true);
    expect(isUrl('example')).toBe(false);
  });

  it('addresses and person names', () => {
    expect(isAddress('221B Baker Street, London')).toBe(true);
    expect(isAddress('1600 Pennsylvania Ave NW')).toBe(true);
    expect(isAddress('北京市海淀区中关村大街27号')).toBe(true);
    expect(isAddress('某某县某某镇新华村3组')).toBe(true);
    expect(isAddress('北京市朝阳区人民医院')).toBe(false);
    expect(isAddress('3 mg twice daily')).toBe(false);
    expect(isPersonName('张伟')).toBe(true);
    expect(isPersonName('欧阳娜娜')).toBe(true);
    expect(isPersonName('Mary O\'Neil')).toBe(true);
    expect(isPersonName('Smith, John')).toBe(true);
    expect(isPersonName('Ronald McDonald')).toBe(true);
    expect(isPersonName('糖尿病')).toBe(false);
    expect(isPersonName('heart failure')).toBe(false);
  });
});
