// 立案 declarations (manifest.startForms, docs/PACKAGES.md): each names a process of this
// package, a form of this package that collects the data the start needs, and who may open a
// case. Every name is checked against the package itself, so a case can never be opened with a
// form that is missing, lacks a declared field, or leaves it optional.
import { formLabelOf, walkForm, type Component } from '../forms';
import type { Manifest } from './manifest.schema';
import type { PackageProblem } from './types';

/** Fields that need a case to exist (attachments belong to a case; prefill shows case data). */
const NEEDS_A_CASE = (c: Component) => c.type === 'file' || typeof c.properties?.prefill === 'string';

export function checkStartForms(m: Manifest, forms: { key: string; schema: Record<string, unknown> }[]): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const seen = new Set<string>();
  (m.startForms ?? []).forEach((s, i) => {
    const at = (field: string, code: string, message: string) =>
      problems.push({ file: 'manifest.json', field: `startForms[${i}]${field}`, code, message: `立案表单「${s.title}」：${message}` });
    if (!m.processes.some((p) => p.key === s.process)) at('.process', 'START_PROCESS', `流程「${s.process}」不在本包的 processes 中`);
    if (seen.has(s.process)) at('.process', 'START_DUPLICATE', `流程「${s.process}」已声明过立案表单（每个流程一个）`);
    seen.add(s.process);
    if (new Set(s.starters.levels).size !== s.starters.levels.length) at('.starters.levels', 'START_STARTERS', '法院层级重复');
    if (!s.form.startsWith(`${m.id}/`) || !m.forms.includes(s.form)) {
      at('.form', 'START_FORM', `表单「${s.form}」不在本包的 forms 中`);
      return;
    }
    const form = forms.find((f) => f.key === s.form);
    if (!form) return; // the missing file is reported by the manifest-against-files check
    const fields = new Map<string, Component>();
    walkForm(form.schema, ({ component }) => {
      if (component.key && component.input !== false && component.type !== 'button') fields.set(component.key, component);
      if (NEEDS_A_CASE(component)) {
        at('.form', 'START_FORM_FIELD', `字段「${formLabelOf(component)}」（${component.key}）${component.type === 'file' ? '是附件：附件属于案件，立案时案件尚不存在，请在第一个办理环节上传' : '预填案件数据：立案时案件尚不存在'}`);
      }
    });
    for (const key of s.data) {
      const c = fields.get(key);
      if (!c) at('.data', 'START_DATA', `立案数据「${key}」在表单「${s.form}」中没有对应字段`);
      else if (c.validate?.required !== true) at('.data', 'START_DATA', `立案数据「${formLabelOf(c)}」（${key}）在表单中应为必填`);
    }
  });
  return problems;
}
