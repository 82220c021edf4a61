// Diagrams written by hand or by other tools may have no diagram interchange (BPMNDI): the
// engine does not need it, the viewer does. Such a diagram is laid out automatically
// (bpmn-auto-layout, loaded only then); it needs each node's incoming/outgoing references,
// which hand-written XML often leaves to the flows' sourceRef/targetRef alone.
const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

export const hasDiagramInterchange = (xml: string) => /BPMNShape\b/.test(xml);

function withFlowReferences(xml: string): string {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const byId = new Map<string, Element>();
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    const id = el.getAttribute('id');
    if (id) byId.set(id, el);
  }
  const has = (node: Element, tag: string, id: string) =>
    Array.from(node.children).some((c) => c.localName === tag && c.textContent?.trim() === id);
  const add = (nodeId: string | null, tag: string, flowId: string) => {
    const node = nodeId ? byId.get(nodeId) : undefined;
    if (!node || has(node, tag, flowId)) return;
    const ref = doc.createElementNS(BPMN, `${node.prefix ? `${node.prefix}:` : ''}${tag}`);
    ref.textContent = flowId;
    node.insertBefore(ref, node.firstChild);
  };
  for (const flow of Array.from(doc.getElementsByTagNameNS(BPMN, 'sequenceFlow'))) {
    const id = flow.getAttribute('id');
    if (!id) continue;
    add(flow.getAttribute('sourceRef'), 'outgoing', id);
    add(flow.getAttribute('targetRef'), 'incoming', id);
  }
  return new XMLSerializer().serializeToString(doc);
}

/** The XML unchanged when it has BPMNDI; otherwise the same diagram, laid out. */
export async function ensureLayout(xml: string): Promise<{ xml: string; laidOut: boolean }> {
  if (hasDiagramInterchange(xml)) return { xml, laidOut: false };
  const { layoutProcess } = await import('bpmn-auto-layout');
  return { xml: await layoutProcess(withFlowReferences(xml)), laidOut: true };
}
