// The save policy (server/forms/README.md): each forbidden thing is refused on its own, with the
// component named and a Chinese message; JSONLogic stays allowed; every violation is reported.
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../server/forms/policy';
import { normalizeSchema } from '../../../server/forms/normalize';
import { everyComponent } from './helpers';

const form = (...components: object[]) => ({ display: 'form', components });
const text = (key: string, extra: object = {}) => ({ type: 'textfield', key, label: '文字', input: true, ...extra });
const chinese = /[\u4e00-\u9fa5]/;

/** Exactly one problem, on `field`, in Chinese, mentioning `about`. */
function refusedOnce(schema: unknown, field: string, about: RegExp) {
  const problems = checkSchema(schema);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  expect(problems[0].field).toBe(field);
  expect(problems[0].message).toMatch(chinese);
  expect(problems[0].message).toMatch(about);
}

describe('the form policy', () => {
  it('accepts the form with every supported component type, and JSONLogic', () => {
    expect(checkSchema(everyComponent())).toEqual([]);
    const logic = form(
      text('a', { calculateValue: { cat: [{ var: 'data.b' }, '号'] } }),
      text('b', { conditional: { json: { '==': [{ var: 'data.a' }, 'x'] } }, validate: { json: { if: [true, true, '无效'] } } }),
      text('c', { logic: [{ name: 'l', trigger: { type: 'json', json: { var: 'data.a' } }, actions: [{ type: 'property', property: { value: 'disabled', type: 'boolean' }, state: true }] }] }),
    );
    expect(checkSchema(logic)).toEqual([]);
  });

  it('refuses something that is not a form', () => {
    expect(checkSchema('x')[0].field).toBe('schema');
    expect(checkSchema({ components: 'x' })[0].message).toMatch(chinese);
  });

  it('refuses a component type outside the documented list', () => refusedOnce(form({ type: 'editgrid', key: 'rows', input: true, components: [] }), 'rows', /editgrid/));
  it('refuses a key that is not ASCII', () => refusedOnce(form(text('案号')), '案号', /键/));
  it('refuses a key that does not start with a letter or has other characters', () => {
    refusedOnce(form(text('1no')), '1no', /键/);
    refusedOnce(form(text('a-b')), 'a-b', /键/);
  });
  it('refuses a missing key', () => refusedOnce(form({ type: 'textfield', label: '无键' }), 'components[0]', /键/));
  it('refuses a duplicate key, also across containers', () =>
    refusedOnce(form(text('same'), { type: 'panel', key: 'p', input: false, components: [text('same')] }), 'same', /重复/));
  it('refuses custom validation (validate.custom)', () => refusedOnce(form(text('a', { validate: { custom: 'valid = true' } })), 'a', /validate\.custom/));
  it('refuses calculateValue as a string', () => refusedOnce(form(text('a', { calculateValue: 'value = data.b' })), 'a', /calculateValue/));
  it('refuses customConditional', () => refusedOnce(form(text('a', { customConditional: 'show = true' })), 'a', /customConditional/));
  it('refuses customDefaultValue as a string', () => refusedOnce(form(text('a', { customDefaultValue: 'value = 1' })), 'a', /customDefaultValue/));
  it('refuses conditional.json and validate.json given as strings', () => {
    refusedOnce(form(text('a', { conditional: { json: 'return true' } })), 'a', /conditional\.json/);
    refusedOnce(form(text('a', { validate: { json: 'return true' } })), 'a', /validate\.json/);
  });
  it('refuses a logic action of type javascript (customAction / value)', () => {
    refusedOnce(form(text('a', { logic: [{ trigger: { type: 'simple' }, actions: [{ type: 'customAction', customAction: 'x()' }] }] })), 'a', /customAction/);
    refusedOnce(form(text('a', { logic: [{ trigger: { type: 'simple' }, actions: [{ type: 'value', value: 'value = 1' }] }] })), 'a', /value/);
  });
  it('refuses a logic trigger of type javascript', () =>
    refusedOnce(form(text('a', { logic: [{ trigger: { type: 'javascript', javascript: 'result = true' }, actions: [] }] })), 'a', /javascript/));
  it("refuses a select with dataSrc 'url'", () =>
    refusedOnce(form({ type: 'select', key: 's', label: '选', input: true, dataSrc: 'url', data: { url: 'http://169.254.169.254/' } }), 's', /URL/));
  it("refuses a select with dataSrc 'custom'", () =>
    refusedOnce(form({ type: 'select', key: 's', label: '选', input: true, dataSrc: 'custom', data: { custom: 'values = []' } }), 's', /custom/));
  it('refuses html containing <script>', () =>
    refusedOnce(form({ type: 'content', key: 'c', input: false, html: '<p>说明</p><script>fetch("/api/me")</script>' }), 'c', /脚本/));
  it('refuses content with an on* handler', () =>
    refusedOnce(form({ type: 'content', key: 'c', input: false, html: '<img src=x onerror="alert(1)">' }), 'c', /脚本/));
  it('refuses template code in any string ({% %}, {{ fn() }})', () =>
    refusedOnce(form(text('a', { description: '{% print(process.env) %}' })), 'a', /脚本/));
  it('refuses a schema over 256 KB', () => {
    const problems = checkSchema(form(text('a', { description: 'x'.repeat(260 * 1024) })));
    expect(problems.map((p) => p.message).join()).toMatch(/256 KB/);
  });
  it('refuses more than 300 components', () => {
    const problems = checkSchema(form(...Array.from({ length: 301 }, (_, i) => text(`f${i}`))));
    expect(problems).toEqual([{ field: 'schema', message: expect.stringMatching(/300/) }]);
  });
  it('refuses nesting deeper than 8 levels', () => {
    let inner: object = text('leaf');
    for (let i = 8; i >= 1; i--) inner = { type: 'panel', key: `p${i}`, input: false, components: [inner] };
    expect(checkSchema(form(inner))).toEqual([{ field: 'schema', message: expect.stringMatching(/8 层/) }]);
  });
  it('refuses selectbox values that would become unsafe field names', () =>
    refusedOnce(form({ type: 'selectboxes', key: 'b', label: '多选', input: true, values: [{ label: 'x', value: 'a.b' }] }), 'b', /字段名/));
  it('refuses an unknown prefill source', () => refusedOnce(form(text('a', { properties: { prefill: 'engineState' } })), 'a', /预填/));

  it('reports every violation at once', () => {
    const problems = checkSchema(form(text('案号'), text('a', { validate: { custom: 'x' } }), { type: 'iframe', key: 'f' }));
    expect(problems.map((p) => p.field)).toEqual(['案号', 'a', 'f']);
  });

  it('forces calculateServer, onlyAvailableItems, read-only prefill and platform uploads', () => {
    const n = normalizeSchema(everyComponent() as any) as any;
    const find = (key: string): any => JSON.stringify(n).includes(key) && findIn(n.components, key);
    expect(find('doubled').calculateServer).toBe(true);
    for (const k of ['kind', 'decision', 'measures']) expect(find(k).validate.onlyAvailableItems).toBe(true);
    expect(find('materials')).toMatchObject({ storage: 'url', url: '/api/attachments' });
    const pre = normalizeSchema(form(text('caseNo', { properties: { prefill: 'caseNo' } })) as any) as any;
    expect(pre.components[0].disabled).toBe(true);
  });
});

function findIn(list: any[], key: string): any {
  for (const c of list ?? []) {
    if (c.key === key) return c;
    const kids = [...(c.components ?? []), ...(c.columns ?? []).flatMap((x: any) => x.components), ...(c.rows ?? []).flat().flatMap((x: any) => x.components)];
    const hit = findIn(kids, key);
    if (hit) return hit;
  }
  return undefined;
}
