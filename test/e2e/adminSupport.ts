// Helpers of the administrator's browser tests (test/e2e/admin*.test.ts): drawing in the bpmn-js
// modeler through its palette and context pad, dropping fields into the Form.io builder, and
// checking that nothing English or a raw translation key reached the screen.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The modeler page as a user draws on it: palette, context pad, direct editing. */
export function modelerOn(page: Page) {
  const canvasBox = async () => (await page.locator('[data-test="canvas"]').boundingBox())!;
  const at = async (x: number, y: number) => {
    const c = await canvasBox();
    return { x: c.x + x, y: c.y + y };
  };
  const blank = async () => {
    const p = await at(640, 460);
    await page.mouse.click(p.x, p.y);
  };
  const elements = () =>
    page.evaluate(() =>
      (globalThis as unknown as { __dubanModeler: { get(s: string): { getAll(): { type: string; id: string; labelTarget?: unknown }[] } } })
        .__dubanModeler.get('elementRegistry').getAll().filter((e) => !e.labelTarget).map((e) => ({ type: e.type, id: e.id })),
    );
  const selected = () =>
    page.evaluate(() =>
      (globalThis as unknown as { __dubanModeler: { get(s: string): { get(): { id: string }[] } } }).__dubanModeler.get('selection').get().map((e) => e.id),
    );
  const idOf = async (type: string) => (await elements()).find((e) => e.type === type)?.id ?? '';

  /** Clicks a palette tool, places the element, types its name (direct editing opens). */
  async function place(action: string, x: number, y: number, name?: string) {
    await page.locator(`.djs-palette [data-action="${action}"]`).click();
    const p = await at(x, y);
    await page.mouse.move(p.x, p.y, { steps: 5 });
    await page.mouse.click(p.x, p.y);
    if (name) await page.keyboard.type(name);
    await blank();
  }
  /** Selects an element by clicking it (a click on the selected element would deselect it). */
  async function select(id: string) {
    const sel = await selected();
    if (sel.length === 1 && sel[0] === id) return;
    const hit = (await page.locator(`.djs-shape[data-element-id="${id}"] .djs-hit`).boundingBox())!;
    await page.mouse.click(hit.x + hit.width * 0.7, hit.y + hit.height * 0.7);
    await expect.poll(selected).toEqual([id]);
  }
  /** The context pad's connect tool, from one element to another. */
  async function connect(from: string, to: string) {
    await blank();
    await select(from);
    await page.locator('.djs-context-pad [data-action="connect"]').click();
    const b = (await page.locator(`.djs-shape[data-element-id="${to}"] .djs-hit`).boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  }
  /** The context pad's 更改元素类型 menu. */
  async function replace(id: string, entry: string) {
    await blank();
    await select(id);
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    await page.locator(`.djs-popup [data-id="${entry}"]`).click();
  }
  return { place, select, connect, replace, blank, elements, idOf };
}

/** Drops a palette field into the builder and names it in the dialog that opens. */
export async function addFormField(page: Page, type: string, label: string): Promise<string> {
  const drop = page.locator('[data-test="form-builder"] .builder-components.drag-container').first();
  await page.locator(`[data-test="form-builder"] .formcomponent[data-type="${type}"]`).first().dragTo(drop);
  const dialog = page.locator('.formio-dialog');
  await dialog.waitFor();
  await formDialogReady(page);
  await dialog.locator('input[name="data[label]"]').fill(label);
  const key = dialog.locator('input[name="data[key]"]');
  // The key follows the label (ASCII, made from the Chinese words).
  await expect.poll(() => key.inputValue()).not.toBe(type);
  const value = await key.inputValue();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'detached' });
  return value;
}

/** The edit dialog has its component loaded (the palette's default name in the label field). */
export async function formDialogReady(page: Page): Promise<void> {
  const dialog = page.locator('.formio-dialog');
  await expect.poll(() => dialog.locator('input[name="data[label]"]').inputValue()).not.toBe('');
  await dialog.locator('.component-preview, [ref="preview"]').first().waitFor();
}

/**
 * Visible text under `selector` that looks English or like a raw key (camelCase, dotted):
 * input values and code (FEEL examples, keys) excluded.
 */
export async function englishOnScreen(page: Page, selector: string, allow: RegExp[] = []): Promise<string[]> {
  const texts = await page.evaluate((sel) => {
    // Runs in the page (the test's own compile has no DOM types).
    const g = globalThis as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const out: string[] = [];
    for (const root of g.document.querySelectorAll(sel)) {
      const walker = g.document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('input, textarea, select, code, pre, option, .bio-properties-panel-description, script, style')) continue;
        const style = g.getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden' || !el.getClientRects().length) continue;
        const t = (n.nodeValue ?? '').trim();
        if (t) out.push(t);
      }
      for (const el of root.querySelectorAll('[title], [placeholder], [aria-label]')) {
        if (el.tagName === 'OPTION') continue;
        for (const a of ['title', 'placeholder', 'aria-label']) {
          const v = el.getAttribute(a);
          if (v) out.push(v);
        }
      }
    }
    return out;
  }, selector);
  return [...new Set(texts)].filter((t) => /[A-Za-z]{3,}/.test(t) && !allow.some((a) => a.test(t)));
}
