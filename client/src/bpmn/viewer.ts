// The ONE wrapper of bpmn-js for showing a case: a NavigatedViewer (pan and zoom, no editing)
// with the case's marks as CSS classes on elements and due instants as overlays. The modeler
// (features/modeler) is separate and loads only when opened.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { ensureLayout } from './layout';
import './viewer.css';

export type Mark = 'completed' | 'active' | 'overdue' | 'warned';

export interface Badge {
  element: string;
  text: string;
  kind?: 'due' | 'overdue' | 'warning' | 'timer';
  title?: string;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  zoom(level: 'fit-viewport', center?: 'auto'): number;
  addMarker(element: string, marker: string): void;
  viewbox(box?: Box): Box & { scale: number; outer: Box };
}
interface Overlays {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
}
interface Registry {
  get(id: string): (Partial<Box> & { waypoints?: unknown }) | undefined;
}

/** Below this zoom a diagram's labels are unreadable (the Hainan diagram fits at about 0.3). */
const READABLE = 0.8;

export interface CaseDiagram {
  show(xml: string, marks: Partial<Record<Mark, string[]>>, badges?: Badge[]): Promise<{ laidOut: boolean }>;
  fit(): void;
  /** Centres the current (active/overdue) elements at a readable zoom; false when there are none. */
  focus(): boolean;
  destroy(): void;
}

export function createCaseDiagram(container: HTMLElement): CaseDiagram {
  container.classList.add('duban-diagram');
  const viewer = new NavigatedViewer({ container });
  const canvas = () => viewer.get<Canvas>('canvas');
  let focusIds: string[] = [];
  const focus = (): boolean => {
    const registry = viewer.get<Registry>('elementRegistry');
    const shapes = focusIds.map((id) => registry.get(id)).filter((e): e is Box => !!e && typeof e.x === 'number' && !e.waypoints) as Box[];
    if (!shapes.length) return false;
    const x0 = Math.min(...shapes.map((b) => b.x));
    const y0 = Math.min(...shapes.map((b) => b.y));
    const x1 = Math.max(...shapes.map((b) => b.x + b.width));
    const y1 = Math.max(...shapes.map((b) => b.y + b.height));
    const { outer } = canvas().viewbox();
    const scale = Math.max(0.5, Math.min(1, outer.width / (x1 - x0 + 240), outer.height / (y1 - y0 + 160)));
    const width = outer.width / scale;
    const height = outer.height / scale;
    canvas().viewbox({ x: (x0 + x1) / 2 - width / 2, y: (y0 + y1) / 2 - height / 2, width, height });
    return true;
  };
  return {
    async show(xml, marks, badges = []) {
      const { xml: shown, laidOut } = await ensureLayout(xml);
      await viewer.importXML(shown);
      const registry = viewer.get<Registry>('elementRegistry');
      for (const [mark, ids] of Object.entries(marks) as [Mark, string[]][]) {
        for (const id of ids) if (registry.get(id)) canvas().addMarker(id, `duban-${mark}`);
      }
      const overlays = viewer.get<Overlays>('overlays');
      const perElement = new Map<string, number>();
      for (const b of badges) {
        if (!registry.get(b.element)) continue;
        const n = perElement.get(b.element) ?? 0;
        perElement.set(b.element, n + 1);
        const html = document.createElement('div');
        html.className = `duban-badge ${b.kind ?? 'due'}`;
        html.textContent = b.text;
        if (b.title) html.title = b.title;
        overlays.add(b.element, 'duban-badge', { position: { top: -20 - n * 18, left: 0 }, html });
      }
      // A big diagram fitted whole is unreadable: open on the current step instead.
      focusIds = [...(marks.overdue ?? []), ...(marks.active ?? [])];
      const fitted = canvas().zoom('fit-viewport', 'auto');
      if (fitted < READABLE) focus();
      return { laidOut };
    },
    fit: () => void canvas().zoom('fit-viewport', 'auto'),
    focus,
    destroy: () => viewer.destroy(),
  };
}
