// Times the page on files: from the input's change event until every verdict shows.
// Prints the best of 3 runs (RUNS=n for more), in seconds, and the peak wasm memory of the page and its worker,
// in MiB. Not a test: tools/bench runs it.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const files = process.argv.slice(2);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
let best = Infinity;
let peak = 0;
// The wasm heap of a module only grows, so its size after the check is its peak; the page's
// module and the worker's are each read where they run (`wasm` is the glue's binding).
const heap = () => (typeof wasm === 'undefined' ? 0 : wasm.memory.buffer.byteLength);
// A person takes longer than this to pick a file after the page opens; meanwhile the browser
// finishes optimising the code the worker warmed up. SETTLE_MS=0 times a file dropped at once.
const settle = Number(process.env.SETTLE_MS ?? 1000);
for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForTimeout(settle);
  // Timed in the page, from the input's change event to the last verdict's insertion: waiting
  // with Playwright's locator would add its polling back-off (up to half a second) to the time.
  const timed = page.evaluate((n) => new Promise((resolve) => {
    let start = 0;
    document.addEventListener('change', () => { start = performance.now(); }, { capture: true, once: true });
    const seen = new MutationObserver(() => {
      if (start && document.querySelectorAll('.verdict').length >= n) {
        seen.disconnect();
        resolve(performance.now() - start);
      }
    });
    seen.observe(document.body, { childList: true, subtree: true });
  }), files.length);
  await page.setInputFiles('#archivos', files);
  const ms = await Promise.race([timed, page.waitForTimeout(120000).then(() => Infinity)]);
  best = Math.min(best, ms / 1000);
  let bytes = await page.evaluate(heap);
  for (const worker of page.workers()) bytes += await worker.evaluate(heap);
  peak = Math.max(peak, bytes);
  await page.close();
}
await browser.close();
await server.close();
console.log(`${best.toFixed(4)} ${(peak / 1048576).toFixed(1)}`);
