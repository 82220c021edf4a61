// Streaming readers: an .xlsx (first worksheet) or a CSV file → its header and then one row at a
// time, never the whole sheet in memory (100,000 rows, issue 16). exceljs's WorkbookReader and
// fast-csv do the parsing; `bytesRead` feeds the import's progress.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'fast-csv';

export interface SheetRow {
  /** 1-based row number as the court sees it in its spreadsheet (the header is row 1). */
  row: number;
  get(column: string): unknown;
}

export interface Sheet {
  header: string[];
  rows: AsyncIterable<SheetRow>;
}

export type FileKind = 'xlsx' | 'csv';

export class SheetError extends Error {}

/** Counts bytes as the parser pulls them (progress of large files). */
function counting(file: string, progress: { bytesRead: number }) {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      progress.bytesRead += chunk.length;
      cb(null, chunk);
    },
  });
  return createReadStream(file).pipe(counter);
}

export async function fileSize(file: string) {
  return (await stat(file)).size;
}

/** The kind by content: an .xlsx is a zip (PK\x03\x04); anything else is read as CSV text. */
export function kindOf(head: Buffer): FileKind {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
}

const headerTitle = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' && v && 'richText' in v
  ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('') : String(v)).trim();

export async function openSheet(file: string, kind: FileKind, progress: { bytesRead: number }): Promise<Sheet> {
  return kind === 'xlsx' ? openXlsx(file, progress) : openCsv(file, progress);
}

async function openXlsx(file: string, progress: { bytesRead: number }): Promise<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counting(file, progress), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let first: IteratorResult<unknown>;
  try {
    first = await sheets.next();
  } catch {
    throw new SheetError('文件不是有效的 Excel 工作簿（.xlsx）');
  }
  if (first.done) throw new SheetError('工作簿中没有工作表');
  const rows = (first.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  const head = await rows.next().catch(() => { throw new SheetError('工作表无法读取'); });
  if (head.done) throw new SheetError('工作表是空的：第 1 行应为列标题');
  const values = head.value.values as unknown[];
  const header = values.map(headerTitle);
  const index = new Map<string, number>();
  header.forEach((h, i) => h && !index.has(h) && index.set(h, i));
  async function* iterate(): AsyncIterable<SheetRow> {
    for (;;) {
      const next = await rows.next();
      if (next.done) break;
      const r = next.value;
      const cells = r.values as unknown[];
      if (!cells.some((c) => c !== null && c !== undefined && c !== '')) continue;
      yield { row: r.number, get: (column) => { const i = index.get(column); return i === undefined ? undefined : cells[i]; } };
    }
    // Drain the remaining worksheets so the zip stream ends and the file is closed.
    for (;;) {
      const more = await sheets.next();
      if (more.done) break;
      for await (const _ of more.value as AsyncIterable<unknown>) void _;
    }
  }
  return { header: header.filter(Boolean), rows: iterate() };
}

async function openCsv(file: string, progress: { bytesRead: number }): Promise<Sheet> {
  // A UTF-8 BOM (Excel's "CSV UTF-8") is dropped; GBK exports must be saved as UTF-8 first.
  const parser = counting(file, progress).pipe(parseCsv({ headers: false, ignoreEmpty: true, trim: true, maxRows: 0 }));
  const it = (parser as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  let head: IteratorResult<string[]>;
  try {
    head = await it.next();
  } catch (err) {
    throw new SheetError(`CSV 无法读取：${(err as Error).message}`);
  }
  if (head.done) throw new SheetError('文件是空的：第 1 行应为列标题');
  const header = head.value.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  if (header.some((h) => /\uFFFD/.test(h))) throw new SheetError('文件不是 UTF-8 编码：请在 Excel 中另存为「CSV UTF-8」后再导入');
  const index = new Map<string, number>();
  header.forEach((h, i) => h && !index.has(h) && index.set(h, i));
  async function* iterate(): AsyncIterable<SheetRow> {
    let row = 1;
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await it.next();
      } catch (err) {
        throw new SheetError(`第 ${row + 1} 行附近 CSV 格式错误：${(err as Error).message}`);
      }
      if (next.done) break;
      row++;
      const cells = next.value;
      yield { row, get: (column) => { const i = index.get(column); return i === undefined || cells[i] === '' ? undefined : cells[i]; } };
    }
  }
  return { header: header.filter(Boolean), rows: iterate() };
}
