/**
 * A synthetic cohort (no real person) with every identifier kind in English and Chinese, by header
 * and by values alone, beside look-alike columns that are not identifiers. 60 rows: 40 patients,
 * the first 20 with a second visit (rows 40–59), so patient-level values repeat.
 */
import { MT19937 } from '../../random/mt19937';
import type { IdentifierKind } from '../identifiers';
import { prcCheckDigit } from '../value-patterns';

export const ROWS = 60;
export const PATIENTS = 40;

/** Expected detection per column (null: not an identifier). */
export const EXPECTED: Record<string, IdentifierKind | null> = {
  'Patient Name': 'name',
  MRN: 'record-id',
  SSN: 'national-id',
  Phone: 'phone',
  Email: 'email',
  'Home Address': 'address',
  ZIP: 'postal-code',
  DOB: 'date',
  'Admission Date': 'date',
  'Discharge Date': 'date',
  'IP Address': 'ip',
  Website: 'url',
  'Clinical Notes': 'free-text',
  姓名: 'name',
  住院号: 'record-id',
  身份证号: 'national-id',
  手机: 'phone',
  邮箱: 'email',
  住址: 'address',
  邮编: 'postal-code',
  出生日期: 'date',
  主诉: 'free-text',
  f1: 'name',
  f2: 'name',
  f3: 'phone',
  f4: 'email',
  f5: 'national-id',
  f6: 'address',
  f7: 'address',
  f8: 'ip',
  f9: 'url',
  f10: 'national-id',
  f11: 'ip',
  f12: 'phone',
  glucose: null,
  wbc: null,
  assay_signal: null,
  diagnosis_year: null,
  birth_year: null,
  dob_year: null,
  age: null,
  年龄: null,
  num_visits: null,
  id_verified: null,
  site_code: null,
  诊断: null,
  sex: null,
  hospital: null,
  platelets: null,
  outcome: null,
};

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Moore', 'Taylor', 'Clark'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国'.split('');
const STREETS = ['Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Washington', 'Lake', 'Hill'];
const SUFFIXES = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Blvd'];
const CITIES = ['北京市朝阳区', '上海市浦东新区', '广东省广州市天河区', '浙江省杭州市西湖区', '四川省成都市武侯区'];
const ROADS = ['建国路', '世纪大道', '天河北路', '文三路', '人民南路', '解放街'];
const REGIONS = ['110105', '310115', '440106', '330106', '510107'];
const WORDS = ['patient', 'reports', 'chest', 'pain', 'since', 'morning', 'with', 'mild', 'dyspnea', 'and', 'nausea', 'denies', 'fever', 'cough'];
const COMPLAINTS = ['反复胸闷气短', '咳嗽咳痰伴发热', '上腹部疼痛不适', '头晕头痛伴恶心', '双下肢水肿', '活动后心悸'];
const DIAGNOSES = ['高血压', '糖尿病', '冠心病', '慢阻肺', '脑梗死'];
const HOSPITALS = ['北京市朝阳区人民医院', '上海市第一人民医院', '广州市越秀区中心医院'];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const iso = (t: number): string => new Date(t * 86_400_000).toISOString().slice(0, 10);

interface Patient {
  cells: Record<string, string>;
  birthDay: number;
}

function patient(rng: MT19937, p: number): Patient {
  const pick = <T>(xs: readonly T[]): T => xs[rng.randomInterval(xs.length - 1)];
  const int = (lo: number, hi: number): number => lo + rng.randomInterval(hi - lo);
  const birthDay = int(-20000, 5000); // 1915 … 1983
  const birth = new Date(birthDay * 86_400_000);
  const [by, bm, bd] = [birth.getUTCFullYear(), birth.getUTCMonth() + 1, birth.getUTCDate()];
  const region = pick(REGIONS);
  // half of the ID numbers end in X, so the column stays text (digit-only ones are read as numbers)
  const idOf = (seq: number): string => {
    const first17 = `${region}${by}${pad(bm, 2)}${pad(bd, 2)}${pad(seq, 3)}`;
    return first17 + prcCheckDigit(first17);
  };
  let seq = int(100, 900);
  while (idOf(seq).endsWith('X') !== (p % 2 === 0)) seq++;
  const idNumber = idOf(seq);
  const latin = `${FIRST[p % 12]} ${LAST[(p * 5 + 3) % 12]}${p >= 12 ? `-${LAST[p % 7]}` : ''}`;
  const hanzi = SURNAMES[p % SURNAMES.length] + GIVEN[(p * 7) % GIVEN.length] + (p % 3 === 0 ? '' : GIVEN[(p * 11 + 5) % GIVEN.length]);
  const mobile = `1${pick(['38', '39', '58', '86', '77'])}${pad(int(0, 99999999), 8)}`;
  const address = `${int(1, 999)} ${pick(STREETS)} ${pick(SUFFIXES)}`;
  const zhAddress = `${pick(CITIES)}${pick(ROADS)}${int(1, 300)}号`;
  const cells: Record<string, string> = {
    'Patient Name': latin,
    MRN: `MRN${pad(100000 + p * 37, 7)}`,
    SSN: `${int(100, 665)}-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`,
    Phone: `(${int(201, 989)}) ${int(200, 999)}-${pad(int(0, 9999), 4)}`,
    Email: `${FIRST[p % 12].toLowerCase()}.${p}@example.org`,
    'Home Address': address,
    ZIP: pad(int(1000, 99999), 5),
    DOB: iso(birthDay),
    姓名: hanzi,
    住院号: `ZY${pad(20000 + p * 13, 8)}`,
    身份证号: idNumber,
    手机: [`+86 ${mobile}`, `86-${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`, mobile][p % 3],
    邮箱: `user${p}@qq.com`,
    住址: zhAddress,
    邮编: String(int(100000, 850000)),
    出生日期: `${by}年${bm}月${bd}日`,
    f1: hanzi,
    f2: latin,
    f3: mobile,
    f4: `${LAST[p % 12].toLowerCase()}${p}@hospital.cn`,
    f5: idNumber,
    f6: zhAddress,
    f7: address,
    f8: `2001:db8:${(p * 97).toString(16)}::${(p + 1).toString(16)}`,
    f9: `https://www.example.com/patients/${p}`,
    f10: `${int(100, 665)}-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`,
    f11: `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
    f12: `+44 20 ${int(7000, 7999)} ${pad(int(0, 9999), 4)}`,
    birth_year: String(by),
    dob_year: String(by),
    sex: pick(['M', 'F']),
  };
  return { cells, birthDay };
}

/** The cohort as CSV text (comma-separated, quoted where needed). */
export function cohortCsv(seed = 2024): string {
  const rng = new MT19937(seed);
  const patients = Array.from({ length: PATIENTS }, (_, p) => patient(rng, p));
  const names = Object.keys(EXPECTED);
  const lines = [names.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const pt = patients[i % PATIENTS];
    const int = (lo: number, hi: number): number => lo + rng.randomInterval(hi - lo);
    const admission = int(17000, 19500); // 2016 … 2023
    const age = Math.floor((admission - pt.birthDay) / 365.25);
    const notes = Array.from({ length: 6 + rng.randomInterval(6) }, () => WORDS[rng.randomInterval(WORDS.length - 1)]).join(' ');
    const row: Record<string, string> = {
      ...pt.cells,
      'Admission Date': iso(admission),
      'Discharge Date': iso(admission + int(1, 20)),
      'IP Address': `192.168.${int(0, 255)}.${int(1, 254)}`,
      Website: `http://clinic${i}.example.net/profile?id=${i}`,
      'Clinical Notes': `${notes}.`,
      主诉: `${COMPLAINTS[rng.randomInterval(COMPLAINTS.length - 1)]}${int(1, 30)}天，${COMPLAINTS[rng.randomInterval(COMPLAINTS.length - 1)]}加重${int(1, 12)}小时`,
      glucose: (3.5 + rng.random() * 12).toFixed(1),
      wbc: (2 + rng.random() * 15).toFixed(2),
      assay_signal: (13_000 + rng.random() * 6_000).toFixed(6), // 11 digits, like a phone, but with decimals
      diagnosis_year: String(int(1990, 2024)),
      age: String(i < 3 ? [89, 90, 104][i] : age),
      年龄: String(age),
      num_visits: String(int(0, 12)),
      id_verified: String(int(0, 1)),
      site_code: pick(rng, ['A1', 'A2', 'B1', 'B2', 'C3']),
      诊断: pick(rng, DIAGNOSES),
      hospital: pick(rng, HOSPITALS),
      platelets: String(int(150, 450)),
      outcome: String(int(0, 1)),
    };
    lines.push(names.map((n) => csvQuote(row[n])).join(','));
  }
  return lines.join('\n') + '\n';
}

function pick<T>(rng: MT19937, xs: readonly T[]): T {
  return xs[rng.randomInterval(xs.length - 1)];
}

function csvQuote(t: string): string {
  return /[",\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}
