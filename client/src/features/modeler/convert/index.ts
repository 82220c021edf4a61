// Reading diagrams from other tools (Camunda Modeler, Signavio): the foreign prefix rename,
// import warnings in Chinese, and the reviewed one-click conversions. Pure modules, unit-tested
// in test/unit/modeler/convert.test.ts; DubanModeler applies them as bpmn-js commands.
export { planConversions, KIND_LABEL, type Conversion, type ConversionContext, type ConversionKind } from './conversions';
export { renameForeignCamundaPrefix, type PrefixFix } from './foreignPrefix';
export { importWarningZh } from './importWarnings';
export { juelToFeel } from './juel';
