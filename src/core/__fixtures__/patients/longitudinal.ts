/**
 * A synthetic hospital export with several visits per patient (no real person): each patient has
 * 1–6 visits, rows are sorted by visit date (not by patient), and the identifiers repeat on every
 * visit. English or Chinese headers and values. The outcome is the patient's (a diagnosis made
 * once), driven by age, sex, stable lab values and a patient-level factor that no column shows, so
 * a model that has seen a patient's other visits is right about them for the wrong reason.
 */
import { MT19937 } from '../../random/mt19937';
import type { IdentifierKind } from '../../privacy/identifiers';

export type Language = 'en' | 'zh';

export interface LongitudinalCohort {
  csv: string;
  rows: number;
  patients: number;
  /** The column that names the patient (what the app should find as the key). */
  key: string;
  /** Per column, the identifier kind the app should flag (null: not an identifier). */
  expected: Record<string, IdentifierKind | null>;
  /** Values that must never leave the device: names, record numbers, phones, full birth dates. */
  secrets: string[];
  /** Category levels of one patient each (a rare insurance plan): no model, model file or script may name them. */
  rareLevels: string[];
  /** The birth dates as written in the file. */
  birthDates: string[];
  /** The age column's name and the highest age in the file (≥ 90: Safe Harbor must write 90+). */
  ageColumn: string;
  oldest: number;
}

const HEADERS = {
  en: {
    name: 'Patient', id: 'pt_id', phone: 'Contact phone', dob: 'DOB', date: 'visit_date', visit: 'visit_no', age: 'age',
    sex: 'sex', sbp: 'sbp', creatinine: 'creatinine', hba1c: 'hba1c', ward: 'ward', plan: 'insurance_plan', outcome: 'diabetic_nephropathy',
  },
  zh: {
    name: '患者', id: 'pt_id', phone: '联系电话', dob: '出生日期', date: '就诊日期', visit: '就诊次数', age: '年龄',
    sex: '性别', sbp: '收缩压', creatinine: '肌酐', hba1c: '糖化血红蛋白', ward: '科室', plan: '医保类型', outcome: '糖尿病肾病',
  },
} as const;

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Susan', 'Thomas', 'Karen', 'Daniel', 'Nancy'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Moore', 'Taylor', 'Clark', 'Lewis', 'Young'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'.split('');
const COMPOUND = ['司马', '诸葛', '欧阳', '上官'];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国光亮'.split('');
const WARDS = { en: ['cardiology', 'endocrinology', 'nephrology', 'general'], zh: ['心内科', '内分泌科', '肾内科', '普通内科'] };
const PLANS = { en: ['public', 'private', 'none'], zh: ['职工医保', '居民医保', '自费'] };

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const DAY = 86_400_000;
const isoDay = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10);

/** The cohort as CSV text (comma-separated); `patients` patients with 1–6 visits each (or exactly `visits`). */
export function longitudinalCohort(language: Language, patients = 300, seed = 7, visitsEach?: number): LongitudinalCohort {
  const rng = new MT19937(seed);
  const uniform = (): number => rng.random();
  const int = (lo: number, hi: number): number => lo + rng.randomInterval(hi - lo);
  const normal = (): number => {
    // Box–Muller from two uniforms in (0, 1]
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  const h = HEADERS[language];
  const today = Date.UTC(2024, 5, 30) / DAY;
  const secrets: string[] = [];
  const rareLevels: string[] = [];
  const birthDates: string[] = [];
  const rows: { day: number; cells: Record<string, string> }[] = [];
  let oldest = 0;
  for (let p = 0; p < patients; p++) {
    const visits = visitsEach ?? 1 + rng.randomInterval(5);
    // the first patients are the oldest: Safe Harbor's 90+ must show
    const ageAtFirst = p < 4 ? 90 + p * 3 : int(30, 88);
    const firstVisit = today - int(60, 2500);
    const birthDay = firstVisit - Math.round(ageAtFirst * 365.25) - int(0, 300);
    const sex = uniform() < 0.5 ? 'F' : 'M';
    // stable per patient: baseline labs and a factor no column shows
    const creatinine = 60 + 40 * Math.exp(0.35 * normal());
    const hba1c = 6 + 1.4 * Math.abs(normal());
    const hidden = normal();
    const latent = -1.5 + 0.04 * (ageAtFirst - 60) + 0.03 * (creatinine - 90) + 1.0 * (hba1c - 7) + 1.2 * hidden + (sex === 'M' ? 0.4 : 0);
    const event = uniform() < 1 / (1 + Math.exp(-latent));
    const name = language === 'en'
      ? `${FIRST[p % FIRST.length]} ${LAST[(p * 5 + 3) % LAST.length]}${p >= FIRST.length ? `-${LAST[p % 11]}` : ''}`
      : (p % 9 === 4 ? COMPOUND[p % COMPOUND.length] : SURNAMES[p % SURNAMES.length]) + GIVEN[(p * 7) % GIVEN.length] + (p % 3 === 0 ? '' : GIVEN[(p * 11 + 5) % GIVEN.length]);
    const id = language === 'en' ? String(100000 + p * 37) : `ZY${pad(2023000 + p * 13, 9)}`;
    const mobile = `1${['38', '39', '58', '86', '77'][p % 5]}${pad(int(0, 9999), 4)}${pad(int(0, 9999), 4)}`;
    const phone = language === 'en'
      ? [`(${int(201, 989)}) ${int(200, 999)}-${pad(int(0, 9999), 4)}`, `+1 ${int(201, 989)} ${int(200, 999)} ${pad(int(0, 9999), 4)}`][p % 2]
      : [`${mobile.slice(0, 3)}.${mobile.slice(3, 7)}.${mobile.slice(7)}`, `(+86)${mobile}`, mobile, `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`][p % 4];
    const birth = new Date(birthDay * DAY);
    const dob = language === 'en' ? isoDay(birthDay) : `${birth.getUTCFullYear()}年${birth.getUTCMonth() + 1}月${birth.getUTCDate()}日`;
    secrets.push(name, id, phone, dob);
    birthDates.push(dob);
    const ward = WARDS[language][int(0, 3)];
    // one patient in 25 has a plan of their own (a company scheme named after them): a level of one patient
    const plan = p % 25 === 11 ? (language === 'en' ? `Scheme ${LAST[p % LAST.length]}-${p}` : `企业补充医保${p}号`) : PLANS[language][p % 3];
    if (p % 25 === 11) rareLevels.push(plan);
    let day = firstVisit;
    for (let v = 1; v <= visits; v++) {
      const age = Math.floor((day - birthDay) / 365.25);
      oldest = Math.max(oldest, age);
      rows.push({
        day,
        cells: {
          [h.name]: name,
          [h.id]: id,
          [h.phone]: phone,
          [h.dob]: dob,
          [h.date]: isoDay(day),
          [h.visit]: String(v),
          [h.age]: String(age),
          [h.sex]: language === 'en' ? sex : sex === 'F' ? '女' : '男',
          [h.sbp]: String(Math.round(125 + 0.4 * (age - 60) + 14 * normal())),
          [h.creatinine]: (creatinine * Math.exp(0.05 * normal())).toFixed(1),
          [h.hba1c]: (hba1c + 0.25 * normal()).toFixed(1),
          [h.ward]: ward,
          [h.plan]: plan,
          [h.outcome]: language === 'en' ? (event ? 'yes' : 'no') : event ? '是' : '否',
        },
      });
      day += int(20, 200);
    }
  }
  rows.sort((a, b) => a.day - b.day);
  const names = Object.values(h);
  const lines = [names.join(','), ...rows.map((r) => names.map((n) => r.cells[n]).join(','))];
  const expected: Record<string, IdentifierKind | null> = Object.fromEntries(names.map((n) => [n, null]));
  expected[h.name] = 'name';
  expected[h.id] = 'record-id';
  expected[h.phone] = 'phone';
  expected[h.dob] = 'date';
  expected[h.date] = 'date';
  return { csv: `${lines.join('\n')}\n`, rows: rows.length, patients, key: h.id, expected, secrets, rareLevels, birthDates, ageColumn: h.age, oldest };
}
