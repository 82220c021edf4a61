// 条文依据: the article behind an element (its documentation, e.g. `海南办法 第四条`) and, beside
// it, the article's text from the package — so the administrator sees the rule they model.
import { TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { resolveCitations } from '../articles';
import type { DubanModelerConfig } from '../config';
import { html } from './html';
import { getDocumentation, setDocumentation, type Element } from './model';

export function BasisEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  return html`<${TextFieldEntry}
    element=${element}
    id=${id}
    translate=${useService('translate')}
    label="依据条文"
    description="如 海南办法 第四条；只有一个文件时可只写 第四条"
    getValue=${() => getDocumentation(element)}
    setValue=${(v: string | undefined) => setDocumentation({ modeling, bpmnFactory }, element, v ?? '')}
    debounce=${debounce}
  />`;
}

export function ClauseTextEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const config = useService<DubanModelerConfig>('config.duban');
  const text = getDocumentation(element);
  const clauses = resolveCitations(text, config.articles());
  const body = !text.trim()
    ? html`<p class="duban-muted">尚未写明条文。用户任务和定时器必须写明依据的条文，否则程序包无法导入。</p>`
    : !clauses.length
      ? html`<p class="duban-error">未能识别条号：请写作「第四条」或「海南办法 第四条」</p>`
      : clauses.map((c) => c.text
        ? html`<div class="duban-clause" data-test="clause-text">
            <div class="duban-clause-title">${c.document.title ? `《${c.document.title}》` : ''}${c.no}${c.clause ?? ''}</div>
            <div class="duban-clause-body">${c.text}</div>
          </div>`
        : html`<p class="duban-error">本程序包的条文中没有${c.document.id ? `「${c.document.id}」` : ''}${c.no}</p>`);
  return html`<div class="bio-properties-panel-entry duban-clauses" data-entry-id=${id}>${body}</div>`;
}
