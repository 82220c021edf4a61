// 表单: a user task's form, chosen from the package's forms (camunda:formKey `<package>/<form>`).
import { SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { DubanModelerConfig } from '../config';
import { html } from './html';
import { getFormKey, setFormKey, type Element } from './model';

export function FormEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const config = useService<DubanModelerConfig>('config.duban');
  const current = getFormKey(element);
  const getOptions = () => {
    const forms = config.forms();
    const options = [{ value: '', label: '（请选择表单）' }, ...forms.map((f) => ({ value: f.key, label: `${f.title}（${f.key}）` }))];
    if (current && !forms.some((f) => f.key === current)) options.push({ value: current, label: `${current}（不在本程序包中）` });
    return options;
  };
  const description = current && config.openForm
    ? html`<a href="#" class="duban-link" data-test="open-form" onClick=${(e: Event) => {
      e.preventDefault();
      config.openForm!(current);
    }}>设计此表单</a>`
    : config.forms().length ? '承办人办理此任务时填写的表单' : '本程序包还没有表单：请先在程序包中新建表单';
  return html`<${SelectEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label="表单"
    description=${description}
    getValue=${() => getFormKey(element)}
    setValue=${(v: string) => setFormKey({ modeling, bpmnFactory }, element, v)}
    getOptions=${getOptions}
  />`;
}
