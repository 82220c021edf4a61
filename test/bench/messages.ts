// A message round trip between two cases (issue 17), through the services on the embedded store
// in process: a sending case starts, its send task records the message in the same write,
// the message is published (messages collection), claimed, delivered into the case waiting on
// the same 执行案号 (its engine run and guarded update), and marked consumed — all inside the
// sender's start. Next to it, interleaved: the bare library delivering the same message in one
// process (bpmn-engine recover + resume + signal of a waiting receive task, no database), and the
// platform's own case start of the waiting side (one engine run + one insert), so the figure
// reads as "a start plus what delivery adds".
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { ACTOR, benchPlatform, fmt, interleaved, latNote, round, scaled, type Row } from './lib';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';
const key = '<bpmn:extensionElements><camunda:properties><camunda:property name="message.key" value="enforcementCaseNo"/></camunda:properties></bpmn:extensionElements>';
const diagram = (id: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="${id}Definitions" targetNamespace="http://duban.court/bench">
  <bpmn:message id="report" name="bench/执行情况报告"/>
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="msg"/>
    ${body}
    <bpmn:sequenceFlow id="f2" sourceRef="msg" targetRef="end"/><bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;
export const SENDER = diagram('benchSender', `<bpmn:sendTask id="msg" messageRef="report">${key}</bpmn:sendTask>`);
export const RECEIVER = diagram('benchReceiver', `<bpmn:receiveTask id="msg" messageRef="report">${key}</bpmn:receiveTask>`);

/** The bare library: a waiting receive task signalled after recover + resume (state kept as JSON). */
async function bareDelivery(): Promise<() => Promise<void>> {
  const engine = new Engine({ name: 'bare', source: RECEIVER, moddleOptions: { camunda } } as never) as any;
  const listener = new EventEmitter();
  await engine.execute({ listener });
  const state = JSON.stringify(await engine.getState());
  await engine.stop();
  return async () => {
    const again = new Engine({ name: 'bare', source: RECEIVER, moddleOptions: { camunda } } as never) as any;
    const l = new EventEmitter();
    let wait: any;
    l.on('wait', (api: any) => (wait = api));
    again.recover(JSON.parse(state));
    await again.resume({ listener: l });
    const ended = new Promise((r) => again.once('end', r));
    wait.signal({ result: '已执结' });
    await ended;
  };
}

export async function benchMessages(rows: Row[], log: (s: string) => void): Promise<void> {
  const N = scaled(300, 30);
  const { platform, close } = await benchPlatform();
  try {
    const { cases, definitions } = platform.services;
    const admin = { username: 'admin', court: 'hi-gy', roles: ['系统管理员'] } as never;
    await definitions.deploy('test', SENDER, admin);
    await definitions.deploy('test', RECEIVER, admin);
    const input = (process: string, i: number) => ({
      process, supervisingCourt: 'hi-gy', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: `（2026）琼01执${i}号` },
    });
    const bare = await bareDelivery();
    let k = 0;
    const waiting = async () => cases.start(input('benchReceiver', 1_000_000 + k++), ACTOR);
    // Each round trip: a fresh waiting case, then the sender's start delivers into it (timed).
    const trips: string[] = [];
    for (let i = 0; i < N * 2; i++) trips.push(String((await cases.start(input('benchReceiver', i), ACTOR))._id));
    log(`messages: ${N} round trips, interleaved with the bare library and plain starts`);
    let next = 0;
    const R = await interleaved(5, {
      bare: { n: N, fn: bare },
      start: { n: N, fn: waiting },
      trip: { n: N, fn: async () => { await cases.start(input('benchSender', next++), ACTOR); } },
    });
    // Every round trip really delivered: each waiting case it targeted has moved on.
    const delivered = await platform.db.connection.collection('messages').countDocuments({ status: 'consumed' });
    if (delivered < next) throw new Error(`only ${delivered} of ${next} messages delivered`);
    rows.push(
      { benchmark: 'bare bpmn-engine: recover+resume+signal a waiting receive task (no database)', figure: round(R.bare.rate), unit: 'deliveries/s', note: latNote(R.bare) },
      { benchmark: 'case start of the waiting side (engine run + insert)', figure: round(R.start.rate), unit: 'starts/s', note: latNote(R.start) },
      { benchmark: 'message round trip: sender start → outbox → publish → claim → delivery into the waiting case → consumed', figure: round(R.trip.rate), unit: 'round trips/s',
        baseline: `${fmt(R.bare.rate)}/s bare delivery, ${fmt(R.start.rate)}/s plain start`,
        note: `${latNote(R.trip)}; ${fmt(R.trip.mean / R.bare.mean)}x the bare delivery, ${fmt(R.trip.mean / R.start.mean)}x a plain start (two engine runs, four writes)` },
    );
  } finally {
    await close();
  }
}
