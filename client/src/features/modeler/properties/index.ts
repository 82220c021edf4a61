// bpmn-js module: the platform's own properties-panel groups.
import DubanPropertiesProvider from './DubanPropertiesProvider';

export default {
  __init__: ['dubanPropertiesProvider'],
  dubanPropertiesProvider: ['type', DubanPropertiesProvider],
};
