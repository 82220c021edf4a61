// bpmn-moddle ships no types; only what validate.ts and source.ts use is declared.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    id?: string;
    $parent?: ModdleElement;
    $attrs?: Record<string, string>;
    [key: string]: unknown;
  }
  export type Definitions = ModdleElement;
  export type BaseElement = ModdleElement;
  export interface FromXmlResult {
    rootElement: ModdleElement;
    elementsById: Record<string, ModdleElement>;
    references: unknown[];
    warnings: { message: string; element?: ModdleElement; error?: Error }[];
  }
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
  }
}
