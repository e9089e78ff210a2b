/**
 * The patient as the unit, end to end: a hospital export of visits (a few hundred patients, 1–6 visits
 * each, sorted by date), in English (UTF-8) and in Chinese (GB18030). The key is found, identifiers are
 * flagged, the split keeps every patient on one side, and what leaves the device (the model file, the
 * de-identified copy) holds no name, record number, phone, full birth date or rare level of the file.
 */
import { createHash } from 'node:crypto';
import { test, expect } from './support';
import { encodeGb18030 } from './fixtures/gb18030';
import { longitudinalCohort, type Language } from '../src/core/__fixtures__/patients/longitudinal';

const PATIENTS = 250;

for (const language of ['en', 'zh'] as Language[]) {
  test(`${language}: a visits export is split, checked and de-identified per patient`, async ({ app, page }) => {
    test.setTimeout(90_000);
    const cohort = longitudinalCohort(language, PATIENTS);
    const names = cohort.csv.slice(0, cohort.csv.indexOf('\n')).split(',');
    const [patientName, , phone, dob, visitDate, , age] = names;
    const outcome = names[names.length - 1];
    await app.open();
    if (language === 'zh') await app.uploadFile('就诊记录.csv', encodeGb18030(cohort.csv));
    else await app.uploadFile('visits.csv', cohort.csv);
    await app.expectLoaded(cohort.rows, names.length);

    // the key, and the patients it counts
    await expect(app.byTestId('dataset-summary')).toHaveAttribute('data-patients', String(PATIENTS));
    await expect(app.byTestId('patient-key-select')).toHaveValue(cohort.key);
    const profile = app.byTestId('profile-table');
    for (const [column, kind] of Object.entries(cohort.expected)) {
      if (kind) await expect(profile.locator(`tr[data-column="${column}"]`), column).toHaveAttribute('data-phi', kind);
      else await expect(profile.locator(`tr[data-column="${column}"]`), column).not.toHaveAttribute('data-phi', /.+/);
    }
    for (const column of [patientName, cohort.key, phone, dob]) await expect(page.locator(`[data-testid=feature-toggle][data-feature="${column}"]`)).not.toBeChecked();

    // the split: no patient on both sides
    await expect(app.byTestId('target-select')).toHaveValue(outcome);
    await app.train();
    const split = app.byTestId('split-summary');
    await expect(split).toHaveAttribute('data-shared-patients', '0');
    const trainPatients = Number(await split.getAttribute('data-train-patients'));
    const testPatients = Number(await split.getAttribute('data-test-patients'));
    expect(trainPatients + testPatients).toBe(PATIENTS);
    expect(Number(await split.getAttribute('data-train-rows')) + Number(await split.getAttribute('data-test-rows'))).toBe(cohort.rows);
    expect(testPatients).toBeGreaterThan(0.15 * PATIENTS);
    await app.screenshot(`patients-${language}-trained`);

    // the model file: no identifier, no rare level; its fingerprint is the SHA-256 of its bytes
    const model = await app.download(() => app.byTestId('model-download').click());
    for (const secret of [...cohort.secrets, ...cohort.rareLevels]) expect(model.text, secret).not.toContain(secret);
    expect(model.text).toContain('"other": true'); // the rare plans were pooled
    const sha256 = createHash('sha256').update(model.bytes).digest('hex');
    await expect(app.byTestId('model-fingerprint')).toHaveAttribute('data-value', sha256);
    await app.byTestId('model-file-input').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: model.bytes });
    await expect(app.byTestId('model-fingerprint')).toHaveAttribute('data-value', sha256);
    await expect(app.byTestId('model-fingerprint')).toContainText(sha256.slice(0, 4));

    // the de-identified copy: Safe Harbor by default, k counted in patients
    const deid = await app.download(() => app.byTestId('deid-button').click());
    const text = deid.text.replace(/^\uFEFF/, '');
    // a pseudonym is 16 random hex digits, which can hold a record number's digits by chance ("P-c1101591e04ad169"
    // holds 101591 once in some runs): the secrets are looked for in everything else
    const scrubbed = text.replace(/\bP-[0-9a-f]{16}\b/g, 'P-pseudonym');
    for (const secret of cohort.secrets) expect(scrubbed, secret).not.toContain(secret);
    const lines = text.trim().split(/\r?\n/);
    const header = lines[0].split(',');
    expect(header).not.toContain(patientName);
    expect(header).not.toContain(phone);
    const ageAt = header.indexOf(age);
    const dobAt = header.indexOf(dob);
    const visitAt = header.indexOf(visitDate);
    const rows = lines.slice(1).map((l) => l.split(','));
    // ages of 90 and over, and the birth years that imply them, read 90+; dates keep the year only
    const ages = rows.map((r) => r[ageAt]);
    expect(ages).toContain('90+');
    expect(ages.every((a) => a === '90+' || Number(a) < 90)).toBe(true);
    rows.forEach((r, i) => expect(r[dobAt]).toMatch(ages[i] === '90+' ? /^90\+$/ : /^(\d{4}|90\+)$/));
    expect(rows.every((r) => /^\d{4}$/.test(r[visitAt]))).toBe(true);
    await expect(app.byTestId('deid-method')).toHaveAttribute('data-safe-harbor', 'true');
    await expect(app.byTestId('deid-min-k')).toHaveAttribute('data-unit', 'patients');
    await app.screenshot(`patients-${language}-deidentified`);
  });
}

test('clearing the patient key goes back to rows: each row a patient, and the split says so', async ({ app }) => {
  const cohort = longitudinalCohort('en', 120);
  await app.open();
  await app.uploadFile('visits.csv', cohort.csv);
  await expect(app.byTestId('dataset-summary')).toHaveAttribute('data-patients', '120');
  await app.byTestId('patient-key-select').selectOption('');
  await expect(app.byTestId('dataset-summary')).toHaveAttribute('data-patients', String(cohort.rows));
  await app.train();
  const split = app.byTestId('split-summary');
  await expect(split).toHaveAttribute('data-train-patients', await split.getAttribute('data-train-rows') as string);
  await expect(split).toHaveAttribute('data-shared-patients', '0');
});

test('a cohort split by a column warns when patients are in both cohorts', async ({ app }) => {
  const cohort = longitudinalCohort('en', 150);
  await app.open();
  await app.uploadFile('visits.csv', cohort.csv);
  await app.byTestId('split-select').selectOption('column');
  await app.byTestId('split-column-select').selectOption('ward');
  await app.train();
  const shared = Number(await app.byTestId('split-summary').getAttribute('data-shared-patients'));
  expect(shared).toBe(0); // a patient stays on one ward in this export
  await app.byTestId('split-column-select').selectOption('visit_no');
  await app.byTestId('split-train-value-select').selectOption('1');
  await app.byTestId('train-button').click();
  // the second results replace the first: wait for them
  await expect(app.byTestId('split-summary')).not.toHaveAttribute('data-shared-patients', '0');
  expect(Number(await app.byTestId('split-summary').getAttribute('data-shared-patients'))).toBeGreaterThan(10);
  await expect(app.byTestId('split-summary')).toHaveClass(/alert-warning/);
  await expect(app.page.locator('[data-testid=note][data-kind="patients-in-both-cohorts"]')).toBeVisible();
});
