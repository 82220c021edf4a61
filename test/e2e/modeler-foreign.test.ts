// A diagram from elsewhere (issue 17, "the modeler, for files that come from elsewhere"): a
// Camunda Modeler invoice process with two pools is opened from disk into a Hainan working copy.
// Both pools are listed, the platform check's problems appear beside the canvas and a click
// selects the element; the conversions are reviewed (before → after, the inexact ones flagged)
// and applied; the lint then reports only what is left to do by hand.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ viewport: { width: 1600, height: 900 } });
});
afterAll(() => e?.close());

const FIXTURE = path.join(ROOT, 'test/e2e/fixtures/invoice-camunda.bpmn');
type Modeler = { get(s: string): { get(id?: string): { id: string }[] } };
const selected = () =>
  e.page.evaluate(() => ((globalThis as unknown as { __dubanModeler: Modeler }).__dubanModeler.get('selection').get() as { id: string }[]).map((x) => x.id));

describe('the modeler opens a Camunda-style file from disk and converts its habits', () => {
  it('opens the file: both pools, the platform check problems beside the canvas, a click selects the element', async () => {
    const { page } = e;
    await e.signInAs('admin');
    await page.goto(`${e.url}/admin/workspace/hainan/process/periodic-notice.bpmn`);
    await page.locator('.djs-palette').waitFor({ timeout: 60_000 });
    await page.locator('[data-test="open-file-input"]').setInputFiles(FIXTURE);
    await page.locator('.el-message-box').getByRole('button', { name: '替换' }).click();
    // The conversions are offered at once.
    const dialog = page.locator('[data-test="conversion-dialog"]');
    await dialog.locator('[data-test="conversion-table"]').waitFor({ timeout: 60_000 });
    const table = await dialog.locator('[data-test="conversion-table"]').textContent();
    expect(table).toContain('assignee="demo"');
    expect(table).toContain('{court: supervisedCourt, role: "承办人"}');
    expect(table).toContain('not(approved) and amount > 1000');
    expect(table).toContain('embedded:app:forms/approve-invoice.html');
    expect(table).toContain('可执行（平台办理此流程）');
    expect(table).toContain('需人工处理');
    expect(await dialog.locator('[data-test="conversion-flag"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('execution')]));
    await e.shot('modeler-foreign-conversions');
    await dialog.getByRole('button', { name: '取消' }).click();

    // Both pools on the canvas and in the list; neither is executable yet.
    await page.locator('.djs-shape[data-element-id="Participant_Supplier"]').waitFor();
    const pools = page.locator('[data-test="pool-list"]');
    expect(await pools.textContent()).toMatch(/发票审批\s*只作说明[\s\S]*供应商\s*只作说明/);
    // The platform check ran on the file: its problems are listed beside the canvas.
    await expect.poll(() => page.locator('[data-test="check-note"]').textContent(), { timeout: 60_000 }).toMatch(/平台检查发现 \d+ 处问题/);
    const issues = page.locator('[data-test="lint-issues"]');
    await expect.poll(() => issues.textContent(), { timeout: 30_000 }).toContain('恰好有一个可执行流程');
    expect(await issues.textContent()).toContain('服务器');
    await issues.locator('[data-test="issue-link"]', { hasText: '审批发票' }).first().click();
    await expect.poll(selected, { timeout: 30_000 }).toEqual(['approveInvoice']);
    await e.shot('modeler-foreign-opened');
  });

  it('applies the reviewed conversions; the lint reports what is left by hand; the draft is saved', async () => {
    const { page } = e;
    const issues = page.locator('[data-test="lint-issues"]');
    const before = await issues.locator('li').count();
    await page.locator('[data-test="open-conversions"]').click();
    const dialog = page.locator('[data-test="conversion-dialog"]');
    await dialog.locator('[data-test="conversion-apply"]').click();
    await expect.poll(() => page.locator('[data-test="pool-list"]').textContent(), { timeout: 30_000 }).toMatch(/发票审批\s*平台办理[\s\S]*供应商\s*只作说明/);
    await expect.poll(() => issues.textContent(), { timeout: 30_000 }).not.toContain('恰好有一个可执行流程');
    const after = await issues.textContent();
    expect(await issues.locator('li').count()).toBeLessThan(before);
    // What the conversion could not do exactly is still reported, on its element.
    expect(after).toContain('notClarified');
    expect(after).toContain('复核发票');
    // Only the inexact ones stay in the list.
    expect(await page.locator('[data-test="open-conversions"]').textContent()).toContain('（2）');
    await e.shot('modeler-foreign-converted');
    // Undo takes the last conversion back (each is one command).
    await page.locator('[data-test="undo"]').click();
    await expect.poll(() => page.locator('[data-test="open-conversions"]').textContent(), { timeout: 30_000 }).toContain('（3）');
    await page.locator('[data-test="redo"]').click();
    await expect.poll(() => page.locator('[data-test="open-conversions"]').textContent(), { timeout: 30_000 }).toContain('（2）');
    // The working copy on the server holds the converted diagram.
    await page.getByText('← 海南法院执行案件督办').click();
    const admin = await e.api('admin');
    // The last step (the redo of the executable flag) reaches the server last: wait for it.
    await expect.poll(async () => (await admin.get('/api/packages/hainan/draft')).body.draft.content.diagrams['periodic-notice.bpmn'] as string, { timeout: 30_000 })
      .toMatch(/id="invoice" name="发票审批" isExecutable="true"/);
    const xml = (await admin.get('/api/packages/hainan/draft')).body.draft.content.diagrams['periodic-notice.bpmn'] as string;
    expect(xml).toContain('candidateGroups="{court: supervisedCourt, role: &#34;审批人&#34;}"');
    expect(xml).toContain('not(approved) and amount &gt; 1000');
    expect(xml).not.toContain('embedded:app');
    expect(xml).toContain('${execution.getVariable("clarified") == "no"}');
  });

  it('a Signavio export: the foreign camunda prefix is renamed, both diagrams are reachable, the platform properties are saved', async () => {
    const { page } = e;
    await page.goto(`${e.url}/admin/workspace/hainan/process/time-shared.bpmn`);
    await page.locator('.djs-palette').waitFor({ timeout: 60_000 });
    await page.locator('[data-test="open-file-input"]').setInputFiles(path.join(ROOT, 'test/e2e/fixtures/signavio-two-diagrams.bpmn'));
    await page.locator('.el-message-box').getByRole('button', { name: '替换' }).click();
    const dialog = page.locator('[data-test="conversion-dialog"]');
    await dialog.locator('[data-test="conversion-table"]').waitFor({ timeout: 60_000 });
    expect(await dialog.locator('[data-test="conversion-table"]').textContent()).toContain('受理（intake）');
    await dialog.locator('[data-test="conversion-apply"]').click();
    const warnings = page.locator('[data-test="import-warnings"]');
    expect(await warnings.textContent()).toContain('http://www.signavio.com/schema/camunda');
    // Two diagrams: the first shown, the second one switch away.
    await page.locator('.djs-shape[data-element-id="registerCase"]').waitFor();
    await page.locator('[data-test="diagram-switch"]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '归档图' }).click();
    await page.locator('.djs-shape[data-element-id="fileCase"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.djs-shape[data-element-id="registerCase"]').count()).toBe(0);
    await e.shot('modeler-foreign-signavio');
    // The file's warnings stay listed; a problem on the other diagram's element brings that diagram back.
    expect(await warnings.textContent()).toContain('http://www.signavio.com/schema/camunda');
    await page.locator('[data-test="lint-issues"] [data-test="issue-link"]', { hasText: 'registerCase' }).first().click();
    await page.locator('.djs-shape[data-element-id="registerCase"]').waitFor({ timeout: 30_000 });
    // The platform's assignment picker writes the real camunda attribute next to the foreign one.
    await expect.poll(selected, { timeout: 30_000 }).toEqual(['registerCase']);
    const groups = page.locator('[data-test="properties"] [data-entry-id="duban-assignment-rule"] textarea');
    await groups.first().fill('{court: supervisedCourt, role: "承办人"}');
    await page.locator('[data-test="canvas"]').click({ position: { x: 600, y: 500 } });
    await page.getByText('← 海南法院执行案件督办').click();
    const admin = await e.api('admin');
    await expect.poll(async () => (await admin.get('/api/packages/hainan/draft')).body.draft.content.diagrams['time-shared.bpmn'] as string, { timeout: 30_000 })
      .toContain('camunda:candidateGroups="{court: supervisedCourt, role: &#34;承办人&#34;}"');
    const xml = (await admin.get('/api/packages/hainan/draft')).body.draft.content.diagrams['time-shared.bpmn'] as string;
    expect(xml).toContain('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"');
    expect(xml).toContain('xmlns:foreign="http://www.signavio.com/schema/camunda"');
    expect(xml).toContain('foreign:assignee="clerk"');
    expect(xml).toContain('id="archiveDiagram"');
    expect(xml).toMatch(/id="intake" name="受理" isExecutable="true"/);
  });
});
