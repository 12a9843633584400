//! `planos firmar --p12 CERT.p12 [--clave-archivo ARCHIVO] [--carpeta CARPETA] ARCHIVO…`: each
//! file checked as `planos check` checks it, and each valid one signed with the entity's
//! certificate as `CARPETA/<name>.p7z` (`planos_sign`: CMS, content attached, CAdES-BES).
//!
//! Streaming: a file is read twice in chunks (its digest, then its bytes copied between the
//! envelope's header and trailer, their digest taken again so a file changed in between is not
//! signed wrongly), never held whole. The envelope is written under a temporary name in the
//! folder and renamed when whole, so a failure leaves no `.p7z`. The password lives only in
//! memory (wiped when dropped, as soon as the `.p12` is open); the key, until the last file.

use super::{check_options, check_paths, failed, io_text, unix_now, usage, write_file, Failure, CHUNK};
use clap::Args;
use planos_co::check::Checked;
use planos_core::report::{plural, FileReport, DEFAULT_LIMIT};
use planos_sign::{Frame, Identity};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

pub const HELP: &str = "\
planos firmar — revisa archivos planos y firma los válidos con el certificado digital de la entidad.

Uso:
  planos firmar --p12 CERTIFICADO.p12 [--clave-archivo ARCHIVO] [--carpeta CARPETA] ARCHIVO...

Cada archivo se revisa primero como lo hace «planos check»: uno con errores no se firma (se
dice por qué; «planos corregir» aplica las correcciones que no cambian el contenido). Las
advertencias se muestran y no impiden firmar. Cada archivo válido se firma como ARCHIVO.p7z
(CMS con el contenido adjunto, CAdES-BES), la firma digital que piden las resoluciones. El
original no se modifica. Un archivo ya firmado (.p7z) no se firma de nuevo, ni un segundo
archivo con el mismo nombre en la misma carpeta.

  --p12 C            El certificado de firma de la entidad, con su clave privada (.p12 o .pfx).
  --clave-archivo A  Archivo cuya primera línea es la contraseña del certificado. Sin esta
                     opción, planos la pide sin mostrarla. La contraseña solo se usa en memoria
                     para abrir el certificado: no se guarda ni se muestra.
  --carpeta C        Dónde escribir los archivos firmados (predeterminado: ./firmados; si no
                     existe, se crea).

Antes de firmar se muestra a nombre de quién está el certificado, quién lo emitió y su
vigencia. Con un certificado vencido o todavía no válido no se firma; si vence en menos de
30 días, se avisa.

Estado de salida: 0 todos los archivos se firmaron, 1 alguno tiene errores y no se firmó,
2 no se pudo ejecutar (certificado, contraseña, lectura o escritura).

Ejemplo:
  planos firmar --p12 entidad.p12 RUA250SMCS20150601NI000860999123CO014-18.TXT
";

/// `planos firmar`'s arguments, as typed.
#[derive(Args, Debug)]
pub struct SignArgs {
    #[arg(long = "p12", value_name = "C")]
    p12: Option<String>,
    #[arg(long = "clave-archivo", value_name = "A")]
    password_file: Option<String>,
    #[arg(long = "carpeta", value_name = "C", default_value = "firmados")]
    folder: String,
    #[arg(value_name = "ARCHIVO")]
    files: Vec<String>,
}

pub fn run(args: SignArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(p12) = args.p12 else {
        return usage(
            err,
            "firmar",
            "indique el certificado de firma con --p12 CERTIFICADO.p12",
        );
    };
    if args.files.is_empty() {
        return usage(err, "firmar", "indique al menos un archivo");
    }
    let identity = match identity(&p12, args.password_file.as_deref(), out) {
        Ok(identity) => identity,
        Err(why) => return failed(err, "firmar", Failure::Run(why)),
    };
    let Ok(checked) = check_paths(&args.files, &check_options(DEFAULT_LIMIT), err) else {
        return 2;
    };
    let status = sign_valid(&identity, checked, Path::new(&args.folder), out);
    drop(identity);
    match status {
        Ok(status) => status,
        Err(why) => failed(err, "firmar", Failure::Run(why)),
    }
}

/// The `.p12` opened with its password and told on `out` (who, until when, a warning when it
/// expires soon); why it cannot sign otherwise.
fn identity(p12: &str, password_file: Option<&str>, out: &mut dyn Write) -> Result<Identity, String> {
    let bytes = std::fs::read(p12).map_err(|e| format!("no se pudo leer el certificado «{p12}»: {}", io_text(&e)))?;
    let identity = {
        let password = password(p12, password_file)?;
        Identity::from_pkcs12(&bytes, &password).map_err(|e| e.to_string())?
    };
    let warning = identity.usable_at(unix_now()).map_err(|e| e.to_string())?;
    let holder = identity.holder();
    let _ = writeln!(out, "Firma: {}", holder.describe());
    let _ = writeln!(out, "  Vigencia del certificado: {}", holder.validity_in_prose());
    if let Some(warning) = warning {
        let _ = writeln!(out, "  Aviso: {warning}");
    }
    Ok(identity)
}

/// The `.p12`'s password: the first line of `password_file`, or asked on the terminal without
/// echo. Wiped from memory when dropped.
fn password(p12: &str, password_file: Option<&str>) -> Result<Zeroizing<String>, String> {
    let Some(path) = password_file else {
        return rpassword::prompt_password(format!("Contraseña del certificado «{p12}»: "))
            .map(Zeroizing::new)
            .map_err(|e| {
                format!(
                    "no se pudo pedir la contraseña en la terminal ({}); indíquela con --clave-archivo ARCHIVO",
                    io_text(&e)
                )
            });
    };
    let bytes = Zeroizing::new(
        std::fs::read(path).map_err(|e| format!("no se pudo leer la contraseña de «{path}»: {}", io_text(&e)))?,
    );
    let text = std::str::from_utf8(&bytes).map_err(|_| format!("«{path}» no es texto UTF-8"))?;
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default();
    Ok(Zeroizing::new(first.to_string()))
}

/// Each checked file told as `planos check` tells it; the valid ones signed into `folder`.
/// The exit status (0 all signed, 1 some were not), or why signing could not go on.
fn sign_valid(identity: &Identity, checked: Checked, folder: &Path, out: &mut dyn Write) -> Result<i32, String> {
    let total = checked.files.len();
    let mut signed: Vec<PathBuf> = Vec::new();
    for kept in checked.files {
        let repairable = planos_co::repair::offered_for(&kept);
        let report = kept.into_listed();
        let _ = write_file(&report, out);
        let target = target(folder, &report.path)?;
        if let Some(why) = refusal(&report, &target, &signed) {
            let _ = writeln!(out, "  No se firma: {why}");
            if repairable && !report.valid {
                let _ = writeln!(
                    out,
                    "  «planos corregir {}» aplica las correcciones que no cambian el contenido.",
                    report.path
                );
            }
            continue;
        }
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("no se pudo crear la carpeta «{}»: {}", folder.display(), io_text(&e)))?;
        sign_file(identity, &report.path, &target)?;
        let _ = writeln!(out, "  Firmado: {}", target.display());
        signed.push(target);
    }
    let _ = writeln!(
        out,
        "Se {} {} de {}.",
        if signed.len() == 1 { "firmó" } else { "firmaron" },
        signed.len(),
        plural(total as u64, "archivo", "archivos")
    );
    Ok(if signed.len() == total { 0 } else { 1 })
}

/// Where `path` is signed to: `folder/<its name>.p7z`.
fn target(folder: &Path, path: &str) -> Result<PathBuf, String> {
    let name = Path::new(path)
        .file_name()
        .ok_or_else(|| format!("«{path}» no nombra un archivo"))?;
    Ok(folder.join(format!("{}.p7z", name.to_string_lossy())))
}

/// Why a checked file is not signed to `target`, if it is not: its errors, its being signed
/// already, or another file of the same name signed there in this run.
fn refusal(report: &FileReport, target: &Path, signed: &[PathBuf]) -> Option<String> {
    if !report.valid {
        let errors = plural(report.error_count, "error", "errores");
        return Some(format!("tiene {errors}. Corríjalo, revíselo y fírmelo de nuevo."));
    }
    if report.path.to_ascii_lowercase().ends_with(".p7z") {
        return Some("ya es un archivo firmado (.p7z).".to_string());
    }
    signed.iter().any(|t| t == target).then(|| {
        format!(
            "otro archivo del mismo nombre ya se firmó como «{}»; fírmelo aparte, con otra --carpeta.",
            target.display()
        )
    })
}

/// `path` signed into `target` (a temporary name beside it until whole).
fn sign_file(identity: &Identity, path: &str, target: &Path) -> Result<(), String> {
    let read = |e: std::io::Error| format!("no se pudo leer «{path}»: {}", io_text(&e));
    let write = |e: std::io::Error| format!("no se pudo escribir «{}»: {}", target.display(), io_text(&e));
    let mut source = File::open(path).map_err(read)?;
    let mut hasher = identity.content_hasher();
    let len = stream(&mut source, &mut |chunk| {
        hasher.update(chunk);
        Ok(())
    })
    .map_err(read)?;
    let digest = hasher.finish();
    let Frame { header, trailer } = identity.frame(&digest, len, unix_now())?;
    source.seek(SeekFrom::Start(0)).map_err(read)?;
    let mut partial = Partial::create(target).map_err(write)?;
    partial.out.write_all(&header).map_err(write)?;
    let mut again = identity.content_hasher();
    let copied = stream(&mut source, &mut |chunk| {
        again.update(chunk);
        partial.out.write_all(chunk)
    })
    .map_err(|e| format!("no se pudo firmar «{path}»: {}", io_text(&e)))?;
    if copied != len || again.finish() != digest {
        return Err(format!(
            "«{path}» cambió mientras se firmaba; no se firmó: vuelva a firmarlo"
        ));
    }
    partial.out.write_all(&trailer).map_err(write)?;
    partial.persist().map_err(write)
}

/// Reads `source` to its end in chunks, each handed to `each`; how many bytes it had.
fn stream(source: &mut impl Read, each: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<u64> {
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        each(&buf[..n])?;
        total += n as u64;
    }
}

/// An envelope being written under a temporary name beside its target: renamed into place by
/// [`Partial::persist`], removed if dropped before.
struct Partial {
    path: PathBuf,
    target: PathBuf,
    out: BufWriter<File>,
    done: bool,
}

impl Partial {
    fn create(target: &Path) -> std::io::Result<Partial> {
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let path = target.with_file_name(format!(".{name}.{}.parcial", std::process::id()));
        let out = BufWriter::new(File::create(&path)?);
        Ok(Partial {
            path,
            target: target.to_path_buf(),
            out,
            done: false,
        })
    }

    /// Everything written reaches the disk, then the envelope takes its name.
    fn persist(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_all()?;
        std::fs::rename(&self.path, &self.target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("planos-sign-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// An envelope not persisted leaves nothing; one persisted leaves only itself.
    #[test]
    fn a_partial_envelope_is_removed_unless_persisted() {
        let dir = scratch("partial");
        let mut partial = Partial::create(&dir.join("A.TXT.p7z")).unwrap();
        partial.out.write_all(b"header").unwrap();
        partial.out.flush().unwrap();
        assert_eq!(names(&dir).len(), 1, "written under a temporary name");
        drop(partial);
        assert!(names(&dir).is_empty());
        let mut partial = Partial::create(&dir.join("A.TXT.p7z")).unwrap();
        partial.out.write_all(b"whole").unwrap();
        partial.persist().unwrap();
        assert_eq!(names(&dir), ["A.TXT.p7z"]);
        assert_eq!(std::fs::read(dir.join("A.TXT.p7z")).unwrap(), b"whole");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The password is the file's first line, without its line end or a Notepad BOM.
    #[test]
    fn the_password_is_the_first_line_of_its_file() {
        let dir = scratch("password");
        let file = dir.join("clave.txt");
        for (text, expected) in [
            ("Prueba-2026\r\notra\r\n", "Prueba-2026"),
            ("Prueba-2026\n", "Prueba-2026"),
            ("Prueba-2026", "Prueba-2026"),
            ("\u{feff}con espacio \r\n", "con espacio "),
            ("", ""),
        ] {
            std::fs::write(&file, text).unwrap();
            let got = password("c.p12", Some(file.to_str().unwrap())).unwrap();
            assert_eq!(got.as_str(), expected, "{text:?}");
        }
        std::fs::write(&file, [0xff, 0xfe, b'a']).unwrap();
        assert!(password("c.p12", Some(file.to_str().unwrap()))
            .unwrap_err()
            .ends_with("no es texto UTF-8"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Every byte reaches `each`, in order, across chunks.
    #[test]
    fn stream_hands_every_chunk_over() {
        let data: Vec<u8> = (0..(CHUNK + 10)).map(|i| i as u8).collect();
        let mut seen = Vec::new();
        let n = stream(&mut &data[..], &mut |c| {
            seen.extend_from_slice(c);
            Ok(())
        })
        .unwrap();
        assert_eq!((n as usize, seen), (data.len(), data));
    }
}
