/**
 * Clinical notes as features, end to end: a cohort whose chief complaints (主诉, Chinese with English
 * abbreviations) carry signal gains test AUC when the note column is ticked; its terms appear in the
 * coefficients as `<column>:<term>`; the patient form takes a note and shows which of its terms moved the
 * risk; and the model file holds no name or record number planted in the notes of a few patients.
 */
import { test, expect, type Workbench } from './support';

const NAME = '王建国';
const MRN = 'MRN8841207';

/** 400 patients with two visits each; the outcome shows in the notes far more than in age. */
function notesCohort(): string {
  let s = 20261203;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const risky = ['胸痛', '呼吸困难', '胸闷气短', 'ST段抬高', 'troponin elevated'];
  const common = ['咳嗽', '发热', '头痛', '乏力', '腹泻', '恶心', 'no fever', 'cough'];
  const lines = ['patient_id,age,sex,主诉,outcome'];
  for (let p = 0; p < 400; p++) {
    const y = rand() < 0.3 ? 1 : 0;
    const age = Math.round(55 + 4 * y + 12 * (rand() - 0.5) * 2);
    const sex = rand() < 0.5 ? 'F' : 'M';
    for (let v = 0; v < 2; v++) {
      const parts = [pick(common)];
      if (rand() < (y ? 0.75 : 0.12)) parts.push(pick(risky));
      if (rand() < 0.5) parts.push(pick(common));
      let note = `${parts.join('，')}，${1 + Math.floor(rand() * 9)}天`;
      // a name and a record number, each in the notes of three patients only
      if (p % 131 === 7) note = `患者${NAME}，${note}`;
      if (p % 137 === 11) note = `${note} ${MRN}`;
      lines.push(`P${String(p).padStart(4, '0')},${age},${sex},"${note}",${y}`);
    }
  }
  return lines.join('\n') + '\n';
}

async function trainedAuc(app: Workbench): Promise<number> {
  await app.train();
  return app.metric('metric-auc');
}

test('a note column carrying signal adds AUC, names its terms, explains a patient, and leaks no name', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.uploadFile('notes-cohort.csv', notesCohort());
  await app.expectLoaded(800, 5);
  await app.byTestId('target-select').selectOption('outcome');
  await app.byTestId('positive-class-select').selectOption('1');

  // the note column is offered as a note, not ticked by default
  const toggle = page.locator('[data-testid=feature-toggle][data-feature="主诉"]');
  await expect(toggle).toBeVisible();
  await expect(toggle).not.toBeChecked();
  const without = await trainedAuc(app);

  await toggle.check();
  await expect(app.byTestId('notes-options')).toBeVisible();
  await expect(app.byTestId('max-terms-input')).toHaveValue('200');
  await app.byTestId('train-button').click();
  // the new results are those with the note's terms
  await expect(page.locator('[data-testid=coefficients-table] tr[data-feature^="主诉:"]').first()).toBeAttached({ timeout: 30_000 });
  const withNotes = await app.metric('metric-auc');
  expect(withNotes).toBeGreaterThan(without + 0.1);
  await app.screenshot('notes-trained');

  // the terms by name in the coefficients; the risky complaint pushes the risk up
  const coefficients = await app.coefficients();
  const terms = [...coefficients.keys()].filter((k) => k.startsWith('主诉:'));
  expect(terms.length).toBeGreaterThan(10);
  expect(coefficients.get('主诉:胸痛')).toBeGreaterThan(0);
  for (const leak of [NAME, '王建', '建国', MRN.toLowerCase(), 'mrn8841207']) expect(terms.some((k) => k.includes(leak))).toBe(false);

  // one patient's note: the terms that moved the risk, the risky one first among them
  const note = page.locator('[data-testid=predict-input][data-feature="主诉"]');
  await expect(note).toBeVisible();
  const before = await app.metric('predicted-risk');
  await note.fill('胸痛，呼吸困难2天');
  await expect(page.locator('[data-testid=note-term][data-term="胸痛"]')).toBeVisible();
  expect(Number(await page.locator('[data-testid=note-term][data-term="胸痛"]').getAttribute('data-value'))).toBeGreaterThan(0);
  expect(await app.metric('predicted-risk')).toBeGreaterThan(before);

  // the model file: the terms, and neither the planted name nor the record number nor any patient's key
  const model = await app.download(() => app.byTestId('model-download').click());
  const file = JSON.parse(model.text) as { preprocessing: { columns: { kind: string; terms?: string[] }[] } };
  const text = file.preprocessing.columns.find((c) => c.kind === 'text');
  expect(text?.terms).toContain('胸痛');
  for (const leak of [NAME, '王建', '建国', '8841207', 'P0007', 'P0011']) expect(model.text).not.toContain(leak);

  // the report: the note's terms in the equation, and no name either
  const report = await app.download(() => app.byTestId('report-download').click());
  expect(report.text).toContain('tfidf(主诉, “胸痛”)');
  for (const leak of [NAME, '王建', '建国', '8841207', 'P0007']) expect(report.text).not.toContain(leak);
  await app.screenshot('notes-patient');
});

test('zh-CN: the note column and its options in Chinese, and the note box of the patient form', async ({ app, page }) => {
  test.setTimeout(60_000);
  await app.open();
  await app.byTestId('language-select').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await app.uploadFile('notes-cohort.csv', notesCohort());
  await app.expectLoaded(800, 5);
  await app.byTestId('target-select').selectOption('outcome');
  await app.byTestId('positive-class-select').selectOption('1');
  await page.locator('[data-testid=feature-toggle][data-feature="主诉"]').check();
  await expect(app.byTestId('notes-options')).toContainText('至少 5 位不同患者');
  await app.train();
  await page.locator('[data-testid=predict-input][data-feature="主诉"]').fill('胸痛，呼吸困难2天');
  await expect(app.byTestId('note-terms')).toContainText('影响评分的词项');
  await app.screenshot('notes-zh');
});
