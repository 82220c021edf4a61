// Signavio (and some other tools) export with the `camunda` prefix bound to a namespace of their
// own. bpmn-moddle resolves a prefix per document, so such a file's `camunda:` attributes would
// be read as unknown attributes of that foreign namespace, and on save the platform's
// camunda:formKey / dueDate … would clash with the foreign binding (bpmn-io/bpmn-js#1123-style
// prefix clashes). We rename the foreign prefix in the text before import: the foreign
// attributes survive under a free prefix, and `camunda` is free for the real namespace.
export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';

export interface PrefixFix {
  xml: string;
  /** The foreign namespace that was bound to `camunda`, when one was renamed. */
  renamed?: { uri: string; prefix: string };
}

export function renameForeignCamundaPrefix(xml: string): PrefixFix {
  const binding = /\sxmlns:camunda\s*=\s*(["'])([^"']*)\1/.exec(xml);
  if (!binding || binding[2] === CAMUNDA_NS) return { xml };
  const uri = binding[2];
  let prefix = 'foreign';
  for (let n = 2; new RegExp(`xmlns:${prefix}\\s*=`).test(xml); n++) prefix = `foreign${n}`;
  const out = xml
    .replace(/(\s)xmlns:camunda(\s*=)/g, `$1xmlns:${prefix}$2`)
    // element names (<camunda:x, </camunda:x) and attribute names ( camunda:x=)
    .replace(/(<\/?)camunda:/g, `$1${prefix}:`)
    .replace(/(\s)camunda:([\w.-]+\s*=)/g, `$1${prefix}:$2`);
  return { xml: out, renamed: { uri, prefix } };
}
