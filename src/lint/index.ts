// The DriverKit extension linter's core: plist values, entitlements and .iig texts in, findings out.
export * from './types.js';
export { lintDext, hasErrors, compareFindings } from './lint-dext.js';
export { FAMILIES, familyOfBaseClass, familyOfIoClass, type Family, type FamilyId } from './families.js';
export { readIigClasses, ancestryOf } from './iig-classes.js';
export { parsePciMatch, pciTokenCovers } from './pci-match.js';
export { renderLint, lintToJson, LINT_FORMATS, type LintFormat } from './render/index.js';
