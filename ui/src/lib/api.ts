// The desk's calls into Rust. Every command rejects with the shape that
// src-tauri/src/commands/error.rs serializes.
// TODO: generate these types from Rust (DESIGN.md) once there are more than one.
import { invoke } from '@tauri-apps/api/core';

export type ErrorCode = 'refused' | 'invalid_input' | 'not_found' | 'conflict' | 'storage' | 'io';

export interface CommandError {
  /** `ipc` when the call failed before reaching a command (e.g. not permitted). */
  code: ErrorCode | 'ipc';
  message: string;
  /** The rule that refused the action (DOMAIN.md's name). */
  rule?: string;
  /** Where in the request the invalid input is (a JSON path). */
  path?: string;
}

/** Anything a rejected invoke gave us, as a CommandError (`ipc` when it is not one). */
export function toCommandError(err: unknown): CommandError {
  if (typeof err === 'object' && err !== null) {
    const { code, message, rule, path } = err as Record<string, unknown>;
    if (typeof code === 'string' && typeof message === 'string') {
      const out: CommandError = { code: code as CommandError['code'], message };
      if (typeof rule === 'string') out.rule = rule;
      if (typeof path === 'string') out.path = path;
      return out;
    }
  }
  return { code: 'ipc', message: String(err) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toCommandError(err);
  }
}

/** How many cases the open database holds. */
export function caseCount(): Promise<number> {
  return call<number>('case_count');
}
