// Times «Firmar» on the page for a checked file: from the click on «Firmar y descargar» (the
// certificate already opened and its holder shown) until the .p7z's download starts (the file
// hashed in slices, the envelope framed, the Blob of header, file and trailer made), and the peak wasm memory of the page and its
// worker after it, in MiB. Prints the best of RUNS (3) runs. Not a test: run by hand or by
// tools/bench, with the test PKI made (`cargo test -p planos-sign`):
//   node tests/e2e/bench-sign.mjs FILE [P12 PASSWORD]
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [file, p12 = join(ROOT, 'target', 'test-pki', 'modern.p12'), password = 'Prueba-2026'] = process.argv.slice(2);
const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
const heap = () => (typeof wasm === 'undefined' ? 0 : wasm.memory.buffer.byteLength);
let best = Infinity;
let peak = 0;
for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#archivos', file);
  await page.waitForSelector('.verdict', { timeout: 300000 });
  await page.click('#firmar-archivo-0-abrir');
  await page.setInputFiles('#firmar-archivo-0-p12', p12);
  await page.fill('#firmar-archivo-0-clave', password);
  await page.click('#firmar-archivo-0-panel .sign-go');
  await page.waitForSelector('#firmar-archivo-0-panel .sign-confirm', { timeout: 60000 });
  const start = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 300000 }),
    page.click('#firmar-archivo-0-panel .sign-confirm'),
  ]);
  best = Math.min(best, (Date.now() - start) / 1000);
  await download.cancel();
  let bytes = await page.evaluate(heap);
  for (const worker of page.workers()) bytes += await worker.evaluate(heap);
  peak = Math.max(peak, bytes);
  await context.close();
}
await browser.close();
await server.close();
console.log(`${best.toFixed(3)} ${(peak / 1048576).toFixed(1)}`);
