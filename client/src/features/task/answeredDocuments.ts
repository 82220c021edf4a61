// Which earlier documents a task answers — the ones its page shows open above the form.
//
// Decision (issue 11, D6): a diagram does not declare what a step answers, and asking every
// package author to declare it would be one more thing to get wrong. The task page therefore
// lists every document of the case, latest first, and opens:
//   - the latest document written by the OTHER court (for the lower court's 签收 and 书面报告:
//     the upper court's 督办函; for the upper court's 审查报告: the lower court's 书面报告), and
//   - the latest document of all (the step just before, often the same court's own).
// Everything else stays one click away, collapsed.
import type { CaseSubmissions, OpenTask } from '../../api/cases';

export function answeredDocuments(task: Pick<OpenTask, 'assignment'>, docs: CaseSubmissions): string[] {
  const list = docs.documents;
  if (!list.length) return [];
  const a = task.assignment;
  const ownCourt = a?.court ?? (a?.user ? docs.people[a.user]?.court : undefined);
  const open = new Set<string>([list[list.length - 1].taskId]);
  const other = [...list].reverse().find((d) => {
    const court = docs.people[d.by]?.court;
    return ownCourt && court && court !== ownCourt;
  });
  if (other) open.add(other.taskId);
  return [...open];
}
