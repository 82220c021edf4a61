// Bulk import of users from Excel by a 系统管理员 (issue 23, self-service). The workbook's first
// sheet has one user a row under the columns of IMPORT_COLUMNS. Every row is checked against
// the same rules as POST /api/users (court within the actor's jurisdiction, roles the actor's
// court may grant, unused username, password policy) and reported row by row; the import itself
// writes all rows or none. Initial passwords (given, or generated) carry mustChangePassword.
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { withinJurisdiction, type Court, type CourtsRepository } from '../courts';
import { conflict, forbidden, unprocessable, type ErrorDetail } from '../http/errors';
import type { Audit } from './audit';
import { passwordProblems, type PasswordHasher } from './password';
import { grantableRoles, isRole, ROLES, type Role } from './roles';
import type { SessionUser } from './types';
import type { UsersRepository } from './users.repository';
import { USERNAME } from './users.schema';

export const IMPORT_COLUMNS = ['用户名', '姓名', '法院', '角色', '初始密码'] as const;
const REQUIRED_COLUMNS = IMPORT_COLUMNS.slice(0, 4);
/** One court's staff at a time: beyond this the administrator splits the file. */
export const MAX_IMPORT_ROWS = 1000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export interface ImportProblem {
  field: string;
  message: string;
}

export interface ImportRow {
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  username: string;
  name: string;
  /** As written in the file (a code or a name), and what it resolved to. */
  court: string;
  courtCode: string | null;
  courtName: string | null;
  roles: string[];
  /** Whether the file gave an initial password (never echoed back). */
  passwordGiven: boolean;
  problems: ImportProblem[];
}

export interface ImportReport {
  total: number;
  valid: number;
  invalid: number;
  rows: ImportRow[];
}

type Actor = { user: SessionUser; ip?: string };

function text(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim(); // hyperlink
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim(); // formula
  return String(cell.text ?? v).trim();
}

/** Readable password a clerk can pass on: letters without look-alikes, digits, 12 characters. */
export function initialPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)], digits[randomInt(digits.length)]];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

const splitRoles = (s: string) => s.split(/[、,，;；/\s]+/).map((r) => r.trim()).filter(Boolean);

export function createUsersImport(deps: { users: UsersRepository; courts: CourtsRepository; hasher: PasswordHasher; audit: Audit }) {
  const { users, courts, hasher, audit } = deps;

  async function ownCourt(actor: Actor): Promise<Court> {
    const own = await courts.findByCode(actor.user.court);
    if (!own) throw forbidden('您所在的法院不存在');
    return own;
  }

  async function readRows(body: Buffer): Promise<{ row: number; cells: Record<string, string> }[]> {
    if (!Buffer.isBuffer(body) || !body.length) throw unprocessable('没有收到文件：请上传按模板填写的 Excel 文件（.xlsx）');
    if (body.length < 4 || body.readUInt32LE(0) !== 0x04034b50) throw unprocessable('文件不是 Excel 工作簿（.xlsx）；旧版 .xls 或 CSV 请在 Excel 中另存为 .xlsx');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(body as unknown as ArrayBuffer);
    } catch {
      throw unprocessable('文件不是有效的 Excel 工作簿（.xlsx）');
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw unprocessable('工作簿中没有工作表');
    const header = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, col) => {
      const t = text(cell).replace(/[（(].*$/, '').replace(/[*＊]/g, '').trim();
      if (t && !header.has(t)) header.set(t, col);
    });
    const missing = REQUIRED_COLUMNS.filter((c) => !header.has(c));
    if (missing.length) {
      throw unprocessable(`第 1 行缺少列：${missing.join('、')}（请使用下载的模板）`, missing.map((c) => ({ line: 1, field: c, message: `缺少列“${c}”` })));
    }
    const rows: { row: number; cells: Record<string, string> }[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, header.has(c) ? text(row.getCell(header.get(c)!)) : '']));
      if (!Object.values(cells).some(Boolean)) continue;
      rows.push({ row: r, cells });
      if (rows.length > MAX_IMPORT_ROWS) throw unprocessable(`一次最多导入 ${MAX_IMPORT_ROWS} 个用户，请分成几个文件`);
    }
    if (!rows.length) throw unprocessable('文件中没有用户：请从第 2 行起每行填写一个用户');
    return rows;
  }

  /** The dry run: every row with its problems (an empty list: it would be imported). */
  async function check(actor: Actor, body: Buffer): Promise<{ report: ImportReport; passwords: Map<number, string> }> {
    const own = await ownCourt(actor);
    const rows = await readRows(body);
    const all = await courts.listAll();
    const byCode = new Map(all.map((c) => [c.code, c]));
    const byName = new Map(all.map((c) => [c.name, c]));
    const grantable: readonly string[] = grantableRoles(own.level);
    const wanted = rows.map((r) => r.cells['用户名'].toLowerCase()).filter(Boolean);
    const taken = await users.existingUsernames(wanted);
    const firstRow = new Map<string, number>();
    const passwords = new Map<number, string>();

    const report = rows.map(({ row, cells }): ImportRow => {
      const problems: ImportProblem[] = [];
      const add = (field: string, message: string) => problems.push({ field, message });
      const username = cells['用户名'].toLowerCase();
      if (!username) add('用户名', '用户名不能为空');
      else if (!USERNAME.test(username)) add('用户名', `用户名“${cells['用户名']}”不合规：须以字母开头，由 3-32 位小写字母、数字、点、下划线或连字符组成`);
      else if (taken.has(username)) add('用户名', `账号“${username}”已存在`);
      else if (firstRow.has(username)) add('用户名', `账号“${username}”与第 ${firstRow.get(username)} 行重复`);
      if (username && !firstRow.has(username)) firstRow.set(username, row);

      const name = cells['姓名'];
      if (!name) add('姓名', '姓名不能为空');
      else if (name.length > 50) add('姓名', '姓名过长（至多 50 字）');

      const courtText = cells['法院'];
      const court = byCode.get(courtText) ?? byName.get(courtText) ?? null;
      if (!courtText) add('法院', '法院不能为空');
      else if (!court) add('法院', `法院“${courtText}”不存在（请填写法院全称或代码）`);
      else if (!withinJurisdiction(own, court)) add('法院', `法院“${court.name}”不在您的管辖范围内（只能导入${own.name}及其辖区法院的用户）`);

      const roles = [...new Set(splitRoles(cells['角色']))];
      if (!roles.length) add('角色', '至少填写一个角色（多个角色以顿号分隔）');
      for (const role of roles) {
        if (!isRole(role)) add('角色', `角色“${role}”不存在（可选：${ROLES.join('、')}）`);
        else if (!grantable.includes(role)) add('角色', `${own.name}的系统管理员不能授予“${role}”角色（仅高级人民法院的系统管理员可以）`);
      }

      const given = cells['初始密码'];
      if (given) {
        for (const p of passwordProblems(given, username)) add('初始密码', p);
        passwords.set(row, given);
      }
      return {
        row, username, name, court: courtText, courtCode: court?.code ?? null, courtName: court?.name ?? null,
        roles, passwordGiven: !!given, problems,
      };
    });
    const invalid = report.filter((r) => r.problems.length).length;
    return { report: { total: report.length, valid: report.length - invalid, invalid, rows: report }, passwords };
  }

  return {
    /** POST /api/users/import?dryRun=true */
    async dryRun(actor: Actor, body: Buffer): Promise<ImportReport> {
      return (await check(actor, body)).report;
    },

    /** POST /api/users/import: all rows or none; answers each new user's initial password once. */
    async run(actor: Actor, body: Buffer) {
      const { report, passwords } = await check(actor, body);
      if (report.invalid) {
        const details: ErrorDetail[] = report.rows.flatMap((r) => r.problems.map((p) => ({ line: r.row, field: p.field, message: `第 ${r.row} 行：${p.message}` })));
        throw unprocessable(`${report.invalid} 行有误，未导入任何用户（请按报告修改后重新上传）`, details);
      }
      const created = report.rows.map((r) => ({ ...r, initialPassword: passwords.get(r.row) ?? initialPassword() }));
      const records = await Promise.all(created.map(async (r) => ({
        username: r.username, name: r.name, court: r.courtCode!, roles: r.roles as Role[],
        passwordHash: await hasher.hash(r.initialPassword), mustChangePassword: true,
      })));
      let ok = false;
      try {
        ok = await users.insertMany(records);
      } finally {
        // A username taken meanwhile (or a failed write): take back what went in; ours are
        // known by their password hashes, each with its own salt.
        if (!ok) await users.deleteInserted(records);
      }
      if (!ok) throw conflict('导入时有账号刚被他人创建，未导入任何用户，请重新检查后上传');
      for (const r of created) {
        await audit({ type: 'user_created', actor: actor.user.username, target: r.username, ip: actor.ip, data: { court: r.courtCode, roles: r.roles, imported: true } });
      }
      return {
        created: created.length,
        users: created.map((r) => ({ row: r.row, username: r.username, name: r.name, court: r.courtCode, courtName: r.courtName, roles: r.roles, initialPassword: r.initialPassword })),
      };
    },

    /** GET /api/users/import/template: the columns, and what the actor may fill in. */
    async template(actor: Actor): Promise<Buffer> {
      const own = await ownCourt(actor);
      const inScope = (await courts.listAll()).filter((c) => withinJurisdiction(own, c));
      const wb = new ExcelJS.Workbook();
      wb.creator = '督办平台';
      const sheet = wb.addWorksheet('用户');
      sheet.columns = [
        { header: '用户名', width: 18 }, { header: '姓名', width: 12 }, { header: '法院', width: 30 },
        { header: '角色', width: 24 }, { header: '初始密码', width: 18 },
      ];
      sheet.getRow(1).font = { bold: true };
      const notes = wb.addWorksheet('填写说明');
      notes.columns = [{ header: '说明', width: 90 }];
      notes.getRow(1).font = { bold: true };
      for (const line of [
        '在「用户」表第 2 行起每行填写一个用户；「初始密码」可不填，由平台生成并在导入后显示一次。',
        '用户名：以小写字母开头，3-32 位小写字母、数字、点、下划线或连字符；不能与已有账号重复。',
        '法院：填写下列法院的全称或代码（只能导入本院及辖区法院的用户）。',
        `角色：多个角色以顿号分隔，可选 ${grantableRoles(own.level).join('、')}。`,
        '初始密码：至少 10 位，含字母和数字，不含用户名。用户首次登录时须修改初始密码。',
        '导入前先「检查」，逐行列出问题；有任一行有误时不导入任何用户。',
      ]) notes.addRow([line]);
      const list = wb.addWorksheet('可选法院');
      list.columns = [{ header: '法院代码', width: 14 }, { header: '法院名称', width: 34 }, { header: '层级', width: 8 }];
      list.getRow(1).font = { bold: true };
      for (const c of inScope) list.addRow([c.code, c.name, c.level]);
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}
export type UsersImport = ReturnType<typeof createUsersImport>;
