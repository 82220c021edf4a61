// Call activities to a process of another file of the same package (callSpec.ts, server/calls).
// The engine only says what the case calls and takes the outcome back: when the call starts it
// evaluates the input mappings and emits `childRequested {callId, process, input}`; it then waits
// like a message catch (name `call:<process>`, key = its executionId, stable across recover).
// `deliverMessage` with the child's outcome {caseId, caseNo, outcome, variables | error} either
// applies the output mappings and goes on, or — the child failed — throws a BPMN error on the call
// (code `error.code`, default CALL_FAILED) for an error boundary event to catch; a call without an
// error boundary goes on with `<callId>.outcome = "failed"` for a gateway to read.
import { evaluate, fromFeel } from './feel';
import { callMessageName, readCallSpec } from './callSpec';
import type { MessageWaitRecord } from './messages';
import type { Runtime } from './runtime';
import type { SourceContext } from './source';

interface CallApi {
  id: string;
  executionId: string;
  content: { isRecovered?: boolean; dubanMessage?: unknown; [k: string]: unknown };
  owner: { behaviour?: Record<string, unknown>; name?: string; type?: string };
  signal(payload?: unknown): void;
  sendApiMessage(action: string, content?: unknown, options?: unknown): void;
}

export interface ChildOutcome {
  caseId: string;
  caseNo: string;
  outcome: 'completed' | 'failed';
  variables?: Record<string, unknown>;
  error?: { code?: string; name?: string; message?: string };
}

/** Registers a call as a wait (true) unless bpmn-engine runs the called process itself (same file). */
export function callWait(api: CallApi, source: SourceContext, rt: Runtime): boolean {
  const spec = readCallSpec(api.owner.behaviour);
  if (!spec.calledElement || source.getProcesses().some((p) => p.id === spec.calledElement)) return false;
  const record: MessageWaitRecord = { name: callMessageName(spec.calledElement), key: api.executionId, since: rt.at };
  api.content.dubanMessage = record;
  if (api.content.isRecovered) return true;
  const input: Record<string, unknown> = {};
  try {
    for (const m of spec.inputs) {
      input[m.target] = fromFeel(evaluate(m.expression ?? m.source!, rt.variables, { now: rt.now, courts: rt.courts }).value) ?? null;
    }
  } catch (err) {
    rt.failures.push({ element: api.id, error: err });
    return true;
  }
  rt.emit('childRequested', api.id, { callId: api.executionId, process: spec.calledElement, input, ...(api.owner.name ? { name: api.owner.name } : {}) });
  rt.emit('messageWaiting', api.id, { waitId: api.executionId, name: record.name, key: record.key });
  return true;
}

export function isCall(api: { owner: { type?: string } }): boolean {
  return api.owner.type === 'bpmn:CallActivity';
}

function hasErrorBoundary(source: SourceContext, callId: string): boolean {
  return source.getActivities().some((a) => {
    const b = a.behaviour as { attachedTo?: { id?: string }; eventDefinitions?: { type?: string }[] } | undefined;
    return a.type === 'bpmn:BoundaryEvent' && b?.attachedTo?.id === callId && !!b.eventDefinitions?.some((d) => d.type === 'bpmn:ErrorEventDefinition');
  });
}

/** The child's outcome reaches the waiting call. */
export function deliverOutcome(api: CallApi, source: SourceContext, rt: Runtime, outcome: ChildOutcome): void {
  const ref = { caseId: outcome.caseId, caseNo: outcome.caseNo, outcome: outcome.outcome };
  rt.variables[api.id] = outcome.outcome === 'failed' ? { ...ref, error: outcome.error ?? null } : ref;
  if (outcome.outcome === 'failed') {
    rt.emit('childFailed', api.id, { callId: api.executionId, ...ref, error: outcome.error ?? null });
    if (hasErrorBoundary(source, api.id)) {
      const code = outcome.error?.code || 'CALL_FAILED';
      api.sendApiMessage('error', { message: outcome.error?.message ?? `被调用流程的案件 ${outcome.caseNo} 未能完成`, code, name: outcome.error?.name ?? code });
      return;
    }
    api.signal({ outcome: 'failed' });
    return;
  }
  const vars = outcome.variables ?? {};
  for (const m of readCallSpec(api.owner.behaviour).outputs) {
    rt.variables[m.target] = m.source !== undefined
      ? (vars[m.source] === undefined ? null : JSON.parse(JSON.stringify(vars[m.source])))
      : fromFeel(evaluate(m.expression!, vars, { now: rt.now, courts: rt.courts }).value) ?? null;
  }
  rt.emit('childCompleted', api.id, { callId: api.executionId, ...ref });
  api.signal({ outcome: 'completed' });
}
