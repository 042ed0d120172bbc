// The first run: nobody chosen yet, no cases. Choose a profile, make a demo
// database with its progress bar, switch profile from the header.
import { $, $$, browser, expect } from '@wdio/globals';
import { screenshot, tid } from '../support/desk.ts';

describe('the first run', () => {
  it('asks who is at the desk', async () => {
    const chooser = await $(tid('profile-chooser'));
    await chooser.waitForDisplayed({ timeout: 20_000 });
    await expect($(tid('header-profile'))).toHaveText('No profile');
    await $(tid('profile-name')).setValue('ana');
    await $('input[name="role"][value="specialist"]').click();
    await $(tid('profile-save')).click();
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('ana · specialist'));
  });

  it('offers an import and a demo database when there are no cases', async () => {
    await expect($(tid('header-count'))).toHaveText('0 cases');
    await expect($(tid('import-button'))).toBeDisplayed();
    await $(tid('demo-cases')).setValue('40');
    await $(tid('demo-button')).click();
    await $(tid('queue')).waitForExist({ timeout: 60_000 });
    await expect($(tid('header-count'))).toHaveText('40 cases');
    await browser.waitUntil(async () => (await $$(tid('queue-row')).length) > 5);
  });

  it('opens a case with j/k and Enter, and comes back with Esc', async () => {
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await browser.keys(['j']);
    await browser.keys(['ArrowDown']);
    await browser.keys(['k']);
    const selected = await $('[data-testid="queue-row"][aria-selected="true"]');
    await expect(selected).toHaveAttribute('data-index', '1');
    const id = await selected.getAttribute('data-case-id');
    await screenshot('start-queue.png');
    await browser.keys(['Enter']);
    await expect($(tid('case-header'))).toHaveText(expect.stringContaining(id ?? ''));
    expect(await $$(tid('clock')).length).toBeGreaterThan(0);
    await screenshot('start-case.png');
    await browser.keys(['Escape']);
    await $(tid('queue')).waitForExist();
  });

  it('switches profile from the header', async () => {
    await $(tid('header-profile')).click();
    await $(tid('profile-name')).setValue('sam');
    await $('input[name="role"][value="supervisor"]').click();
    await $(tid('profile-save')).click();
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('sam · supervisor'));
    await $(tid('queue')).waitForExist();
  });
});
