/**
 * Types of the DriverKit extension linter. The core takes already-decoded plist values and source
 * texts (no file system), so it can run wherever the rest of the core runs.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Rule ids of the catalog (SIGNATURES.md §2.1). */
export type RuleId =
  | 'L01' | 'L02' | 'L03' | 'L04' | 'L05' | 'L06' | 'L07' | 'L08' | 'L09' | 'L10'
  | 'L11' | 'L12' | 'L13' | 'L14' | 'L15' | 'L16' | 'L17' | 'L18' | 'L19';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Personality name under IOKitPersonalities, or null for bundle-level findings. */
  personality: string | null;
  /** The plist key or entitlement the finding is about ("IOClass", "com.apple.developer.driverkit"). */
  key: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** What the value should be, or null when there is nothing concrete to suggest. */
  expected: string | null;
  /** One sentence: what happens at run time if this is left as is. */
  consequence: string;
  /** Display path of the file the finding is about (Info.plist, .entitlements, executable). */
  file?: string;
}

/** Decoded plist value (XML or binary); dates and data are kept but never inspected by rules. */
export type PlistValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | Uint8Array
  | null
  | PlistValue[]
  | { [key: string]: PlistValue };

export type PlistDict = { [key: string]: PlistValue };

/** A text source file (an .iig interface) of the dext's target. */
export interface SourceText {
  path: string;
  text: string;
}

/** A decoded plist together with where it came from. */
export interface PlistFile {
  path: string;
  value: PlistValue;
}

/** Everything the linter can know about one dext; only `infoPlist` is required. */
export interface DextInput {
  infoPlist: PlistFile;
  /** The dext's entitlements (a .entitlements file or the ones embedded in its signature). */
  entitlements?: PlistFile;
  /** Entitlements of the host app(s) found next to the dext (for user-client access). */
  appEntitlements?: PlistFile[];
  /** The project's .iig files. */
  iigFiles?: SourceText[];
  /** Set when the input was a built bundle: its directory name and the names of its parent directories. */
  bundle?: {
    /** e.g. "com.example.driver.dext". */
    dirName: string;
    /** Parent directory names, nearest last, e.g. ["Host.app", "Contents", "Library", "SystemExtensions"]. */
    parents: string[];
    /** The main executable's bytes, when present. */
    executable?: { path: string; bytes: Uint8Array };
  };
  /** Set when sources were looked for outside what was linted (a built bundle's project, a plist's project). */
  sources?: SourcesUsed;
}

/** `SourcesUsed.why` when the project folder is the PATH the user gave. */
export const FOLDER_GIVEN = 'it is the folder given';

/** Which project sources were used for a dext, so the linter can say so (an L05 info finding). */
export interface SourcesUsed {
  /** Display path of the folder searched, and why it was taken as the project; without `root`, why none was. */
  root?: string;
  why: string;
  /** How the dext was tied to a source target ("bundle id", "IOUserClass"), or undefined when none matched. */
  pairedBy?: string;
  /** The target's source Info.plist, when one was paired. */
  infoPlist?: string;
  /** Where the .iig files and the entitlements given to the linter came from. */
  iig: string[];
  entitlements?: string;
  /** Personality keys whose literal value in the source Info.plist differs from the built one (a stale build). */
  differences?: { personality: string; key: string; source: string; built: string }[];
  /** Other built copies with the same Info.plist, not linted again. */
  copies?: string[];
}

export interface DextLintResult {
  infoPlistPath: string;
  bundleId: string | null;
  findings: Finding[];
  /** The project sources used for a built dext (or why none were), as the L05 info finding says. */
  sources?: SourcesUsed;
}
