export { errorMessage } from '../pipeline/error-message.js';
/** One-line messages on stderr: `paniclens: <path>: <what is wrong>`. */
export function reportInputError(path: string, message: string): void {
  process.stderr.write(`paniclens: ${path}: ${message}\n`);
}

export function reportError(message: string): void {
  process.stderr.write(`paniclens: ${message}\n`);
}

