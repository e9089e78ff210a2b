/**
 * A cohort file with a note column, for the exported scripts' tests (export/codegen-text.test.ts,
 * export/codegen.test.ts): up to three visits per patient (a patient key), a chief complaint (主诉) in
 * Chinese and English, and a name and a record number planted in a few patients' notes.
 */
import { MT19937 } from '../../random/mt19937';

/** Planted in the notes of 3 and 2 patients: fewer than 5, so in no term, no input and no script. */
export const NAME = '邝振邦';
export const MRN = 'MRN5520931';
const NAMED = new Set([5, 102, 199]);
const NUMBERED = new Set([9, 160]);

/**
 * Up to three visits for each of `patients` patients: age (a few missing), sex, ward, a 0/1 statin, a
 * CRP value, and a chief complaint (主诉) mixing Chinese and English, which carries most of the signal.
 * Some notes are empty or "NA" (empty documents), some are only a number, some hold commas, quotes,
 * fullwidth letters (ＣＴ, read as CT) or a line break.
 */
export function notesCsv(patients: number, seed: number): string {
  const rng = new MT19937(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng.random() * xs.length)];
  const risky = ['胸痛', '呼吸困难', '胸闷气短', 'ST段抬高', 'troponin elevated', 'chest pain radiating to left arm', '晕厥'];
  const common = ['咳嗽', '发热', '头痛', '乏力', '腹泻', '恶心', 'no fever', 'cough', 'sore throat', 'denies chest pain', '腹痛伴呕吐', 'mild headache', 'ＣＴ示肺部感染'];
  const lines = ['patient_id,age,sex,ward,statin,crp,主诉,outcome'];
  for (let p = 0; p < patients; p++) {
    const frail = rng.random();
    const sex = rng.random() < 0.5 ? 'F' : 'M';
    const ward = pick(['内科', '外科', 'ICU']);
    const statin = rng.random() < 0.4 ? 1 : 0;
    const visits = 1 + Math.floor(rng.random() * 3);
    for (let v = 0; v < visits; v++) {
      const age = 40 + Math.floor(40 * frail + 6 * rng.random());
      const serious = rng.random() < 0.15 + 0.5 * frail;
      const parts = [pick(common)];
      if (serious && rng.random() < 0.8) parts.push(pick(risky));
      if (rng.random() < 0.4) parts.push(pick(common));
      if (rng.random() < 0.3) parts.push(pick(common));
      const temperature = `T ${(36 + 3 * rng.random()).toFixed(1)}℃`;
      let note = `${parts.join(rng.random() < 0.5 ? '，' : ', ')} ${1 + Math.floor(rng.random() * 9)}天, ${temperature}`;
      if (NAMED.has(p)) note = `患者${NAME}，${note}`;
      if (NUMBERED.has(p)) note = `${note} ${MRN}`;
      const r = rng.random();
      let cell = `"${note.replace(/"/g, '""')}"`;
      if (r < 0.04) cell = '';
      else if (r < 0.06) cell = 'NA';
      else if (r < 0.07) cell = String(100 + Math.floor(rng.random() * 50));
      else if (r < 0.09) cell = `"${note}\n(补充: 患者自述 ""${pick(common)}"")"`;
      const crp = Math.exp(1 + 0.8 * (serious ? 1 : 0) + 0.7 * (rng.random() + rng.random() - 1));
      const z = -2.2 + 2.5 * (serious ? 1 : 0) + 0.02 * (age - 60) + (sex === 'M' ? 0.3 : 0) - 0.4 * statin + 0.5 * Math.log(crp);
      const event = rng.random() < 1 / (1 + Math.exp(-z));
      lines.push([`P${String(p).padStart(4, '0')}`, rng.random() < 0.05 ? 'NA' : String(age), sex, ward, String(statin), crp.toFixed(2), cell, event ? 'yes' : 'no'].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
