//! `DescribeReplicationJobs::from_query_string` never panics. A request it accepts is
//! valid, round-trips through `to_params` and `to_query_string`, and every parameter it
//! accepted is one `to_params` writes under the same name (a name it takes is canonical, so
//! two different names can never fill the same field), except a scalar without a value,
//! which is no filter. So an empty list element keeps its number and an empty
//! `Tag.N.Value` (the empty value, not "any value") is never lost.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smc_core::encode::parse_form;
use smc_core::DescribeReplicationJobs;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(request) = DescribeReplicationJobs::from_query_string(query) else {
        return;
    };
    assert_eq!(
        request.validate(),
        Ok(()),
        "accepted but invalid: {request:?}"
    );

    let params = request.to_params();
    assert_eq!(
        DescribeReplicationJobs::from_params(params.clone()).as_ref(),
        Ok(&request),
        "changed by a round trip through {params:?}"
    );
    let written = request.to_query_string();
    assert_eq!(
        DescribeReplicationJobs::from_query_string(&written).as_ref(),
        Ok(&request),
        "changed by a round trip through {written}"
    );

    // `from_query_string` accepted the query, so it decodes.
    let given = parse_form(query.strip_prefix('?').unwrap_or(query)).expect("decodes");
    let empty_scalar = |name: &str, value: &str| value.is_empty() && !name.contains('.');
    for (name, value) in given.iter().filter(|(name, value)| !empty_scalar(name, value)) {
        assert!(
            params.iter().any(|(written, _)| written == name),
            "{name}={value} was accepted but is not a parameter the request writes: {params:?}"
        );
    }
});
