/** Standard-library and Concurrency types reachable through `S` + letter and `Sc` + letter (§4.3). */
import type { Kind } from './node.js';

export const STANDARD_TYPES: Record<string, [Kind, string]> = {
  A: ['Structure', 'AutoreleasingUnsafeMutablePointer'], a: ['Structure', 'Array'],
  B: ['Protocol', 'BinaryFloatingPoint'], b: ['Structure', 'Bool'],
  D: ['Structure', 'Dictionary'], d: ['Structure', 'Double'],
  E: ['Protocol', 'Encodable'], e: ['Protocol', 'Decodable'],
  F: ['Protocol', 'FloatingPoint'], f: ['Structure', 'Float'],
  G: ['Protocol', 'RandomNumberGenerator'], h: ['Structure', 'Set'],
  H: ['Protocol', 'Hashable'], i: ['Structure', 'Int'],
  I: ['Structure', 'DefaultIndices'], j: ['Protocol', 'Numeric'],
  J: ['Structure', 'Character'], k: ['Protocol', 'RandomAccessCollection'],
  K: ['Protocol', 'BidirectionalCollection'], l: ['Protocol', 'Collection'],
  L: ['Protocol', 'Comparable'], m: ['Protocol', 'RangeReplaceableCollection'],
  M: ['Protocol', 'MutableCollection'], n: ['Structure', 'Range'],
  N: ['Structure', 'ClosedRange'], p: ['Structure', 'UnsafeMutablePointer'],
  O: ['Structure', 'ObjectIdentifier'], q: ['Enum', 'Optional'],
  P: ['Structure', 'UnsafePointer'], r: ['Structure', 'UnsafeMutableBufferPointer'],
  Q: ['Protocol', 'Equatable'], s: ['Structure', 'Substring'],
  R: ['Structure', 'UnsafeBufferPointer'], t: ['Protocol', 'IteratorProtocol'],
  S: ['Structure', 'String'], u: ['Structure', 'UInt'],
  T: ['Protocol', 'Sequence'], v: ['Structure', 'UnsafeMutableRawPointer'],
  U: ['Protocol', 'UnsignedInteger'], w: ['Structure', 'UnsafeMutableRawBufferPointer'],
  V: ['Structure', 'UnsafeRawPointer'], x: ['Protocol', 'Strideable'],
  W: ['Structure', 'UnsafeRawBufferPointer'], y: ['Protocol', 'StringProtocol'],
  X: ['Protocol', 'RangeExpression'], z: ['Protocol', 'BinaryInteger'],
  Y: ['Protocol', 'RawRepresentable'], Z: ['Protocol', 'SignedInteger'],
};

export const CONCURRENCY_TYPES: Record<string, [Kind, string]> = {
  A: ['Protocol', 'Actor'], c: ['Structure', 'UnsafeContinuation'],
  C: ['Structure', 'CheckedContinuation'], e: ['Structure', 'UnownedSerialExecutor'],
  E: ['Structure', 'CancellationError'], f: ['Protocol', 'SerialExecutor'],
  F: ['Protocol', 'Executor'], g: ['Structure', 'ThrowingTaskGroup'],
  G: ['Structure', 'TaskGroup'], h: ['Protocol', 'TaskExecutor'],
  I: ['Protocol', 'AsyncIteratorProtocol'], i: ['Protocol', 'AsyncSequence'],
  J: ['Structure', 'UnownedJob'], s: ['Structure', 'AsyncThrowingStream'],
  M: ['Class', 'MainActor'], t: ['Structure', 'UnsafeCurrentTask'],
  P: ['Structure', 'TaskPriority'], S: ['Structure', 'AsyncStream'],
  T: ['Structure', 'Task'],
};
