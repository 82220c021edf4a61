// Form.io's validation messages are English (i18n/en.js); users read Chinese. Keys are
// Form.io's error keys; {{field}} is the component's label, the others its rule settings.
export const ZH_ERRORS: Record<string, string> = {
  required: '{{field}}为必填项',
  unique: '{{field}}必须唯一',
  array: '{{field}}应为列表',
  array_nonempty: '{{field}}不能为空列表',
  nonarray: '{{field}}不能是列表',
  select: '{{field}}的选择无效',
  invalidOption: '{{field}}的值不在可选项中',
  valueIsNotAvailable: '{{field}}的值不在可选项中',
  pattern: '{{field}}的格式不符合要求',
  invalid_regex: '{{field}}的格式不符合要求',
  minLength: '{{field}}至少需要 {{length}} 个字符',
  maxLength: '{{field}}不能超过 {{length}} 个字符',
  minWords: '{{field}}至少需要 {{length}} 个词',
  maxWords: '{{field}}不能超过 {{length}} 个词',
  min: '{{field}}不能小于 {{min}}',
  max: '{{field}}不能大于 {{max}}',
  minDate: '{{field}}不能早于 {{minDate}}',
  maxDate: '{{field}}不能晚于 {{maxDate}}',
  minYear: '{{field}}的年份不能小于 {{minYear}}',
  maxYear: '{{field}}的年份不能大于 {{maxYear}}',
  minSelectedCount: '{{field}}至少选择 {{minCount}} 项',
  maxSelectedCount: '{{field}}最多选择 {{maxCount}} 项',
  invalid_email: '{{field}}不是有效的电子邮箱地址',
  invalid_url: '{{field}}不是有效的网址',
  invalid_date: '{{field}}不是有效的日期',
  invalidDate: '{{field}}不是有效的日期',
  invalid_day: '{{field}}不是有效的日期',
  invalidDay: '{{field}}不是有效的日期',
  time: '{{field}}不是有效的时间',
  number: '{{field}}不是有效的数字',
  mask: '{{field}}的格式不符合要求',
  requiredDayField: '{{field}}的日为必填项',
  requiredMonthField: '{{field}}的月为必填项',
  requiredYearField: '{{field}}的年为必填项',
  invalidRowsError: '请先改正表格中有误的行',
  invalidRowError: '该行有误，请改正或删除',
  unsavedRowsError: '请先保存表格中的所有行',
  invalidValueProperty: '{{field}}的值无效',
};

/** A Chinese message for a Form.io error: its key translated, unknown keys generically. */
export function zhMessage(key: string, context: Record<string, unknown>, label: string): string {
  const template = ZH_ERRORS[key] ?? '{{field}}的值无效';
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    if (name === 'field') return label;
    const v = context[name];
    return v === undefined || v === null ? '' : String(v);
  });
}
