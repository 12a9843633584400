// «Firmar» on the page: a built query and a checked file signed with the entity's .p12 (legacy
// and modern layouts), the .p7z downloaded under the file's whole name plus .p7z and its
// signature verified by openssl against the test CA (and, when the CLI knows --confiar, by
// planos check); a wrong password and an expired certificate refused in the panel, with nothing
// downloaded; no request beyond the page's own load. And the trusted certification
// authorities: one added is listed, survives a reload and «Quitar» removes it; a bad file is
// refused; «Borrar todo» forgets them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fillQuery, openPage, served } from './harness.mjs';
import { CA, ENTITY, ENTITY_NIT, PASSWORD, pki, verified } from './pki.mjs';

const env = served();
const NAME = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const BUILT = `1,014-18,2015-05-01,2015-05-31,2,${NAME}\r\n2,CC,12345678\r\n2,TI,1002003004\r\n`;
const RNSE = join(ROOT, 'tests', 'fixtures', 'rnse-valido', 'REC140RNSE20200131NI000860999123.TXT');
const CLI = join(ROOT, 'target', 'debug', 'planos');
const DATE = /\d\d\/\d\d\/\d{4}/.source;

/** A page with the supervivencia query built from a pasted list of two people. */
async function built() {
  const opened = await openPage(env);
  const { page } = opened;
  await fillQuery(page, { list: 'CC\t12345678\nTI\t1002003004\n' });
  await page.click('#b-construir');
  await page.waitForSelector('.built', { timeout: 20000 });
  return opened;
}

/**
 * Opens the panel `prefix`, gives it the .p12 `p12` and `password`, presses «Abrir el
 * certificado» and, when the page says who would sign (before anything is signed), «Firmar y
 * descargar». Gives what the page said before signing, or null when it refused the certificate.
 */
async function sign(page, prefix, p12, password) {
  if ((await page.locator(`#${prefix}-panel`).count()) === 0) await page.click(`#${prefix}-abrir`);
  await page.setInputFiles(`#${prefix}-p12`, pki().path(p12));
  await page.fill(`#${prefix}-clave`, password);
  const panel = `#${prefix}-panel`;
  // What the panel said last may stay in place (Leptos patches the same kind of outcome in place),
  // so a new outcome is one that is not the last one's text: a confirm button, or another message.
  const stale = await page.evaluate((p) => document.querySelector(`${p} .sign-outcome`)?.textContent ?? '', panel);
  await page.click(`${panel} .sign-go`);
  await page.waitForFunction(([p, last]) => {
    if (document.querySelector(`${p} .sign-confirm`)) return true;
    const failed = document.querySelector(`${p} .sign-failed`);
    return failed !== null && document.querySelector(`${p} .sign-outcome`).textContent !== last;
  }, [panel, stale], { timeout: 20000 });
  if ((await page.locator(`${panel} .sign-confirm`).count()) === 0) return null;
  const before = await page.textContent(`${panel} .sign-ready`);
  await page.click(`${panel} .sign-confirm`);
  return before;
}

/** Whether the CLI checks signed envelopes against a CA given with --confiar. */
function cliTrusts() {
  const help = spawnSync(CLI, ['check', '--help'], { encoding: 'utf8' });
  return /--confiar/.test(help.stdout ?? '');
}

/** The downloaded .p7z checked: openssl verifies it and gives back `content`; the CLI, when it can, finds it valid and names the signer. */
async function checkSigned(download, name, content) {
  assert.equal(download.suggestedFilename(), `${name}.p7z`);
  const dir = mkdtempSync(join(tmpdir(), 'planos-firmado-'));
  const p7z = join(dir, `${name}.p7z`);
  copyFileSync(await download.path(), p7z);
  assert.ok(verified(p7z).equals(content), 'the signed content is the file, byte for byte');
  if (cliTrusts()) {
    const r = spawnSync(CLI, ['check', p7z, '--confiar', pki().path('ca.pem')], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(ENTITY));
  }
  return p7z;
}

test('a built query signed with a modern .p12: the signer shown, the .p7z verified, the password emptied, no request', async () => {
  const { context, page, requests, loaded } = await built();
  const [download, before] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), sign(page, 'firmar-consulta', 'modern.p12', PASSWORD)]);
  assert.match(before, new RegExp(`^Va a firmar ${ENTITY} \\(NIT ${ENTITY_NIT}\\), emitido por ${CA}; certificado válido del ${DATE} al ${DATE}\\.$`), 'who signs is shown before signing');
  const said = await page.textContent('#firmar-consulta-panel .signed-by');
  assert.match(said, new RegExp(`^Firmado por ${ENTITY} \\(NIT ${ENTITY_NIT}\\), emitido por ${CA}; certificado válido del ${DATE} al ${DATE}\\.$`));
  assert.equal(await page.inputValue('#firmar-consulta-clave'), '', 'the password is not left in the page');
  assert.equal(await page.getAttribute('#firmar-consulta-clave', 'type'), 'password');
  assert.equal(await page.getAttribute('#firmar-consulta-clave', 'autocomplete'), 'off');
  await checkSigned(download, NAME, Buffer.from(BUILT, 'latin1'));
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing stored');
  assert.deepEqual(requests.slice(loaded), [], 'signing asks the network for nothing');
  await context.close();
});

test('a checked valid file signed with a legacy .p12, read from the file itself', async () => {
  const { context, page, requests, loaded } = await openPage(env);
  await page.setInputFiles('#archivos', RNSE);
  await page.waitForSelector('.verdict', { timeout: 30000 });
  assert.equal(await page.textContent('.verdict'), 'Válido');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), sign(page, 'firmar-archivo-0', 'legacy.p12', PASSWORD)]);
  assert.match(await page.textContent('#firmar-archivo-0-panel .signed-by'), new RegExp(`^Firmado por ${ENTITY}`));
  await checkSigned(download, 'REC140RNSE20200131NI000860999123.TXT', readFileSync(RNSE));
  assert.deepEqual(requests.slice(loaded), [], 'no request after load');
  await context.close();
});

test('a file with errors offers «Corregir» and no «Firmar»', async () => {
  const { context, page } = await openPage(env);
  await page.setInputFiles('#archivos', join(ROOT, 'tests', 'fixtures', 'defectos-de-texto', NAME));
  await page.waitForSelector('.verdict', { timeout: 30000 });
  assert.equal(await page.locator('.sign-open').count(), 0);
  assert.equal(await page.locator('button.propose').count(), 1);
  await context.close();
});

test('«Corregir» then «Firmar»: the repaired file is what is signed', async () => {
  // A query whose only defect is its control total (5 for one person), which «Corregir» rewrites.
  const dir = mkdtempSync(join(tmpdir(), 'planos-corregir-'));
  const original = join(dir, NAME);
  writeFileSync(original, `1,014-18,2015-05-01,2015-05-31,5,${NAME}\r\n2,CC,12345678\r\n`);
  const { context, page, requests, loaded } = await openPage(env);
  await page.setInputFiles('#archivos', original);
  await page.waitForSelector('.verdict', { timeout: 30000 });
  assert.match(await page.textContent('.verdict'), /^No válido/);
  await page.click('button.propose');
  await page.waitForSelector('.repair-outcome .after.ok', { timeout: 20000 });
  const [repaired] = await Promise.all([page.waitForEvent('download'), page.click('button.save-repaired')]);
  const bytes = readFileSync(await repaired.path());
  assert.equal(bytes.toString('latin1'), `1,014-18,2015-05-01,2015-05-31,1,${NAME}\r\n2,CC,12345678\r\n`);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), sign(page, 'firmar-corregido-0', 'modern.p12', PASSWORD)]);
  await checkSigned(download, NAME, bytes);
  assert.deepEqual(requests.slice(loaded), [], 'no request after load');
  await context.close();
});

test('a certificate that expires within 30 days signs, and says so', async () => {
  const { context, page } = await built();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), sign(page, 'firmar-consulta', 'soon.p12', PASSWORD)]);
  assert.match(
    await page.textContent('#firmar-consulta-panel .sign-warning'),
    new RegExp(`^El certificado de «${ENTITY}» vence el ${DATE} \\(en (9|10) días\\): renuévelo pronto\\.$`),
  );
  await checkSigned(download, NAME, Buffer.from(BUILT, 'latin1'));
  await context.close();
});

test('«Borrar todo» takes the signing panel away, with the certificate chosen and the password typed', async () => {
  const { context, page } = await built();
  await page.click('#firmar-consulta-abrir');
  await page.setInputFiles('#firmar-consulta-p12', pki().path('modern.p12'));
  await page.fill('#firmar-consulta-clave', PASSWORD);
  await page.click('button.clear');
  await page.click('button.clear-yes');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.locator('.sign-panel, .sign-p12, .sign-password').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  await context.close();
});

test('who would sign is shown before anything is signed, and «Cancelar» signs nothing', async () => {
  const { context, page } = await built();
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.click('#firmar-consulta-abrir');
  await page.setInputFiles('#firmar-consulta-p12', pki().path('modern.p12'));
  await page.fill('#firmar-consulta-clave', PASSWORD);
  await page.click('#firmar-consulta-panel .sign-go');
  await page.waitForSelector('#firmar-consulta-panel .sign-ready', { timeout: 20000 });
  assert.match(await page.textContent('#firmar-consulta-panel .sign-ready'), new RegExp(`^Va a firmar ${ENTITY} `));
  assert.equal(await page.inputValue('#firmar-consulta-clave'), '', 'the password is not left in the page');
  await page.click('#firmar-consulta-panel .sign-cancel');
  await page.waitForSelector('#firmar-consulta-panel .sign-ready', { state: 'detached' });
  await page.waitForTimeout(300);
  assert.equal(downloads.length, 0, 'nothing signed, nothing downloaded');
  assert.equal(await page.locator('#firmar-consulta-panel .sign-confirm').count(), 0);
  await context.close();
});

test('a wrong password and an expired certificate are told in the panel, nothing is downloaded, and the page still signs', async () => {
  const { context, page, requests, loaded } = await built();
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await sign(page, 'firmar-consulta', 'modern.p12', 'no-es-la-clave');
  await page.waitForSelector('#firmar-consulta-panel .sign-failed', { timeout: 20000 });
  assert.equal(await page.textContent('#firmar-consulta-panel .sign-failed'), 'No se firmó: La contraseña del certificado no es correcta.');
  assert.equal(await page.inputValue('#firmar-consulta-clave'), '');
  await sign(page, 'firmar-consulta', 'expired.p12', PASSWORD);
  await page.waitForFunction(() => /venció/.test(document.querySelector('#firmar-consulta-panel .sign-failed')?.textContent ?? ''), null, { timeout: 20000 });
  const expired = await page.textContent('#firmar-consulta-panel .sign-failed');
  assert.match(expired, new RegExp(`«${ENTITY}» venció el ${DATE}: renuévelo con su entidad de certificación \\(era válido del ${DATE} al ${DATE}\\)`));
  await page.waitForTimeout(500);
  assert.equal(downloads.length, 0, 'nothing downloaded');
  await sign(page, 'firmar-consulta', 'modern.p12', PASSWORD);
  await page.waitForSelector('#firmar-consulta-panel .signed-by', { timeout: 20000 });
  await page.waitForTimeout(200);
  assert.equal(downloads.length, 1);
  assert.deepEqual(requests.slice(loaded), [], 'no request after load');
  await context.close();
});

test('the signing panel is reached and used with the keyboard alone', async () => {
  const { context, page } = await built();
  await page.focus('#firmar-consulta-abrir');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#firmar-consulta-panel');
  assert.equal(await page.getAttribute('#firmar-consulta-abrir', 'aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'firmar-consulta-p12', 'the focus goes to the certificate');
  await page.setInputFiles('#firmar-consulta-p12', pki().path('modern.p12'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'firmar-consulta-clave');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'firmar-consulta-confirmar', null, { timeout: 20000 });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), `${NAME}.p7z`);
  await context.close();
});

test('a checked .p7z shows its signer and the trust line beside the verdict: a warning without its CA, trusted once it is added', async () => {
  // Signed by openssl, the reference tool: the RNSE fixture, content attached, with the chain.
  const { path } = pki();
  const dir = mkdtempSync(join(tmpdir(), 'planos-p7z-'));
  const p7z = join(dir, 'REC140RNSE20200131NI000860999123.TXT.p7z');
  spawnSync('openssl', ['cms', '-sign', '-binary', '-nodetach', '-outform', 'DER', '-in', RNSE, '-signer', path('entity.pem'),
    '-inkey', path('entity.key'), '-certfile', path('ca.pem'), '-out', p7z], { stdio: 'pipe' });
  const { context, page, requests, loaded } = await openPage(env);
  const check = async () => {
    await page.setInputFiles('#archivos', p7z);
    await page.waitForSelector('.verdict', { timeout: 30000 });
  };
  await check();
  const card = page.locator('article.file').first();
  assert.equal(await card.locator('h2').textContent(), 'REC140RNSE20200131NI000860999123.TXT.p7z');
  assert.equal(await card.locator('.verdict').textContent(), 'Válido, con 1 advertencia');
  assert.match(
    await card.locator('.signature .signer').textContent(),
    new RegExp(`^Firma digital intacta, de un certificado sin respaldo: ${ENTITY} \\(NIT ${ENTITY_NIT}\\), emitido por ${CA}; firmado el ${DATE}\\.$`),
  );
  assert.match(await card.locator('.signature.untrusted .trust-line').textContent(), /^La firma está intacta, pero ninguna entidad de certificación de confianza respalda el certificado: .*\(Sin consulta de revocación: planos trabaja sin conexión\.\)$/);
  assert.equal(await card.locator('.sign-open').count(), 0, 'what is signed is not offered «Firmar» again');
  await page.click('#confianza > summary');
  await page.setInputFiles('#confianza-agregar', path('ca.pem'));
  await page.waitForSelector('.trust-roots li.added');
  await check();
  assert.equal(await card.locator('.verdict').textContent(), 'Válido');
  assert.match(await card.locator('.signature.trusted .signer').textContent(), new RegExp(`^Firma digital verificada: ${ENTITY} `));
  assert.equal(
    await card.locator('.signature.trusted .trust-line').textContent(),
    `Certificado reconocido: la cadena llega a «${CA}», una entidad de certificación de confianza. (Sin consulta de revocación: planos trabaja sin conexión.)`,
  );
  assert.deepEqual(requests.slice(loaded), [], 'no request after load');
  await context.close();
});

test('trusted certification authorities: one added is listed and kept, a bad file is refused, «Quitar» and «Borrar todo» remove it', async () => {
  const { context, page, requests, loaded } = await openPage(env);
  const open = async () => {
    if (!(await page.getAttribute('#confianza', 'open'))) await page.click('#confianza > summary');
  };
  await open();
  const shipped = await page.locator('.trust-roots li.shipped').allTextContents();
  assert.ok(shipped.length >= 4, 'the accredited roots');
  assert.ok(shipped.every((l) => /\(incluida en planos\)$/.test(l)), shipped.join('\n'));
  assert.equal(await page.locator('.trust-roots li.added').count(), 0);
  await page.setInputFiles('#confianza-agregar', pki().path('ca.pem'));
  await page.waitForSelector('.trust-roots li.added');
  assert.match(await page.textContent('.trust-roots li.added'), new RegExp(`^${CA}, planos pruebas, emitido por ${CA} — válida del ${DATE} al ${DATE}`));
  assert.equal(await page.textContent('.trust-told'), `Se agregó a las entidades de confianza: «${CA}».`);
  // Again: nothing twice.
  await page.setInputFiles('#confianza-agregar', pki().path('ca.pem'));
  await page.waitForFunction(() => /Ya estaba/.test(document.querySelector('.trust-told').textContent));
  assert.equal(await page.locator('.trust-roots li.added').count(), 1);
  // A file that is no certificate: refused, nothing changes.
  await page.setInputFiles('#confianza-agregar', pki().path('no-es-certificado.pem'));
  await page.waitForFunction(() => /No se agregó/.test(document.querySelector('.trust-told').textContent));
  assert.match(await page.textContent('.trust-told'), /^No se agregó «no-es-certificado\.pem»: no es un certificado X\.509/);
  assert.equal(await page.locator('.trust-roots li.added').count(), 1);
  // Kept across a reload.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await open();
  assert.equal(await page.locator('.trust-roots li.added').count(), 1);
  await page.click('.trust-roots li.added button.remove-root');
  assert.equal(await page.locator('.trust-roots li.added').count(), 0);
  assert.equal(await page.textContent('.trust-told'), `Se quitó «${CA}» de las entidades de confianza.`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await open();
  assert.equal(await page.locator('.trust-roots li.added').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  // «Borrar todo» forgets them.
  await page.setInputFiles('#confianza-agregar', pki().path('ca.pem'));
  await page.waitForSelector('.trust-roots li.added');
  await page.click('button.clear');
  await page.click('button.clear-yes');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await open();
  assert.equal(await page.locator('.trust-roots li.added').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  // Only the reloads asked for anything: the page's own files, never another origin.
  const origin = new URL(env.server.url).origin;
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), [], 'no other origin');
  assert.ok(requests.length >= loaded);
  await context.close();
});
