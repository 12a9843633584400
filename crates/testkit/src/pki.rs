//! A test public-key infrastructure, made with the `openssl` command (the reference tool the
//! signatures must interoperate with) in a folder the caller owns: a certification authority,
//! an entity's certificates signed by it, and their `.p12` files in the legacy Windows layout
//! (`-legacy`: RC2-40 certificates, 3DES key, SHA-1 MAC) and OpenSSL 3's PBES2 (AES-256-CBC,
//! PBKDF2-HMAC-SHA256, SHA-256 MAC). Nothing here is committed; every key is thrown away.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The password of every test `.p12`.
pub const PASSWORD: &str = "Prueba-2026";
/// The entity the test certificates name.
pub const ENTITY: &str = "EPS PRUEBA S.A.S.";
pub const ENTITY_NIT: &str = "900123456-7";
/// The test certification authority's name.
pub const CA: &str = "AC PRUEBA PLANOS";

/// The files made, by name: `ca.pem`; `legacy.p12`, `modern.p12` (the entity, valid a year,
/// chain included); `ec.p12` (P-256); `expired.p12` (its validity ended the day before it began, so it is expired from the first second); `soon.p12` (expires in 10 days);
/// `nokey.p12` (certificates only); `ministry.p12` (a self-signed «MINISTERIO DE SALUD Y
/// PROTECCION SOCIAL», trusted by no one).
pub struct Pki {
    pub dir: PathBuf,
}

impl Pki {
    /// Makes the files in `dir` unless they are already there. Tests running at once (in one
    /// process or several) each build in a folder of their own and rename it into place: the
    /// first rename wins, and no one sees a half-made PKI.
    pub fn make(dir: &Path) -> Pki {
        let pki = Pki { dir: dir.to_path_buf() };
        if pki.path("done").exists() {
            return pki;
        }
        static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let scratch = Pki {
            dir: dir.with_extension(format!("tmp-{}-{n}", std::process::id())),
        };
        let _ = std::fs::remove_dir_all(&scratch.dir);
        std::fs::create_dir_all(&scratch.dir).expect("carpeta de la PKI de prueba");
        scratch.build();
        std::fs::write(scratch.path("done"), b"").unwrap();
        if std::fs::rename(&scratch.dir, dir).is_err() {
            let _ = std::fs::remove_dir_all(&scratch.dir);
        }
        assert!(pki.path("done").exists(), "PKI de prueba en {}", dir.display());
        pki
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// `openssl cms -verify` of the envelope at `p7z` against the test CA: the content OpenSSL
    /// finds inside (it panics, with OpenSSL's words, when the envelope does not verify).
    pub fn openssl_verify(&self, p7z: &Path) -> Vec<u8> {
        let output = p7z.with_extension("out");
        let run = Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
            .arg(p7z)
            .arg("-CAfile")
            .arg(self.path("ca.pem"))
            .arg("-out")
            .arg(&output)
            .output()
            .expect("el comando openssl");
        assert!(
            run.status.success(),
            "openssl cms -verify: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let content = std::fs::read(&output).unwrap();
        std::fs::remove_file(output).unwrap();
        content
    }

    fn openssl(&self, args: &[&str]) {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(&self.dir)
            .output()
            .expect("el comando openssl");
        assert!(
            out.status.success(),
            "openssl {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn build(&self) {
        let pass = format!("pass:{PASSWORD}");
        std::fs::write(
            self.path("entity.ext"),
            "keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:false\n",
        )
        .unwrap();
        self.openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-subj",
            &format!("/C=CO/O=planos pruebas/CN={CA}"),
            "-addext",
            "basicConstraints=critical,CA:true",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        let subject = format!("/C=CO/O={ENTITY}/serialNumber={ENTITY_NIT}/CN={ENTITY}");
        self.openssl(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "entity.key",
            "-out",
            "entity.csr",
            "-subj",
            &subject,
        ]);
        self.openssl(&["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.sec1"]);
        self.openssl(&["pkcs8", "-topk8", "-nocrypt", "-in", "ec.sec1", "-out", "ec.key"]);
        self.openssl(&["req", "-new", "-key", "ec.key", "-out", "ec.csr", "-subj", &subject]);
        for (name, csr, days) in [
            ("entity", "entity.csr", "365"),
            ("soon", "entity.csr", "10"),
            ("expired", "entity.csr", "-1"),
            ("ec", "ec.csr", "365"),
        ] {
            self.openssl(&[
                "x509",
                "-req",
                "-in",
                csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                days,
                "-extfile",
                "entity.ext",
                "-out",
                &format!("{name}.pem"),
            ]);
        }
        let p12 = |out: &str, key: &str, cert: &str, legacy: bool| {
            let mut args = vec![
                "pkcs12",
                "-export",
                "-inkey",
                key,
                "-in",
                cert,
                "-certfile",
                "ca.pem",
                "-passout",
                &pass,
                "-out",
                out,
            ];
            if legacy {
                args.push("-legacy");
            }
            self.openssl(&args);
        };
        p12("legacy.p12", "entity.key", "entity.pem", true);
        p12("modern.p12", "entity.key", "entity.pem", false);
        p12("ec.p12", "ec.key", "ec.pem", false);
        p12("soon.p12", "entity.key", "soon.pem", false);
        p12("expired.p12", "entity.key", "expired.pem", false);
        self.openssl(&[
            "pkcs12",
            "-export",
            "-nokeys",
            "-in",
            "entity.pem",
            "-certfile",
            "ca.pem",
            "-passout",
            &pass,
            "-out",
            "nokey.p12",
        ]);
        self.openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ministry.key",
            "-out",
            "ministry.pem",
            "-days",
            "365",
            "-subj",
            "/C=CO/O=MINISTERIO DE SALUD Y PROTECCION SOCIAL/CN=MINISTERIO DE SALUD Y PROTECCION SOCIAL",
        ]);
        self.openssl(&[
            "pkcs12",
            "-export",
            "-inkey",
            "ministry.key",
            "-in",
            "ministry.pem",
            "-passout",
            &pass,
            "-out",
            "ministry.p12",
        ]);
    }
}
