// The 立案 declarations of a package (manifest.startForms), checked at import on the shipped
// Hainan package: accepted as shipped, and each way a declaration can be wrong refused in Chinese.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import type { PackageFiles } from '../../../server/packages';
import { collectShipped } from '../../../server/packages/installShipped';
import { validatePackage } from '../../../server/packages/validatePackage';
import { edit, editJson } from './fixtures/harness';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const forms = new FormsService({} as never);
const validate = (files: PackageFiles) => validatePackage({ files }, {
  forms: { checkSchema: (s) => forms.checkSchema(s), latest: async () => null },
  provinceOf: async () => undefined,
  processOwner: async () => undefined,
});
const hainan = async () => (await collectShipped(ROOT, 'hainan')).files;

describe('manifest.startForms', () => {
  it('the shipped Hainan package declares a start form for each of its four processes, and passes', async () => {
    const r = await validate(await hainan());
    expect(r.problems).toEqual([]);
    expect(r.pkg!.manifest.startForms!.map((s) => [s.process, s.form])).toEqual([
      ['hainanSupervision', 'hainan/startSupervision'],
      ['hainanTimeSharedSupervision', 'hainan/startTimeShared'],
      ['hainanOnlineAssignment', 'hainan/startOnlineAssignment'],
      ['hainanPeriodicNotice', 'hainan/startPeriodicNotice'],
    ]);
  });

  it('refuses unknown processes and forms, duplicates, missing or optional data fields', async () => {
    const files = editJson(await hainan(), 'manifest.json', (m) => {
      m.startForms[0].data.push('noSuchField', 'complainant');
      m.startForms[1].process = 'hainanSupervision';
      m.startForms[2].form = 'hainan/noSuchForm';
      m.startForms.push({ process: 'nowhere', form: 'startSupervision', title: '错误', starters: { levels: ['高院'], roles: ['承办人'] }, data: [] });
    });
    const r = await validate(files);
    const messages = r.problems.map((p) => `${p.field}：${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      'startForms[0].data：立案表单「受理涉执申诉信访（督办）」：立案数据「noSuchField」在表单「hainan/startSupervision」中没有对应字段',
      'startForms[0].data：立案表单「受理涉执申诉信访（督办）」：立案数据「信访人」（complainant）在表单中应为必填',
      'startForms[1].process：立案表单「执行指挥平台督办事项（分时督办）」：流程「hainanSupervision」已声明过立案表单（每个流程一个）',
      'startForms[2].form：立案表单「最高人民法院挂网交办」：表单「hainan/noSuchForm」不在本包的 forms 中',
      'startForms[4].process：立案表单「错误」：流程「nowhere」不在本包的 processes 中',
    ]));
    expect(r.pkg).toBeUndefined();
  });

  it('refuses court levels and roles the platform does not know', async () => {
    const files = editJson(await hainan(), 'manifest.json', (m) => {
      m.startForms[3].starters = { levels: ['省院'], roles: ['书记员'] };
      m.startForms[3].supervised = 'all';
    });
    const r = await validate(files);
    expect(r.problems.map((p) => p.message)).toEqual([
      'manifest.json 的 startForms[3].starters.levels[0]：法院层级应为 最高、高院、中院、基层、专门 之一',
      'manifest.json 的 startForms[3].starters.roles[0]：角色应为 系统管理员、流程管理员、承办人、审查人员、审批人、院领导、督察 之一',
      expect.stringContaining('manifest.json 的 startForms[3].supervised'),
    ]);
  });

  it('refuses a start form with an attachment or a prefilled field: neither can exist before the case', async () => {
    const files = edit(await hainan(), 'forms/startOnlineAssignment.json', (s) => {
      const f = JSON.parse(s);
      f.components.splice(1, 0, { type: 'file', key: 'materials', label: '交办材料', input: true, storage: 'url', url: '/api/attachments' },
        { type: 'textfield', key: 'caseNo', label: '督办案号', input: true, disabled: true, properties: { prefill: 'caseNo' } });
      return JSON.stringify(f);
    });
    const r = await validate(files);
    expect(r.problems.map((p) => p.message)).toEqual([
      '立案表单「最高人民法院挂网交办」：字段「交办材料」（materials）是附件：附件属于案件，立案时案件尚不存在，请在第一个办理环节上传',
      '立案表单「最高人民法院挂网交办」：字段「督办案号」（caseNo）预填案件数据：立案时案件尚不存在',
    ]);
  });
});
