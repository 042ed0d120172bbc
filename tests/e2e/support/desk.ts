// Small steps the specs share, all through the data-testid attributes.
import path from 'node:path';
import { $, $$, browser, expect } from '@wdio/globals';
import { afterPaint } from './paint.ts';
import { screenshotsDir } from './paths.ts';

export const tid = (id: string) => `[data-testid="${id}"]`;

export async function screenshot(name: string): Promise<void> {
  await afterPaint();
  await browser.saveScreenshot(path.join(screenshotsDir, name));
}

/** Imports the session's feed (ACCORD_DIALOG_FILE) with the import button. */
export async function importFeed(): Promise<void> {
  const button = await $(tid('import-button'));
  await button.waitForClickable({ timeout: 20_000 });
  await button.click();
  await $(tid('queue')).waitForExist({ timeout: 30_000 });
}

export async function queueRow(id: string) {
  return $(`[data-testid="queue-row"][data-case-id="${id}"]`);
}

export async function openCase(id: string): Promise<void> {
  const search = await $(tid('search'));
  await search.setValue(id);
  const row = await queueRow(id);
  await row.waitForExist({ timeout: 10_000 });
  await browser.waitUntil(async () => (await $$(tid('queue-row')).length) === 1, {
    timeoutMsg: `the queue never narrowed to ${id}`,
  });
  await row.$('button').click();
  await expect($(tid('case-header'))).toHaveText(expect.stringContaining(id));
}

/** Opens an action's form, fills its fields and submits. */
export async function startAction(kind: string, fields: Record<string, string | boolean> = {}): Promise<void> {
  const open = await $(tid(`action-${kind}`));
  await open.waitForClickable();
  await open.click();
  const form = await $(tid('action-form'));
  await expect(form).toHaveAttribute('data-kind', kind);
  for (const [name, value] of Object.entries(fields)) {
    const field = await form.$(tid(`field-${name}`));
    const tag = await field.getTagName();
    if (typeof value === 'boolean') {
      if ((await field.isSelected()) !== value) await field.click();
    } else if (tag === 'select') {
      await field.selectByAttribute('value', value);
    } else {
      await field.setValue(value);
    }
  }
  await form.$(tid('submit')).click();
}

/** Confirms the money-moving dialog; returns its text. */
export async function confirmDialog(): Promise<string> {
  const dialog = await $(tid('confirm-dialog'));
  await dialog.waitForDisplayed();
  const text = await dialog.getText();
  await dialog.$(tid('confirm')).click();
  await dialog.waitForExist({ reverse: true });
  return text;
}

export async function statusIs(status: string): Promise<void> {
  await expect($(tid('case-status'))).toHaveText(status);
}
