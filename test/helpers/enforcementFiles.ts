// 执行案件 spreadsheets made in memory with exceljs: what a court's 执行案件流程信息管理系统 exports.
import ExcelJS from 'exceljs';

export const HEADER = ['案号', '执行法院', '承办人', '立案日期', '结案日期', '结案方式', '首次查控', '总对总查控', '传统查控', '限高', '评估', '拍卖', '终本约谈', '裁定送达'];

export type Cell = string | number | Date | null | { formula: string; result?: unknown };

export async function xlsx(rows: Cell[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执行案件');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function csv(rows: (string | null)[][], header = HEADER): Buffer {
  const esc = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(`\uFEFF${[header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n')}\r\n`);
}
