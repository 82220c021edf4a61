// Changing a deadline edits exactly that element through bpmn-moddle; the rest of the diagram
// means the same afterwards.
import { describe, expect, it } from 'vitest';
import { readDiagram, setDeadline } from '../../../server/packages/diagram';
import { sampleFiles, text } from './fixtures/harness';

const xml = text(sampleFiles(), 'processes/report.bpmn');

describe('diagram', () => {
  it('reads each element with its deadline, form key and documentation', async () => {
    const els = await readDiagram(xml);
    const byId = new Map(els.map((e) => [e.id, e]));
    expect(byId.get('reportInWriting')).toMatchObject({ type: 'bpmn:UserTask', formKey: 'sample/report', deadline: { slot: 'dueDate', value: '5日' }, documentation: '测试办法 第四条' });
    expect(byId.get('reportWarning')).toMatchObject({ isTimer: true, deadline: { slot: 'timeDuration', value: '届满前2日预警 5日' } });
    expect(byId.get('reviewReport')!.deadline).toBeUndefined();
  });

  it('writes a task due date and a timer body, leaving every other element as it was', async () => {
    let out = await setDeadline(xml, 'reportInWriting', 'dueDate', '10日 自 letterReceivedAt');
    out = await setDeadline(out, 'reportOverdue', 'timeDuration', '10日 & "x"');
    const before = await readDiagram(xml);
    const after = await readDiagram(out);
    expect(after.find((e) => e.id === 'reportInWriting')!.deadline!.value).toBe('10日 自 letterReceivedAt');
    expect(after.find((e) => e.id === 'reportOverdue')!.deadline!.value).toBe('10日 & "x"');
    const rest = (els: typeof before) => els.filter((e) => !['reportInWriting', 'reportOverdue'].includes(e.id));
    expect(rest(after)).toEqual(rest(before));
    expect(out).toContain('&amp;');
  });

  it('refuses an element that has no such deadline', async () => {
    await expect(setDeadline(xml, 'reviewReport', 'timeDuration', '5日')).rejects.toThrow(/没有 timeDuration/);
    await expect(setDeadline(xml, 'nope', 'dueDate', '5日')).rejects.toThrow(/没有元素/);
  });
});
