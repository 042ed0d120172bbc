import { browser, expect } from '@wdio/globals';

// The page renders untrusted text (names, messages from the feed); if some ever
// slipped in as markup, the CSP must still keep it from running.
describe('the content security policy', () => {
  it('blocks an injected inline script', async () => {
    const ran = await browser.execute(() => {
      const w = window as unknown as { injectedRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true';
      document.head.append(script);
      return w.injectedRan === true;
    });
    expect(ran).toBe(false);
  });
});
