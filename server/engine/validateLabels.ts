// Chinese names of BPMN element types, so a problem reads 用户任务「审查信访材料」（reviewComplaint）.
import type { ModdleElement } from 'bpmn-moddle';

const TYPE_NAMES: Record<string, string> = {
  'bpmn:UserTask': '用户任务',
  'bpmn:Task': '任务',
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:ManualTask': '手工任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:SubProcess': '子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
  'bpmn:Transaction': '事务子流程',
  'bpmn:CallActivity': '调用活动',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:SequenceFlow': '顺序流',
};

/** 用户任务「审查信访材料」（reviewComplaint） */
export function describe(el: ModdleElement): string {
  const type = TYPE_NAMES[el.$type] ?? el.$type;
  const name = typeof el.name === 'string' && el.name.trim() ? `「${el.name.trim()}」` : '';
  return `${type}${name}（${el.id ?? '无 id'}）`;
}
