//! Every file the page downloads, made in the worker, which holds what goes in them: the report
//! (JSON or CSV, the CLI's bytes), an answer's people (CSV or Excel), the file a builder made, a
//! repaired file. Contract: each is a `Blob` of its media type sent in a [`Saved`], and the
//! page saves it as it is; a file that could not be made is a [`Made::Failed`] with why;
//! nothing to save (no build, no repair yet) is no answer at all.

use super::builders::Builders;
use super::repair::Repairs;
use super::store::Store;
use crate::protocol::{Download, Made, PeopleFormat, ReportFormat, Saved};
use planos_co::formats::people::{rows_csv, rows_xlsx};
use web_sys::{Blob, BlobPropertyBag};

/// The media types planos' downloads are saved with.
#[derive(Clone, Copy)]
enum Media {
    Json,
    Csv,
    Xlsx,
    /// The flat files planos builds and repairs.
    Flat,
}

impl Media {
    fn mime(self) -> &'static str {
        match self {
            Media::Json => "application/json",
            Media::Csv => "text/csv",
            Media::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Media::Flat => "text/plain;charset=windows-1252",
        }
    }
}

/// The file `what` asks for, or `None` when there is none to save.
pub fn make(what: Download, store: &mut Store, builders: &Builders, repairs: &Repairs) -> Option<Saved> {
    let (name, made) = match what {
        Download::Report(ReportFormat::Json) => {
            let json = store.report().to_json();
            ("informe-planos.json".to_string(), blob(json.as_bytes(), Media::Json))
        }
        Download::Report(ReportFormat::Csv) => {
            let csv = store.report().to_csv();
            ("informe-planos.csv".to_string(), blob(csv.as_bytes(), Media::Csv))
        }
        Download::People {
            file,
            format: PeopleFormat::Csv,
        } => {
            let people = store.people(file);
            let made = match rows_csv(people.rows(), Parts::default()) {
                Ok(parts) => parts.blob(Media::Csv),
                Err(_) => Made::Failed("no se pudo escribir el CSV".to_string()),
            };
            (format!("personas-{}.csv", store.stem(file)), made)
        }
        Download::People {
            file,
            format: PeopleFormat::Xlsx,
        } => {
            let people = store.people(file);
            let made = match rows_xlsx(people.rows(), people.len(), Parts::default()) {
                Ok((parts, _sheets)) => parts.blob(Media::Xlsx),
                Err(why) => Made::Failed(why),
            };
            (format!("personas-{}.xlsx", store.stem(file)), made)
        }
        Download::Built(builder) => {
            let (name, bytes) = builders.built(builder)?;
            (name.to_string(), blob(bytes, Media::Flat))
        }
        Download::Repaired { file } => {
            let (name, bytes) = repairs.repaired(file)?;
            (name.to_string(), blob(bytes, Media::Flat))
        }
    };
    Some(Saved { name, made })
}

/// A file written a slice at a time out of wasm memory: each 4 MiB written becomes a part of
/// the `Blob` [`Parts::blob`] makes, so a download costs the browser its size and the worker
/// one slice.
#[derive(Default)]
struct Parts {
    parts: Vec<js_sys::Uint8Array>,
    slice: Vec<u8>,
}

const PART: usize = 4 << 20;

impl std::io::Write for Parts {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.slice.extend_from_slice(buf);
        if self.slice.len() >= PART {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.slice.is_empty() {
            self.parts.push(js_sys::Uint8Array::from(self.slice.as_slice()));
            self.slice.clear();
        }
        Ok(())
    }
}

impl Parts {
    fn blob(mut self, media: Media) -> Made {
        let _ = std::io::Write::flush(&mut self);
        let parts = js_sys::Array::new();
        for part in &self.parts {
            parts.push(part);
        }
        blob_of(&parts, media)
    }
}

/// `bytes` as a `Blob` of type `media` (the bytes copied once, out of wasm memory).
fn blob(bytes: &[u8], media: Media) -> Made {
    blob_of(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)), media)
}

fn blob_of(parts: &js_sys::Array, media: Media) -> Made {
    let options = BlobPropertyBag::new();
    options.set_type(media.mime());
    match Blob::new_with_u8_array_sequence_and_options(parts, &options) {
        Ok(blob) => Made::File(blob),
        Err(_) => Made::Failed("el navegador no pudo crear el archivo".to_string()),
    }
}
