// The packed bpmnlint configuration ({config, resolver}) bpmn-js-bpmnlint expects, built from
// our rules without a bundler plugin: every rule is `duban/<name>`.
import { ruleFactories, type LintContext } from './rules';

export type { LintContext } from './rules';

export function lintConfig(ctx: LintContext) {
  const rules = ruleFactories(ctx);
  return {
    config: { rules: Object.fromEntries(Object.keys(rules).map((name) => [`duban/${name}`, 'error'])) },
    resolver: {
      resolveRule(pkg: string, name: string) {
        if (pkg !== 'bpmnlint-plugin-duban' || !rules[name]) throw new Error(`未知的检查规则 ${pkg}/${name}`);
        return rules[name];
      },
      resolveConfig(pkg: string, name: string) {
        throw new Error(`未知的检查配置 ${pkg}/${name}`);
      },
    },
  };
}
