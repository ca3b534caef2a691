/** The printer's options and the two styles paniclens offers (SWIFT-MANGLING.md §14.3). */
export interface PrintOptions {
  synthesizeSugarOnTypes: boolean;
  displayModuleNames: boolean;
  displayExtensionContexts: boolean;
  displayUnmangledSuffix: boolean;
  displayGenericSpecializations: boolean;
  displayProtocolConformances: boolean;
  displayWhereClauses: boolean;
  displayEntityTypes: boolean;
  showFunctionArgumentTypes: boolean;
  shortenPartialApply: boolean;
  shortenThunk: boolean;
  shortenValueWitness: boolean;
  showPrivateDiscriminators: boolean;
  showAsyncResumePartial: boolean;
  displayLocalNameContexts: boolean;
  displayStdlibModule: boolean;
  displayObjCModule: boolean;
  qualifyEntities: boolean;
}

/** What `swift-demangle` prints. */
export const FULL: PrintOptions = {
  synthesizeSugarOnTypes: true,
  displayModuleNames: true,
  displayExtensionContexts: true,
  displayUnmangledSuffix: true,
  displayGenericSpecializations: true,
  displayProtocolConformances: true,
  displayWhereClauses: true,
  displayEntityTypes: true,
  showFunctionArgumentTypes: true,
  shortenPartialApply: false,
  shortenThunk: false,
  shortenValueWitness: false,
  showPrivateDiscriminators: true,
  showAsyncResumePartial: true,
  displayLocalNameContexts: true,
  displayStdlibModule: true,
  displayObjCModule: true,
  qualifyEntities: true,
};

/** What atos and Xcode print ("simplified UI" options). */
export const SIMPLIFIED: PrintOptions = {
  // Every key spelled out in FULL's order, so both objects share one hidden class (spread made this one slow).
  synthesizeSugarOnTypes: true,
  displayModuleNames: false,
  displayExtensionContexts: false,
  displayUnmangledSuffix: false,
  displayGenericSpecializations: false,
  displayProtocolConformances: false,
  displayWhereClauses: false,
  displayEntityTypes: false,
  showFunctionArgumentTypes: false,
  shortenPartialApply: true,
  shortenThunk: true,
  shortenValueWitness: true,
  showPrivateDiscriminators: false,
  showAsyncResumePartial: false,
  displayLocalNameContexts: true,
  displayStdlibModule: true,
  displayObjCModule: true,
  qualifyEntities: true,
};

/** Generic parameter names: A…Z, then AB, BB…; depth appended when not 0 (A1). */
export function genericParameterName(depth: number, index: number): string {
  let name = '';
  let i = index;
  do {
    name += String.fromCharCode(65 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return depth !== 0 ? `${name}${depth}` : name;
}
