/** Appends one JSON object per line to a file (the run's event log), synchronously, so a crash loses nothing already reported. */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export function jsonlLog(file: string): (event: object) => void {
  mkdirSync(path.dirname(file), { recursive: true });
  return (event) =>
    appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
}
