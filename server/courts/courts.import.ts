// POST /api/courts/import: CSV `code,name,level,parent,province[,kind]`. Every row is checked
// (format, duplicates, parent, level, province, cycles, the actor's jurisdiction) before
// anything is written; one problem anywhere and nothing is written.
import { forbidden, unprocessable, type ErrorDetail } from '../http/errors';
import { ancestorChain, withinJurisdiction } from './jurisdiction';
import type { CourtsRepository } from './courts.repository';
import { courtInputSchema, placementProblems } from './courts.rules';
import type { CourtActor, CourtEventSink } from './courts.service';
import { parseCourtsCsv } from './courts.csv';
import type { CourtInput } from './courts.types';
import { zhCN } from './validate';

export async function importCourts(
  deps: { repo: CourtsRepository; events: CourtEventSink },
  actor: CourtActor,
  csv: string,
): Promise<{ created: number; updated: number }> {
  const { rows, problems: csvProblems } = parseCourtsCsv(csv);
  const details: ErrorDetail[] = csvProblems.map((p) => ({ line: p.line, message: `第 ${p.line} 行：${p.message}` }));
  const problem = (line: number, message: string, field?: string) =>
    details.push({ line, field, message: `第 ${line} 行：${message}` });

  const existing = new Map((await deps.repo.listAll()).map((c) => [c.code, c]));
  const own = existing.get(actor.court);
  if (!own) throw forbidden('您所在的法院不存在，无法导入法院');

  const valid: { line: number; court: CourtInput }[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const parsed = courtInputSchema.safeParse(row.fields, { error: zhCN });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(row.line, `${String(issue.path[0])}：${issue.message}`, String(issue.path[0]));
      continue;
    }
    const seenAt = firstLine.get(parsed.data.code);
    if (seenAt) problem(row.line, `代码“${parsed.data.code}”与第 ${seenAt} 行重复`, 'code');
    else firstLine.set(parsed.data.code, row.line);
    valid.push({ line: row.line, court: parsed.data });
  }

  // The tree as it would be after the import, to check parents, cycles and jurisdiction.
  const merged = new Map<string, CourtInput>(existing);
  for (const { court } of valid) merged.set(court.code, court);
  for (const { line, court } of valid) {
    const parent = court.parent === null ? null : merged.get(court.parent);
    for (const p of placementProblems(court, parent)) problem(line, p, 'parent');
    const ancestors = ancestorChain(court.code, merged);
    if (ancestors === null) {
      problem(line, '上级法院形成循环', 'parent');
      continue;
    }
    const before = existing.get(court.code);
    const after = { ...court, ancestors };
    if ((before && !withinJurisdiction(own, before)) || !withinJurisdiction(own, after)) {
      problem(line, `法院“${court.name}”不在本院管辖范围内，无权导入`, 'code');
    }
    for (const child of [...existing.values()].filter((c) => c.parent === court.code && !firstLine.has(c.code))) {
      for (const p of placementProblems(child, after)) problem(line, `现有下级法院 ${child.name}：${p}`, 'level');
    }
  }

  if (details.length) {
    details.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw unprocessable(`导入失败：共 ${details.length} 处错误，未写入任何数据`, details);
  }
  const result = await deps.repo.upsertCourts(valid.map((v) => v.court));
  await deps.repo.rebuildAncestors();
  await deps.events({ type: 'courts_imported', actor: actor.username, data: { ...result, codes: valid.map((v) => v.court.code) } });
  return result;
}
