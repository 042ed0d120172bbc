import { $, expect } from '@wdio/globals';
import { DEMO } from '../support/demo.ts';
import { screenshot, tid } from '../support/desk.ts';

describe('the desk header', () => {
  it('shows how many cases the database holds, and who is at the desk', async () => {
    const count = await $(tid('header-count'));
    await expect(count).toHaveText(`${DEMO.cases} cases`);
    await expect($(tid('load-error'))).not.toBeExisting();
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('sam'));
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('supervisor'));
    await screenshot('case-count.png');
  });
});
