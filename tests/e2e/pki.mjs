// A throwaway public-key infrastructure for the browser tests, made with the openssl command as
// crates/testkit/src/pki.rs makes it: a certification authority (ca.pem), the entity's
// certificate signed by it, and its .p12 in the legacy Windows layout (legacy.p12) and OpenSSL
// 3's (modern.p12), one that expires in 10 days (soon.p12) and one already expired (expired.p12). Nothing is committed; every key is
// thrown away with the folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PASSWORD = 'Prueba-2026';
export const ENTITY = 'EPS PRUEBA S.A.S.';
export const ENTITY_NIT = '900123456-7';
export const CA = 'AC PRUEBA PLANOS';

let made = null;

/** The folder with the files (made once per process); `path(name)` joins a file's name to it. */
export function pki() {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'planos-pki-'));
  const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  writeFileSync(join(dir, 'entity.ext'), 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:false\n');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650',
    '-subj', `/C=CO/O=planos pruebas/CN=${CA}`,
    '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'entity.key', '-out', 'entity.csr',
    '-subj', `/C=CO/O=${ENTITY}/serialNumber=${ENTITY_NIT}/CN=${ENTITY}`);
  for (const [name, days] of [['entity', '365'], ['soon', '10'], ['expired', '-1']]) {
    openssl('x509', '-req', '-in', 'entity.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
      '-days', days, '-extfile', 'entity.ext', '-out', `${name}.pem`);
  }
  const p12 = (out, cert, legacy) =>
    openssl('pkcs12', '-export', '-inkey', 'entity.key', '-in', cert, '-certfile', 'ca.pem',
      '-passout', `pass:${PASSWORD}`, '-out', out, ...(legacy ? ['-legacy'] : []));
  p12('legacy.p12', 'entity.pem', true);
  p12('modern.p12', 'entity.pem', false);
  p12('soon.p12', 'soon.pem', false);
  p12('expired.p12', 'expired.pem', false);
  writeFileSync(join(dir, 'no-es-certificado.pem'), 'esto no es un certificado\n');
  made = { dir, path: (name) => join(dir, name) };
  return made;
}

/** The content of a .p7z whose signature openssl verifies against ca.pem (throws if it does not). */
export function verified(p7z) {
  const { dir, path } = pki();
  return execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7z, '-CAfile', path('ca.pem')], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
