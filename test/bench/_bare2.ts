import { readFileSync } from 'node:fs';
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver, deserialize } from 'moddle-context-serializer';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { EventEmitter } from 'node:events';
let xml = readFileSync('test/bench/fixtures/report-supervision.bpmn', 'utf8');
xml = xml.replace('届满前2日预警 5日', 'P3D').replace('>5日<', '>P5D<');
const tr = TypeResolver(Elements as any);
const ser = serializer(await new BpmnModdle({ camunda }).fromXML(xml) as any, tr).serialize();
const ctx = () => deserialize(JSON.parse(ser), tr);
async function startOne() {
  const engine = new Engine({ name: 'b', sourceContext: ctx(), moddleOptions: { camunda } } as any);
  const listener = new EventEmitter();
  const waited = new Promise<any>((r) => listener.once('wait', r));
  await engine.execute({ listener });
  const api = await waited;
  const state = await engine.getState();
  await engine.stop();
  return { state, id: api.executionId };
}
async function signalOne(state: any) {
  const engine = new Engine({ name: 'b', sourceContext: ctx(), moddleOptions: { camunda } } as any);
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
const { source, ...d0 } = s.state.definitions[0];
const st = { ...s.state, definitions: [d0] };
console.log(JSON.stringify(st).length);
console.log(await signalOne(st));
for (let k = 0; k < 2; k++) {
let t = performance.now();
for (let i = 0; i < 500; i++) await startOne();
console.log('bare start/s', 500 / ((performance.now() - t) / 1000));
t = performance.now();
for (let i = 0; i < 500; i++) await signalOne(st);
console.log('bare signal/s', 500 / ((performance.now() - t) / 1000));
}
