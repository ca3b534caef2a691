export * from './report.js';
export * from './uuid.js';
export * from './numbers.js';
export * from './serialize.js';
export * from './diagnosis.js';
