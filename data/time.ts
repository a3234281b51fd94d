/** EM's date formats. All times are UTC epoch milliseconds inside the model. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * An instant as EM's SQL Server `datetime` column keeps it: in 1/300 s ticks, so the milliseconds
 * read back always end in 0, 3 or 7 (`.017`, `.513`, `.28` in a live answer). Snaps down onto
 * that grid, never into the previous second (so a name stamped from the same instant agrees);
 * a value already on the grid stays as it is.
 */
export function sqlDatetime(ms: number): number {
  const second = Math.floor(ms / 1000) * 1000;
  const tick = Math.floor(((ms - second) * 3 + 1) / 10);
  return second + Math.round((tick * 10) / 3);
}

/**
 * .NET round-trip UTC with trailing fractional zeros trimmed: `2025-10-21T17:10:02.017Z`. The
 * model's generated instants are already on SQL's grid; others (made at run time) are put on it here.
 */
export function emDateTime(ms: number): string {
  const iso = new Date(sqlDatetime(ms)).toISOString(); // 2025-10-21T17:10:02.017Z
  return iso.replace(/\.?0+Z$/, 'Z');
}

/** `yyyy-MM-dd HH:mm:ss`, the stamp in session and restore point names. */
export function nameStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** SQL Server's default style, EM's restore point names: `Oct  6 2016  1:59PM`. */
export function sqlStamp(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.getUTCFullYear()} ${String(
    h12,
  ).padStart(2, ' ')}:${pad(d.getUTCMinutes())}${h < 12 ? 'AM' : 'PM'}`;
}
