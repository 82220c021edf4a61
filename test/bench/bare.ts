// The bare-library baseline: plain bpmn-engine on the same diagram, in the same process and
// run. Two differences are forced on it: bpmn-elements cannot read the calendar notation, so
// the two timers get ISO durations (P3D, P5D), and its conditions are not FEEL (a bare string
// is truthy), so a signalled report takes the 已执结 flow — the same path the platform takes.
import { EventEmitter } from 'node:events';
import * as Elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import serializer, { TypeResolver, deserialize } from 'moddle-context-serializer';
import { fixture } from './lib';

type State = { definitions: Record<string, unknown>[] } & Record<string, unknown>;
interface Api { executionId: string; signal(payload?: unknown): void }
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
  /** recover → resume → signal the waiting task → end; the state carries the diagram. */
  signalPlain(): Promise<unknown>;
  /** The same with the parsed diagram reused and the state without it (as the platform saves it). */
  signalCached(): Promise<unknown>;
}

export async function bareEngine(): Promise<Bare> {
  const xml = (await fixture('report-supervision.bpmn')).replace('届满前2日预警 5日', 'P3D').replace('>5日<', '>P5D<');
  const resolver = TypeResolver(Elements as never);
  const serialized = serializer((await new BpmnModdle({ camunda }).fromXML(xml)) as never, resolver).serialize();
  const context = () => deserialize(JSON.parse(serialized), resolver);

  async function start(cached: boolean): Promise<State> {
    const engine = newEngine(cached ? { sourceContext: context() } : { source: xml });
    const listener = new EventEmitter();
    const waiting = new Promise((resolve) => listener.once('wait', resolve));
    await engine.execute({ listener });
    await waiting;
    // Dropped, not stopped, exactly as the platform does once the state is taken (session.ts).
    return engine.getState();
  }
  async function signal(state: State, cached: boolean): Promise<void> {
    const engine = newEngine(cached ? { sourceContext: context() } : {});
    const listener = new EventEmitter();
    const waiting = new Promise<Api>((resolve) => listener.once('wait', resolve));
    engine.recover(JSON.parse(JSON.stringify(state)));
    await engine.resume({ listener });
    const api = await waiting;
    const ended = new Promise((resolve) => engine.once('end', resolve));
    api.signal({ result: '已执结' });
    await ended;
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
