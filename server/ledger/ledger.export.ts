// The ledger as an Excel workbook (exceljs): the year's entries, the per-court and per-person
// counts, and the consequences — what a 高院 sends to 有关部门 with its 评优评先 recommendation.
import ExcelJS from 'exceljs';
import { beijingText } from './kinds';

type Presented = { kind: string; issuerName?: string; courtName?: string; unit: string; persons: { name: string; courtName?: string; role?: string }[]; at: Date; caseNo?: string; elementName?: string; basis?: string; reason?: string; recordedByName: string; reversed: boolean };
type Row = { courtName: string; counts: Record<string, number> };
type PersonRow = { name: string; courtName: string; role?: string; counts: Record<string, number> };

const KINDS = ['通报批评', '情况通报', '约谈', '追责', '评查', '考核'];

export async function ledgerWorkbook(year: number, entries: Presented[], summary: { courts: Row[]; persons: PersonRow[]; consequences: Presented[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办平台';
  const list = wb.addWorksheet(`${year}年督办台账`);
  list.columns = [
    { header: '日期（北京时间）', key: 'at', width: 18 }, { header: '类别', key: 'kind', width: 10 },
    { header: '作出法院', key: 'issuer', width: 22 }, { header: '被记载法院', key: 'court', width: 24 },
    { header: '个人', key: 'persons', width: 24 }, { header: '督办案号', key: 'caseNo', width: 18 },
    { header: '环节', key: 'element', width: 18 }, { header: '依据', key: 'basis', width: 26 },
    { header: '事由', key: 'reason', width: 40 }, { header: '记录人', key: 'by', width: 12 }, { header: '状态', key: 'state', width: 8 },
  ];
  for (const e of entries) {
    list.addRow({
      at: beijingText(new Date(e.at)), kind: e.kind, issuer: e.issuerName, court: `${e.courtName ?? ''}${e.unit === '执行局' ? ' 执行局' : ''}`,
      persons: e.persons.map((p) => `${p.name}（${p.courtName ?? ''}${p.role ? `，${p.role}` : ''}）`).join('；'),
      caseNo: e.caseNo, element: e.elementName, basis: e.basis, reason: e.reason, by: e.recordedByName, state: e.reversed ? '已撤销' : '有效',
    });
  }
  const courts = wb.addWorksheet('各法院');
  courts.columns = [{ header: '法院', key: 'name', width: 28 }, ...KINDS.map((k) => ({ header: k, key: k, width: 10 }))];
  for (const r of summary.courts) courts.addRow({ name: r.courtName, ...Object.fromEntries(KINDS.map((k) => [k, r.counts[k] ?? 0])) });
  const persons = wb.addWorksheet('个人');
  persons.columns = [{ header: '姓名', key: 'name', width: 12 }, { header: '法院', key: 'court', width: 28 }, { header: '职务', key: 'role', width: 12 }, ...KINDS.map((k) => ({ header: k, key: k, width: 10 }))];
  for (const r of summary.persons) persons.addRow({ name: r.name, court: r.courtName, role: r.role, ...Object.fromEntries(KINDS.map((k) => [k, r.counts[k] ?? 0])) });
  const cons = wb.addWorksheet('后果');
  cons.columns = [{ header: '日期（北京时间）', key: 'at', width: 18 }, { header: '对象', key: 'subject', width: 30 }, { header: '后果', key: 'reason', width: 50 }, { header: '依据', key: 'basis', width: 30 }];
  for (const c of summary.consequences) {
    cons.addRow({ at: beijingText(new Date(c.at)), subject: c.persons.length ? c.persons.map((p) => `${p.name}（${p.courtName ?? ''}）`).join('；') : `${c.courtName ?? ''}${c.unit === '执行局' ? ' 执行局' : ''}`, reason: c.reason, basis: c.basis });
  }
  for (const ws of [list, courts, persons, cons]) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 法院排名 as a workbook: one row per court, the indicators' values, the score and the rank. */
export async function rankingWorkbook(r: { year: number; indicators: { id: string; title: string; weight: number }[]; rows: { courtName: string; values: Record<string, number>; score: number; rank: number }[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办平台';
  const ws = wb.addWorksheet(`${r.year}年法院排名`);
  ws.columns = [
    { header: '名次', key: 'rank', width: 8 }, { header: '法院', key: 'court', width: 28 },
    ...r.indicators.map((i) => ({ header: `${i.title}（权重 ${i.weight}）`, key: i.id, width: 16 })),
    { header: '得分', key: 'score', width: 10 },
  ];
  for (const row of r.rows) ws.addRow({ rank: row.rank, court: row.courtName, ...row.values, score: row.score });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
