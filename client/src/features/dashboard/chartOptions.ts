// Chart options as plain data (no ECharts import), so the page renders before ECharts loads.
import type { ChartOption } from './charts';

const FONT = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";

/** A bar chart of named series over courts; `stack` stacks them. */
export function barOption(courts: string[], series: { name: string; data: number[]; color: string }[], stack = false): ChartOption {
  return {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: courts, axisLabel: { interval: 0, fontFamily: FONT, width: 90, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.data,
      stack: stack ? 'total' : undefined,
      itemStyle: { color: s.color },
      barMaxWidth: 36,
      label: { show: true, position: stack ? 'inside' : 'top', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
    })),
  };
}
