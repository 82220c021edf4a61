// 手工登记: what an authorised user may record by hand, checked field by field with a Chinese
// message for each problem (400, nothing written). Jurisdiction is the service's check.
import { badRequest } from '../http/errors';
import type { LedgerPerson } from './entry';
import { ENTRY_KINDS, GRADES, UNITS } from './kinds';

export function parseManualEntry(body: unknown, now: Date) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const problems: { field: string; message: string }[] = [];
  const str = (k: string, max: number) => {
    const v = b[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') { problems.push({ field: k, message: '应为文本' }); return undefined; }
    if (v.trim().length > max) problems.push({ field: k, message: `不能超过${max}字` });
    return v.trim() || undefined;
  };
  const kind = str('kind', 20);
  if (!kind || !(ENTRY_KINDS as readonly string[]).includes(kind)) problems.push({ field: 'kind', message: `类别应为：${ENTRY_KINDS.join('、')}` });
  const court = str('court', 64);
  if (!court) problems.push({ field: 'court', message: '请选择被记载的法院' });
  const unit = (str('unit', 8) ?? '法院') as (typeof UNITS)[number];
  if (!(UNITS as readonly string[]).includes(unit)) problems.push({ field: 'unit', message: '单位应为 法院 或 执行局' });
  const reason = str('reason', 500);
  if (!reason) problems.push({ field: 'reason', message: '请填写事由（手工登记须说明理由）' });
  const basis = str('basis', 200);
  const grade = str('grade', 8);
  if (grade && !(GRADES as readonly string[]).includes(grade)) problems.push({ field: 'grade', message: `评查等次应为：${GRADES.join('、')}` });
  let score: number | undefined;
  if (b.score !== undefined && b.score !== null && b.score !== '') {
    if (typeof b.score !== 'number' || !Number.isFinite(b.score) || b.score < 0 || b.score > 1000) problems.push({ field: 'score', message: '考核分数应为 0–1000 的数字' });
    else score = b.score;
  }
  let at: Date | undefined;
  if (b.at !== undefined && b.at !== null && b.at !== '') {
    at = typeof b.at === 'string' ? new Date(b.at) : new Date(NaN);
    if (Number.isNaN(at.getTime())) problems.push({ field: 'at', message: '日期格式不正确' });
    else if (at > now) problems.push({ field: 'at', message: '日期不能晚于今天' });
  }
  const persons: LedgerPerson[] = [];
  if (b.persons !== undefined) {
    if (!Array.isArray(b.persons) || b.persons.length > 50) problems.push({ field: 'persons', message: '个人应为列表（至多50人）' });
    else b.persons.forEach((p, i) => {
      const o = (p ?? {}) as Record<string, unknown>;
      const n = typeof o.name === 'string' ? o.name.trim() : '';
      const c = typeof o.court === 'string' && o.court ? o.court : court;
      if (!n || n.length > 40) problems.push({ field: `persons[${i}].name`, message: '请填写姓名（至多40字）' });
      else persons.push({ name: n, court: c!, ...(typeof o.role === 'string' && o.role.trim() ? { role: o.role.trim().slice(0, 20) } : {}) });
    });
  }
  if (problems.length) throw badRequest('台账记录不完整或有误', problems);
  return { kind: kind!, court: court!, unit, reason: reason!, basis, grade, score, at, persons };
}
