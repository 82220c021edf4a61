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

interface Canvas {
  zoom(level: 'fit-viewport', center?: 'auto'): number;
  addMarker(element: string, marker: string): void;
}
interface Overlays {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
}
interface Registry {
  get(id: string): unknown;
}

export interface CaseDiagram {
  show(xml: string, marks: Partial<Record<Mark, string[]>>, badges?: Badge[]): Promise<{ laidOut: boolean }>;
  fit(): void;
  destroy(): void;
}

export function createCaseDiagram(container: HTMLElement): CaseDiagram {
  container.classList.add('duban-diagram');
  const viewer = new NavigatedViewer({ container });
  const canvas = () => viewer.get<Canvas>('canvas');
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
      canvas().zoom('fit-viewport', 'auto');
      return { laidOut };
    },
    fit: () => void canvas().zoom('fit-viewport', 'auto'),
    destroy: () => viewer.destroy(),
  };
}
