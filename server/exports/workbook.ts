// One sheet of a list as an Excel workbook (exceljs): Chinese column headers, instants in
// Beijing time as text (a court reads 2026-10-09 00:00, never a UTC serial), and the download
// headers with the Chinese file name (RFC 5987) beside an ASCII one.
import ExcelJS from 'exceljs';
import type { Response } from 'express';

export interface Column<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

export interface Sheet<T> {
  name: string;
  columns: Column<T>[];
  rows: T[];
}

const BEIJING_MS = 8 * 3600_000;

/** 2026-10-09 00:00 (Beijing) for an instant; '' for none. */
export function beijing(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  return Number.isNaN(+d) ? '' : new Date(d.getTime() + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export async function workbook(sheets: Sheet<any>[]): Promise<Buffer> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办平台';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(Object.fromEntries(s.columns.map((c, i) => [`c${i}`, c.value(r) ?? ''])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sendWorkbook(res: Response, body: Buffer, asciiName: string, chineseName: string): void {
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`);
  res.send(body);
}

/** Rows an export carries at most: beyond it the user narrows the filter (the sheet says so). */
export const EXPORT_LIMIT = 5000;
