// The one place bpmn-js is assembled (STYLE.md: bpmn-js wrapped once). Everything the platform
// adds is a bpmn-js module: Chinese translate, the Duban properties groups, the lint rules that
// mirror the server's refusals, token simulation. Pages use only the `DubanModeler` below.
/* eslint-disable @typescript-eslint/no-explicit-any */
import BpmnModeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import './modeler.css';
import type { DubanModelerConfig } from './config';
import { importWarningZh, planConversions, renameForeignCamundaPrefix, type Conversion, type ConversionContext } from './convert';
import { ChineseTranslateModule, localizeTitles } from './i18n';
import { lintConfig } from './lint';
import DubanPropertiesModule from './properties';
import { localizeSimulation, TokenSimulationModule } from './simulation';
import SupportedElementsModule from './supported';

export type { DubanModelerConfig } from './config';

export interface ServerProblem {
  element?: string;
  message: string;
}

/** A diagram (plane) of the file, and the pools drawn on the one shown. */
export interface DiagramOption {
  id: string;
  name: string;
}
export interface PoolOption {
  id: string;
  name: string;
  executable: boolean;
}

export interface LintIssue {
  element: string;
  message: string;
}

export class DubanModeler {
  private readonly modeler: any;
  private readonly serverProblems = new Map<string, string[]>();
  private readonly stopLocalizing: () => void;
  private shown = '';

  constructor(opts: { container: HTMLElement; properties: HTMLElement; config: DubanModelerConfig }) {
    const { config } = opts;
    const lint = lintConfig({
      forms: () => config.forms().map((f) => f.key),
      articles: () => config.articles(),
      serverProblems: this.serverProblems,
    });
    this.modeler = new (BpmnModeler as any)({
      container: opts.container,
      propertiesPanel: { parent: opts.properties },
      linting: { bpmnlint: lint, active: true },
      duban: config,
      additionalModules: [
        ChineseTranslateModule,
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
        DubanPropertiesModule,
        SupportedElementsModule,
        lintModule,
        TokenSimulationModule,
      ],
      moddleExtensions: { camunda: camundaModdle },
    });
    const stopSimulation = localizeSimulation(opts.container);
    const stopTitles = localizeTitles(opts.properties);
    this.stopLocalizing = () => {
      stopSimulation();
      stopTitles();
    };
    // The server's answer was about the diagram as it was: an element changed since loses it
    // (before the linter re-runs on the same event).
    this.get('eventBus').on('elements.changed', 2000, (e: { elements: { id: string }[] }) => {
      for (const el of e.elements) this.serverProblems.delete(el.id);
      const registry = this.get('elementRegistry');
      for (const id of [...this.serverProblems.keys()]) if (!registry.get(id)) this.serverProblems.delete(id); // renamed, deleted
    });
  }

  get<T = any>(service: string): T {
    return this.modeler.get(service);
  }

  /**
   * Imports a diagram; returns its import warnings in Chinese. A file binding `camunda` to a
   * foreign namespace (Signavio) has that prefix renamed first (convert/foreignPrefix.ts).
   */
  async open(source: string): Promise<string[]> {
    const { xml, renamed } = renameForeignCamundaPrefix(source);
    const { warnings } = await this.modeler.importXML(xml);
    this.shown = '';
    this.showReadable();
    // The properties panel (preact) subscribes to selection changes in an effect that runs
    // after the next frame: a selection made before it would not reach the panel.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const notes = (warnings ?? []).map((w: Error) => importWarningZh(w.message));
    if (renamed) notes.unshift(`文件把前缀 camunda 用于另一命名空间（${renamed.uri}），已改名为 ${renamed.prefix}，其属性原样保留`);
    return [...notes, ...this.undrawnProcesses().map((p) => `流程「${p}」在文件中没有图形，画布上不显示（可在「流程与泳池」中查看）`)];
  }

  private definitions(): any {
    return this.modeler.getDefinitions();
  }

  /** Processes that no diagram shows (neither as a plane nor as a pool). */
  private undrawnProcesses(): string[] {
    const defs = this.definitions();
    const shown = new Set<any>();
    for (const d of defs.diagrams ?? []) {
      const el = d.plane?.bpmnElement;
      if (!el) continue;
      if (el.$instanceOf('bpmn:Process')) shown.add(el);
      for (const p of el.participants ?? []) if (p.processRef) shown.add(p.processRef);
    }
    return (defs.rootElements ?? [])
      .filter((e: any) => e.$instanceOf('bpmn:Process') && !shown.has(e) && (e.flowElements ?? []).length)
      .map((e: any) => e.name ?? e.id);
  }

  /** The file's diagrams (BPMNDiagram planes): a file may hold several, shown one at a time. */
  diagrams(): DiagramOption[] {
    return (this.definitions().diagrams ?? []).map((d: any) => {
      const el = d.plane?.bpmnElement;
      return { id: d.id, name: d.name ?? el?.name ?? (el?.participants ?? []).map((p: any) => p.name).filter(Boolean).join('、') ?? d.id };
    });
  }
  shownDiagram(): string {
    return this.shown || (this.diagrams()[0]?.id ?? '');
  }
  async showDiagram(id: string): Promise<string[]> {
    const { warnings } = await this.modeler.open(id);
    this.shown = id;
    this.showReadable();
    return (warnings ?? []).map((w: Error) => importWarningZh(w.message));
  }

  /** The diagram (plane) an element is drawn on, when it is not the one shown. */
  diagramOf(elementId: string): string | undefined {
    const holds = (plane: any): boolean =>
      plane?.bpmnElement?.id === elementId || (plane?.planeElement ?? []).some((d: any) => d.bpmnElement?.id === elementId);
    return (this.definitions().diagrams ?? []).find((d: any) => holds(d.plane))?.id;
  }

  /** The pools on the canvas (participants), with whether their process is the executable one. */
  pools(): PoolOption[] {
    return this.get('elementRegistry')
      .filter((e: any) => e.type === 'bpmn:Participant')
      .map((e: any) => ({ id: e.id, name: e.businessObject.name ?? e.id, executable: !!e.businessObject.processRef?.isExecutable }));
  }

  /** The conversions the diagram needs (convert/conversions.ts), to be reviewed before applying. */
  conversions(ctx: ConversionContext): Conversion[] {
    return planConversions(this.definitions(), ctx);
  }

  /** Applies reviewed conversions, each as one command (undo takes them back one by one). */
  applyConversions(list: Conversion[]): number {
    const registry = this.get('elementRegistry');
    const modeling = this.get('modeling');
    let done = 0;
    for (const c of list) {
      if (!c.props) continue;
      if (c.kind === 'executable') {
        const holder = registry.find((e: any) => e.businessObject?.processRef?.id === c.element || (e.businessObject?.id === c.element && e.businessObject.$instanceOf('bpmn:Process')))
          ?? this.get('canvas').getRootElement();
        const process = (this.definitions().rootElements ?? []).find((e: any) => e.id === c.element);
        if (!process) continue;
        modeling.updateModdleProperties(holder, process, c.props);
      } else {
        const el = registry.get(c.element);
        if (!el) continue;
        if (c.kind === 'condition') modeling.updateModdleProperties(el, el.businessObject.conditionExpression, c.props);
        else modeling.updateProperties(el, c.props);
      }
      done++;
    }
    return done;
  }

  /**
   * The first view: the whole diagram beside the palette (never under it) when it is readable
   * at that size; a big diagram (Hainan's ~150 elements would be 3 px labels) opens at a
   * readable zoom on its start event instead, to be panned from there.
   */
  showReadable(): void {
    const canvas = this.get('canvas');
    canvas.zoom('fit-viewport');
    const { inner, outer } = canvas.viewbox();
    if (!inner.width || !outer.width) return;
    const palette = (canvas.getContainer() as HTMLElement).querySelector('.djs-palette')?.getBoundingClientRect().width ?? 0;
    const left = palette + 32;
    const READABLE = 0.75;
    const fit = Math.min((outer.width - left - 24) / inner.width, (outer.height - 48) / inner.height, 1);
    if (fit >= READABLE) {
      canvas.viewbox({ x: inner.x - left / fit, y: inner.y - 24 / fit, width: outer.width / fit, height: outer.height / fit });
      return;
    }
    const start = this.get('elementRegistry').filter((e: any) => e.type === 'bpmn:StartEvent' && !e.parent?.parent?.parent)[0]
      ?? { x: inner.x, y: inner.y + inner.height / 2, height: 0 };
    const height = outer.height / READABLE;
    canvas.viewbox({ x: start.x - left / READABLE, y: start.y + start.height / 2 - height / 2, width: outer.width / READABLE, height });
  }

  /** After the canvas' container changed size (the side panel appeared): the first view again. */
  refit(): void {
    this.get('canvas').resized();
    this.showReadable();
  }

  async xml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  /** Called after every command (and its undo/redo). */
  onChange(fn: () => void): void {
    this.get('eventBus').on('commandStack.changed', fn);
  }

  undo = () => this.get('commandStack').undo();
  redo = () => this.get('commandStack').redo();
  canUndo = () => this.get('commandStack').canUndo();
  canRedo = () => this.get('commandStack').canRedo();

  /** Token simulation on/off (bpmn-js-token-simulation). */
  toggleSimulation(active?: boolean): boolean {
    const toggle = this.get('toggleMode');
    toggle.toggleMode(active);
    return toggle._active;
  }

  /** The lint issues now shown on the diagram. */
  async lint(): Promise<LintIssue[]> {
    const results = (await this.get('linting').lint()) as Record<string, { id: string; message: string }[]>;
    return Object.values(results).flat().map((r) => ({ element: r.id, message: r.message }));
  }

  /** Shows the server's problems on their elements (with the local lint) and refreshes. */
  setServerProblems(problems: ServerProblem[]): void {
    this.serverProblems.clear();
    for (const p of problems) {
      if (!p.element) continue;
      const list = this.serverProblems.get(p.element) ?? [];
      list.push(p.message.replace(/^[^：]*\.bpmn：/, ''));
      this.serverProblems.set(p.element, list);
    }
    const linting = this.get('linting');
    linting.toggle(true);
    linting.update();
  }

  /** Elements that still carry a problem from the server's last answer. */
  serverProblemElements(): Set<string> {
    return new Set(this.serverProblems.keys());
  }

  /** Selects an element and scrolls it into view (a problem list's link). */
  focus(elementId: string): boolean {
    const el = this.get('elementRegistry').get(elementId);
    if (!el) return false;
    this.get('selection').select(el);
    this.get('canvas').scrollToElement(el);
    return true;
  }

  /** Re-renders the properties panel (e.g. after courts or forms loaded). */
  refreshPanel(): void {
    this.get('eventBus').fire('propertiesPanel.providersChanged');
  }

  destroy(): void {
    this.stopLocalizing();
    this.modeler.destroy();
  }
}
