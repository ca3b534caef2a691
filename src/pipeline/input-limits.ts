/** Larger inputs are refused, by analyze and triage alike: no crash or panic log comes near this, and reading it would exhaust memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
