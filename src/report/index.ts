export { renderJson, type AnalysisResult } from './json.js';
export { renderText, type TextOptions } from './text.js';
export { renderMarkdown } from './markdown.js';
export { headline, systemLine, keyFrames, frameLocation } from './describe.js';
