// 签发文书: the official documents (督办函 …) the package's manifest binds to this element, with
// the template file and the 文号 pattern. Read-only here: the binding lives in manifest.json
// (`documents`), not in the BPMN, and templates are revised through the documents API
// (server/documents/README.md), so the diagram a province edits stays the engine's alone.
import { useService } from 'bpmn-js-properties-panel';
import type { DubanModelerConfig } from '../config';
import { html } from './html';
import { isType, type Element } from './model';

/** Elements that can issue a document: a user task (on completion), an intermediate or end event (when reached). */
export const issuesDocuments = (el: Element) =>
  isType(el, 'bpmn:UserTask') || isType(el, 'bpmn:IntermediateThrowEvent') || isType(el, 'bpmn:EndEvent');

export function DocumentsEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const config = useService<DubanModelerConfig>('config.duban');
  const bound = config.documents?.(element.id) ?? [];
  const when = isType(element, 'bpmn:UserTask') ? '办结本任务时' : '流程到达本事件时';
  const body = !bound.length
    ? html`<p class="duban-muted">本元素不签发文书。文书在程序包 manifest.json 的 documents 中绑定到元素。</p>`
    : bound.map((d) => html`<div class="duban-clause" data-test="bound-document">
        <div class="duban-clause-title">${d.name}</div>
        <div class="duban-clause-body">${when}生成，文号格式 ${d.numbering}；模板 templates/${d.template}。
          模板修订：流程管理员下载后在 Word / WPS 中修改，再上传为新版本（已签发的文书不受影响）。
          <a href=${`/api/documents/templates/${encodeURIComponent(config.packageId)}/${encodeURIComponent(d.kind)}/file`} target="_blank" rel="noopener">下载现行模板</a></div>
      </div>`);
  return html`<div class="bio-properties-panel-entry duban-clauses" data-entry-id=${id}>${body}</div>`;
}
