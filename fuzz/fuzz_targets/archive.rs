//! Any bytes as a supervivencia answer archive (ZIP, nested ZIP, CMS envelope), alone and with
//! a query: reading it must never panic nor allocate without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;

const DAT: &str = "PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT";
const QUERY: &str = "RUA250SMCS20150601NI000860999123CO014-18.TXT";
const QUERY_BYTES: &[u8] =
    b"1,014-18,2015-05-01,2015-05-31,2,RUA250SMCS20150601NI000860999123CO014-18.TXT\r\n2,CC,12345678\r\n2,TI,1002003004\r\n";

fuzz_target!(|data: &[u8]| {
    let _ = planos_co::check_bytes(DAT, data, 1000);
    let _ = planos_co::check_all_bytes(&[(QUERY, QUERY_BYTES), (DAT, data)], Some(0), 1000);
});
