import { test, expect, type Workbench } from './support';

/** After any bad file the app must stay usable: the next file loads normally. */
async function expectStillUsable(app: Workbench) {
  await app.loadSample('pima');
  await app.expectLoaded(768, 9);
  await expect(app.byTestId('error-message')).toHaveCount(0);
}

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

const refused: { name: string; file: string; content: Buffer; code: string; text: RegExp }[] = [
  { name: 'an empty file', file: 'empty.csv', content: Buffer.alloc(0), code: 'empty-file', text: /empty/i },
  { name: 'only blank lines', file: 'blank.csv', content: Buffer.from('\n\r\n  \n'), code: 'empty-file', text: /empty/i },
  { name: 'a header with no rows', file: 'header.csv', content: Buffer.from('age,sex,outcome\n'), code: 'no-rows', text: /no data rows/i },
  {
    name: 'a binary file renamed .csv (an .xlsx is a zip)',
    file: 'workbook.csv',
    content: Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'), Buffer.alloc(64, 0), Buffer.from('[Content_Types].xml')]),
    code: 'binary-file',
    text: /not a text/i,
  },
  {
    name: 'a PNG image renamed .csv',
    file: 'scan.csv',
    content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR')]),
    code: 'binary-file',
    text: /Save As/i,
  },
];

for (const c of refused) {
  test(`${c.name} gives a clear message and the app stays usable`, async ({ app }) => {
    await app.open();
    await app.uploadFile(c.file, c.content);
    await app.expectError(c.code);
    await expect(app.byTestId('error-message')).toContainText(c.text);
    if (c.code === 'binary-file') await app.screenshot('04-error');
    await expectStillUsable(app);
  });
}

test('a bad file dropped while the page is scrolled down to the results brings its message into view', async ({ app, page }) => {
  await app.open();
  await app.loadSample('pima');
  await app.train();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await app.uploadFile('empty.csv', Buffer.alloc(0));
  await app.expectError('empty-file');
  await expect(app.byTestId('error-message')).toBeInViewport({ ratio: 0.95 });
});

test('ragged rows load with a note naming the first bad line', async ({ app }) => {
  await app.open();
  await app.uploadFile('ragged.csv', 'a,b,y\n1,2,yes\n3,no\n5,6,no,extra\n7,8,yes\n');
  await app.expectLoaded(4, 3);
  await expect(app.page.locator('[data-testid=note][data-kind=ragged-rows]')).toContainText('line 3');
});

test('an outcome with one class is refused at training with a message that says why', async ({ app }) => {
  await app.open();
  await app.uploadFile('oneclass.csv', `age,outcome\n${rows(30, (i) => `${40 + i},yes`)}\n`);
  await app.expectLoaded(30, 2);
  await app.byTestId('target-select').selectOption('outcome');
  await app.byTestId('train-button').click();
  await app.expectError('outcome-one-class');
  await expect(app.byTestId('error-message')).toContainText('only one value');
  await expectStillUsable(app);
});

test('constant and duplicate columns are named, renamed and handled', async ({ app }) => {
  await app.open();
  await app.uploadFile('dup.csv', `age,age,site,,y\n${rows(40, (i) => `${30 + i},${30 + i},A,${i % 5},${i % 3 === 0 ? 'yes' : 'no'}`)}\n`);
  await app.expectLoaded(40, 5);
  const profile = app.byTestId('profile-table');
  await expect(profile.locator('tr[data-column="age (2)"]')).toHaveCount(1);
  await expect(profile.locator('tr[data-column="column 4"]')).toHaveCount(1);
  await expect(app.page.locator('[data-testid=note][data-kind=renamed-headers]')).toBeVisible();
  await expect(profile.locator('tr[data-column="site"]')).toContainText('same value');
  await expect(app.page.locator('[data-testid=feature-toggle][data-feature="site"]')).not.toBeChecked();
  await app.train();
  await expect(app.byTestId('coefficients-table').locator('tr[data-feature="age (2)"]')).toHaveCount(1);
});

test('perfectly separable data trains with a separation warning, not absurd numbers', async ({ app }) => {
  await app.open();
  await app.uploadFile('separable.csv', `marker,y\n${rows(40, (i) => `${(i * 7) % 40},${(i * 7) % 40 >= 20 ? 'yes' : 'no'}`)}\n`);
  await app.train();
  expect(await app.metric('metric-train-accuracy')).toBe(1);
  await expect(app.page.locator('[data-testid=warning][data-kind=separation]')).toBeVisible();
  const coef = (await app.coefficients()).get('marker') as number;
  expect(Number.isFinite(coef)).toBe(true);
  expect(Math.abs(coef)).toBeLessThan(50);
});

test('extreme values (1e308, Infinity) never break it', async ({ app }) => {
  await app.open();
  const body = rows(60, (i) => `${i % 7 === 0 ? '1e308' : i % 11 === 0 ? '-1e308' : i},${i === 5 ? 'Infinity' : i * 2},${i % 2 ? 'yes' : 'no'}`);
  await app.uploadFile('extreme.csv', `huge,inf,y\n${body}\n`);
  await app.expectLoaded(60, 3);
  await app.byTestId('train-button').click();
  await expect(app.byTestId('metric-accuracy').or(app.byTestId('error-message'))).toBeVisible();
  await expectStillUsable(app);
});

test('hostile header names and cells are shown as text, never as markup', async ({ app, page }) => {
  await app.open();
  const evil = '<img src=x onerror="window.__pwned=1">';
  await app.uploadFile('evil.csv', `__proto__,constructor,"${evil.replace(/"/g, '""')}",y\n${rows(30, (i) => `${i},${i % 4},<b>${i}</b>,${i % 2 ? 'a' : 'b'}`)}\n`);
  await app.expectLoaded(30, 4);
  await expect(app.byTestId('profile-table').locator(`tr[data-column="__proto__"]`)).toHaveCount(1);
  await expect(app.byTestId('profile-table')).toContainText(evil);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('main b').count()).toBe(0);
  await app.train();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
