// 被调用的流程: a call activity calls another process of the same package (a child case of its
// own, server/calls/README.md) or a process of the same file (run inside the case). The panel
// lists both and opens the called process of the package in the modeler.
import { SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { DubanModelerConfig } from '../config';
import { html } from './html';
import { bo, type Element } from './model';

export function CalledProcessEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const config = useService<DubanModelerConfig>('config.duban');
  const definitions = useService('bpmnjs').getDefinitions();
  const inFile = (definitions?.rootElements ?? []).filter((r: { $type: string; isExecutable?: boolean }) => r.$type === 'bpmn:Process' && !r.isExecutable);
  const ofPackage = config.processes?.() ?? [];
  const current: string | undefined = bo(element).calledElement;
  const getOptions = () => {
    const options = [
      { value: '', label: '（请选择）' },
      ...ofPackage.map((p) => ({ value: p.key, label: `${p.title}（${p.key}）` })),
      ...inFile.map((p: { id: string; name?: string }) => ({ value: p.id, label: `${p.name ?? p.id}（${p.id}，本文件）` })),
    ];
    if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: `${current}（不在本程序包中）` });
    return options;
  };
  const description = current && config.openProcess && ofPackage.some((p) => p.key === current)
    ? html`<a href="#" class="duban-link" data-test="open-called-process" onClick=${(e: Event) => {
      e.preventDefault();
      config.openProcess!(current);
    }}>打开被调用的流程</a>`
    : '被调用的流程作为下级案件单独办理，结果经输出映射带回；失败时走本活动的错误边界事件';
  return html`<${SelectEntry}
    element=${element}
    id=${id}
    label="被调用的流程"
    description=${description}
    getValue=${() => bo(element).calledElement ?? ''}
    setValue=${(v: string) => modeling.updateProperties(element, { calledElement: v || undefined })}
    getOptions=${getOptions}
    translate=${translate}
  />`;
}
