// The desk's calls into Rust. Every command rejects with the shape that
// src-tauri/src/commands/error.rs serializes.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  Action,
  ActResult,
  CaseView,
  DemoProgress,
  DemoReport,
  DeskInfo,
  ImportProgress,
  ImportReport,
  PreviewEvent,
  Profile,
  QueuePageView,
  QueueQuery,
  ErrorCode,
  SweepReport,
} from '../generated';
import { EarlyAnswers } from './early';


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

async function invokeCoded<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toCommandError(err);
  }
}

/** Commands that change nothing: calling them keeps answers asked early. */
const READS = new Set([
  'case_count',
  'profile_get',
  'desk_info',
  'queue_page',
  'status_counts',
  'case_open',
  'case_actions',
  'action_preview',
]);
/** How long an answer asked early stays usable. */
const EARLY_MS = 3000;
/** Answers asked for at the desk's start (see askEarly). */
const early = new EarlyAnswers(READS, EARLY_MS);

function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  return (early.take(command, args ?? {}) as Promise<T> | undefined) ?? invokeCoded<T>(command, args);
}

/** Makes a read now; the first identical call within EARLY_MS gets its answer. */
export function askEarly(command: 'queue_page' | 'status_counts', args: Record<string, unknown>): void {
  early.keep(command, args, invokeCoded(command, args));
}

/** How many cases the open database holds. */
export function caseCount(): Promise<number> {
  return call<number>('case_count');
}

export function profileGet(): Promise<Profile | null> {
  return call<Profile | null>('profile_get');
}
export function profileSet(profile: Profile): Promise<Profile> {
  return call<Profile>('profile_set', { profile });
}
export function deskInfo(): Promise<DeskInfo> {
  return call<DeskInfo>('desk_info');
}
export function queuePage(query: QueueQuery): Promise<QueuePageView> {
  return call<QueuePageView>('queue_page', { query });
}
export function statusCounts(query: QueueQuery): Promise<[string, number][]> {
  return call<[string, number][]>('status_counts', { query });
}
export function caseOpen(id: string): Promise<CaseView> {
  return call<CaseView>('case_open', { id });
}
export function caseActions(id: string): Promise<string[]> {
  return call<string[]>('case_actions', { id });
}
export function actionPreview(id: string, action: Action): Promise<PreviewEvent[]> {
  return call<PreviewEvent[]>('action_preview', { id, action });
}
export function act(id: string, action: Action): Promise<ActResult> {
  return call<ActResult>('act', { id, action });
}
export function sweepNow(): Promise<SweepReport> {
  return call<SweepReport>('sweep_now');
}
/** Rust opens the file dialog; null when the user cancelled it. */
export function importFeed(onProgress: (p: ImportProgress) => void): Promise<ImportReport | null> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return call<ImportReport | null>('import_feed', { onProgress: channel });
}
export function createDemo(cases: number, onProgress: (p: DemoProgress) => void): Promise<DemoReport> {
  const channel = new Channel<DemoProgress>();
  channel.onmessage = onProgress;
  return call<DemoReport>('create_demo', { cases, onProgress: channel });
}
