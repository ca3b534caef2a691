/**
 * The demangling tree. Node kinds use the names of the Swift compiler's DemangleNodes.def so that trees can
 * be compared with `swift-demangle -tree-only`; a node carries text, an index, or children.
 */
export type Kind = string;

export class Node {
  readonly kind: Kind;
  text: string | undefined;
  index: number | undefined;
  children: Node[] = [];

  constructor(kind: Kind, text?: string, index?: number) {
    this.kind = kind;
    this.text = text;
    this.index = index;
  }

  child(i: number): Node {
    const c = this.children[i];
    if (c === undefined) throw new MalformedTree(`${this.kind} has no child ${i}`);
    return c;
  }

  get first(): Node {
    return this.child(0);
  }

  get last(): Node {
    return this.child(this.children.length - 1);
  }

  get count(): number {
    return this.children.length;
  }

  add(child: Node): this {
    this.children.push(child);
    return this;
  }

  /** Reverses the children from `from` to the end (lists are popped from the stack in reverse). */
  reverseFrom(from = 0): void {
    const tail = this.children.splice(from).reverse();
    this.children.push(...tail);
  }

  find(kind: Kind): Node | undefined {
    return this.children.find((c) => c.kind === kind);
  }

  textOf(): string {
    return this.text ?? '';
  }

  indexOf(): number {
    return this.index ?? 0;
  }
}

/** Thrown by the printer when a tree does not have the expected shape; the caller returns the input. */
export class MalformedTree extends Error {}

/** Kinds that are a function attribute (moved to the top level, printed as a prefix). */
export const FUNCTION_ATTRS: ReadonlySet<Kind> = new Set([
  'FunctionSignatureSpecialization', 'GenericSpecialization', 'GenericSpecializationPrespecialized',
  'InlinedGenericFunction', 'GenericSpecializationNotReAbstracted', 'GenericPartialSpecialization',
  'GenericPartialSpecializationNotReAbstracted', 'GenericSpecializationInResilienceDomain', 'ObjCAttribute',
  'NonObjCAttribute', 'DynamicAttribute', 'DirectMethodReferenceAttribute', 'VTableAttribute',
  'PartialApplyForwarder', 'PartialApplyObjCForwarder', 'OutlinedVariable', 'OutlinedReadOnlyObject',
  'OutlinedBridgedMethod', 'MergedFunction', 'DistributedThunk', 'DistributedAccessor',
  'DynamicallyReplaceableFunctionImpl', 'DynamicallyReplaceableFunctionKey', 'DynamicallyReplaceableFunctionVar',
  'AsyncFunctionPointer', 'AsyncAwaitResumePartialFunction', 'AsyncSuspendResumePartialFunction',
  'AccessibleFunctionRecord', 'BackDeploymentThunk', 'BackDeploymentFallback', 'HasSymbolQuery',
  'CoroFunctionPointer', 'DefaultOverride',
]);

/** Kinds that can be the context of a declaration. */
export const CONTEXT_KINDS: ReadonlySet<Kind> = new Set([
  'Allocator', 'AnonymousContext', 'Class', 'Constructor', 'Deallocator', 'DefaultArgumentInitializer',
  'Destructor', 'DidSet', 'Enum', 'ExplicitClosure', 'Extension', 'Function', 'Getter', 'GlobalGetter',
  'IVarInitializer', 'IVarDestroyer', 'ImplicitClosure', 'Initializer', 'InitAccessor', 'IsolatedDeallocator',
  'MaterializeForSet', 'ModifyAccessor', 'Modify2Accessor', 'Module', 'NativeOwningAddressor',
  'NativeOwningMutableAddressor', 'NativePinningAddressor', 'NativePinningMutableAddressor', 'OtherNominalType',
  'OwningAddressor', 'OwningMutableAddressor', 'PropertyWrapperBackingInitializer',
  'PropertyWrapperInitFromProjectedValue', 'Protocol', 'ProtocolSymbolicReference', 'ReadAccessor',
  'Read2Accessor', 'Setter', 'Static', 'Structure', 'Subscript', 'Suffix', 'TypeAlias', 'TypeSymbolicReference',
  'UnsafeAddressor', 'UnsafeMutableAddressor', 'Variable', 'WillSet', 'OpaqueReturnTypeOf', 'AutoDiffFunction',
  'Macro', 'MacroExpansionUniqueName', 'FreestandingMacroExpansion', 'AccessorAttachedMacroExpansion',
  'MemberAttributeAttachedMacroExpansion', 'MemberAttachedMacroExpansion', 'PeerAttachedMacroExpansion',
  'ConformanceAttachedMacroExpansion', 'ExtensionAttachedMacroExpansion', 'PreambleAttachedMacroExpansion',
  'BodyAttachedMacroExpansion', 'MacroExpansionLoc', 'DefaultOverride',
]);

export const DECL_NAME_KINDS: ReadonlySet<Kind> = new Set([
  'Identifier', 'LocalDeclName', 'PrivateDeclName', 'RelatedEntityDeclName', 'PrefixOperator',
  'PostfixOperator', 'InfixOperator', 'TypeSymbolicReference', 'ProtocolSymbolicReference',
]);

export const ANY_GENERIC_KINDS: ReadonlySet<Kind> = new Set([
  'Structure', 'Class', 'Enum', 'Protocol', 'ProtocolSymbolicReference', 'OtherNominalType', 'TypeAlias',
  'TypeSymbolicReference', 'BuiltinTypeName',
]);

export const REQUIREMENT_KINDS: ReadonlySet<Kind> = new Set([
  'DependentGenericParamPackMarker', 'DependentGenericParamValueMarker', 'DependentGenericSameTypeRequirement',
  'DependentGenericSameShapeRequirement', 'DependentGenericLayoutRequirement',
  'DependentGenericConformanceRequirement', 'DependentGenericInverseConformanceRequirement',
]);

export function isContext(n: Node): boolean {
  return CONTEXT_KINDS.has(n.kind);
}

export function isEntity(n: Node): boolean {
  if (n.kind === 'Type') return n.children[0] !== undefined && isEntity(n.children[0]);
  return CONTEXT_KINDS.has(n.kind);
}
