import { writeStderr } from './stdout.js';

export { errorMessage } from '../pipeline/error-message.js';
/** One-line messages on stderr: `paniclens: <path>: <what is wrong>`. */
export function reportInputError(path: string, message: string): void {
  writeStderr(`paniclens: ${path}: ${message}\n`);
}

export function reportError(message: string): void {
  writeStderr(`paniclens: ${message}\n`);
}
