// The case page: the diagram marks what is done, what is open and what is overdue as the
// platform's (manual) clock moves; deadlines with their rule and basis; the full record.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { seedReportProcess, setClock, startReportCase } from './seed';

let e: E2E;
let admin: Awaited<ReturnType<E2E['api']>>;
let kase: Awaited<ReturnType<typeof startReportCase>>;

beforeAll(async () => {
  e = await startE2E();
  admin = await e.api('admin');
  await seedReportProcess(admin);
  await setClock(admin, '2026-09-28 15:30');
  kase = await startReportCase(await e.api('hi-gy-chengban'), 'hi-hk-qs', '（2026）琼0107执88号');
  await e.signInAs('hi-gy-lingdao'); // a leader of the supervising court sees it too
});
afterAll(() => e?.close());

/** The marker classes bpmn-js put on one element of the diagram. */
const marks = (page: Page, id: string) =>
  page.locator(`[data-test="diagram"] .djs-element[data-element-id="${id}"]`).first().getAttribute('class');

async function open() {
  await e.page.goto(`${e.url}/cases/${kase.case.id}`);
  await e.page.locator('[data-test="diagram"] .djs-element[data-element-id="reportInWriting"]').waitFor();
}

describe('the case page', () => {
  it('at the start: 发出督办函 done, 书面报告 open with its due instant, timers with rule and basis', async () => {
    await open();
    expect(await marks(e.page, 'start')).toContain('duban-completed');
    expect(await marks(e.page, 'reportInWriting')).toContain('duban-active');
    expect(await marks(e.page, 'reportInWriting')).not.toContain('duban-overdue');
    expect(await e.page.locator('.duban-badge').first().textContent()).toContain('2026/10/08 24:00');
    const timers = await e.page.locator('[data-test="case-timers"]').textContent();
    expect(timers).toContain('报告逾期');
    expect(timers).toContain('海南办法 第九条');
    expect(await e.page.locator('[data-test="case-status"]').textContent()).toContain('办理中');
    await e.shot('case-start');
  });

  it('after the warning day: 报告预警 marked as warned, the task still open', async () => {
    await setClock(admin, '2026-10-07 09:00');
    await open();
    expect(await marks(e.page, 'reportWarning')).toContain('duban-warned');
    expect(await marks(e.page, 'reportInWriting')).toContain('duban-active');
  });

  it('after the deadline: 书面报告 overdue (taken away), 催报 open, the record complete and in order', async () => {
    await setClock(admin, '2026-10-09 08:00');
    await open();
    expect(await marks(e.page, 'reportInWriting')).toContain('duban-overdue');
    expect(await marks(e.page, 'reportOverdue')).toContain('duban-overdue');
    expect(await marks(e.page, 'urgeReport')).toContain('duban-active');
    const detail = (await admin.get(`/api/cases/${kase.case.id}`)).body;
    const items = e.page.locator('[data-test="timeline"] .el-timeline-item');
    await expect.poll(() => items.count()).toBe(detail.history.length);
    const texts = await items.allTextContents();
    expect(texts[0]).toContain('立案督办');
    expect(texts.findIndex((t) => t.includes('「报告预警」期限届满'))).toBeLessThan(texts.findIndex((t) => t.includes('「报告逾期」期限届满')));
    await e.shot('case-overdue');
  });

  it('催报 left past its own deadline is overdue in the diagram and the task table', async () => {
    await setClock(admin, '2026-10-13 09:00');
    await open();
    expect(await marks(e.page, 'urgeReport')).toContain('duban-overdue');
    expect(await e.page.locator('[data-test="case-tasks"] [data-urgency="overdue"]').count()).toBe(1);
    await e.shot('case-urge-overdue');
  });

  it('made no request to another host and logged no unexpected console error', () => {
    e.assertClean();
  });
});
