/**
 * Structured logs: one JSON object per line, `{ t, level, event, room?, player?, … }`, which Workers Logs and
 * Logpush index by field (ARCHITECTURE.md "Operations"). `event` is a dotted name (`player.joined`, `tick.slow`,
 * `admin.kick`); everything else a line says goes in named fields, never in a sentence.
 */
export type LogLevel = "info" | "warn" | "error";

export interface LogFields {
  room?: string;
  player?: string;
  [field: string]: unknown;
}

export function logEvent(level: LogLevel, event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** An error as log fields: its message, and its stack where there is one. */
export function errorFields(error: unknown): { error: string; stack?: string } {
  if (error instanceof Error) return { error: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { error: String(error) };
}
