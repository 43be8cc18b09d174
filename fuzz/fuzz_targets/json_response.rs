//! `smc_core::json::parse_response` never panics, and what it reads survives the wire form:
//! writing it with `json::to_string` and reading that again gives an equal response (its
//! typed parts: each job's raw JSON is the text it was read from, and odd fields are not
//! written).
#![no_main]

use libfuzzer_sys::fuzz_target;
use smc_core::json;

fuzz_target!(|data: &[u8]| {
    // The parser takes text; invalid UTF-8 never reaches it (a transport decodes first).
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(response) = json::parse_response(body) else {
        return;
    };
    let written = json::to_string(&response);
    match json::parse_response(&written) {
        Ok(again) => assert_eq!(
            again.typed_parts(),
            response.typed_parts(),
            "changed by a round trip through {written}"
        ),
        Err(error) => panic!("cannot read its own output {written}: {error}"),
    }
});
