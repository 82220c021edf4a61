// 流转条件: a FEEL condition on a sequence flow leaving a gateway (never `language=`, never ${…}).
import { TextAreaEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { html } from './html';
import { getCondition, setCondition, type Element } from './model';

const validate = (v: string | undefined) =>
  v && /\$\{/.test(v) ? '请直接写 FEEL，不要写 ${…}（平台不执行 ${} 表达式）' : undefined;

export function ConditionEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  return html`<${TextAreaEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label="流转条件（表达式）"
    description='FEEL 表达式，例：reviewComplaint.decision = "督办"；默认流不需要条件'
    getValue=${() => getCondition(element)}
    setValue=${(v: string | undefined) => setCondition({ modeling, bpmnFactory }, element, v ?? '')}
    validate=${validate}
    debounce=${debounce}
    rows=${2}
    monospace
  />`;
}
