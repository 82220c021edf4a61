// Every way an import is refused: 422 with each problem in Chinese naming its file (and element),
// and nothing written anywhere — packages, definitions and forms are exactly as before.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, editJson, patchName, sampleFiles, zipOf } from '../unit/packages/fixtures/harness';
import { startPackagesPlatform, type PackagesPlatform } from '../unit/packages/fixtures/platform';

let s: PackagesPlatform;
beforeAll(async () => {
  s = await startPackagesPlatform();
  // An existing package of 测试省, so that id clashes can be tried.
  expect((await s.admin.upload('/api/packages', await zipOf(sampleFiles()))).status).toBe(201);
});
afterAll(() => s?.close());

const BPMN = 'processes/report.bpmn';
type Expect = { code: string; file?: string; element?: string; message?: RegExp };

async function refused(zip: Buffer, expected: Expect[], status = 422) {
  const before = await s.counts();
  const r = await s.admin.upload('/api/packages', zip);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  const details = r.body.error.details as Expect[];
  for (const e of expected) {
    const { message, ...rest } = e;
    const hit = details.find((d) => Object.entries(rest).every(([k, v]) => (d as any)[k] === v));
    expect(hit, `${JSON.stringify(e)} in ${JSON.stringify(details)}`).toBeTruthy();
    if (message) expect(hit!.message as unknown as string).toMatch(message);
  }
  for (const d of details) expect((d as any).message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await s.counts()).toEqual(before);
  return details;
}

describe('refused imports change nothing', () => {
  it('zip-slip: a path that climbs out of the package', async () => {
    const files = new Map(sampleFiles());
    files.set('forms/aaaaa.json', Buffer.from('{}'));
    await refused(patchName(await zipOf(files), 'forms/aaaaa.json', '../../etc/x.json'), [{ code: 'ZIP_UNSAFE_PATH', file: '../../etc/x.json', message: /zip-slip/ }]);
  });

  it('zip bomb by compression ratio', async () => {
    const files = new Map(sampleFiles()).set('forms/bomb.json', Buffer.alloc(1_800_000, 0x20));
    await refused(await zipOf(files), [{ code: 'ZIP_RATIO', file: 'forms/bomb.json', message: /压缩炸弹/ }]);
  });

  it('zip bomb by size and an oversize file', async () => {
    const files = new Map(sampleFiles()).set('processes/huge.bpmn', randomBytes(2_200_000));
    await refused(await zipOf(files), [{ code: 'FILE_TOO_LARGE', file: 'processes/huge.bpmn', message: /上限/ }]);
  });

  it('a body over 20 MB is refused before it is read (413)', async () => {
    const r = await s.admin.upload('/api/packages', Buffer.alloc(21 * 1024 * 1024));
    expect(r.status).toBe(413);
  });

  it('a diagram with a DTD and an external entity', async () => {
    const files = edit(sampleFiles(), BPMN, (x) => x.replace('<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>').replace('name="书面报告"', 'name="&x;"'));
    const details = await refused(await zipOf(files), [{ code: 'XML_DOCTYPE', file: BPMN, message: /DOCTYPE/ }]);
    expect(JSON.stringify(details)).not.toContain('root:');
  });

  it('duplicate ids: the id of another province, process keys, form keys, parameter ids', async () => {
    const files = editJson(sampleFiles(), 'manifest.json', (m) => {
      m.province = '海南省';
      m.processes.push({ ...m.processes[0] });
      m.forms.push(m.forms[0]);
      m.parameters.push({ ...m.parameters[2], label: '重复' });
    });
    await refused(await zipOf(files), [
      { code: 'DUPLICATE_ID', file: 'manifest.json', message: /已属于测试省/ },
      { code: 'DUPLICATE_PROCESS', file: 'manifest.json', message: /sampleReport/ },
      { code: 'DUPLICATE_FORM', file: 'manifest.json', message: /sample\/report/ },
      { code: 'DUPLICATE_PARAMETER', file: 'manifest.json', message: /reportOverdue/ },
    ]);
  });

  it('a process key another package has deployed', async () => {
    expect((await s.admin.post('/api/packages/sample/publish')).status).toBe(200);
    const files = editJson(sampleFiles(), 'manifest.json', (m) => { m.id = 'sample-two'; });
    await refused(await zipOf(files), [{ code: 'PROCESS_OWNED', file: BPMN, element: 'sampleReport', message: /程序包「sample」/ }]);
  });

  it('a missing file, an unknown file, a diagram the manifest does not list', async () => {
    const files = new Map(sampleFiles());
    files.delete('forms/review.json');
    files.set('notes.txt', Buffer.from('备注'));
    files.set('processes/extra.bpmn', files.get(BPMN)!);
    await refused(await zipOf(files), [
      { code: 'MISSING_FILE', file: 'manifest.json', message: /sample\/review/ },
      { code: 'UNKNOWN_FILE', file: 'notes.txt', message: /未知文件/ },
      { code: 'UNLISTED_FILE', file: 'processes/extra.bpmn' },
    ]);
  });

  it('an invalid form (JavaScript in the form, an unsupported component)', async () => {
    const files = edit(sampleFiles(), 'forms/report.json', (x) => x.replace('"type": "textarea"', '"type": "htmlelement"')
      .replace('"validate": { "required": true }', '"validate": { "custom": "valid = process.exit()" }'));
    await refused(await zipOf(files), [{ code: 'FORM_INVALID', file: 'forms/report.json', message: /htmlelement/ }]);
  });

  it('a diagram with a script task', async () => {
    const files = edit(sampleFiles(), BPMN, (x) => x.replace('<bpmn:endEvent id="reviewed" name="审查完毕"/>',
      '<bpmn:scriptTask id="evil" name="脚本" scriptFormat="javascript"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask>\n<bpmn:endEvent id="reviewed" name="审查完毕"/>'));
    await refused(await zipOf(files), [{ code: 'SCRIPT_TASK', file: BPMN, element: 'evil', message: /JavaScript/ }]);
  });

  it('a diagram from another modeler with potentialOwner/resourceRef', async () => {
    const files = edit(sampleFiles(), BPMN, (x) => x
      .replace('<bpmn:process id=', '<bpmn:resource id="clerk" name="书记员"/>\n  <bpmn:process id=')
      .replace('<bpmn:documentation>测试办法 第六条</bpmn:documentation>',
        '<bpmn:documentation>测试办法 第六条</bpmn:documentation><bpmn:potentialOwner id="po1"><bpmn:resourceRef>clerk</bpmn:resourceRef></bpmn:potentialOwner>'));
    await refused(await zipOf(files), [{ code: 'POTENTIAL_OWNER_REF', file: BPMN, element: 'reviewReport', message: /potentialOwner/ }]);
  });

  it('a user task and a timer without their article', async () => {
    const files = edit(sampleFiles(), BPMN, (x) => x.replaceAll('<bpmn:documentation>测试办法 第四条</bpmn:documentation>', ''));
    await refused(await zipOf(files), [
      { code: 'MISSING_BASIS', file: BPMN, element: 'reportInWriting', message: /用户任务「书面报告」/ },
      { code: 'MISSING_BASIS', file: BPMN, element: 'reportWarning', message: /定时事件「报告预警」/ },
    ]);
  });

  it('not a zip, the wrong content type, an empty body', async () => {
    await refused(Buffer.from('这不是 zip 文件'), [{ code: 'ZIP_INVALID' }]);
    expect((await s.admin.upload('/api/packages', await zipOf(sampleFiles()), 'text/plain')).status).toBe(415);
    expect((await s.admin.upload('/api/packages', Buffer.alloc(0))).status).toBe(400);
  });
});
