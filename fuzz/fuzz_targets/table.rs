//! Any bytes as a list for the builders (an Excel workbook when they start as a ZIP, text
//! otherwise), then both builders over it with the columns planos recognises; and the same bytes
//! as a SISPRO reference-table export («Actualizar tablas de referencia») and as a saved table:
//! reading, building and checking an export must never panic nor allocate without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planos_co::build::{rnse, smcs, table::Table};
use planos_co::reference::{export, Tables};

fuzz_target!(|data: &[u8]| {
    for name in ["TablaReferencia.xlsx", "TablaReferencia.csv"] {
        if let Ok(e) = export::read(name, data) {
            let _ = e.change(&Tables::default());
            let back = export::read_saved(&e.saved()).expect("a saved table reads back");
            assert_eq!(back.count(), e.count());
        }
    }
    let _ = export::read_saved(data);
    for name in ["lista.xlsx", "lista.csv"] {
        let Ok(table) = Table::read(name, data) else { continue };
        let day = |d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let header = smcs::Header {
            nit: "860999123".into(),
            entity: "014-18".into(),
            date: day("2015-06-01"),
            start: day("2015-05-01"),
            end: day("2015-05-31"),
        };
        let choices = smcs::Choices { drop_refused: true, drop_repeated: true };
        let _ = smcs::build_table(&header, &table, smcs::guess_columns(&table), choices);
        let header = rnse::Header {
            nit: "860999123".into(),
            eps: "EPS001".into(),
            start: day("2020-01-01"),
            end: day("2020-01-31"),
            regimen: "RC".into(),
        };
        let _ = rnse::build(&header, &table, &rnse::guess_mapping(&table), true);
    }
});
