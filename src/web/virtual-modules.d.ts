// Provided by scripts/build-web.mjs at bundle time: every signatures/*.json file, parsed.
declare module 'paniclens:builtin-signatures' {
  const files: { name: string; value: unknown }[];
  export default files;
}
