// Import validation of the sample package and of each way a package can be wrong: every
// problem comes back at once, in Chinese, naming the file and (where there is one) the element.
import { describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import type { PackageFiles } from '../../../server/packages';
import { validatePackage, type ValidationContext } from '../../../server/packages/validatePackage';
import { edit, editJson, sampleFiles } from './fixtures/harness';

const forms = new FormsService({} as never);
const ctx = (over: Partial<ValidationContext> = {}): ValidationContext => ({
  forms: { checkSchema: (s) => forms.checkSchema(s), latest: async () => null },
  provinceOf: async () => undefined,
  processOwner: async () => undefined,
  ...over,
});
const validate = (files: PackageFiles, over?: Partial<ValidationContext>, dirs: string[] = []) => validatePackage({ files, dirs }, ctx(over));
const BPMN = 'processes/report.bpmn';

describe('validatePackage', () => {
  it('accepts the sample package: manifest, articles, one diagram, two forms', async () => {
    const r = await validate(sampleFiles());
    expect(r.problems).toEqual([]);
    expect(r.pkg!.manifest.id).toBe('sample');
    expect(r.pkg!.diagrams.map((d) => d.key)).toEqual(['sampleReport']);
    expect(r.pkg!.forms.map((f) => f.key).sort()).toEqual(['sample/report', 'sample/review']);
  });

  it('accepts form names without the package id in the manifest', async () => {
    const r = await validate(editJson(sampleFiles(), 'manifest.json', (m) => { m.forms = ['report', 'sample/review']; }));
    expect(r.problems).toEqual([]);
    expect(r.pkg!.manifest.forms).toEqual(['sample/report', 'sample/review']);
  });

  it('reports every problem of a broken package at once, each in Chinese with its file', async () => {
    let files = editJson(sampleFiles(), 'manifest.json', (m) => {
      m.forms.push('sample/missing');
      m.parameters.push({ ...m.parameters[0] }); // duplicate id and element
      m.processes[0].title = '';
      m.extra = 1;
    });
    files = edit(files, 'forms/review.json', (s) => s.replace('"type": "radio"', '"type": "script"'));
    files.set('README.txt', Buffer.from('hello'));
    const r = await validate(files);
    expect(r.pkg).toBeUndefined();
    const byCode = (c: string) => r.problems.filter((p) => p.code === c);
    expect(byCode('MISSING_FILE')[0]).toMatchObject({ file: 'manifest.json', field: 'forms[2]' });
    expect(byCode('DUPLICATE_PARAMETER').length).toBeGreaterThan(0);
    expect(byCode('SCHEMA').map((p) => p.field)).toContain('processes[0].title');
    expect(byCode('SCHEMA').map((p) => p.message)).toContain('manifest.json：未知字段：extra');
    expect(byCode('UNKNOWN_FILE')[0]).toMatchObject({ file: 'README.txt' });
    expect(byCode('FORM_INVALID')[0]).toMatchObject({ file: 'forms/review.json', field: 'decision' });
    for (const p of r.problems) expect(p.message, JSON.stringify(p)).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses a diagram with a DOCTYPE/ENTITY before parsing it', async () => {
    const files = edit(sampleFiles(), BPMN, (s) => s.replace('<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>').replace('name="书面报告"', 'name="&x;"'));
    const r = await validate(files);
    expect(r.problems).toEqual([expect.objectContaining({ file: BPMN, code: 'XML_DOCTYPE', line: 2 })]);
    expect(r.problems[0].message).toContain('DOCTYPE');
  });

  it('refuses a script task, naming the element and its line', async () => {
    const files = edit(sampleFiles(), BPMN, (s) => s.replace('<bpmn:endEvent id="reviewed" name="审查完毕"/>',
      '<bpmn:scriptTask id="evil" name="脚本"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask>\n<bpmn:endEvent id="reviewed" name="审查完毕"/>'));
    const r = await validate(files);
    const p = r.problems.find((x) => x.element === 'evil');
    expect(p).toMatchObject({ file: BPMN, element: 'evil' });
    expect(p!.line).toBeGreaterThan(1);
    expect(p!.message).toMatch(/脚本任务/);
  });

  it('reports a diagram from another modeler (potentialOwner/resourceRef) instead of crashing', async () => {
    const files = edit(sampleFiles(), BPMN, (s) => s
      .replace('<bpmn:process id=', '<bpmn:resource id="clerk" name="书记员"/>\n  <bpmn:process id=')
      .replace('<bpmn:documentation>测试办法 第六条</bpmn:documentation>',
        '<bpmn:documentation>测试办法 第六条</bpmn:documentation><bpmn:potentialOwner id="po1"><bpmn:resourceRef>clerk</bpmn:resourceRef></bpmn:potentialOwner>'));
    const r = await validate(files);
    expect(r.problems).toEqual([expect.objectContaining({ file: BPMN, element: 'reviewReport', code: 'POTENTIAL_OWNER_REF' })]);
    expect(r.problems[0].message).toMatch(/potentialOwner.*candidateGroups/);
  });

  it('requires the article on every user task and timer, and that it exists', async () => {
    const files = edit(sampleFiles(), BPMN, (s) => s
      .replace('<bpmn:documentation>测试办法 第六条</bpmn:documentation>', '')
      .replace('<bpmn:documentation>测试办法 第五条</bpmn:documentation>\n      <bpmn:timerEventDefinition', '<bpmn:documentation>测试办法 第九十九条</bpmn:documentation>\n      <bpmn:timerEventDefinition'));
    const r = await validate(files);
    expect(r.problems.find((p) => p.code === 'MISSING_BASIS')).toMatchObject({ file: BPMN, element: 'reviewReport' });
    expect(r.problems.find((p) => p.code === 'UNKNOWN_ARTICLE')).toMatchObject({ file: BPMN, element: 'reportOverdue' });
  });

  it('requires a parameter for every deadline, repeating the notation on its element', async () => {
    const files = editJson(sampleFiles(), 'manifest.json', (m) => {
      m.parameters = m.parameters.filter((p: any) => p.id !== 'reportWarning');
      m.parameters[0].value = '7日';
      m.parameters.push({ id: 'ghost', label: '不存在', element: 'noSuchElement', value: '1日', basis: '第一条' });
    });
    const r = await validate(files);
    expect(r.problems.find((p) => p.code === 'MISSING_PARAMETER')).toMatchObject({ file: BPMN, element: 'reportWarning' });
    expect(r.problems.find((p) => p.code === 'PARAMETER_MISMATCH')).toMatchObject({ file: 'manifest.json', element: 'reportInWriting' });
    expect(r.problems.find((p) => p.code === 'PARAMETER_ELEMENT')!.message).toContain('noSuchElement');
  });

  it('refuses an id of another province, a process key of another package, a form of another package', async () => {
    const files = editJson(sampleFiles(), 'manifest.json', (m) => { m.forms[1] = 'other/review'; });
    const r = await validate(files, { provinceOf: async () => '海南省', processOwner: async () => 'hainan' });
    expect(r.problems.find((p) => p.code === 'DUPLICATE_ID')!.message).toContain('海南省');
    expect(r.problems.find((p) => p.code === 'PROCESS_OWNED')).toMatchObject({ file: BPMN, element: 'sampleReport' });
    expect(r.problems.find((p) => p.code === 'FORM_NAMESPACE')).toMatchObject({ field: 'forms[1]' });
  });

  it('refuses a diagram the manifest does not list and a listed diagram that is missing', async () => {
    const files = new Map(sampleFiles());
    files.set('processes/other.bpmn', files.get(BPMN)!);
    files.delete(BPMN);
    const r = await validate(files, {}, ['processes/', 'docs/']);
    expect(r.problems.map((p) => [p.code, p.file])).toEqual(expect.arrayContaining([
      ['UNLISTED_FILE', 'processes/other.bpmn'], ['MISSING_FILE', 'manifest.json'], ['UNKNOWN_FILE', 'docs/'],
    ]));
  });

  it('says so when the zip holds the folder rather than its contents', async () => {
    const files = new Map([...sampleFiles()].map(([p, d]) => [`sample/${p}`, d]));
    const r = await validate(files);
    expect(r.problems[0]).toMatchObject({ code: 'NESTED_FOLDER', file: 'sample/manifest.json' });
    expect(r.problems[0].message).toContain('根目录');
  });
});
