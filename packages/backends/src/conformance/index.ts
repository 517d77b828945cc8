export type { ConformanceCase, Tolerance } from './conformance-case.js';
export { type DescribeBackendOptions, describeBackend } from './describe-backend.js';
export { type CaseComparison, runConformanceCase } from './run-conformance-case.js';
export { seededValues } from './seeded-values.js';
export { standardCases } from './standard-cases.js';
