//! `smc_core::ApiError::from_body` never panics; an error it accepts has a `Code`, and
//! survives being written in its own format (JSON with serde, XML with
//! `xml::error_to_string`) and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smc_core::{xml, ApiError, Format};

fuzz_target!(|data: &[u8]| {
    // The first two bytes are the HTTP status, the rest the body.
    let Some((status, body)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = u16::from_be_bytes(*status);
    let Ok(body) = std::str::from_utf8(body) else {
        return;
    };
    let Ok(error) = ApiError::from_body(status, body) else {
        return;
    };
    assert!(!error.code.is_empty(), "accepted without a Code: {error:?}");
    assert_eq!(error.http_status, status);
    let written = match Format::detect(body) {
        Format::Json => serde_json::to_string(&error).expect("an ApiError serializes"),
        Format::Xml => xml::error_to_string(&error),
    };
    match ApiError::from_body(status, &written) {
        Ok(again) => assert_eq!(again, error, "changed by a round trip through {written}"),
        Err(failure) => panic!("cannot read its own output {written}: {failure}"),
    }
});
