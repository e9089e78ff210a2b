import { readFileSync } from 'node:fs';
import { test, expect } from './support';
import { identifierCohort } from './fixtures/identifiers';

const EXPECTED_PHI: Record<string, string> = {
  patient_name: 'name',
  姓名: 'name',
  MRN: 'record-id',
  病历号: 'record-id',
  phone: 'phone',
  手机: 'phone',
  email: 'email',
  住址: 'address',
  身份证号: 'national-id',
  date_of_birth: 'date',
  zip: 'postal-code',
};

test('identifiers are flagged and left out, a de-identified copy carries none of them', async ({ app, page }) => {
  const cohort = identifierCohort();
  await app.open();
  await app.uploadFile('patients.csv', cohort.csv);
  await app.expectLoaded(60, 15);
  const profile = app.byTestId('profile-table');
  for (const [column, kind] of Object.entries(EXPECTED_PHI)) {
    await expect(profile.locator(`tr[data-column="${column}"]`), column).toHaveAttribute('data-phi', kind);
    await expect(page.locator(`[data-testid=feature-toggle][data-feature="${column}"]`), column).not.toBeChecked();
  }
  for (const column of ['age', 'sbp', 'smoker']) await expect(profile.locator(`tr[data-column="${column}"]`)).not.toHaveAttribute('data-phi', /.+/);
  await expect(app.byTestId('target-select')).toHaveValue('outcome');
  await app.train();
  const features = [...(await app.coefficients()).keys()];
  expect(features.sort()).toEqual(['(intercept)', 'age', 'sbp', 'smoker=yes']);

  // the birth date can be turned into an age
  await profile.locator('[data-testid=derive-age][data-column="date_of_birth"]').click();
  await expect(app.byTestId('dataset-summary')).toHaveAttribute('data-cols', '16');

  await app.byTestId('deid-k-input').fill('3');
  const [download] = await Promise.all([page.waitForEvent('download'), app.byTestId('deid-button').click()]);
  const text = readFileSync((await download.path()) as string, 'utf8');
  for (const value of cohort.identifiers) expect(text, value).not.toContain(value);
  // every patient's birth date was shifted (the export keeps the row order when nothing is suppressed)
  const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const dobColumn = lines[0].split(',').indexOf('date_of_birth');
  expect(dobColumn).toBeGreaterThanOrEqual(0);
  lines.slice(1).forEach((line, i) => expect(line.split(',')[dobColumn]).not.toBe(cohort.birthDates[i]));
  expect(text).toContain('age');
  expect(text).toMatch(/P-[0-9a-f]{8,}/);
  const minK = Number(await app.byTestId('deid-min-k').getAttribute('data-value'));
  expect(minK).toBeGreaterThanOrEqual(1);
  await app.screenshot('08-privacy');
});

test('an encrypted session is saved only when asked, reopens with its passphrase, and can be forgotten', async ({ app, page }) => {
  test.setTimeout(90_000);
  await app.open();
  await expect(app.byTestId('privacy-status')).toContainText('Nothing is stored');
  await app.loadSample('pima');
  await app.byTestId('c-input').fill('0.5');
  expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
  await app.byTestId('passphrase-input').fill('correct horse battery');
  await app.byTestId('session-save').click();
  await expect(app.byTestId('privacy-status')).toContainText('encrypted session');
  // the page keeps no copy of the passphrase once it is used
  await expect(app.byTestId('passphrase-input')).toHaveValue('');
  // what is stored is ciphertext: no value of the file appears in it
  const stored = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open('clinical-ml-workbench');
        req.onsuccess = () => {
          const get = req.result.transaction('session').objectStore('session').get('current');
          get.onsuccess = () => {
            const v = get.result as { envelope: Uint8Array };
            resolve(new TextDecoder('latin1').decode(v.envelope));
            req.result.close();
          };
        };
      }),
  );
  expect(stored).not.toContain('pregnant');
  expect(stored).not.toContain('pima');

  await page.reload();
  await expect(app.byTestId('privacy-status')).toContainText('encrypted session');
  await app.byTestId('passphrase-input').fill('wrong passphrase');
  await app.byTestId('session-open').click();
  await app.expectError('wrong-passphrase');
  await app.byTestId('passphrase-input').fill('correct horse battery');
  await app.byTestId('session-open').click();
  await app.expectLoaded(768, 9);
  await expect(app.byTestId('c-input')).toHaveValue('0.5');

  await expect(app.byTestId('passphrase-input')).toHaveValue('');

  // another tab of the app holds the database open: "forget" waits, then says so instead of claiming success
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const req = indexedDB.open('clinical-ml-workbench');
        req.onsuccess = () => {
          (window as unknown as { __held: IDBDatabase }).__held = req.result;
          resolve();
        };
      }),
  );
  await app.byTestId('forget-all').click();
  await app.expectError('forget-blocked');
  await expect(app.byTestId('privacy-status')).toContainText('encrypted session');
  // that tab lets go: the deletion that waited for it completes, and "forget" now succeeds
  await other.evaluate(() => (window as unknown as { __held: IDBDatabase }).__held.close());
  await other.close();
  await app.byTestId('forget-all').click();
  await expect(app.byTestId('privacy-status')).toContainText('Nothing is stored');
  expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
});
