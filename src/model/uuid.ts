
/** Normalise any UUID spelling (lower/upper case, with or without dashes) to upper-case dashed form. */
export function normalizeUuid(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  // Reports mostly spell it dashed already: one test instead of a replace and five slices (hot on image lists).
  if (raw.length === 36) {
    const up = raw.toUpperCase();
    if (isDashed(up)) return up;
  }
  const hex = raw.replace(/[^0-9a-fA-F]/g, '');
  if (hex.length !== 32) return undefined;
  const u = hex.toUpperCase();
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
}

/** True for the all-zero UUID that reports use for "absolute" pseudo-images. */
export function isZeroUuid(uuid: string | undefined): boolean {
  return uuid !== undefined && /^[0-]+$/.test(uuid);
}

/** `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$` on a 36-character string, by hand. */
function isDashed(u: string): boolean {
  for (let i = 0; i < 36; i++) {
    const c = u.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}
