/** Value-witness function codes (`Tw..`/`w..`) and the names both Swift grammars print for them. */
export const VALUE_WITNESSES: Record<string, string> = {
  al: 'allocateBuffer', ca: 'assignWithCopy', ta: 'assignWithTake', de: 'deallocateBuffer', xx: 'destroy',
  XX: 'destroyBuffer', Xx: 'destroyArray', CP: 'initializeBufferWithCopyOfBuffer', Cp: 'initializeBufferWithCopy',
  cp: 'initializeWithCopy', Tk: 'initializeBufferWithTake', tk: 'initializeWithTake', pr: 'projectBuffer',
  TK: 'initializeBufferWithTakeOfBuffer', Cc: 'initializeArrayWithCopy', Tt: 'initializeArrayWithTakeFrontToBack',
  tT: 'initializeArrayWithTakeBackToFront', xs: 'storeExtraInhabitant', xg: 'getExtraInhabitantIndex',
  ug: 'getEnumTag', up: 'destructiveProjectEnumData', ui: 'destructiveInjectEnumTag',
  et: 'getEnumTagSinglePayload', st: 'storeEnumTagSinglePayload',
};
