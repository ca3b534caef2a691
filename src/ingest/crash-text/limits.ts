/** Bounds that keep work linear on hostile input (huge lines, endless thread lists). */
export const MAX_LINE_LENGTH = 4096;
export const MAX_LINES = 200_000;
export const MAX_THREADS = 1000;
export const MAX_FRAMES = 512;
export const MAX_IMAGES = 5000;
/** Lines kept from one free-text block (Application Specific Information, Kernel Triage …). */
export const MAX_BLOCK_LINES = 200;
export const MAX_NOTES = 100;
