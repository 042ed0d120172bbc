import path from 'node:path';
import { $, browser, expect } from '@wdio/globals';
import { DEMO } from '../support/demo.ts';
import { afterPaint } from '../support/paint.ts';
import { screenshotsDir } from '../support/paths.ts';

describe('the desk header', () => {
  it('shows how many cases the database holds', async () => {
    const count = await $('[data-testid="case-count"]');
    await expect(count).toHaveText(`${DEMO.cases} cases`);
    await expect($('[data-testid="load-error"]')).not.toBeExisting();
    await afterPaint();
    await browser.saveScreenshot(path.join(screenshotsDir, 'case-count.png'));
  });
});
