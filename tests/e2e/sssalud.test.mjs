// The SSSalud tab in headless Chromium: the FileZilla sitemanager.xml downloaded and read back,
// a file prepared for upload, and a .ok/.err pair made here read (counts, codes, rejected
// records downloaded). Nothing is requested after the page has loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, served } from './harness.mjs';

const env = served();

async function openTab() {
  const opened = await openPage(env);
  await opened.page.click('#pestana-sssalud');
  await opened.page.waitForSelector('#ss-filezilla');
  return opened;
}

test('Configurar FileZilla downloads a sitemanager.xml with the sites as the manual sets them', async () => {
  const { context, page, requests, loaded } = await openTab();
  // Nothing typed: the page says what is missing, and nothing downloads.
  await page.click('#ss-generar');
  assert.match(await page.textContent('.ss-fz-problems'), /Escriba el número de RNOS/);
  await page.fill('#ss-rnos', '999998');
  await page.fill('#ss-rnemp', '123456');
  await page.check('#ss-sitio-prepagas');
  await page.uncheck('#ss-sitio-res650');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ss-generar')]);
  assert.equal(download.suggestedFilename(), 'sitemanager.xml');
  assert.match(await page.textContent('.ss-fz-done'), /Listo: sitemanager\.xml con 4 sitios/);
  const xml = readFileSync(await download.path(), 'utf8');
  // Read back with the browser's own XML parser, as FileZilla reads it (root, Servers, Folder, Server).
  const sites = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    const root = doc.documentElement;
    const folder = root.querySelector(':scope > Servers > Folder');
    return {
      root: root.tagName,
      folder: folder.firstChild.textContent.trim(),
      servers: [...folder.querySelectorAll(':scope > Server')].map((s) => {
        const get = (tag) => [...s.children].find((c) => c.tagName === tag)?.textContent ?? null;
        return ['Name', 'Host', 'Port', 'Protocol', 'Type', 'User', 'Logontype', 'PasvMode', 'MaximumMultipleConnections', 'Pass'].map(get);
      }),
    };
  }, xml);
  assert.ok(sites, 'well-formed XML');
  assert.equal(sites.root, 'FileZilla3');
  assert.equal(sites.folder, 'SSSalud');
  assert.deepEqual(sites.servers, [
    ['SSSalud - Padrón', 'padron.ftp.sssalud.gob.ar', '21', '4', '0', '999998', '2', 'MODE_PASSIVE', '1', null],
    ['SSSalud - Prepagas', 'rnemp.ftp.sssalud.gob.ar', '21', '4', '0', '123456', '2', 'MODE_PASSIVE', '1', null],
    ['SSSalud - Res. 331', 'res331.ftp.sssalud.gob.ar', '21', '4', '0', '999998', '2', 'MODE_PASSIVE', '1', null],
    ['SSSalud - Res. 83', 'res83.ftp.sssalud.gob.ar', '21', '4', '0', '999998', '2', 'MODE_PASSIVE', '1', null],
  ]);
  // "Normal" logon, as the manual says: Logontype 1, and still no password written.
  await page.check('#ss-normal');
  const [second] = await Promise.all([page.waitForEvent('download'), page.click('#ss-generar')]);
  const normal = readFileSync(await second.path(), 'utf8');
  assert.equal((normal.match(/<Logontype>1<\/Logontype>/g) ?? []).length, 4);
  assert.ok(!normal.includes('<Pass'), 'no password in the file');
  assert.deepEqual(requests.slice(loaded), [], 'nothing requested after load');
  await context.close();
});

test('Preparar envío checks the XML and says the folder of its period', async () => {
  const { context, page, requests, loaded } = await openTab();
  const dir = mkdtempSync(join(tmpdir(), 'planos-ss-'));
  await page.selectOption('#ss-envio-sitio', 'res331');
  await page.fill('#ss-envio-anio', '2017');
  await page.selectOption('#ss-envio-numero', '4');
  const bad = join(dir, 'r331_2017-Trim-3.xml');
  writeFileSync(bad, '<?xml version="1.0"?>\n<Res331>\n  <Dato>x</Datos>\n</Res331>\n');
  await page.setInputFiles('#ss-envio-archivo', bad);
  await page.waitForSelector('.ss-envio-resultado');
  const findings = await page.locator('.ss-hallazgo').allTextContents();
  assert.ok(findings.some((f) => f.startsWith('Error (línea 3, columna 10): El XML no está bien formado: se esperaba cerrar </Dato> y se encontró </Datos>')), findings.join('\n'));
  assert.ok(findings.some((f) => /indica el período 2017-Trim-3 pero eligió 2017-Trim-4/.test(f)), findings.join('\n'));
  assert.equal(await page.textContent('.ss-carpeta'), '2017-Trim-4');
  // A good Padrón file: its month read from the name.
  await page.selectOption('#ss-envio-sitio', 'padron');
  const good = join(dir, 'novedades-201707.txt');
  writeFileSync(good, 'a|b\r\nc|d\r\n');
  await page.setInputFiles('#ss-envio-archivo', good);
  await page.waitForFunction(() => document.querySelector('.ss-carpeta')?.textContent === '201707');
  assert.match(await page.textContent('.ss-veredicto'), /Listo para subir a «SSSalud - Padrón», carpeta «201707»/);
  assert.match(await page.textContent('.ss-pasos'), /Tipo de transferencia → Binario.*comprobante/s);
  rmSync(dir, { recursive: true });
  assert.deepEqual(requests.slice(loaded), [], 'nothing requested after load');
  await context.close();
});

test('Leer respuesta counts a .ok/.err pair, lists codes and downloads the rejected records', async () => {
  const { context, page, requests, loaded } = await openTab();
  const dir = mkdtempSync(join(tmpdir(), 'planos-ss-'));
  const ok = join(dir, '999998-201707.ok');
  const err = join(dir, '999998-201707.err');
  writeFileSync(ok, '20123456789|PEREZ JUAN|1\r\n20234567890|GOMEZ ANA|1\r\n20345678901|DIAZ LUIS|1\r\n');
  // PEÑA in Windows-1252, as the sites write: the download keeps the byte.
  writeFileSync(err, Buffer.concat([
    Buffer.from('27111111111|SOSA MARIA|1|E01\r\n27222222222|PE', 'latin1'),
    Buffer.from([0xd1]),
    Buffer.from('A JOSE|2|E05 E01\r\n', 'latin1'),
  ]));
  await page.setInputFiles('#ss-respuesta-archivos', [ok, err]);
  await page.waitForSelector('.ss-respuesta');
  assert.equal(await page.textContent('.ss-aceptados'), '3 registros');
  assert.equal(await page.textContent('.ss-rechazados'), '2 registros');
  const codes = await page.locator('.ss-codigos tbody tr').allTextContents();
  assert.deepEqual(codes, ['E012', 'E051']);
  const rows = await page.locator('.ss-rechazos tbody tr').allTextContents();
  assert.deepEqual(rows, ['1E0127111111111|SOSA MARIA|1|E01', '2E05 E0127222222222|PEÑA JOSE|2|E05 E01']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.ss-descargar-rechazados')]);
  assert.equal(download.suggestedFilename(), '999998-201707.rechazados.txt');
  const bytes = readFileSync(await download.path());
  assert.deepEqual(bytes, Buffer.concat([
    Buffer.from('27111111111|SOSA MARIA|1\r\n27222222222|PE', 'latin1'),
    Buffer.from([0xd1]),
    Buffer.from('A JOSE|2\r\n', 'latin1'),
  ]));
  // An .err whose layout planos does not know: its lines, as they are.
  const odd = join(dir, '999998-P.txt.err');
  writeFileSync(odd, 'PEREZ JUAN 20123456789\r\nGOMEZ ANA 20234567890\r\n');
  await page.setInputFiles('#ss-respuesta-archivos', odd);
  await page.waitForFunction(() => document.querySelector('.ss-respuesta h3')?.textContent === '999998-P.txt');
  assert.match(await page.textContent('.ss-lectura'), /no reconoce el formato/);
  assert.equal(await page.locator('.ss-rechazos tbody tr').count(), 2);
  assert.match(await page.textContent('.ss-falta'), /Falta 999998-P\.txt\.ok/);
  // Errores comunes: a line pasted from FileZilla finds its row.
  await page.fill('#ss-errores-buscar', 'Respuesta: 530 Login incorrect');
  assert.equal(await page.locator('.ss-errores tbody tr').count(), 1);
  assert.match(await page.textContent('.ss-errores tbody'), /comprobante/);
  rmSync(dir, { recursive: true });
  assert.deepEqual(requests.slice(loaded), [], 'nothing requested after load');
  await context.close();
});
