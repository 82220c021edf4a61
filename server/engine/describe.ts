// The key and name of a diagram's executable process, read without a full parse (synchronous;
// call it on a diagram validateDefinition has accepted).
export interface DefinitionSummary {
  key: string;
  name?: string;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[2] ?? m[3]) : undefined;
}

function unescape(s: string | undefined): string | undefined {
  return s?.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function describeDefinition(xml: string): DefinitionSummary {
  const tags = xml.match(/<(?:[\w-]+:)?process\b[^>]*>/g) ?? [];
  const tag = tags.find((t) => attr(t, 'isExecutable') === 'true') ?? tags[0];
  const key = tag && attr(tag, 'id');
  if (!tag || !key) throw new Error('流程图中没有可执行流程（bpmn:process id）');
  const name = unescape(attr(tag, 'name'));
  return name ? { key, name } : { key };
}
