// bpmn-js module: menus offer only the elements the platform can run.
import SupportedReplaceMenu from './SupportedReplaceMenu';

export default {
  __init__: ['supportedReplaceMenu'],
  supportedReplaceMenu: ['type', SupportedReplaceMenu],
};
