// The desk worked by keyboard alone: every step below only presses keys. What
// it reads back (which element has the focus, a select's value) only checks
// where the keys went.
import { $, $$, browser, expect } from '@wdio/globals';
import { queueRow, tid } from './desk.ts';

/** Whether the focused element matches the CSS selector. */
async function focusIsOn(selector: string): Promise<boolean> {
  return browser.execute((s) => document.activeElement?.matches(s) ?? false, selector);
}

/** Presses Tab until an element matching the CSS selector has the focus. */
export async function tabTo(selector: string, most = 200): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await focusIsOn(selector)) return;
    await browser.keys('Tab');
  }
  const at = await browser.execute(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
  throw new Error(`${most} presses of Tab never reached ${selector} (the focus is on ${at})`);
}

/**
 * Types text one key at a time, each pressed and released before the next
 * (as a person types). browser.keys with the whole text presses every key
 * down before releasing any, and WebKit then drops the spaces of a sentence.
 */
export async function type(text: string): Promise<void> {
  for (const ch of text) await browser.keys(ch);
}

/** Opens a case from the queue: / to search, its id, Enter. */
export async function openCaseByKeyboard(id: string): Promise<void> {
  await browser.keys('/');
  await expect($(tid('search'))).toBeFocused();
  await type(id);
  await browser.waitUntil(
    async () => (await $$(tid('queue-row')).length) === 1 && (await (await queueRow(id)).isExisting()),
    { timeoutMsg: `the queue never narrowed to ${id}` },
  );
  await browser.keys('Enter');
  await $(tid('case-view')).waitForExist();
  await expect($(tid('case-header'))).toHaveText(expect.stringContaining(id));
}

/**
 * The keyboard twin of desk.ts's startAction: Tab to the action's button,
 * Enter; Tab to each field and type its value; Tab to Submit, Enter.
 */
export async function startActionByKeyboard(kind: string, fields: Record<string, string> = {}): Promise<void> {
  await tabTo(tid(`action-${kind}`));
  await browser.keys('Enter');
  await expect($(tid('action-form'))).toHaveAttribute('data-kind', kind);
  for (const [name, value] of Object.entries(fields)) {
    await tabTo(`${tid('action-form')} ${tid(`field-${name}`)}`);
    // A select takes its option by type-ahead: the option's words, typed.
    await type(value);
    await expect($(`${tid('action-form')} ${tid(`field-${name}`)}`)).toHaveValue(value);
  }
  await tabTo(`${tid('action-form')} ${tid('submit')}`);
  await browser.keys('Enter');
}

/** Confirms the money-moving dialog with Enter (its Confirm button has the focus); returns its text. */
export async function confirmByKeyboard(): Promise<string> {
  const dialog = await $(tid('confirm-dialog'));
  await dialog.waitForDisplayed();
  await browser.waitUntil(async () => focusIsOn(`${tid('confirm-dialog')} ${tid('confirm')}`), {
    timeoutMsg: 'the dialog never focused Confirm',
  });
  const text = await dialog.getText();
  await browser.keys('Enter');
  await dialog.waitForExist({ reverse: true });
  return text;
}
