//! `time_format::parse_wire_time` never panics, and a time it reads is in UTC and survives
//! being written with `format_wire_time` and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smc_core::time_format::{format_wire_time, parse_wire_time};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(time) = parse_wire_time(text) else {
        return;
    };
    assert!(
        time.offset().is_utc(),
        "{text:?} read as {time}, not in UTC"
    );
    let written = format_wire_time(time);
    assert_eq!(
        parse_wire_time(&written),
        Ok(time),
        "{text:?} changed by a round trip through {written}"
    );
});
