// One rule set: the modeler's lint runs the server's deploy rules (server/engine/modelCheck.ts).
// Proved here by linting with bpmnlint exactly as the browser does (bpmn-moddle + camunda, the
// client's rule factories) and comparing with what POST /api/definitions would answer.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { Linter } from 'bpmnlint';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { lintConfig } from '../../../client/src/features/modeler/lint';

const root = path.resolve(import.meta.dirname, '../../..');
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';

async function lint(xml: string, forms: string[] = []): Promise<string[]> {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(xml);
  const linter = new Linter(lintConfig({ forms: () => forms, articles: () => null, serverProblems: new Map() }));
  const results = (await linter.lint(rootElement)) as Record<string, { id: string; message: string }[]>;
  return Object.entries(results).filter(([rule]) => rule === 'duban/platform').flatMap(([, r]) => r.map((x) => x.message));
}

/** The browser-safe closure: every module modelCheck.ts imports, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    if (/^import type|^export type/.test(m[0])) {
      if (!m[1].startsWith('.')) continue;
    }
    if (m[1].startsWith('.')) closure(path.resolve(path.dirname(file), m[1].replace(/(\.ts)?$/, '.ts')), seen);
    else seen.add(`package:${m[1]}`);
  }
  return seen;
}

describe('one rule set for deploy and the modeler', () => {
  it('the rules import nothing the browser lacks: no Node module, no calendar data, no engine', () => {
    const modules = [...closure(path.join(root, 'server/engine/modelCheck.ts'))];
    const packages = modules.filter((m) => m.startsWith('package:'));
    expect(packages.sort()).toEqual(['package:feelin']);
    expect(modules.filter((m) => /holidays|runtime|session|source\.ts|timers/.test(m))).toEqual([]);
  });

  const refused: Record<string, string> = {
    script: '<bpmn:scriptTask id="t" name="脚本"/>',
    candidateUsers: '<bpmn:userTask id="t" name="办理" camunda:formKey="test/form" camunda:candidateUsers="a"/>',
    dollar: '<bpmn:userTask id="t" name="办理" camunda:formKey="test/form" camunda:assignee="${x}"/>',
    unknownForm: '<bpmn:userTask id="t" name="办理" camunda:formKey="test/missing" camunda:assignee="&quot;u&quot;"/>',
    badDeadline: '<bpmn:userTask id="t" name="办理" camunda:formKey="test/form" camunda:assignee="&quot;u&quot;" camunda:dueDate="五个好日子"/>',
    exclude: '<bpmn:userTask id="t" name="办理" camunda:formKey="test/form" camunda:candidateGroups="{court: supervisedCourt, role: &quot;承办人&quot;, exclude: [&quot;nope&quot;]}"/>',
  };
  for (const [name, body] of Object.entries(refused)) {
    it(`every deploy refusal shows in the lint, word for word: ${name}`, async () => {
      const xml = `<bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">
        <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>${body}
        <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
      const server = (await validateDefinition(xml, { knownForms: ['test/form'] })).map((p) => p.message);
      expect(server.length).toBeGreaterThan(0);
      expect(await lint(xml, ['test/form'])).toEqual(server);
    });
  }

  it('the shipped diagrams pass both, and an event sub-process is not flagged', async () => {
    const dir = path.join(root, 'processes/hainan');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { forms: string[] };
    const forms = manifest.forms ?? readdirSync(path.join(root, 'forms/hainan')).map((f) => `hainan/${f.replace(/\.json$/, '')}`);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
      const xml = readFileSync(path.join(dir, file), 'utf8');
      expect(await lint(xml, forms), file).toEqual([]);
      expect(await validateDefinition(xml, { knownForms: forms }), file).toEqual([]);
    }
  });
});
