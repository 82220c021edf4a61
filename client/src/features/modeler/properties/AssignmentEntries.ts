// 分派: who does a user task. Court + role (camunda:candidateGroups, FEEL giving {court, role})
// picked from the courts and roles, or one user (camunda:assignee, FEEL giving a username);
// the FEEL itself stays editable for anything the pickers cannot say.
import { SelectEntry, TextAreaEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { DubanModelerConfig } from '../config';
import { html } from './html';
import {
  courtRoleFeel, getAssignment, getAssignmentMode, parseCourtRole, setAssignment,
  type AssignmentMode, type Element,
} from './model';

const DEFAULT_GROUPS = courtRoleFeel('supervisedCourt', '承办人');

function useModel() {
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const config = useService<DubanModelerConfig>('config.duban');
  return { s: { modeling, bpmnFactory }, config };
}

export function AssignmentModeEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const { s } = useModel();
  return html`<${SelectEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label="分派方式"
    getValue=${() => getAssignmentMode(element)}
    setValue=${(mode: AssignmentMode) => setAssignment(s, element, mode, mode === 'groups' ? DEFAULT_GROUPS : '')}
    getOptions=${() => [
      { value: 'groups', label: '按法院和角色分派' },
      { value: 'assignee', label: '分派给一名用户' },
    ]}
  />`;
}

export function AssignmentCourtEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const { s, config } = useModel();
  const parsed = () => parseCourtRole(getAssignment(element));
  const getOptions = () => {
    const options = [
      { value: 'supervisedCourt', label: '被督办法院（案件的下级法院）' },
      { value: 'supervisingCourt', label: '督办法院（案件的上级法院）' },
      ...config.courts().map((c) => ({ value: `"${c.code}"`, label: `${c.name}` })),
    ];
    const p = parsed();
    if (!p) options.unshift({ value: '', label: getAssignment(element).trim() ? '（自定义规则，见下方 FEEL）' : '（请选择）' });
    else if (!options.some((o) => o.value === p.court)) options.push({ value: p.court, label: `表达式 ${p.court}` });
    return options;
  };
  return html`<${SelectEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label="承办法院"
    getValue=${() => parsed()?.court ?? ''}
    setValue=${(court: string) => court && setAssignment(s, element, 'groups', courtRoleFeel(court, parsed()?.role ?? '承办人'))}
    getOptions=${getOptions}
  />`;
}

export function AssignmentRoleEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const { s, config } = useModel();
  const parsed = () => parseCourtRole(getAssignment(element));
  const getOptions = () => {
    const p = parsed();
    const options = config.roles.map((r) => ({ value: r, label: r }));
    if (!p) options.unshift({ value: '', label: getAssignment(element).trim() ? '（自定义规则，见下方 FEEL）' : '（请选择）' });
    else if (!config.roles.includes(p.role)) options.push({ value: p.role, label: p.role });
    return options;
  };
  return html`<${SelectEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label="角色"
    getValue=${() => parsed()?.role ?? ''}
    setValue=${(role: string) => role && setAssignment(s, element, 'groups', courtRoleFeel(parsed()?.court ?? 'supervisedCourt', role))}
    getOptions=${getOptions}
  />`;
}

export function AssignmentRuleEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const { s } = useModel();
  const debounce = useService('debounceInput');
  const mode = getAssignmentMode(element);
  return html`<${TextAreaEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label=${mode === 'groups' ? '分派规则（表达式）' : '分派规则（表达式，得到用户名）'}
    description=${mode === 'groups'
      ? 'FEEL 表达式，得到 {court, role}，例：{court: supervisedCourt, role: "承办人"}；法院可写 supervisedCourt、supervisingCourt 或带引号的法院代码'
      : 'FEEL 表达式，例：reviewComplaint.handler（取表单中填写的用户名）或 "hi-gy-chengban"'}
    getValue=${() => getAssignment(element)}
    setValue=${(v: string | undefined) => setAssignment(s, element, mode, v ?? '')}
    debounce=${debounce}
    rows=${2}
    monospace
  />`;
}
