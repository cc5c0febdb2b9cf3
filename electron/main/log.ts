// The main process's log file (stack traces go here, never across IPC): one timestamped
// line per message, the error's stack indented below it. Logging never throws.

import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Log = (message: string, error?: unknown) => void;

export function createLog(file: string, echo: (line: string) => void = (line) => process.stderr.write(line)): Log {
  let ready = false;
  return (message, error) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : error === undefined ? '' : String(error);
    const line = `${new Date().toISOString()} ${message}${detail ? `\n  ${detail.replace(/\n/g, '\n  ')}` : ''}\n`;
    try {
      if (!ready) mkdirSync(path.dirname(file), { recursive: true });
      ready = true;
      appendFileSync(file, line);
    } catch {
      // A log that cannot be written must not take the app down with it.
    }
    echo(`[dossier] ${line}`);
  };
}
