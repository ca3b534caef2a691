/**
 * What `--redact` masks, as reviewable data. Each rule's whole match is the personal value (the
 * context it needs is a lookbehind), so a placeholder replaces exactly that value. Quantifiers are
 * bounded where classes overlap, so a hostile line costs linear time.
 */

export type RedactionCategory =
  | 'user names'
  | 'host names'
  | 'serial numbers'
  | 'crashReporterKey'
  | 'device identifiers'
  | 'e-mail addresses'
  | 'IP addresses'
  | 'MAC addresses'
  | 'personal file names'
  | 'volume names';

/** Category → placeholder stem: the first user name becomes <user-1>, the next <user-2>. */
export const REDACTION_CATEGORIES: Record<RedactionCategory, string> = {
  'user names': 'user',
  'host names': 'host',
  'serial numbers': 'serial',
  crashReporterKey: 'crash-reporter-key',
  'device identifiers': 'device-id',
  'e-mail addresses': 'email',
  'IP addresses': 'ip',
  'MAC addresses': 'mac',
  'personal file names': 'file',
  'volume names': 'volume',
};

export interface RedactionRule {
  category: RedactionCategory;
  /** Why this is personal, for the reviewer. */
  why: string;
  /** JavaScript regex source; `SEG` stands for one path segment (spaces allowed in path fields, not in free text). */
  pattern: string;
  flags?: string;
  /** Values that are not personal although the pattern matches them. */
  keep?: string[];
}

const ID = '[0-9A-Fa-f][0-9A-Fa-f-]{7,63}';
const SEP = '["\']?\\s{0,4}[:=]\\s{0,4}["\'<]?';

export const REDACTION_RULES: RedactionRule[] = [
  { category: 'user names', why: 'home folder names are account names', pattern: '(?<=(?<![\\w.-])/(?:Users|home)/)SEG', keep: ['Shared', 'Guest'] },
  { category: 'user names', why: 'a user name after ~ is a home folder', pattern: '(?<=(?<![\\w/])~)[A-Za-z][\\w.-]{0,31}(?=/)' },
  {
    category: 'personal file names',
    why: 'what a user keeps in their own folders names them or their work',
    pattern: '(?<=(?<![\\w.-])/(?:Users|home)/[^/]{1,64}/(?:Desktop|Documents|Downloads|Movies|Music|Pictures|Public|Library/Mobile Documents)/)SEG',
  },
  {
    category: 'volume names',
    why: 'external and renamed volumes carry personal names',
    pattern: '(?<=(?<![\\w.-])/Volumes/)SEG',
    keep: ['Macintosh HD', 'Macintosh', 'Data', 'Preboot', 'Recovery', 'VM', 'Update', 'xarts', 'iSCPreboot', 'Hardware'],
  },
  { category: 'e-mail addresses', why: 'an address names its owner', pattern: '(?<![\\w.%+-])[\\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}(?![\\w-])' },
  {
    category: 'crashReporterKey',
    why: 'a per-device key that ties every report of one Mac or iPhone together',
    pattern: `(?<=(?:crashReporterKey|CrashReporter Key|Crash Reporter Key)${SEP})${ID}`,
    flags: 'i',
  },
  {
    category: 'device identifiers',
    why: 'hardware, vendor, advertising, session and anonymous ids identify a device',
    pattern: `(?<=(?:Anonymous UUID|Hardware UUID|IOPlatformUUID|Provisioning UDID|UDID|deviceIdentifierForVendor|deviceIdentifierForAdvertising|identifierForVendor|Sleep/Wake UUID|bootSessionUUID|Boot Session UUID|sessionID|Beta Identifier|ECID|IMEI|MEID)${SEP})${ID}`,
    flags: 'i',
  },
  {
    category: 'serial numbers',
    why: 'a serial number names one machine',
    pattern: `(?<=(?:Serial Number|IOPlatformSerialNumber|serialNumber|serial-number|Serial No\\.?)${SEP})[A-Z0-9]{8,14}(?![A-Za-z0-9])`,
    flags: 'i',
  },
  {
    category: 'host names',
    why: 'a computer name often carries its owner\'s name',
    pattern: `(?<=(?:Computer Name|Host ?Name|Machine Name|Device Name|ComputerName|LocalHostName)${SEP})[^\\s"'<>,;]{1,63}`,
    flags: 'i',
  },
  {
    category: 'host names',
    why: "a Mac keeps the reports synced from an iPhone or iPad in a folder named by the device, and device names carry their owner's (\"Anna's iPhone\")",
    pattern: '(?<=(?<![\\w.-])Logs/CrashReporter/MobileDevice/)SEG',
  },
  { category: 'host names', why: 'Bonjour names are computer names', pattern: '(?<![\\w.-])[A-Za-z0-9][\\w-]{0,62}\\.local(?![\\w.-])' },
  {
    category: 'host names',
    why: 'default computer names are "<Owner>s-MacBook-Pro" and the like',
    pattern: "(?<![\\w'’-])[\\w'’-]{1,40}-(?:MacBook-Pro|MacBook-Air|MacBook|iMac-Pro|iMac|Mac-mini|Mac-Pro|Mac-Studio|iPhone|iPad)(?:-\\d{1,3})?(?![\\w-])",
  },
  {
    category: 'host names',
    why: 'the spelled-out form of the same default name',
    pattern: "(?<![\\w'’])[A-Z][\\w-]{0,30}[’']s (?:MacBook Pro|MacBook Air|MacBook|iMac Pro|iMac|Mac mini|Mac Pro|Mac Studio|iPhone|iPad)(?![\\w-])",
  },
  { category: 'MAC addresses', why: 'a network card\'s hardware address names the device', pattern: '(?<![\\w:-])[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\\1[0-9A-Fa-f]{2}){4}(?![\\w:-])' },
  {
    category: 'IP addresses',
    why: 'an address locates a machine or its network',
    pattern: '(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.]*\\d)',
    keep: ['0.0.0.0', '127.0.0.1', '255.255.255.255'],
  },
  {
    category: 'IP addresses',
    why: 'IPv6 in full or with :: compression',
    pattern: '(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\\w:])|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6}(?![\\w:])',
    keep: ['::1'],
  },
];

/**
 * Header and model keys whose string value is itself an identifier (the .ips header keeps unknown keys);
 * the value is masked wherever else it appears too.
 */
export const IDENTIFIER_KEYS: Record<string, RedactionCategory> = {
  crashreporterkey: 'crashReporterKey',
  deviceidentifierforvendor: 'device identifiers',
  deviceidentifierforadvertising: 'device identifiers',
  bootsessionuuid: 'device identifiers',
  sessionid: 'device identifiers',
  beta_identifier: 'device identifiers',
  udid: 'device identifiers',
  serialnumber: 'serial numbers',
  computername: 'host names',
  hostname: 'host names',
  machinename: 'host names',
  devicename: 'host names',
};

/**
 * Fields diagnosis needs, never masked: bundle ids, versions, the OS build, symbols, binary UUIDs,
 * signature ids. (Addresses are numbers in the model, untouched by a text pass.)
 */
export const NEVER_MASKED_KEYS = new Set([
  'bundleId', 'version', 'build', 'osBuild', 'uuid', 'kernelUuid', 'kernelCacheUuid', 'symbol', 'rawSymbol', 'id', 'category',
  'arch', 'model', 'platform', 'kind', 'format', 'bugType', 'signal', 'type', 'references', 'incident', 'slice_uuid', 'incident_id',
  'bundleID', 'app_version', 'build_version', 'os_version', 'schemaVersion', 'reportVersion', 'className', 'registryId', 'field',
]);

/** Keys whose whole value is one path: a segment may hold spaces there ("/Volumes/Time Machine/…"). */
export const PATH_KEYS = new Set(['path', 'file', 'launchPath']);
