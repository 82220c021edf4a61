// Token simulation (bpmn-js-token-simulation) in Chinese. The library writes English straight
// into the DOM (no translate service), so: its mode toggle is replaced by ours, and a small
// observer translates the titles and texts it adds inside the modeler.
import TokenSimulationModule from 'bpmn-js-token-simulation';

const TEXT: Record<string, string> = {
  'Token Simulation': '令牌模拟',
  'Toggle Simulation Log': '显示/隐藏模拟日志',
  'Reset Simulation': '重置模拟',
  'Play/Pause Simulation': '开始/暂停模拟',
  'Pause Simulation': '模拟已暂停',
  'Play Simulation': '模拟继续',
  'Set Sequence Flow': '选择流转方向',
  'Trigger Event': '触发事件',
  'Add pause point': '添加暂停点',
  'Remove pause point': '移除暂停点',
  'Finished': '已结束',
  'Found unsupported elements': '发现不支持模拟的元素',
  'Not supported': '不支持',
  'No Entries': '暂无记录',
  'Slow': '慢',
  'Normal': '中',
  'Fast': '快',
  'Process': '流程',
  'SubProcess': '子流程',
  'Process started': '流程开始',
  'Process finished': '流程结束',
  'Subprocess started': '子流程开始',
  'Subprocess finished': '子流程结束',
  'User Task': '用户任务',
  'Task': '任务',
  'Call Activity': '调用活动',
  'Exclusive Gateway': '排他网关',
  'Parallel Gateway': '并行网关',
  'Inclusive Gateway': '包容网关',
  'Start Event': '开始事件',
  'End Event': '结束事件',
  'Intermediate Event': '中间事件',
  'Boundary Event': '边界事件',
  'Animation speed': '动画速度',
  Close: '关闭',
};

function translateText(s: string): string {
  const t = s.trim();
  if (!t) return s;
  if (TEXT[t]) return s.replace(t, TEXT[t]);
  const speed = /^Set animation speed = (\w+)$/.exec(t);
  if (speed) return `动画速度：${TEXT[speed[1]] ?? speed[1]}`;
  const focus = /^Focus process instance (.+)$/.exec(t);
  if (focus) return `聚焦流程实例 ${focus[1]}`;
  const started = /^(.+) started$/.exec(t);
  if (started) return `${TEXT[started[1]] ?? started[1]} 开始`;
  const finished = /^(.+) finished$/.exec(t);
  if (finished) return `${TEXT[finished[1]] ?? finished[1]} 结束`;
  return s;
}

function localize(root: Element): void {
  for (const el of [root, ...root.querySelectorAll('[title], [aria-label]')]) {
    for (const attr of ['title', 'aria-label']) {
      const v = el.getAttribute?.(attr);
      if (!v) continue;
      const t = translateText(v);
      if (t !== v) el.setAttribute(attr, t);
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const v = n.nodeValue ?? '';
    if (!/[A-Za-z]/.test(v)) continue;
    const t = translateText(v);
    if (t !== v) n.nodeValue = t;
  }
}

/** Keeps the simulation's controls, log and notifications in Chinese inside `container`. */
export function localizeSimulation(container: HTMLElement): () => void {
  const scope = (el: Element | null) => el?.closest?.('[class*="bts-"]');
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      const target = m.target.nodeType === Node.TEXT_NODE ? m.target.parentElement : (m.target as Element);
      if (!target) continue;
      if (scope(target) || target.querySelector?.('[class*="bts-"]')) localize(scope(target) ?? target);
    }
  });
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title', 'aria-label'] });
  for (const el of container.querySelectorAll('[class*="bts-"]')) localize(el);
  return () => observer.disconnect();
}

export { TokenSimulationModule };
