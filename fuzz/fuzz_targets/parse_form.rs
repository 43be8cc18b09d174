//! `encode::parse_form` never panics, and the pairs it reads survive being written with
//! `encode::to_query_string` and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smc_core::encode::{parse_form, to_query_string};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(pairs) = parse_form(input) else {
        return;
    };
    let written = to_query_string(&pairs);
    assert_eq!(
        parse_form(&written).as_ref(),
        Ok(&pairs),
        "changed by a round trip through {written}"
    );
});
