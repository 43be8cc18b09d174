//! Inputs the fuzz targets in `fuzz/` found, each kept as the smallest test that failed
//! before its fix. The property each checks is the one its target asserts.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use smc_core::time_format::{format_wire_time, parse_wire_time};
use smc_core::{json, xml, ApiError, DescribeReplicationJobs};

/// `wire_time`, `json_response`: fractions of a second were kept when read but cannot be
/// written, so a job's time changed on its way through the emulator or the XML writer.
#[test]
fn a_time_with_a_fraction_reads_the_same_after_a_round_trip() {
    let time = parse_wire_time("2019-06-04T21:35:00.250+08:00").unwrap();
    let written = format_wire_time(time);
    assert_eq!(written, "2019-06-04T13:35:00Z");
    assert_eq!(parse_wire_time(&written), Ok(time));

    let body = r#"{"RequestId":"R","ReplicationJobs":[{"StartTime":"2019-06-04T13:35:00.999Z"}]}"#;
    let page = json::parse_response(body).unwrap();
    assert_eq!(
        json::parse_response(&json::to_string(&page)).map(|p| p.typed_parts()),
        Ok(page.typed_parts())
    );
}

/// `wire_time`: an offset could carry a time past the years `time` holds, which panicked
/// (the emulator reads a caller's `Timestamp` with this), or before year 0, which was
/// written as a different time. Found once the corpus had seeds in the first and last years.
#[test]
fn a_time_outside_the_wire_years_is_an_error_not_a_panic() {
    for text in [
        "9999-12-31T23:56:09-04:31",
        "9999-12-31T23:59:59-00:01",
        "0000-01-01T00:00:00+01:00",
    ] {
        let message = parse_wire_time(text).unwrap_err();
        assert!(
            message.contains("outside the years 0000 to 9999"),
            "{message}"
        );
    }
    let last = parse_wire_time("9999-12-31T23:59:59Z").unwrap();
    assert_eq!(format_wire_time(last), "9999-12-31T23:59:59Z");
    let first = parse_wire_time("0000-01-01T01:00:00+01:00").unwrap();
    assert_eq!(format_wire_time(first), "0000-01-01T00:00:00Z");
    // In a job, such a time is kept as received, as any time that is no wire time.
    let page =
        json::parse_response(r#"{"ReplicationJobs":[{"EndTime":"9999-12-31T23:59:59-01:00"}]}"#)
            .unwrap();
    let job = &page.replication_jobs[0];
    assert_eq!(job.end_time, None);
    assert_eq!(
        job.odd_field("EndTime").map(|field| field.text()),
        Some("9999-12-31T23:59:59-01:00".to_owned())
    );
}

/// `json_response`: serde_json's default float parser read the text it writes for some
/// floats one ULP off, so a `Progress` changed on a round trip. The workspace turns on its
/// `float_roundtrip` parser, everywhere.
#[test]
fn a_progress_reads_the_same_after_a_round_trip() {
    let body =
        r#"{"RequestId":"R","ReplicationJobs":[{"Progress":"55.4555555555555555555555555555"}]}"#;
    let page = json::parse_response(body).unwrap();
    let written = json::to_string(&page);
    assert!(
        written.contains(r#""Progress":55.455555555555556"#),
        "{written}"
    );
    assert_eq!(
        json::parse_response(&written).map(|p| p.typed_parts()),
        Ok(page.typed_parts())
    );
}

/// `api_error`: quick-xml reads `<a/b/>` as an empty element named `a/b`, which the writer
/// then wrote as `<a/b></a/b>`, which reads as something else: a free-form
/// `AccessDeniedDetail` made an error body that could not be read back.
#[test]
fn an_element_name_that_is_not_an_xml_name_is_refused() {
    for (bad, name) in [
        (
            "<Error><Code>C</Code><AccessDeniedDetail><a/b/></AccessDeniedDetail></Error>",
            "<a/b>",
        ),
        (
            "<Error><Code>C</Code><AccessDeniedDetail><x<y>1</x<y></AccessDeniedDetail></Error>",
            "<x<y>",
        ),
        ("<R><>1</></R>", "<>"),
        ("<R><1a>1</1a></R>", "<1a>"),
    ] {
        let error = ApiError::from_body(403, bad).unwrap_err();
        assert!(
            error
                .message
                .contains(&format!("{name} is not an element name")),
            "{bad}: {error}"
        );
    }
    let good = "<Error><Code>C</Code><AccessDeniedDetail><x:Policy_Type-2.v>p</x:Policy_Type-2.v><策略>q</策略></AccessDeniedDetail></Error>";
    let error = ApiError::from_body(403, good).unwrap();
    let detail = error.access_denied_detail.as_ref().unwrap();
    assert_eq!(detail["Policy_Type-2.v"], "p");
    assert_eq!(detail["策略"], "q");
    assert_eq!(
        ApiError::from_body(403, &xml::error_to_string(&error)),
        Ok(error)
    );
}

/// `api_error`: an XML error body whose `<Code>` is empty was accepted as an error without
/// a code (the JSON reader already refused `"Code":""`).
#[test]
fn an_xml_error_body_with_an_empty_code_is_refused() {
    for body in [
        "<Error><Code/></Error>",
        "<Error><Code requestId='x'/><Message>m</Message></Error>",
        "<Response><Code></Code><Message>m</Message></Response>",
    ] {
        let error = ApiError::from_body(429, body).unwrap_err();
        assert_eq!(error.message, "an error body must have a Code", "{body}");
    }
    assert_eq!(
        ApiError::from_body(429, "<Error><Code>Throttling.User</Code></Error>")
            .unwrap()
            .code,
        "Throttling.User"
    );
}

/// `request_params` (with its dictionary): `usize::from_str` takes a leading `+`, so
/// `JobId.%2B1` named the same element as `JobId.1` and one of the two ids was dropped
/// without an error.
#[test]
fn a_list_index_with_a_sign_is_refused() {
    for (query, parameter) in [
        ("JobId.1=a&JobId.%2B1=b", "JobId.+1"),
        ("SourceId.%2B1=s", "SourceId.+1"),
        ("Tag.%2B1.Key=k", "Tag.+1.Key"),
    ] {
        let errors = DescribeReplicationJobs::from_query_string(query).unwrap_err();
        let rules: Vec<_> = errors.about(parameter).map(|e| e.rule.as_str()).collect();
        assert!(
            rules.iter().any(|r| r.starts_with("N must be a number")),
            "{query}: {errors}"
        );
    }
    let request = DescribeReplicationJobs::from_query_string("JobId.1=a&JobId.2=b").unwrap();
    assert_eq!(request.job_ids, ["a", "b"]);
}
