// Trunk post-build hook: inline the wasm as a base64 JavaScript module and load the page
// through www/boot.js instead of Trunk's fetch()-based loader, so the Content-Security-Policy
// can say connect-src 'none'.
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR no está definido: este script lo ejecuta Trunk');

const wasmPath = join(dir, 'planos_bg.wasm');
const wasm = readFileSync(wasmPath);
writeFileSync(join(dir, 'planos_wasm.js'), `export default "${wasm.toString('base64')}";\n`);
unlinkSync(wasmPath);

const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
html = html
  .replace(/<link[^>]*rel="(modulepreload|preload)"[^>]*>\s*/g, '')
  .replace(/<script type="module"[^>]*>[\s\S]*?<\/script>\s*/g, '');
if (/planos_bg\.wasm/.test(html)) throw new Error('index.html todavía menciona planos_bg.wasm');
html = html.replace('</head>', '<script type="module" src="./boot.js"></script>\n</head>');
writeFileSync(htmlPath, html);
console.log(`planos: wasm ${wasm.length} bytes inlined into planos_wasm.js`);
