// The placeholders a document template may use. A template names case data in Chinese
// ({文号}, {被督办法院}); the bound task's form fields by their key ({issues}, {reportPeriod}).
// Nothing else resolves: an unknown name is refused when the template is imported or uploaded,
// so a typo never becomes a silently empty line in a document a court sends.
import { walk, labelOf, type FormSchema } from '../../forms';

/** Filled from the case, the court records and the issuing act; the same for every kind. */
export const CASE_PLACEHOLDERS: Record<string, string> = {
  文号: '发文字号，签发时按本院、文书种类、年度编号，如（2026）琼执督函3号',
  文书名称: '文书种类的名称，如 督办函',
  发文法院: '签发文书的法院（办理该任务的法院）全称',
  督办法院: '案件的督办法院全称',
  被督办法院: '案件的被督办法院全称（主送）',
  督办案号: '督办案件的案号',
  执行案号: '被督办的执行案件案号',
  当事人: '执行案件当事人（立案时填写）',
  成文日期: '签发日期，GB/T 9704-2012 写法：2026年12月7日',
  成文日期大写: '签发日期，汉字写法：二〇二六年十二月七日',
  承办人: '签发文书的承办人姓名',
};

export interface FieldPlaceholder {
  key: string;
  label: string;
  type: string;
  /** The form (key) that has the field. */
  form: string;
}

/** The input fields of the bound tasks' forms: their keys are placeholders too. */
export function formPlaceholders(forms: { key: string; schema: FormSchema | Record<string, unknown> }[]): FieldPlaceholder[] {
  const out = new Map<string, FieldPlaceholder>();
  for (const f of forms) {
    walk(f.schema as FormSchema, ({ component, inRow }) => {
      if (inRow || !component.key || component.input === false || component.type === 'button') return;
      if (!out.has(component.key)) out.set(component.key, { key: component.key, label: labelOf(component), type: component.type ?? '', form: f.key });
    });
  }
  return [...out.values()];
}

/** Every name a template bound to these forms may use. */
export function allowedNames(fields: FieldPlaceholder[]): Set<string> {
  return new Set([...Object.keys(CASE_PLACEHOLDERS), ...fields.map((f) => f.key)]);
}
