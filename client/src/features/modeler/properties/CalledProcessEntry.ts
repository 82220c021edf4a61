// 被调用的流程: a call activity calls a process of the same file (bpmn-engine resolves call
// activities only within one definitions file), chosen from those processes.
import { SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { html } from './html';
import { bo, type Element } from './model';

export function CalledProcessEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const definitions = useService('bpmnjs').getDefinitions();
  const processes = (definitions?.rootElements ?? []).filter((r: { $type: string }) => r.$type === 'bpmn:Process');
  const getOptions = () => {
    const options = [
      { value: '', label: '（请选择）' },
      ...processes.map((p: { id: string; name?: string }) => ({ value: p.id, label: p.name ? `${p.name}（${p.id}）` : p.id })),
    ];
    const current = bo(element).calledElement;
    if (current && !processes.some((p: { id: string }) => p.id === current)) options.push({ value: current, label: `${current}（不在本文件中）` });
    return options;
  };
  return html`<${SelectEntry}
    element=${element}
    id=${id}
    label="被调用的流程"
    description="只能调用同一流程图文件中的流程；被调用的流程不勾选「可执行」"
    getValue=${() => bo(element).calledElement ?? ''}
    setValue=${(v: string) => modeling.updateProperties(element, { calledElement: v || undefined })}
    getOptions=${getOptions}
    translate=${translate}
  />`;
}
