//! InSSSeP dental budget: no panic on any input (nomenclador CSV, typed codes, references,
//! teeth and faces), and what a valid nomenclador says survives the browser's round trip.

use planos_ar::dental::{budget, consumption, diagnosis, faces, nomenclador, teeth};
use proptest::prelude::*;

/// Lines close to a real nomenclador: its separators, quotes, yes/no words and the usual mistakes.
fn near_csv() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("20800".to_string()),
        Just("COMPOSITE".to_string()),
        Just("sí".to_string()),
        Just("no".to_string()),
        Just(";".to_string()),
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        "[\\PC]{0,12}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat().into_bytes())
}

proptest! {
    #[test]
    fn any_bytes_as_a_nomenclador(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let _ = nomenclador::parse_csv(&bytes);
    }

    #[test]
    fn near_valid_nomenclador_reads_back_what_it_read(bytes in near_csv()) {
        if let Ok(table) = nomenclador::parse_csv(&bytes) {
            prop_assert_eq!(nomenclador::parse_csv(nomenclador::to_csv(&table).as_bytes()).unwrap(), table);
        }
    }

    #[test]
    fn any_text_as_a_code_reference_tooth_face_or_age(text in "\\PC{0,40}") {
        let _ = diagnosis::parse(&text);
        prop_assert!(diagnosis::search(&text, 12).len() <= 12);
        let _ = consumption::parse(&text);
        let _ = teeth::parse(&text);
        let _ = faces::parse_letters(&text);
        let _ = budget::age(&text);
    }

    #[test]
    fn any_teeth_and_faces(tooth_numbers in proptest::collection::vec(any::<u8>(), 0..6), letters in "[OVGMDPIL]{0,8}") {
        let table = nomenclador::shipped();
        let faces = faces::parse_letters(&letters).unwrap();
        let mut lines = Vec::new();
        for p in &table {
            if let Ok(added) = budget::add(&lines, p, &tooth_numbers, &faces) {
                for l in &added {
                    prop_assert!(l.tooth.is_none_or(|t| teeth::tooth(t).is_some()), "only FDI teeth are added");
                    let _ = budget::warnings(l, Some(58));
                }
                lines.extend(added);
            }
        }
    }
}
