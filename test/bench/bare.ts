// The bare-library baseline: plain bpmn-engine on the same shipped diagram, in the same process
// and run. Two differences are forced on it: bpmn-elements cannot read the calendar notation
// ("5日 自 …"), so every timer gets an ISO duration (P10D), and its conditions are not FEEL
// (a bare string is truthy: a gateway takes its first flow), so its path after a gateway may
// differ from the platform's — one step is still one user task signalled through to the next wait.
import { EventEmitter } from 'node:events';
import * as Elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import serializer, { TypeResolver, deserialize } from 'moddle-context-serializer';

type State = { definitions: Record<string, unknown>[] } & Record<string, unknown>;
interface Api { executionId: string; type: string; signal(payload?: unknown): void }
interface BareEngine {
  state: string;
  execute(o: unknown): Promise<unknown>;
  recover(s: unknown): unknown;
  resume(o: unknown): Promise<unknown>;
  getState(): Promise<State>;
  stop(): Promise<unknown>;
  once(e: string, f: (...a: unknown[]) => void): void;
}
const newEngine = (opts: Record<string, unknown>) =>
  new Engine({ name: 'bare', moddleOptions: { camunda }, ...opts } as never) as unknown as BareEngine;

export interface Bare {
  /** start → wait → getState, the diagram parsed from XML each time (plain use). */
  startPlain(): Promise<unknown>;
  /** The same with the parsed diagram reused (what the platform's source cache does). */
  startCached(): Promise<unknown>;
  /** recover → resume → signal the waiting task → next wait (or end); the state carries the diagram. */
  signalPlain(): Promise<unknown>;
  /** The same with the parsed diagram reused and the state without it (as the platform saves it). */
  signalCached(): Promise<unknown>;
}

/** ISO durations for the platform's calendar notation (below 2^31 ms: Node would fire at once). */
export const withIsoTimers = (xml: string) =>
  xml.replace(/(<bpmn:time(?:Duration|Date|Cycle)\b[^>]*>)[^<]*(<\/bpmn:time)/g, '$1P10D$2');

export async function bareEngine(sourceXml: string, payload: Record<string, unknown>): Promise<Bare> {
  const xml = withIsoTimers(sourceXml);
  const resolver = TypeResolver(Elements as never);
  const serialized = serializer((await new BpmnModdle({ camunda }).fromXML(xml)) as never, resolver).serialize();
  const context = () => deserialize(JSON.parse(serialized), resolver);
  const userTaskWait = (listener: EventEmitter) =>
    new Promise<Api>((resolve) => {
      const on = (api: Api) => {
        if (api.type !== 'bpmn:UserTask') return;
        listener.off('wait', on);
        resolve(api);
      };
      listener.on('wait', on);
    });

  async function start(cached: boolean): Promise<State> {
    const engine = newEngine(cached ? { sourceContext: context() } : { source: xml });
    const listener = new EventEmitter();
    const waiting = userTaskWait(listener);
    await engine.execute({ listener });
    await waiting;
    // Dropped, not stopped, exactly as the platform does once the state is taken (session.ts).
    return engine.getState();
  }
  async function signal(state: State, cached: boolean): Promise<void> {
    const engine = newEngine(cached ? { sourceContext: context() } : {});
    const listener = new EventEmitter();
    const waiting = userTaskWait(listener);
    engine.recover(JSON.parse(JSON.stringify(state)));
    await engine.resume({ listener });
    const api = await waiting;
    // The step ends at the next user task's wait, or at the end of the process.
    const next = new Promise((resolve) => {
      userTaskWait(listener).then(resolve);
      engine.once('end', resolve);
    });
    api.signal(payload);
    await next;
  }

  const full = await start(false); // as bpmn-engine saves it: with the serialized diagram
  const lean = { ...full, definitions: full.definitions.map(({ source: _s, ...d }) => d) };
  return {
    startPlain: () => start(false),
    startCached: () => start(true),
    signalPlain: () => signal(full, false),
    signalCached: () => signal(lean, true),
  };
}
