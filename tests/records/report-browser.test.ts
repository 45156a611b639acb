/**
 * The report page in a real browser: headless Chromium through playwright-core, on Debian's
 * /usr/bin/chromium (or CHROMIUM_PATH). Skipped, with the reason printed, where there is none.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../adapters/records/report.ts';
import { sampleRecords } from '../../adapters/records/report-sample.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`report-browser: skipped, no Chromium at ${CHROMIUM} (set CHROMIUM_PATH to run it)`);

// Quiet, offline Chromium: no sync, no update checks, no QUIC probes, nothing but the page.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Visit {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  failed: string[];
}

describe.skipIf(!present)('the report page in Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'summit-report-'));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 15_000 });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the page from a file, as a maintainer would, recording errors and every request. */
  async function visit(html: string, name: string): Promise<Visit> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const visit: Visit = { page, consoleErrors: [], requests: [], failed: [] };
    page.on('console', (m) => m.type() === 'error' && visit.consoleErrors.push(m.text()));
    page.on('pageerror', (e) => visit.consoleErrors.push(e.message));
    page.on('request', (r) => visit.requests.push(r.url()));
    page.on('requestfailed', (r) => visit.failed.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return visit;
  }

  it('renders the sample with every chart drawn, no console error and no request but the page', async () => {
    const sample = sampleRecords();
    // A hostile question too: were it not escaped, the CSP would block it and log a console error.
    sample.questions.push({ ...sample.questions.at(-1)!, question: '<script>document.title="pwned"</script><img src=x onerror=alert(1)>', outcome: 'not-covered', citations: [] });
    const { html } = buildReport(sample);
    const { page, consoleErrors, requests, failed } = await visit(html, 'report.html');

    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([pathToFileURL(join(dir, 'report.html')).href]);
    expect(await page.title()).not.toContain('pwned');
    expect(await page.locator('script, img').count()).toBe(0);

    for (const heading of ['Questions over time', 'Most frequent unanswered questions', 'Answers voted down', 'Most cited passages', 'Latency']) {
      await expect.poll(() => page.getByRole('heading', { name: heading }).isVisible()).toBe(true);
    }
    const charts = await page.locator('[data-chart]').evaluateAll((els) =>
      els.map((el) => ({
        name: el.getAttribute('data-chart'),
        width: el.getBoundingClientRect().width,
        values: [...el.querySelectorAll('[data-value]')].map((v) => Number(v.getAttribute('data-value'))),
      })),
    );
    expect(charts.map((c) => c.name)).toEqual(['outcomes-over-time', 'cited-passages']);
    for (const c of charts) {
      expect(c.width, `${c.name} is laid out`).toBeGreaterThan(300);
      expect(c.values.some((v) => v > 0), `${c.name} has data`).toBe(true);
    }

    const downvoted = page.locator('#downvoted');
    await expect.poll(() => downvoted.locator('article.vote').count()).toBe(2);
    expect(await downvoted.innerText()).toContain('alaska-summit/s5/p2 The Larger Geopolitical Undercurrent, paragraph 2');
    expect(await page.locator('#unanswered').innerText()).toContain('<script>document.title="pwned"</script>');

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, at bytes 16 and 20. A full page is long; a blank one is small.
    expect(png.readUInt32BE(16)).toBe(1100);
    expect(png.readUInt32BE(20)).toBeGreaterThan(1500);
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    await page.close();
  });

  it('GIVEN markup that slipped through escaping THEN the CSP stops it and the console shows it (the checks above can fail)', async () => {
    const { html } = buildReport(sampleRecords());
    const broken = html.replace('<main>', '<main><script>document.title="pwned"</script><img src="http://127.0.0.1:9/x.png">');
    const { page, consoleErrors } = await visit(broken, 'broken.html');
    expect(await page.title()).not.toContain('pwned');
    expect(consoleErrors.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
  });

  it('GIVEN an empty log THEN the page says so, cleanly', async () => {
    const { page, consoleErrors, failed } = await visit(buildReport({ questions: [], feedback: [] }).html, 'empty.html');
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(await page.getByRole('heading', { name: 'No questions recorded yet' }).isVisible()).toBe(true);
    expect(await page.locator('[data-chart]').count()).toBe(0);
    await page.close();
  });
});
