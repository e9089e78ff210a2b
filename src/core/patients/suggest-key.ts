/**
 * Which column names the patient: among the columns flagged as record numbers or ID numbers, the one
 * whose header says it is the patient's (MRN, patient ID, 住院号, 病历号…) and whose values repeat
 * across rows, as in an export of visits. Visit, encounter, admission and sample numbers identify a
 * row, not a patient, and are passed over.
 */
import { normalizeHeader } from '../privacy/dates';
import { headerKind, type IdentifierDetection } from '../privacy/identifiers';

export interface KeyCandidate {
  name: string;
  detection: IdentifierDetection | null;
  distinct: number;
  nonMissing: number;
}

const PATIENT_WORDS =
  /(^| )(mrn|medical record|patient|pt|ptid|pid|subject|subjectid|person|participant|member|beneficiary|health plan|case)( |$)|病历号|病案号|住院号|门诊号|患者|病人|档案号|医保号|登记号|身份证|受试者/;
const ROW_WORDS = /(^| )(visit|encounter|admission|hadm|episode|stay|sample|specimen|order|accession|lab|test|row|line|event)( |$)|就诊号|就诊编号|入院|标本|检验|医嘱|流水/;

/** The suggested key's name, or null (no candidate, or no repeated value: each row is treated as a patient). */
export function suggestPatientKey(columns: readonly KeyCandidate[]): string | null {
  let best: { name: string; score: number } | null = null;
  for (const c of columns) {
    // by its values, or by its header alone: a patient number repeated on each visit has few distinct values per row
    const named = headerKind(c.name);
    const kind = c.detection?.kind === 'record-id' || c.detection?.kind === 'national-id' ? c.detection.kind : named === 'record-id' || named === 'national-id' ? named : null;
    if (kind === null) continue;
    if (c.distinct < 2) continue;
    const header = normalizeHeader(c.name);
    if (ROW_WORDS.test(header) && !/^(patient|pt|subject) /.test(header)) continue;
    // values that never repeat: one row per patient, and the plain row split (train_test_split's) is right
    if (c.distinct >= c.nonMissing) continue;
    // the patient's own number first; a national ID number last (it may be missing for some)
    const score = (PATIENT_WORDS.test(header) ? 2 : 0) + (kind === 'record-id' ? 1 : 0);
    if (!best || score > best.score) best = { name: c.name, score };
  }
  return best?.name ?? null;
}
