// Periods stated in a package's articles and how the package accounts for each (README.md).
export { articlePeriods, periodKey, sameArticle, splitArticles, type ArticlePeriod } from './articles';
export { periodCoverage, type Binding, type Coverage, type ParameterFlag, type PeriodCoverage } from './coverage';
export { coverageWarnings } from './problems';
