/** Exit codes, documented in the README. */
export const EXIT_OK = 0;
/** The command found what it looks for (e.g. lint errors). */
export const EXIT_FINDINGS = 1;
/** Unusable input or usage: unreadable path, empty or unrecognised content, bad option. */
export const EXIT_INPUT = 2;
/** An internal error (a bug): reported in one line, with the stack under --debug. */
export const EXIT_INTERNAL = 3;
/** Stopped by Ctrl-C (128 + SIGINT): what was done so far was still printed. */
export const EXIT_INTERRUPTED = 130;
