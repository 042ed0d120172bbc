import { browser } from '@wdio/globals';

/** Waits for two animation frames: WebKit's screenshots lag the DOM otherwise. */
export async function afterPaint(): Promise<void> {
  await browser.execute(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}
