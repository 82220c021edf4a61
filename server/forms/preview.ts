// 表单预览: a stored revision exactly as a handler sees it, with example case data in its
// prefilled fields (the same resolvePrefill the task page uses, so a date reads
// `2026年12月17日 24:00` there too), and the server's own check of what is typed in.
import { walk, type FormSchema } from './components';
import { prefillFields, resolvePrefill } from './prefill';

/** The example case every preview shows. */
const EXAMPLE_CASE = {
  caseNo: '（2026）示例督1号',
  supervisingCourt: '（示例）督办法院',
  supervisedCourt: '（示例）被督办法院',
  subject: { enforcementCaseNo: '（2026）示例执1号', parties: '申请执行人：示例甲；被执行人：示例乙', source: '来信', title: '示例案件' },
  variables: {},
};

/** Prefill for the preview: example values; a case variable the example lacks reads （案件数据）. */
export async function previewPrefill(schema: FormSchema, now: Date): Promise<Record<string, unknown>> {
  // The example deadline: ten days on, ending at 24:00 Beijing (stored as the next 00:00).
  const day = new Date(Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000 + 11) * 86_400_000 - 8 * 3600_000);
  const task = { name: typeof schema.title === 'string' ? schema.title : '示例任务', dueAt: day, openedAt: now, basis: '（示例）办理依据' };
  const out = await resolvePrefill(schema, { ...EXAMPLE_CASE, caseNo: EXAMPLE_CASE.caseNo }, task, async (name) => name);
  const dates = new Set<string>();
  walk(schema, ({ component }) => {
    if (component.type === 'datetime' && component.key) dates.add(component.key);
  });
  for (const key of prefillFields(schema).keys()) if (!(key in out) && !dates.has(key)) out[key] = '（案件数据）';
  return out;
}
