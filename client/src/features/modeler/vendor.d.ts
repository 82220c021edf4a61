// The bpmn.io packages this feature uses ship JavaScript without types.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const CamundaPlatformPropertiesProviderModule: unknown;
  export function useService<T = any>(name: string, strict?: boolean): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}
declare module '@bpmn-io/properties-panel' {
  export const Group: unknown;
  export const TextFieldEntry: unknown;
  export const TextAreaEntry: unknown;
  export const SelectEntry: unknown;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isTextAreaEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props: unknown, ...children: unknown[]): unknown;
}
declare module '@bpmn-io/properties-panel/preact/hooks' {
  export function useState<T>(initial: T): [T, (v: T) => void];
  export function useEffect(fn: () => void | (() => void), deps?: unknown[]): void;
}
declare module 'camunda-bpmn-moddle/resources/camunda.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-token-simulation' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-token-simulation/lib/features/toggle-mode/modeler/ToggleMode' {
  const ToggleMode: { new (...args: unknown[]): { toggleMode(active?: boolean): void }; $inject: string[]; prototype: Record<string, unknown> };
  export default ToggleMode;
}
declare module 'bpmn-js-bpmnlint' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-i18n/translations/zn.js' {
  const translations: Record<string, string>;
  export default translations;
}
