// Form.io's validation messages are English (i18n/en.js); users read Chinese. Keys are
// Form.io's error keys; {{field}} is the component's label, the others its rule settings.
// One file for both sides: the browser's renderer (client/src/formio/zh-CN.ts) shows the same
// words the server answers with.
import messages from './messages.zh.json' with { type: 'json' };

export const ZH_ERRORS: Record<string, string> = messages;

/** A Chinese message for a Form.io error: its key translated, unknown keys generically. */
export function zhMessage(key: string, context: Record<string, unknown>, label: string): string {
  // A message the form's author wrote in Chinese (validate.json's answer, customMessage) stands as is.
  const template = ZH_ERRORS[key] ?? (/[\u4e00-\u9fff]/.test(key) ? key : '{{field}}的值无效');
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    if (name === 'field') return label;
    const v = context[name];
    return v === undefined || v === null ? '' : String(v);
  });
}
