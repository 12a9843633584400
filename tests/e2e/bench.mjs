// Times the page on files: from handing them to the input until every verdict shows.
// Prints the best of 3 runs, in seconds, and the peak wasm memory of the page and its worker,
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
for (let i = 0; i < 3; i++) {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const t = performance.now();
  await page.setInputFiles('#archivos', files);
  await page.locator('.verdict').nth(files.length - 1).waitFor({ timeout: 120000 });
  best = Math.min(best, (performance.now() - t) / 1000);
  let bytes = await page.evaluate(heap);
  for (const worker of page.workers()) bytes += await worker.evaluate(heap);
  peak = Math.max(peak, bytes);
  await page.close();
}
await browser.close();
await server.close();
console.log(`${best.toFixed(4)} ${(peak / 1048576).toFixed(1)}`);
