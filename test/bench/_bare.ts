import { readFileSync } from 'node:fs';
import { Engine } from 'bpmn-engine';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { EventEmitter } from 'node:events';
let xml = readFileSync('test/bench/fixtures/report-supervision.bpmn', 'utf8');
xml = xml.replace('届满前2日预警 5日', 'P3D').replace('>5日<', '>P5D<');
async function startOne() {
  const engine = new Engine({ name: 'b', source: xml, moddleOptions: { camunda } } as any);
  const listener = new EventEmitter();
  const waited = new Promise<any>((r) => listener.once('wait', r));
  await engine.execute({ listener });
  const api = await waited;
  const state = await engine.getState();
  await engine.stop();
  return { state, id: api.executionId };
}
async function signalOne(state: any, id: string) {
  const engine = new Engine({ name: 'b', moddleOptions: { camunda } } as any);
  const listener = new EventEmitter();
  engine.recover(JSON.parse(JSON.stringify(state)));
  const waited = new Promise<any>((r) => listener.once('wait', r));
  await engine.resume({ listener });
  const api = await waited;
  const ended = new Promise<any>((r) => engine.once('end', r));
  api.signal({ result: '已执结' });
  await ended;
  return engine.state;
}
const s = await startOne();
console.log(JSON.stringify(s.state).length, s.state.definitions[0].source ? 'has source' : '');
console.log(await signalOne(s.state, s.id));
let t = performance.now();
for (let i = 0; i < 300; i++) await startOne();
console.log('bare start/s', 300 / ((performance.now() - t) / 1000));
t = performance.now();
for (let i = 0; i < 300; i++) await signalOne(s.state, s.id);
console.log('bare signal/s', 300 / ((performance.now() - t) / 1000));
