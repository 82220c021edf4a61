// Templates for properties-panel components, bound to the panel's own copy of preact (a second
// preact instance would break its hooks and contexts).
import htm from 'htm';
import { h } from '@bpmn-io/properties-panel/preact';

export const html = htm.bind(h as never) as (strings: TemplateStringsArray, ...values: unknown[]) => unknown;
