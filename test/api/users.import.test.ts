// Bulk import of users from Excel (server/auth/users.import.ts): a 系统管理员 downloads the
// template, uploads a filled workbook, reads a per-row report (dry run), and imports all rows or
// none; imported accounts sign in with their initial password and must change it first.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type SignedIn, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let admin: SignedIn;
let lower: SignedIn;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login('admin'); // 海南高院
  lower = await p.login('hi-hk-admin'); // 海口中院
}, 120_000);
afterAll(() => p?.close());

type Row = (string | undefined)[];
const HEADER = ['用户名', '姓名', '法院', '角色', '初始密码'];

async function workbook(rows: Row[], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('用户');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = (who: SignedIn, body: Buffer, dryRun?: boolean) =>
  who.agent.post(`/api/users/import${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`)
    .set('X-CSRF-Token', who.csrfToken).set('Content-Type', XLSX).send(body);
const usernames = async () => new Set(((await admin.agent.get('/api/users')).body.users as { username: string }[]).map((u) => u.username));

describe('the template', () => {
  it('has the columns, and lists the courts and roles the administrator may use', async () => {
    const r = await lower.agent.get('/api/users/import/template').buffer(true)
      .parse((res, cb) => { const parts: Buffer[] = []; res.on('data', (d: Buffer) => parts.push(d)); res.on('end', () => cb(null, Buffer.concat(parts))); });
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('用户导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body);
    expect((wb.getWorksheet('用户')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    const courts = wb.getWorksheet('可选法院')!.getColumn(2).values.slice(2);
    expect(courts).toContain('海口市中级人民法院');
    expect(courts).toContain('海口市琼山区人民法院');
    expect(courts).not.toContain('海南省高级人民法院');
    expect(courts).not.toContain('三亚市中级人民法院');
    const notes = wb.getWorksheet('填写说明')!.getColumn(1).values.join('\n');
    expect(notes).toContain('可选 系统管理员、承办人');
    expect(notes).not.toContain('流程管理员、');
  });

  it('only for 系统管理员', async () => {
    expect((await (await p.login('hi-gy-chengban')).agent.get('/api/users/import/template')).status).toBe(403);
    expect((await p.request().get('/api/users/import/template')).status).toBe(401);
  });
});

describe('dry run', () => {
  it('reports every row with its Chinese reason and writes nothing', async () => {
    const before = await usernames();
    const body = await workbook([
      ['hk-new-a', '王一', '海口市中级人民法院', '承办人', ''],
      ['hk-new-b', '王二', 'hi-hk-qs', '承办人、审批人', 'Strong-pass-2026'],
      ['hk-new-c', '王三', '海口市不存在法院', '承办人'],
      ['hk-new-d', '王四', '三亚市中级人民法院', '承办人'],
      ['hi-hk-chengban', '重名', 'hi-hk-zy', '承办人'],
      ['hk-new-a', '王一重复', 'hi-hk-zy', '承办人'],
      ['hk-new-e', '王五', 'hi-hk-zy', '书记员'],
      ['hk-new-f', '王六', 'hi-hk-zy', '流程管理员'],
      ['hk-new-g', '王七', 'hi-hk-zy', '承办人', 'short1'],
      ['Bad Name', '', '', ''],
    ]);
    const r = await upload(lower, body, true);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ total: 10, valid: 2, invalid: 8 });
    const problems = (row: number) => r.body.rows.find((x: any) => x.row === row).problems.map((x: any) => x.message);
    expect(problems(2)).toEqual([]);
    expect(r.body.rows[0]).toMatchObject({ username: 'hk-new-a', courtCode: 'hi-hk-zy', courtName: '海口市中级人民法院', roles: ['承办人'], passwordGiven: false });
    expect(r.body.rows[1]).toMatchObject({ courtName: '海口市琼山区人民法院', roles: ['承办人', '审批人'], passwordGiven: true });
    expect(JSON.stringify(r.body)).not.toContain('Strong-pass-2026');
    expect(problems(4)).toEqual(['法院“海口市不存在法院”不存在（请填写法院全称或代码）']);
    expect(problems(5)).toEqual(['法院“三亚市中级人民法院”不在您的管辖范围内（只能导入海口市中级人民法院及其辖区法院的用户）']);
    expect(problems(6)).toEqual(['账号“hi-hk-chengban”已存在']);
    expect(problems(7)).toEqual(['账号“hk-new-a”与第 2 行重复']);
    expect(problems(8)[0]).toMatch(/^角色“书记员”不存在（可选：系统管理员、流程管理员/);
    expect(problems(9)).toEqual(['海口市中级人民法院的系统管理员不能授予“流程管理员”角色（仅高级人民法院的系统管理员可以）']);
    expect(problems(10)).toEqual(['密码长度不能少于 10 位']);
    expect(problems(11)).toEqual([
      '用户名“Bad Name”不合规：须以字母开头，由 3-32 位小写字母、数字、点、下划线或连字符组成',
      '姓名不能为空', '法院不能为空', '至少填写一个角色（多个角色以顿号分隔）',
    ]);
    expect(await usernames()).toEqual(before);
  });

  it('refuses a file that is not the template or not a workbook, precisely', async () => {
    const noColumns = await upload(lower, await workbook([['x']], ['账号', '名字']), true);
    expect(noColumns.status).toBe(422);
    expect(noColumns.body.error.message).toBe('第 1 行缺少列：用户名、姓名、法院、角色（请使用下载的模板）');
    const csv = await upload(lower, Buffer.from('用户名,姓名\n'), true);
    expect(csv.status).toBe(422);
    expect(csv.body.error.message).toContain('文件不是 Excel 工作簿（.xlsx）');
    const broken = await upload(lower, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), true);
    expect(broken.status).toBe(422);
    expect(broken.body.error.message).toBe('文件不是有效的 Excel 工作簿（.xlsx）');
    const empty = await upload(lower, await workbook([]), true);
    expect(empty.status).toBe(422);
    expect(empty.body.error.message).toContain('文件中没有用户');
    const json = await lower.agent.post('/api/users/import?dryRun=true').set('X-CSRF-Token', lower.csrfToken).send({ a: 1 });
    expect(json.status).toBe(422);
    expect((await upload(lower, await workbook([]), 'yes' as unknown as boolean)).status).toBe(400);
  });

  it('only a 系统管理员, with the CSRF token', async () => {
    const body = await workbook([['hk-x', '某', 'hi-hk-zy', '承办人']]);
    const clerk = await p.login('hi-hk-chengban');
    expect((await upload(clerk, body, true)).status).toBe(403);
    expect((await lower.agent.post('/api/users/import?dryRun=true').set('Content-Type', XLSX).send(body)).status).toBe(403);
  });
});

describe('import', () => {
  it('one bad row and nothing is written; the report names it', async () => {
    const before = await usernames();
    const r = await upload(lower, await workbook([
      ['hk-all-a', '甲', 'hi-hk-zy', '承办人'],
      ['hk-all-b', '乙', 'hi-sy-zy', '承办人'],
    ]));
    expect(r.status).toBe(422);
    expect(r.body.error.message).toBe('1 行有误，未导入任何用户（请按报告修改后重新上传）');
    expect(r.body.error.details).toEqual([{ line: 3, field: '法院', message: '第 3 行：法院“三亚市中级人民法院”不在您的管辖范围内（只能导入海口市中级人民法院及其辖区法院的用户）' }]);
    expect(await usernames()).toEqual(before);
  });

  it('imports every row; each account must replace its initial password at first sign-in', async () => {
    const r = await upload(lower, await workbook([
      ['hk-imp-a', '李一', '海口市中级人民法院', '承办人'],
      ['HK-IMP-B', '李二', 'hi-hk-qs', '承办人，审批人', 'Given-pass-2026'],
    ]));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.created).toBe(2);
    const [a, b] = r.body.users;
    expect(a).toMatchObject({ username: 'hk-imp-a', court: 'hi-hk-zy', courtName: '海口市中级人民法院', roles: ['承办人'] });
    expect(a.initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
    expect(b).toMatchObject({ username: 'hk-imp-b', court: 'hi-hk-qs', roles: ['承办人', '审批人'], initialPassword: 'Given-pass-2026' });

    const listed = (await admin.agent.get('/api/users/hk-imp-b')).body.user;
    expect(listed).toMatchObject({ name: '李二', court: 'hi-hk-qs', mustChangePassword: true, disabled: false });
    const first = p.agent();
    const signIn = await first.post('/api/session').send({ username: 'hk-imp-a', password: a.initialPassword });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.mustChangePassword).toBe(true);
    expect((await first.get('/api/tasks')).body.error.code).toBe('password_change_required');

    // The same file again: every row is now a duplicate account, nothing more is written.
    const again = await upload(lower, await workbook([['hk-imp-a', '李一', 'hi-hk-zy', '承办人']]));
    expect(again.status).toBe(422);
    expect(again.body.error.details[0].message).toBe('第 2 行：账号“hk-imp-a”已存在');
  });

  it('the 高院 administrator may grant 流程管理员 and import across the province', async () => {
    const r = await upload(admin, await workbook([
      ['sy-imp-a', '赵一', '三亚市中级人民法院', '系统管理员'],
      ['gy-imp-b', '赵二', 'hi-gy', '流程管理员'],
    ]));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.users.map((u: any) => u.court)).toEqual(['hi-sy-zy', 'hi-gy']);
    // Another province stays out of reach.
    const foreign = await upload(admin, await workbook([['jl-imp-a', '钱一', 'jl-gy', '承办人']]), true);
    expect(foreign.body.rows[0].problems[0].message).toBe('法院“吉林省高级人民法院”不在您的管辖范围内（只能导入海南省高级人民法院及其辖区法院的用户）');
  });
});
