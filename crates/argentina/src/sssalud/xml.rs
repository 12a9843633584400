//! Is a file well-formed XML, and if not, where is the first error (line and column) and what
//! is it, in Spanish. The sites Res. 331, 650 and 83 take XML ("Extensión del archivo a subir:
//! XML"); a file that is not XML is rejected after a wait of minutes, so planos says it before.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// The first problem found, with its 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// What a well-formed document is: its root element's name and its encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlOk {
    pub root: String,
    pub encoding: &'static str,
}

/// Checks that `bytes` are one well-formed XML document, decoded as its BOM or its declaration
/// says (UTF-8 when neither does, as XML 1.0 section 4.3.3 requires).
pub fn check(bytes: &[u8]) -> Result<XmlOk, XmlError> {
    let (text, encoding) = decode(bytes)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => Ok(XmlOk {
            root: doc.root_element().tag_name().name().to_string(),
            encoding: encoding.name(),
        }),
        Err(e) => {
            let (line, column) = match e {
                roxmltree::Error::NoRootNode
                | roxmltree::Error::UnclosedRootNode
                | roxmltree::Error::UnexpectedEndOfStream => end_position(text),
                _ => (e.pos().row, e.pos().col),
            };
            Err(XmlError {
                line,
                column,
                message: spanish(&e),
            })
        }
    }
}

/// Text from bytes: a UTF-16 or UTF-8 byte-order mark, else the `encoding` of the declaration,
/// else UTF-8. Bytes that are not valid in that encoding are an error at their position.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static Encoding), XmlError> {
    let encoding = if let Some((enc, _)) = Encoding::for_bom(bytes) {
        enc
    } else {
        match declared(bytes) {
            Some(label) => Encoding::for_label(label.as_bytes()).ok_or_else(|| XmlError {
                line: 1,
                column: 1,
                message: format!("la declaración XML indica la codificación «{label}», que planos no conoce (use UTF-8 o ISO-8859-1)"),
            })?,
            None => UTF_8,
        }
    };
    if encoding == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(s) => Ok((Cow::Borrowed(s), UTF_8)),
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                let (line, column) = end_position(&String::from_utf8_lossy(valid));
                Err(XmlError {
                    line,
                    column,
                    message: format!(
                        "el byte 0x{:02X} no es UTF-8, y el archivo no declara otra codificación; si fue guardado como ANSI, su primera línea debe decir <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                        bytes[e.valid_up_to()]
                    ),
                })
            }
        };
    }
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    if had_errors && (encoding == UTF_16LE || encoding == UTF_16BE) {
        return Err(XmlError {
            line: 1,
            column: 1,
            message: "el archivo declara UTF-16 pero tiene bytes que no lo son".into(),
        });
    }
    Ok((text, encoding))
}

/// The `encoding` pseudo-attribute of an `<?xml …?>` declaration at the start.
fn declared(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(200))?;
    let head = String::from_utf8_lossy(head);
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// The line and column just after the last character of `text`.
fn end_position(text: &str) -> (u32, u32) {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    (clamp(line), clamp(last.chars().count() + 1))
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The parser's error, said in Spanish for the people who prepare the file.
fn spanish(e: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    match e {
        E::UnexpectedCloseTag(expected, actual, _) => {
            format!("se esperaba cerrar </{expected}> y se encontró </{actual}>")
        }
        E::UnknownEntityReference(name, _) => {
            format!("la referencia «&{name};» no existe en XML (un «&» suelto se escribe &amp;)")
        }
        E::MalformedEntityReference(_) => {
            "hay un «&» que no forma una referencia válida (un «&» suelto se escribe &amp;)".into()
        }
        E::DuplicatedAttribute(name, _) => format!("el atributo «{name}» está repetido en el mismo elemento"),
        E::NoRootNode => "el archivo no tiene ningún elemento XML".into(),
        E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            "el archivo termina antes de cerrar sus elementos (¿está incompleto o cortado?)".into()
        }
        E::InvalidAttributeValue(_) => {
            "el valor de un atributo no es válido (¿falta una comilla, o tiene un «<»?)".into()
        }
        E::NonXmlChar(c, _) => format!("el carácter U+{:04X} no está permitido en XML", *c as u32),
        E::InvalidChar(..) | E::InvalidString(..) | E::UnknownToken(_) => {
            "hay texto que no es XML en este lugar (¿un «<» suelto, que se escribe &lt;?)".into()
        }
        E::InvalidName(_) => "el nombre de un elemento o atributo no es válido".into(),
        E::UnknownNamespace(prefix, _) => format!("el prefijo «{prefix}:» no está declarado"),
        E::UnexpectedDeclaration(_) => "la declaración <?xml …?> solo puede ir al comienzo del archivo".into(),
        E::InvalidComment(_) => "un comentario <!-- … --> está mal formado".into(),
        E::InvalidCharacterData(_) => "el texto contiene «]]>», que XML no permite".into(),
        E::EntityReferenceLoop(_) => "las entidades del DTD se refieren unas a otras sin fin".into(),
        other => format!("no es XML bien formado (detalle del analizador: {other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(xml: &[u8]) -> XmlError {
        check(xml).expect_err("not well-formed")
    }

    #[test]
    fn well_formed_documents_in_their_encodings() {
        let ok = check(b"<?xml version=\"1.0\"?>\r\n<Res331><Dato a=\"1\">x</Dato></Res331>\r\n").unwrap();
        assert_eq!((ok.root.as_str(), ok.encoding), ("Res331", "UTF-8"));
        let latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>Pe\xf1a</a>";
        assert_eq!(check(latin).unwrap().encoding, "windows-1252");
        assert!(
            check(b"\xEF\xBB\xBF<a>\xC3\xB1</a>").is_ok(),
            "a UTF-8 BOM is allowed in XML"
        );
        assert!(check(b"<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>").is_ok());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<a/>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(check(&utf16).unwrap().encoding, "UTF-16LE");
    }

    #[test]
    fn the_first_error_with_its_line_and_column() {
        let e = err(b"<?xml version=\"1.0\"?>\n<a>\n  <b>x</c>\n</a>");
        assert_eq!((e.line, e.column), (3, 7), "{e:?}"); // where </c> starts
        assert_eq!(e.message, "se esperaba cerrar </b> y se encontró </c>");
        let e = err(b"<a>\n<b>Salud & Vida</b></a>");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("&amp;"), "{e:?}");
        let e = err(b"<a x=\"1\" x=\"2\"/>");
        assert_eq!(e.message, "el atributo «x» está repetido en el mismo elemento");
        let e = err(b"<a>\n<b>\n");
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("incompleto"), "{e:?}");
        let e = err(b"");
        assert_eq!(e.message, "el archivo no tiene ningún elemento XML");
        let e = err(b"<a/><b/>");
        assert_eq!(e.line, 1, "{e:?}");
    }

    #[test]
    fn bytes_that_are_not_the_declared_encoding() {
        let e = err(b"<a>\nPe\xf1a</a>");
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.message.starts_with("el byte 0xF1 no es UTF-8"), "{e:?}");
        assert!(e.message.contains("encoding=\"ISO-8859-1\""));
        let e = err(b"<?xml version=\"1.0\" encoding=\"klingon\"?><a/>");
        assert!(e.message.contains("«klingon»"), "{e:?}");
    }

    #[test]
    fn never_a_panic() {
        for bytes in [
            &b"\xFF\xFE\x00"[..],
            b"<?xml",
            b"<?xml encoding=\"",
            b"<a \xF0\x9F>",
            b"\xEF\xBB\xBF",
            b"<",
        ] {
            let _ = check(bytes);
        }
    }
}
