// bpmn-js import warnings (importXML's `warnings`) in Chinese. The messages come from
// bpmn-js/lib/import/BpmnTreeWalker + bpmn-moddle's reader; unknown ones keep the original text.
const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/unresolved reference <([^>]*)>/, (r) => `引用了不存在的元素「${r}」`],
  [/unparsable content (?:<([^>]*)> )?detected/, (t) => `无法解析的内容${t ? ` <${t}>` : ''}，文件可能不是有效的 BPMN 2.0`],
  [/correcting missing bpmnElement on <([^>]*)> to <([^>]*)>/, (p, r) => `图形平面「${p}」缺少所属元素，已按「${r}」显示`],
  [/unrecognized flowElement <([^>]*)> in context <([^>]*)>/, (e, c) => `元素「${e}」不能出现在「${c}」中，未显示`],
  [/unknown type <([^>]*)>/, (t) => `未知的元素类型 <${t}>，已忽略`],
  [/unknown attribute <([^>]*)>/, (t) => `未知的属性「${t}」，保留原样`],
  [/multiple DI elements defined for <([^>]*)>/, (e) => `元素「${e}」有多个图形定义，只显示第一个`],
  [/no bpmnElement referenced in <([^>]*)>/, (e) => `图形「${e}」没有对应的流程元素`],
  [/element <([^>]*)> referenced by <([^>]*)> not yet drawn/, (e, by) => `元素「${e}」（被「${by}」引用）尚未绘制`],
  [/missing <([^>]*)>/, (e) => `缺少「${e}」`],
  [/failed to import <([^>]*)>/, (e) => `元素「${e}」无法导入`],
  [/element <([^>]*)> has no DI/i, (e) => `元素「${e}」没有图形，画布上不显示`],
];

export function importWarningZh(message: string): string {
  for (const [re, zh] of PATTERNS) {
    const m = re.exec(message);
    if (m) return zh(...m.slice(1).map(readable));
  }
  return `导入提示（原文）：${message}`;
}

/** `bpmn:Task id="x" /` (bpmn-js's elementToString) → `x`; a bare name loses its prefix. */
function readable(s = ''): string {
  const id = /id="([^"]*)/.exec(s);
  return id ? id[1] : s.replace(/^[\w-]+:/, '');
}
