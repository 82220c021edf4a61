// Package zips carry their document templates: the Hainan package exported from a running
// platform holds templates/*.docx byte for byte, re-imports as the same package, and a zip whose
// templates or `documents` are wrong is refused with every problem at once.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../server/packages';
import { SHIPPED_PACKAGES_ROOT } from '../../server/platform/createPlatform';
import { startScenario, type Scenario } from '../scenarios/helpers';

const TEMPLATES = path.join(SHIPPED_PACKAGES_ROOT, 'processes/hainan/templates');
let s: Scenario;
let exported: Map<string, Buffer>;

beforeAll(async () => {
  s = await startScenario({ packagesRoot: SHIPPED_PACKAGES_ROOT });
}, 120_000);
afterAll(() => s?.close());

async function session(username: string) {
  const { agent, csrfToken } = await s.p.login(username);
  return {
    download: (url: string) => agent.get(url).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }),
    upload: (url: string, zip: Buffer) => agent.post(url).set('X-CSRF-Token', csrfToken).set('Content-Type', 'application/zip').send(zip),
  };
}
const manifestOf = (files: Map<string, Buffer>) => JSON.parse(files.get('manifest.json')!.toString('utf8'));
function withManifest(files: Map<string, Buffer>, edit: (m: any) => void) {
  const m = manifestOf(files);
  edit(m);
  return new Map(files).set('manifest.json', Buffer.from(JSON.stringify(m, null, 2)));
}
function withDocumentXml(docx: Buffer, edit: (xml: string) => string): Buffer {
  const zip = new PizZip(docx);
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

describe('the Hainan package zip with its templates', () => {
  it('exports every template byte for byte under templates/', async () => {
    const r = await (await session('admin')).download('/api/packages/hainan/export');
    expect(r.status).toBe(200);
    const read = await readZip(r.body);
    expect(read.problems).toEqual([]);
    exported = read.files;
    const names = [...exported.keys()].filter((k) => k.startsWith('templates/')).sort();
    expect(names).toEqual(readdirSync(TEMPLATES).sort().map((f) => `templates/${f}`));
    for (const n of names) expect(exported.get(n)!.equals(readFileSync(path.join(TEMPLATES, n.slice('templates/'.length)))), n).toBe(true);
    expect(manifestOf(exported).documents).toHaveLength(4);
  });

  it('re-imports as the same package (same files, same hash)', async () => {
    const r = await (await session('admin')).upload('/api/packages', await writeZip(exported));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.unchanged).toBe(true);
  });

  it('refuses wrong templates and bindings with every problem, naming file and field; nothing is written', async () => {
    const files = withManifest(exported, (m) => {
      m.documents[1].numbering = '（{年}）琼执催函';
      m.documents[2].elements = ['noSuchTask'];
      m.documents[3].template = 'missing.docx';
      m.documents.push({ ...m.documents[0], kind: 'gatewayLetter', name: '网关函', template: 'urgingLetter.docx', elements: ['urgingKind'] });
    });
    files.set('templates/supervisionLetter.docx', withDocumentXml(exported.get('templates/supervisionLetter.docx')!, (x) => x.replace('{issues}', '{督办事项}')));
    files.set('templates/stray.docx', exported.get('templates/notice.docx')!);
    const admin = await session('admin');
    const versionsBefore = (await s.admin.get('/api/packages/hainan')).body.package.versions.length;
    const r = await admin.upload('/api/packages', await writeZip(files));
    expect(r.status).toBe(422);
    const problems = r.body.error.details as { file: string; field?: string; code: string; message: string }[];
    const has = (file: string, code: string, text: string) =>
      expect(problems.some((p) => p.file === file && p.code === code && p.message.includes(text)), `${file} ${code} ${text}: ${JSON.stringify(problems)}`).toBe(true);
    has('manifest.json', 'SCHEMA', '文号格式必须含有序号「{号}」');
    has('manifest.json', 'DOCUMENT_BINDING', '元素「noSuchTask」在本包的流程图中不存在');
    has('manifest.json', 'MISSING_FILE', 'templates/missing.docx');
    has('manifest.json', 'DOCUMENT_BINDING', '只有用户任务（办结时）、中间/结束事件（到达时）或定时事件（期限届满时）可以签发文书');
    has('templates/supervisionLetter.docx', 'TEMPLATE_UNKNOWN_PLACEHOLDER', '未知的占位符「{督办事项}」');
    has('templates/stray.docx', 'UNLISTED_FILE', '未在 manifest.json 的 documents 中列出');
    expect((await s.admin.get('/api/packages/hainan')).body.package.versions).toHaveLength(versionsBefore);
  });

  it('a new package version shipping a changed template adds a template revision of source «package»', async () => {
    // Revision 1 is recorded when the kind is first used or listed.
    const before = (await s.admin.get('/api/documents/templates?package=hainan')).body.templates;
    expect(before.find((t: any) => t.kind === 'notice').revisions).toHaveLength(1);
    const files = new Map(exported);
    files.set('templates/notice.docx', withDocumentXml(exported.get('templates/notice.docx')!, (x) => x.replace('各级法院要引以为戒', '全省法院要引以为戒')));
    const m = manifestOf(files);
    m.version = 2;
    files.set('manifest.json', Buffer.from(JSON.stringify(m, null, 2)));
    const admin = await session('admin');
    const r = await admin.upload('/api/packages', await writeZip(files));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const published = await s.admin.post('/api/packages/hainan/publish', { version: r.body.package.version });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const list = (await s.admin.get('/api/documents/templates?package=hainan')).body.templates;
    const notice = list.find((t: any) => t.kind === 'notice');
    expect(notice.packageVersion).toBe(r.body.package.version);
    expect(notice.revisions.map((x: any) => [x.revision, x.source])).toEqual([[1, 'package'], [2, 'package']]);
    expect(list.find((t: any) => t.kind === 'supervisionLetter').revisions).toHaveLength(1);
  });
});
