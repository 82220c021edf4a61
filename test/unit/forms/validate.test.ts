// Server-side validation of a submission against the form with every supported component type:
// Form.io's process() plus the strict type check; one Chinese entry per field.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors';
import { validateSubmission } from '../../../server/forms/validate';
import { everyComponent } from './helpers';

const FILE_ID = '0123456789abcdef01234567';
const valid = () => ({
  title: '关于某案的督办',
  facts: '被执行人有财产可供执行',
  amount: 100,
  fee: 12.5,
  urgent: false,
  kind: 'written',
  decision: '督办',
  measures: { seal: true, seize: false, freeze: false },
  receivedAt: '2026-09-15',
  hearingAt: '2026-09-20T09:30:00+08:00',
  email: 'zhixing@court.gov.cn',
  phone: '(0898) 6666-1234',
  channel: '来信',
  // as Form.io's url storage keeps it: our upload answer under `data`
  materials: [{ storage: 'url', name: '报告.pdf', url: '/api/attachments/x', size: 10, type: 'application/pdf', data: { id: FILE_ID } }],
  parties: [{ partyName: '张三', partyRole: 'applicant' }],
  submit: true,
});

async function errorsOf(data: unknown, ctx = {}) {
  try {
    await validateSubmission(everyComponent(), data, ctx);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    return (err as AppError).details;
  }
  throw new Error('expected a 422');
}

/** The single error on `field`, with the component's Chinese label and a Chinese message. */
async function refused(change: Record<string, unknown>, field: string, label: string) {
  const details = await errorsOf({ ...valid(), ...change });
  expect(details, JSON.stringify(details)).toHaveLength(1);
  expect(details[0]).toMatchObject({ field, label });
  expect(details[0].message).toMatch(/[\u4e00-\u9fa5]/);
  expect(details[0].message).not.toMatch(/\b(is|must|should)\b/);
  return details[0].message;
}

describe('a valid submission', () => {
  it('passes and comes back cleaned: unknown keys and the button dropped, dates normalised, file references reduced', async () => {
    const { data, files } = await validateSubmission(everyComponent(), { ...valid(), evil: { $where: '1' }, parties: [{ partyName: '张三', partyRole: 'applicant', extra: 1 }] });
    expect(data).toEqual({
      ...valid(),
      doubled: 200,
      submit: undefined,
      materials: [{ id: FILE_ID, name: '报告.pdf', size: 10, type: 'application/pdf' }],
    });
    expect('submit' in data).toBe(false);
    expect('evil' in data).toBe(false);
    expect(files).toEqual([{ field: 'materials', label: '相关材料', refs: [{ id: FILE_ID, name: '报告.pdf', size: 10, type: 'application/pdf' }] }]);
  });

  it('stores a date-only field as YYYY-MM-DD in Beijing time, whatever the browser sent', async () => {
    const { data } = await validateSubmission(everyComponent(), { ...valid(), receivedAt: '2026-09-14T16:00:00.000Z' });
    expect(data.receivedAt).toBe('2026-09-15');
    const local = await validateSubmission(everyComponent(), { ...valid(), receivedAt: '2026-09-15T00:00:00+08:00' });
    expect(local.data.receivedAt).toBe('2026-09-15');
  });
});

describe('each kind of invalid value', () => {
  it('a textfield that is not a string', async () => expect(await refused({ title: 5 }, 'title', '标题')).toMatch(/文字/));
  it('an object in a textarea', async () => expect(await refused({ facts: { a: 1 } }, 'facts', '案件事实')).toMatch(/文字/));
  it('text in a number field (Form.io would drop it silently)', async () => expect(await refused({ amount: 'abc' }, 'amount', '执行标的')).toMatch(/数字/));
  it('a numeric string in a currency field', async () => expect(await refused({ fee: '12.5' }, 'fee', '执行费')).toMatch(/数字/));
  it('"yes" in a checkbox', async () => expect(await refused({ urgent: 'yes' }, 'urgent', '紧急')).toMatch(/true\/false/));
  it('a select value outside its list', async () => expect(await refused({ kind: 'secret' }, 'kind', '督办方式')).toMatch(/可选项/));
  it('a radio value outside its list', async () => expect(await refused({ decision: '撤销' }, 'decision', '审查结论')).toMatch(/可选项/));
  it('selectboxes with a non-boolean', async () => expect(await refused({ measures: { seal: 'no' } }, 'measures', '执行措施')).toMatch(/true 或 false/));
  it('selectboxes with an option that does not exist', async () => expect(await refused({ measures: { seal: true, burn: true } }, 'measures', '执行措施')).toMatch(/burn/));
  it('a date that does not exist (2026-02-30)', async () => expect(await refused({ receivedAt: '2026-02-30' }, 'receivedAt', '收到日期')).toMatch(/2026-02-30 不存在/));
  it('a time that does not exist', async () => expect(await refused({ hearingAt: '2026-09-20T25:00:00+08:00' }, 'hearingAt', '听证时间')).toMatch(/不存在/));
  it('a date in no known format', async () => expect(await refused({ receivedAt: '9月15日' }, 'receivedAt', '收到日期')).toMatch(/格式/));
  it('a required field left empty (Form.io rule, translated)', async () => expect(await refused({ title: '' }, 'title', '标题')).toBe('标题为必填项'));
  it('a length limit (Form.io rule, translated)', async () => expect(await refused({ title: '很'.repeat(21) }, 'title', '标题')).toBe('标题不能超过 20 个字符'));
  it('a minimum (Form.io rule, translated)', async () => expect(await refused({ amount: -1 }, 'amount', '执行标的')).toBe('执行标的不能小于 0'));
  it('an e-mail address that is not one', async () => expect(await refused({ email: 'not-an-address' }, 'email', '电子邮箱')).toMatch(/电子邮箱地址/));
  it('a hidden field holding an object', async () => expect(await refused({ channel: { x: 1 } }, 'channel', '来源渠道')).toMatch(/格式/));
  it('a file reference without an attachment id', async () => expect(await refused({ materials: [{ name: 'a.pdf', url: 'http://evil/' }] }, 'materials', '相关材料')).toMatch(/附件/));
  it('a data grid that is not a list of rows', async () => expect(await refused({ parties: 'x' }, 'parties', '当事人')).toMatch(/列表/));
  it('a required field inside a data grid row, named by its row', async () =>
    expect(await refused({ parties: [{ partyName: '张三' }, { partyRole: 'respondent' }] }, 'parties[1].partyName', '姓名或名称')).toBe('姓名或名称为必填项'));
  it('a wrong value inside a data grid row', async () =>
    expect(await refused({ parties: [{ partyName: '张三', partyRole: 'judge' }] }, 'parties[0].partyRole', '地位')).toMatch(/可选项/));

  it('lists every wrong field at once, one entry per field', async () => {
    const details = await errorsOf({ ...valid(), title: 5, amount: 'x', urgent: 'yes', receivedAt: '2026-02-30', parties: ['x'] });
    expect(details.map((d) => d.field)).toEqual(['title', 'amount', 'urgent', 'receivedAt', 'parties[0]']);
  });

  it('refuses data that is not an object', async () => {
    expect((await errorsOf([1, 2]))[0].field).toBe('data');
  });
});

describe('what the server decides, not the client', () => {
  it('a tampered calculated value is recomputed', async () => {
    const { data } = await validateSubmission(everyComponent(), { ...valid(), amount: 21, doubled: 1_000_000 });
    expect(data.doubled).toBe(42);
    const junk = await validateSubmission(everyComponent(), { ...valid(), amount: 3, doubled: 'junk' });
    expect(junk.data.doubled).toBe(6);
  });

  it('a hidden conditional field is cleared, whatever was sent in it', async () => {
    const { data } = await validateSubmission(everyComponent(), { ...valid(), urgent: false, urgentReason: { injected: true } });
    expect('urgentReason' in data).toBe(false);
  });

  it('a hidden field is cleared even when the form says clearOnHide: false', async () => {
    const schema = everyComponent();
    const well = schema.components[1].components[2];
    well.components[1].clearOnHide = false; // urgentReason
    const { data } = await validateSubmission(schema, { ...valid(), urgent: false, urgentReason: { injected: true } });
    expect('urgentReason' in data).toBe(false);
  });

  it('a conditional field that is shown is validated and kept', async () => {
    expect(await refused({ urgent: true }, 'urgentReason', '紧急原因')).toBe('紧急原因为必填项');
    const { data } = await validateSubmission(everyComponent(), { ...valid(), urgent: true, urgentReason: '申请人病重' });
    expect(data.urgentReason).toBe('申请人病重');
  });

  it('prefilled fields take the server value during validation and are dropped from the data', async () => {
    const schema = {
      components: [
        { type: 'textfield', key: 'caseNo', label: '执行案号', input: true, validate: { required: true }, properties: { prefill: 'subject.enforcementCaseNo' } },
        { type: 'textfield', key: 'note', label: '意见', input: true,
          conditional: { show: true, conjunction: 'all', conditions: [{ component: 'caseNo', operator: 'isNotEmpty' }] } },
      ],
    };
    const { data } = await validateSubmission(schema, { caseNo: '（伪造）', note: '同意' }, { prefill: { caseNo: '（2026）琼01执1号' } });
    expect(data).toEqual({ note: '同意' });
    // Without a server value the client's cannot stand in: required fails, the note is hidden.
    await expect(validateSubmission(schema, { caseNo: '（伪造）', note: '同意' }, { prefill: {} })).rejects.toMatchObject({ status: 422 });
  });

  it('never runs a script, even from a schema stored before the policy', async () => {
    const schema = { components: [{ type: 'textfield', key: 'a', label: 'A', input: true, calculateValue: 'globalThis.__pwned = 1; value = "x"', calculateServer: true }] };
    await validateSubmission(schema, { a: 'ok' }).catch(() => undefined);
    expect((globalThis as any).__pwned).toBeUndefined();
  });
});
