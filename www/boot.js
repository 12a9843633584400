// Starts planos' wasm module, in the page and in its worker alike (the module itself tells
// which). The wasm comes inlined as base64 from planos_wasm.js, so nothing is fetched.
import init from './planos.js';
import wasm from './planos_wasm.js';

const bytes = Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0));
await init({ module_or_path: bytes });
