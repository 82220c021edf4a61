// ECharts, tree-shaken to what the dashboard draws, loaded only with the dashboard.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type Chart = echarts.ECharts;
export type ChartOption = echarts.EChartsCoreOption;

export function createChart(el: HTMLElement): Chart {
  return echarts.init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
}
