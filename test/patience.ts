/**
 * How long a test waits for something that must happen but that a loaded machine may delay: a
 * ready line, a reply. It only bounds a hang, so it is generous; CI machines are shared, and a
 * slower one can raise it with EM_MOCK_TEST_PATIENCE_MS. No assertion depends on it.
 */
export const PATIENCE_MS = patience(process.env.EM_MOCK_TEST_PATIENCE_MS);

export function patience(value: string | undefined): number {
  const ms = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(ms) && ms > 0 ? ms : 30_000;
}
