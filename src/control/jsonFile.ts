import { readFileSync } from 'node:fs';
import { FieldError } from './errors.js';
import { JsonSyntaxError, parseJsonWithLines } from './jsonWithLines.js';

/** A start-up file that cannot be used; the message names the file, the line and the field. */
export class StartupFileError extends Error {}

/** Reads a JSON file and runs `check` on it, turning its FieldErrors into `file:line: field: why`. */
export function readCheckedJsonFile<T>(file: string, what: string, check: (value: unknown) => T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new StartupFileError(`cannot read ${what} file ${file}: ${(err as Error).message}`);
  }
  let located;
  try {
    located = parseJsonWithLines(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new StartupFileError(`${file}:${err.line}: invalid JSON: ${err.message}`);
    throw err;
  }
  try {
    return check(located.value);
  } catch (err) {
    if (err instanceof FieldError) throw new StartupFileError(`${file}:${located.lineOf(err.path)}: ${err.message}`);
    throw err;
  }
}
