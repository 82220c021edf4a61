// What a task declares in the diagram (form key, assignment rule, due date, outputs, basis),
// read from the moddle element or the engine's behaviour (the same shape). Pure, so the
// browser modeler runs the same deploy checks (modelCheck.ts).
export interface OutputMapping {
  name: string;
  expression: string;
}

export interface TaskMeta {
  formKey?: string;
  candidateGroups?: string;
  assignee?: string;
  dueDate?: string;
  basis?: string;
  outputs: OutputMapping[];
}

type Behaviour = Record<string, unknown> | undefined;
interface Named { $type?: string; name?: string; value?: string; definition?: unknown; text?: string }

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The legal basis: the element's documentation text, e.g. "海南办法 第四条". */
export function readBasis(behaviour: Behaviour): string | undefined {
  const docs = (behaviour?.documentation ?? []) as Named[];
  const text = docs.map((d) => str(d.text)).filter(Boolean).join('\n');
  return text || undefined;
}

/** Output parameters with a plain body (Camunda Modeler "String or expression"). */
export function readOutputs(behaviour: Behaviour): OutputMapping[] {
  const values = ((behaviour?.extensionElements as { values?: Named[] } | undefined)?.values ?? []);
  const out: OutputMapping[] = [];
  for (const v of values) {
    if (v.$type !== 'camunda:InputOutput') continue;
    for (const p of ((v as { outputParameters?: Named[] }).outputParameters ?? [])) {
      out.push({ name: p.name ?? '', expression: str(p.value) ?? '' });
    }
  }
  return out;
}

/**
 * BPMN's own assignment (a diagram from another modeler): a potentialOwner / performer whose
 * resourceAssignmentExpression is the same FEEL as candidateGroups ({court, role, …}).
 */
export function readPerformer(behaviour: Behaviour): string | undefined {
  // The moddle element (deploy checks) or the engine's serialized form ({expression}).
  for (const r of (behaviour?.resources ?? []) as { expression?: string; resourceAssignmentExpression?: { expression?: { body?: string } } }[]) {
    const body = str(r.resourceAssignmentExpression?.expression?.body) ?? str(r.expression);
    if (body) return body;
  }
  return undefined;
}

export function readTaskMeta(behaviour: Behaviour): TaskMeta {
  return {
    formKey: str(behaviour?.formKey),
    candidateGroups: str(behaviour?.candidateGroups) ?? readPerformer(behaviour),
    assignee: str(behaviour?.assignee),
    dueDate: str(behaviour?.dueDate),
    basis: readBasis(behaviour),
    outputs: readOutputs(behaviour),
  };
}

