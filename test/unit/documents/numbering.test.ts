import { describe, expect, it } from 'vitest';
import { arabicDate, hanziDate } from '../../../server/documents/chineseDate';
import { checkNumbering, formatNumber } from '../../../server/documents/numbering';
import { formValues } from '../../../server/documents/values';

describe('文号 patterns', () => {
  it('fill year, court abbreviation and number', () => {
    expect(formatNumber('（{年}）{代字}执督函{号}号', { year: 2026, abbreviation: '琼', seq: 3 })).toBe('（2026）琼执督函3号');
    expect(formatNumber('{代字}高法〔{年}〕{号}号', { year: 2027, abbreviation: '琼01', seq: 12 })).toBe('琼01高法〔2027〕12号');
  });

  it('refuse unknown parts, a missing or repeated {号}, unpaired braces', () => {
    expect(checkNumbering('（{年}）琼执督函{号}号')).toEqual([]);
    expect(checkNumbering('（{年}）琼执督函号')).toEqual(['文号格式必须含有序号「{号}」']);
    expect(checkNumbering('{号}{号}')).toEqual(['文号格式中「{号}」只能出现一次']);
    expect(checkNumbering('{年份}{号}')).toEqual(['文号格式中「{年份}」未知：只能用 {年}、{代字}、{号}']);
    expect(checkNumbering('{号}}')).toEqual(['文号格式中的花括号不成对']);
  });
});

describe('成文日期 in Beijing time', () => {
  it('GB/T 9704 writes Arabic numerals without leading zeros; the 汉字 form is offered too', () => {
    const at = new Date('2026-12-06T16:30:00Z'); // 2026-12-07 00:30 in Beijing
    expect(arabicDate(at)).toBe('2026年12月7日');
    expect(hanziDate(at)).toBe('二〇二六年十二月七日');
    expect(hanziDate(new Date('2030-10-20T02:00:00Z'))).toBe('二〇三〇年十月二十日');
    expect(hanziDate(new Date('2031-01-31T02:00:00Z'))).toBe('二〇三一年一月三十一日');
  });
});

describe('form values as a document prints them', () => {
  const schema = {
    components: [
      { key: 'methods', type: 'selectboxes', input: true, values: [{ label: '听取汇报', value: 'report' }, { label: '调卷审查', value: 'file' }] },
      { key: 'kind', type: 'radio', input: true, values: [{ label: '通报批评', value: 'criticism' }] },
      { key: 'urgent', type: 'checkbox', input: true },
      { key: 'hearingDate', type: 'datetime', input: true },
      { key: 'materials', type: 'file', input: true },
      { key: 'caseNo', type: 'textfield', input: true },
      { key: 'persons', type: 'datagrid', input: true, components: [
        { key: 'name', type: 'textfield', input: true },
        { key: 'role', type: 'select', input: true, data: { values: [{ label: '执行局长', value: 'director' }] } },
      ] },
      { key: 'note', type: 'content', input: false, html: '<p>x</p>' },
    ],
  };
  it('options by label, booleans for conditions, dates in Chinese, files by name, prefill behind the submission', () => {
    expect(formValues(schema, {
      methods: { report: true, file: false }, kind: 'criticism', urgent: true, hearingDate: '2026-10-12', materials: [{ id: 'a', name: '卷宗.pdf' }],
      persons: [{ name: '张三', role: 'director' }, { name: '李四' }],
    }, { caseNo: '（2026）督第1号' })).toEqual({
      methods: '听取汇报', kind: '通报批评', urgent: true, hearingDate: '2026年10月12日', materials: '卷宗.pdf', caseNo: '（2026）督第1号',
      persons: '张三（执行局长）、李四',
    });
  });
});
