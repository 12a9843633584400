// Times the page on files: from handing them to the input until every verdict shows.
// Prints the best of 3 runs, in seconds. Not a test: tools/bench runs it.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const files = process.argv.slice(2);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
let best = Infinity;
for (let i = 0; i < 3; i++) {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const t = performance.now();
  await page.setInputFiles('#archivos', files);
  await page.locator('.verdict').nth(files.length - 1).waitFor({ timeout: 120000 });
  best = Math.min(best, (performance.now() - t) / 1000);
  await page.close();
}
await browser.close();
await server.close();
console.log(best.toFixed(4));
