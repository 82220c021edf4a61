// CSV text → court rows with their line numbers. Pure; validation of each row happens in
// the import command. Accepts what Excel writes: UTF-8 BOM, CRLF, quoted fields, an optional
// header line; a sixth column `kind` (专门法院类别) is optional.
export const CSV_COLUMNS = ['code', 'name', 'level', 'parent', 'province', 'kind'] as const;

export interface CsvRow {
  line: number;
  fields: Record<(typeof CSV_COLUMNS)[number], string>;
}
export interface CsvProblem {
  line: number;
  message: string;
}

export function parseCourtsCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = splitCsvLine(raw);
    if (cells === null) {
      problems.push({ line, message: '引号不配对' });
      return;
    }
    if (rows.length === 0 && problems.length === 0 && cells[0]?.trim().toLowerCase() === 'code') return;
    if (cells.length < 5 || cells.length > 6) {
      problems.push({ line, message: `应有 5 列（code,name,level,parent,province），可选第 6 列 kind，实际 ${cells.length} 列` });
      return;
    }
    const [code, name, level, parent, province, kind = ''] = cells.map((c) => c.trim());
    rows.push({ line, fields: { code, name, level, parent, province, kind } });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, message: '文件中没有任何法院数据' });
  return { rows, problems };
}

/** One line of RFC 4180 CSV (no line breaks inside quotes); null when a quote is unbalanced. */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}
