// The "change element type" menu offers only what the platform runs: no service/script/…
// tasks, no message/signal/conditional/compensation/cancel events, no loops or multi-instance
// (server/engine/README.md "Refused at deploy"). Drawing a refused element stays possible
// through a pasted diagram, where the lint rules and the server name it.
/* eslint-disable @typescript-eslint/no-explicit-any */
const REFUSED = /replace-with-(service|send|receive|manual|rule|script)-task|complex-gateway|transaction|ad-hoc|message|signal|conditional|compensation|cancel|timer-start|toggle-(loop|parallel-mi|sequential-mi)|toggle-adhoc/;

export default class SupportedReplaceMenu {
  static $inject = ['popupMenu'];

  constructor(popupMenu: any) {
    popupMenu.registerProvider('bpmn-replace', 100, this);
  }

  getPopupMenuEntries() {
    return (entries: Record<string, unknown>) => keep(entries);
  }

  getPopupMenuHeaderEntries() {
    return (entries: Record<string, unknown>) => keep(entries);
  }
}

function keep(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([id]) => !REFUSED.test(id)));
}
