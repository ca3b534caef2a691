/** The values of the lossless JSON reader: integers of 16+ digits are `bigint`. */

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface JsonError {
  /** Character offset (UTF-16 index into the text) where reading stopped. */
  offset: number;
  reason: string;
  /** True when the text ended inside the value (truncation rather than corruption). */
  eof: boolean;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
