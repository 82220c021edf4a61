// 名称: the element's name (a text annotation's text), as bpmn-js-properties-panel's own entry but
// with the translate service handed to the text area, whose pop-up button is otherwise English.
import { TextAreaEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { html } from './html';
import { bo, isType, type Element } from './model';

export function NameEntry(props: { element: Element; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  const translate = useService('translate');
  const annotation = isType(element, 'bpmn:TextAnnotation');
  return html`<${TextAreaEntry}
    element=${element}
    id=${id}
    label=${annotation ? '文本' : '名称'}
    getValue=${() => (annotation ? bo(element).text : bo(element).name)}
    setValue=${(v: string | undefined) => modeling.updateProperties(element, annotation ? { text: v } : { name: v })}
    debounce=${debounce}
    translate=${translate}
    autoResize
  />`;
}
