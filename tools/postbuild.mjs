// Trunk post-build hook: turns Trunk's output into one self-contained page.
//
// The page (dist/index.html, and the same bytes as dist/planos.html, the copy users keep) holds
// everything inline: the wasm as base64 in a data block, the wasm-bindgen glue as a classic
// script, the styles. The Content-Security-Policy allows exactly that script and that style by
// their hashes and forbids every connection (connect-src 'none'). The worker runs the same
// script from a blob of its text and gets the wasm module the page compiled as its first
// message, so starting or restarting it asks the network for nothing, from a server or from
// disk (Chromium runs no module worker from a blob in a file:// page, hence a classic script).
// Served over HTTP, the page registers sw.js, stamped here with a hash of the page, so it opens
// with the network cut.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR no está definido: este script lo ejecuta Trunk');
const path = (name) => join(dir, name);
const read = (name) => readFileSync(path(name), 'utf8');

const wasm = readFileSync(path('planos_bg.wasm'));
const glue = read('planos.js')
  .replace(/^export (class|function|const|let) /gm, '$1 ')
  .replace(/export\s*\{[^}]*\};?\s*$/, '')
  .replace(/import\.meta\.url/g, 'self.location.href');
if (/^\s*(export|import)\b|import\.meta/m.test(glue)) throw new Error('planos.js tiene sintaxis de módulo que un script clásico no admite');
const script = `${glue}
if (typeof document !== 'undefined') {
  // The worker runs this same script, from a blob of its text (the wasm is not in it).
  self.planosWorkerUrl = URL.createObjectURL(new Blob([document.querySelector('script[data-planos]').textContent], { type: 'text/javascript' }));
  // Served over HTTP, a service worker keeps the page for use with the network cut.
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('planos: sin uso sin conexión', e));
  }
  // The wasm, from the page's data block, in base64: decoded without a call per byte
  // (Uint8Array.from(atob(…), (c) => c.charCodeAt(0)) took 0.4–0.6 s on a busy machine).
  const base64 = document.getElementById('planos-wasm').textContent;
  let bytes;
  if (Uint8Array.fromBase64) {
    bytes = Uint8Array.fromBase64(base64);
  } else {
    const text = atob(base64);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  __wbg_init({ module_or_path: bytes });
} else {
  // In the worker: the page posts it the WebAssembly.Module it compiled (web/src/pool.rs) as
  // its first message, so the worker neither decodes nor compiles the wasm again.
  self.onmessage = (e) => {
    self.onmessage = null;
    __wbg_init({ module_or_path: e.data });
  };
}
`;
if (script.includes('</script')) throw new Error('el script contiene </script');
const base64 = wasm.toString('base64');
const css = read('style.css');
const icon = `data:image/png;base64,${readFileSync(path('icon-192.png')).toString('base64')}`;
const sha = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const csp =
  `default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${sha(css)}; img-src data:; ` +
  `font-src 'none'; connect-src 'none'; worker-src 'self' blob:; manifest-src 'self'; form-action 'none'; ` +
  `base-uri 'none'; object-src 'none'`;

const html = read('index.html')
  .replace(/<link[^>]*rel="(modulepreload|preload)"[^>]*>\s*/g, '')
  .replace(/<script type="module"[^>]*>[\s\S]*?<\/script>\s*/g, '')
  .replace(/\s*<!-- tools\/postbuild\.mjs[^>]*-->/, '')
  .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  // Browsers ask for a favicon whenever they like, even long after load: inline it.
  .replace(/<link rel="icon"[^>]*>/, () => `<link rel="icon" href="${icon}">`)
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`)
  // A data block (a script of a type no browser runs, so no policy applies to it) holds the
  // wasm; the script after it reads it.
  .replace('</head>', () => `<script type="application/octet-stream" id="planos-wasm">${base64}</script>\n<script data-planos>${script}</script>\n</head>`);
const leftover = html.replace(script, '').replace(base64, '').match(/planos_bg\.wasm|style\.css|src="[^"]*"/);
if (leftover || !html.includes(csp)) throw new Error(`la página quedó mal armada: ${leftover ?? 'sin CSP'}`);
writeFileSync(path('index.html'), html);
writeFileSync(path('planos.html'), html);
for (const f of ['planos_bg.wasm', 'planos.js', 'style.css']) unlinkSync(path(f));

const version = createHash('sha256').update(html).update(read('manifest.webmanifest')).digest('hex').slice(0, 16);
writeFileSync(path('sw.js'), read('sw.js').replace('__PLANOS_VERSION__', version));

// The page's budget is what a person feels: the one file they keep and open, planos.html, at
// most 6 MB (10^6 bytes each), and, opened from disk, ready to take a file within 1.5 s
// (tests/e2e/load.test.mjs). ARCHITECTURE.md, «Size», says so.
const BUDGET = 6_000_000;
const pageBytes = Buffer.byteLength(html);
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
console.log(`planos: planos.html ${pageBytes} bytes (${mb(pageBytes)}; límite ${BUDGET}), de ellos el wasm ${mb(wasm.length)} antes de base64`);
if (pageBytes > BUDGET) {
  throw new Error(
    `planos.html ocupa ${pageBytes} bytes (${mb(pageBytes)}), más que el límite de ${BUDGET} (6 MB): ` +
      'la página que la gente guarda y abre no puede crecer más; vea «Size» en docs/ARCHITECTURE.md',
  );
}
