//! Fixtures shared by the integration tests. They are compiled in with `include_str!`
//! so the same tests run natively and as wasm in a browser, where there is no file system.
#![allow(dead_code)]

use time::OffsetDateTime;

pub const SIGNATURE_VECTORS: &str = include_str!("../data/signature-vectors.json");
pub const SEED_SAMPLE: &str = include_str!("../data/seed-sample.json");
pub const FACTS_SAMPLE_JSON: &str = include_str!("../data/facts-sample.json");
pub const FACTS_SAMPLE_XML: &str = include_str!("../data/facts-sample.xml");
pub const ERROR_SIGNATURE_JSON: &str = include_str!("../data/error-signature.json");
pub const ERROR_FORBIDDEN_XML: &str = include_str!("../data/error-forbidden.xml");
pub const ERROR_OTHER_ROOT_XML: &str = include_str!("../data/error-other-root.xml");

/// An API time, for comparisons.
pub fn at(text: &str) -> OffsetDateTime {
    smc_core::time_format::parse_wire_time(text).expect("fixture times are valid")
}
