// 期限: the deadline in the notation people read (server/calendar/NOTATION.md), with a live
// preview from GET /api/deadline?notation= ("若今天起算，何时届满").
import { TextFieldEntry } from '@bpmn-io/properties-panel';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import { formatDue } from '../../../i18n/format';
import { displayNotation, labelsToNames } from '../../admin/workspace/dictionary';
import type { DeadlinePreview, DubanModelerConfig } from '../config';
import { html } from './html';
import { getDeadline, isType, setDeadline, type Element } from './model';

const EXAMPLES_TASK = ['5日', '5个工作日', '1个月', '20日 自 letterReceivedAt'];
const EXAMPLES_TIMER = ['5日', '届满前10日预警 6个月 自 filedAt', '逾期10天 20日 自 letterReceivedAt', '分时督办 中院'];

function Preview(props: { notation: string; config: DubanModelerConfig }) {
  const { notation, config } = props;
  const [state, setState] = useState<DeadlinePreview | null>(null);
  useEffect(() => {
    if (!notation.trim()) {
      setState(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      config.previewDeadline(notation).then((r) => live && setState(r), (e: Error) => live && setState({ error: e.message }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [notation]);
  if (!notation.trim()) return html`<span>写法如 5日、5个工作日、1个月、届满前10日预警 6个月 自 filedAt</span>`;
  if (!state) return html`<span class="duban-deadline-preview">正在计算……</span>`;
  if (state.error) return html`<span class="duban-deadline-preview duban-error" data-test="deadline-preview">${state.error}</span>`;
  if (state.formSet) return html`<span class="duban-deadline-preview" data-test="deadline-preview">写法正确；期间由表单填写，计时开始时取值，届满时间届时计算</span>`;
  return html`<span class="duban-deadline-preview" data-test="deadline-preview">
    若自现在起算：<b>${formatDue(state.due)}</b> 届满${state.provisional ? '（含未公布年份的节假日，结果暂定）' : ''}
    ${state.rule ? html`<br /><span class="duban-muted">${state.rule}</span>` : null}
  </span>`;
}

export function DeadlineEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  const config = useService<DubanModelerConfig>('config.duban');
  // Stored by variable name (the engine's), shown and typed by Chinese label (数据字典).
  const dictionary = config.dictionary?.() ?? [];
  const value = getDeadline(element);
  const set = (v: string | undefined) => setDeadline({ modeling, bpmnFactory }, element, labelsToNames(v ?? '', dictionary));
  const examples = (isType(element, 'bpmn:UserTask') ? EXAMPLES_TASK : EXAMPLES_TIMER).map((e) => displayNotation(e, dictionary));
  const description = html`<div>
    <${Preview} notation=${value} config=${config} />
    <div class="duban-examples">常用：${examples.map(
      (e) => html`<button type="button" class="duban-chip" data-test="deadline-example" onClick=${() => set(e)}>${e}</button>`,
    )}</div>
  </div>`;
  return html`<${TextFieldEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label=${isType(element, 'bpmn:UserTask') ? '办理期限' : '期限'}
    description=${description}
    getValue=${() => displayNotation(getDeadline(element), dictionary)}
    setValue=${set}
    debounce=${debounce}
  />`;
}
