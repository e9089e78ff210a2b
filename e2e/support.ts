/**
 * Shared e2e fixtures. Every test runs with a privacy and robustness guard: it records each
 * request the page and its worker make, uncaught page errors and CSP violations, and fails the
 * test on any request off the page's origin, any non-GET, any request with a body, and any
 * uncaught exception. A `Workbench` page object drives the app through the data-testid contract.
 */
import { test as base, expect, type Page, type Locator } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';

export interface RecordedRequest {
  url: string;
  method: string;
  hasBody: boolean;
}

interface Guard {
  requests: RecordedRequest[];
  pageErrors: string[];
  cspViolations: string[];
}

export const test = base.extend<{ guard: Guard; app: Workbench }>({
  guard: [
    async ({ context, page, baseURL }, use) => {
      const guard: Guard = { requests: [], pageErrors: [], cspViolations: [] };
      context.on('request', (r) => guard.requests.push({ url: r.url(), method: r.method(), hasBody: r.postDataBuffer() !== null }));
      page.on('pageerror', (e) => guard.pageErrors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) guard.cspViolations.push(m.text());
      });
      await use(guard);
      // the page's base URL as this test sees it (a spec may set its own, e.g. the single file's file:// URL)
      const offOrigin = guard.requests.filter((r) => !isSameOrigin(r.url, baseURL as string));
      expect(offOrigin, 'requests off the page origin').toEqual([]);
      expect(guard.requests.filter((r) => r.method !== 'GET'), 'non-GET requests').toEqual([]);
      expect(guard.requests.filter((r) => r.hasBody), 'requests with a body').toEqual([]);
      expect(guard.cspViolations, 'CSP violations').toEqual([]);
      expect(guard.pageErrors, 'uncaught exceptions in the page').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await use(new Workbench(page));
  },
});

/**
 * Whether a request stays on the page's origin (`base`: an origin or a URL). blob: and data: URLs are made
 * by the page itself and never touch the network. A page opened from disk (file://) has an opaque origin:
 * for it only the page's own file counts, not any other file on the disk.
 */
export function isSameOrigin(url: string, base: string): boolean {
  if (url.startsWith('blob:') || url.startsWith('data:')) return true;
  const target = new URL(url);
  const page = new URL(base);
  if (page.protocol === 'file:') return target.protocol === 'file:' && target.pathname === page.pathname;
  return target.origin === page.origin;
}

export { expect };

/**
 * Text in a chart that cannot be read: two boxes that overlap (an axis title over its tick labels or over
 * the chart's caption, two tick labels on top of each other), as "chart: «a» × «b»", and SVG text that
 * spills out of its drawing, as "chart: «a» outside". Boxes that only touch (under 1 px) do not count.
 */
export async function overlappingChartText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const chart of document.querySelectorAll<HTMLElement>('figure.chart')) {
      const name = chart.dataset.testid ?? 'chart';
      const texts = [...chart.querySelectorAll<Element>('svg text, figcaption')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect(), frame: t.tagName.toLowerCase() === 'text' ? t.closest('svg')?.getBoundingClientRect() : undefined }))
        .filter(({ box }) => box.width > 0 && box.height > 0);
      for (let i = 0; i < texts.length; i++) {
        const a = texts[i].box;
        const frame = texts[i].frame;
        if (frame && (a.left < frame.left - 1 || a.right > frame.right + 1 || a.top < frame.top - 1 || a.bottom > frame.bottom + 1)) out.push(`${name}: «${texts[i].text}» outside`);
        for (let j = i + 1; j < texts.length; j++) {
          const b = texts[j].box;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) out.push(`${name}: «${texts[i].text}» × «${texts[j].text}»`);
        }
      }
    }
    return out;
  });
}

export class Workbench {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async open(): Promise<void> {
    await this.page.goto('./');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  async loadSample(id: 'wdbc' | 'pima'): Promise<void> {
    await this.byTestId(`sample-${id}`).click();
    await expect(this.byTestId('dataset-summary')).toBeVisible();
  }

  async uploadFile(name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
    const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await this.byTestId('file-input').setInputFiles({ name, mimeType, buffer });
  }

  /** Drops a file on the page the way a user's drag and drop does (a DataTransfer holding a File). */
  async dropFile(name: string, content: Buffer): Promise<void> {
    const bytes = Array.from(content);
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, bytes }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
        return dt;
      },
      { name, bytes },
    );
    const target = this.page.locator('main');
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
  }

  async expectLoaded(rows: number, cols: number): Promise<void> {
    const summary = this.byTestId('dataset-summary');
    await expect(summary).toHaveAttribute('data-rows', String(rows));
    await expect(summary).toHaveAttribute('data-cols', String(cols));
  }

  async train(): Promise<void> {
    await this.byTestId('train-button').click();
    await expect(this.byTestId('metric-accuracy')).toBeVisible();
  }

  /** After training on the breast-cancer sample: a plausible accuracy, and the accuracy and feature-weight charts drawn. */
  async expectWdbcResults(): Promise<void> {
    const accuracy = await this.metric('metric-accuracy');
    expect(accuracy).toBeGreaterThan(0.9);
    expect(accuracy).toBeLessThanOrEqual(1);
    await expect(this.byTestId('chart-accuracy').locator('svg').first()).toBeVisible();
    await expect(this.byTestId('chart-feature-weights').locator('svg').first()).toBeVisible();
  }

  async metric(id: string): Promise<number> {
    return Number(await this.byTestId(id).getAttribute('data-value'));
  }

  async coefficients(): Promise<Map<string, number>> {
    // the table mounts a few frames after the results (charts first): wait for it
    await expect(this.byTestId('coefficients-table')).toBeVisible();
    const rows = this.byTestId('coefficients-table').locator('tbody tr');
    const pairs = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-feature') ?? '', Number(tr.getAttribute('data-value'))] as const));
    return new Map(pairs);
  }

  async expectError(code?: string): Promise<void> {
    const alert = this.byTestId('error-message');
    await expect(alert).toBeVisible();
    await expect(alert).toHaveAttribute('role', 'alert');
    if (code) await expect(alert).toHaveAttribute('data-code', code);
  }

  /** What a click downloads: its suggested name, its bytes and its text (UTF-8). */
  async download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), click()]);
    const bytes = readFileSync((await download.path()) as string);
    return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  }

  /** Opens an exported HTML file (a report) in a page of its own and saves its screenshot for review. */
  async screenshotHtml(name: string, html: string): Promise<void> {
    mkdirSync('e2e/screenshots', { recursive: true });
    const view = await this.page.context().newPage();
    await view.setContent(html);
    await view.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
    await view.close();
  }

  /**
   * Saves a screenshot of a main screen for review (e2e/screenshots/, not committed), once the deferred parts of
   * the screen have mounted (charts come a frame apart; a screen being retired keeps its placeholders, so the wait
   * is bounded), and with the parts laid out lazily (content-visibility: auto) drawn too, so that a full-page
   * shot shows the lists and tables below the fold instead of blank space.
   */
  async screenshot(name: string, fullPage = true): Promise<void> {
    mkdirSync('e2e/screenshots', { recursive: true });
    await this.page.waitForFunction(() => document.querySelector('.chart-placeholder') === null, undefined, { polling: 100, timeout: 5_000 }).catch(() => undefined);
    // through the CSSOM, which the page's Content-Security-Policy allows (an injected <style> it refuses)
    const lazy = (visible: boolean) =>
      this.page.evaluate((visible) => {
        for (const el of document.querySelectorAll<HTMLElement>('*')) {
          if (visible && getComputedStyle(el).contentVisibility === 'auto') el.dataset.shotVisible = '1';
          if (el.dataset.shotVisible) el.style.contentVisibility = visible ? 'visible' : '';
          if (!visible) delete el.dataset.shotVisible;
        }
      }, visible);
    await lazy(true);
    // every chart on the page (not in a closed section) drawn whole: a chart is drawn in two halves, its frame first
    await this.page
      .waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.chart-box[aria-busy="true"]')).every((el) => el.offsetParent === null), undefined, { polling: 100, timeout: 5_000 })
      .catch(() => undefined);
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage });
    await lazy(false);
  }
}
