// What the package machinery reports and stores. A problem always says in Chinese what is wrong
// and where (file, element, line), so a province can fix its package without reading code.
export type PackageProblem = {
  file?: string;
  element?: string;
  line?: number;
  field?: string;
  code: string;
  message: string;
};

/** The files of a package, by their path inside the zip (`manifest.json`, `processes/x.bpmn` …). */
export type PackageFiles = Map<string, Buffer>;
