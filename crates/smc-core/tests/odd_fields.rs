//! A page never fails on one odd field: each odd shape, in JSON and in XML, leaves the job
//! on the page with that field kept as it arrived; only a body that is no page fails.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use common::at;
use serde_json::{json, Value};
use smc_core::{body, json, xml, JobType, ReplicationJob, Status};

/// A page of two jobs: `j-odd` with `field` set to `json_value` (JSON) or `xml_value` (the
/// element's content in XML), and a plain `j-plain` after it.
fn page_with(field: &str, json_value: &str, xml_value: &str) -> (String, String) {
    let json_body = format!(
        r#"{{"RequestId":"R-1","TotalCount":2,"PageNumber":1,"PageSize":10,"ReplicationJobs":{{"ReplicationJob":[{{"JobId":"j-odd","Name":"odd","{field}":{json_value}}},{{"JobId":"j-plain","Progress":40}}]}}}}"#
    );
    let xml_body = format!(
        "<?xml version='1.0' encoding='UTF-8'?><DescribeReplicationJobsResponse><RequestId>R-1</RequestId><TotalCount>2</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize><ReplicationJobs><ReplicationJob><JobId>j-odd</JobId><Name>odd</Name><{field}>{xml_value}</{field}></ReplicationJob><ReplicationJob><JobId>j-plain</JobId><Progress>40</Progress></ReplicationJob></ReplicationJobs></DescribeReplicationJobsResponse>"
    );
    (json_body, xml_body)
}

/// The odd job of both bodies, after checking that the whole page came through.
fn read_both(field: &str, json_value: &str, xml_value: &str) -> [ReplicationJob; 2] {
    let (json_body, xml_body) = page_with(field, json_value, xml_value);
    [json_body, xml_body].map(|body| {
        let page = body::parse_response(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        assert_eq!(page.request_id, "R-1");
        let ids: Vec<&str> = page
            .replication_jobs
            .iter()
            .map(|j| j.job_id.as_str())
            .collect();
        assert_eq!(ids, ["j-odd", "j-plain"], "{body}");
        assert_eq!(page.replication_jobs[1].progress, Some(40.0));
        assert!(page.replication_jobs[1].odd_fields.is_empty());
        page.replication_jobs[0].clone()
    })
}

#[test]
fn times_in_other_iso_8601_forms_are_read_as_times() {
    for text in [
        "2026-11-28T12:00:00.123Z",
        "2026-11-28T12:00Z",
        "2026-11-28T20:00:00+08:00",
        "2026-11-28T20:00+08:00",
    ] {
        for job in read_both("CreationTime", &format!("\"{text}\""), text) {
            assert_eq!(
                job.creation_time,
                Some(at("2026-11-28T12:00:00Z")),
                "{text}"
            );
            assert!(job.odd_fields.is_empty(), "{text}");
        }
    }
}

#[test]
fn a_time_that_is_no_time_is_kept_as_received() {
    for text in ["2026-11-28T12:00:00", "yesterday", "1764331200"] {
        for job in read_both("CreationTime", &format!("\"{text}\""), text) {
            assert_eq!(job.creation_time, None);
            let field = job.odd_field("CreationTime").expect("kept");
            assert_eq!(field.text(), text);
        }
    }
    let [job, _] = read_both("StartTime", "1764331200", "");
    assert_eq!(
        job.odd_field("StartTime").map(|f| f.text()),
        Some("1764331200".into())
    );
}

#[test]
fn numbers_as_strings_or_numbers_are_read_and_words_are_kept() {
    for (json_value, xml_value) in [("55.5", "55.5"), ("\"55.5\"", " 55.5 ")] {
        for job in read_both("Progress", json_value, xml_value) {
            assert_eq!(job.progress, Some(55.5));
            assert!(job.odd_fields.is_empty());
        }
    }
    for job in read_both("Progress", "\"55 %\"", "55 %") {
        assert_eq!(job.progress, None);
        assert_eq!(
            job.odd_field("Progress").map(|f| f.text()),
            Some("55 %".into())
        );
    }
}

#[test]
fn enum_values_never_seen_are_typed_as_unknown_with_their_raw_value() {
    for job in read_both("Status", "\"Migrating\"", "Migrating") {
        assert_eq!(job.status, Some(Status::Unknown("Migrating".into())));
        assert!(job.odd_fields.is_empty());
    }
    for job in read_both("JobType", "9", "9") {
        assert_eq!(job.job_type, Some(JobType::Unknown(9)));
    }
    for job in read_both("JobType", "\"server\"", "server") {
        assert_eq!(job.job_type, None);
        assert_eq!(
            job.odd_field("JobType").map(|f| f.text()),
            Some("server".into())
        );
    }
}

#[test]
fn a_field_of_an_unexpected_type_is_kept_as_received() {
    let [from_json, from_xml] = read_both("Description", r#"{"Text":"x"}"#, "<Text>x</Text>");
    for job in [&from_json, &from_xml] {
        assert_eq!(job.description, "");
        assert_eq!(
            job.odd_field("Description").map(|f| &f.raw),
            Some(&json!({"Text": "x"}))
        );
    }
    let [job, _] = read_both("RunOnce", "[true]", "");
    assert_eq!(
        job.odd_field("RunOnce").map(|f| f.text()),
        Some("[true]".into())
    );
}

#[test]
fn an_odd_value_inside_a_list_leaves_the_rest_of_the_job_and_the_list() {
    let runs_json = r#"{"ReplicationJobRun":[{"Type":"Manual","StartTime":"later"},{"Type":"Schedule","StartTime":"2026-11-28T12:00:00Z"}]}"#;
    let runs_xml = "<ReplicationJobRun><Type>Manual</Type><StartTime>later</StartTime></ReplicationJobRun><ReplicationJobRun><Type>Schedule</Type><StartTime>2026-11-28T12:00:00Z</StartTime></ReplicationJobRun>";
    for job in read_both("ReplicationJobRuns", runs_json, runs_xml) {
        assert_eq!(job.replication_job_runs.len(), 2);
        assert_eq!(job.replication_job_runs[0].start_time, None);
        assert_eq!(
            job.replication_job_runs[1].start_time,
            Some(at("2026-11-28T12:00:00Z"))
        );
        let field = job
            .odd_field("ReplicationJobRuns.ReplicationJobRun[0].StartTime")
            .expect("kept with its path");
        assert_eq!(field.text(), "later");
    }
}

#[test]
fn raw_json_is_the_job_as_sent_with_unknown_fields() {
    let (json_body, xml_body) = page_with(
        "FutureField",
        r#"{"Level":3, "Note":"new"}"#,
        "<Level>3</Level>",
    );
    let page = json::parse_response(&json_body).unwrap();
    let raw = page.replication_jobs[0]
        .raw
        .as_ref()
        .expect("kept")
        .as_str();
    assert_eq!(
        raw,
        r#"{"JobId":"j-odd","Name":"odd","FutureField":{"Level":3, "Note":"new"}}"#
    );
    assert_eq!(
        page.replication_jobs[1].raw.as_ref().map(|r| r.as_str()),
        Some(r#"{"JobId":"j-plain","Progress":40}"#)
    );
    // XML keeps its element tree as JSON.
    let page = xml::parse_response(&xml_body).unwrap();
    let raw: Value =
        serde_json::from_str(page.replication_jobs[0].raw.as_ref().unwrap().as_str()).unwrap();
    assert_eq!(
        raw,
        json!({"JobId": "j-odd", "Name": "odd", "FutureField": {"Level": "3"}})
    );
    // A job alone in its list (one XML element) keeps its raw JSON too.
    let alone = "<DescribeReplicationJobsResponse><ReplicationJobs><ReplicationJob><JobId>j-1</JobId><Progress>x</Progress></ReplicationJob></ReplicationJobs></DescribeReplicationJobsResponse>";
    let job = &xml::parse_response(alone).unwrap().replication_jobs[0];
    assert_eq!(
        job.raw.as_ref().map(|r| r.as_str()),
        Some(r#"{"JobId":"j-1","Progress":"x"}"#)
    );
    assert_eq!(
        job.odd_field("Progress").map(|f| f.text()),
        Some("x".into())
    );
}

#[test]
fn typed_parts_compare_equal_across_formats_and_round_trips() {
    let (json_body, xml_body) = page_with("Progress", "\"lots\"", "lots");
    let from_json = json::parse_response(&json_body).unwrap();
    let from_xml = xml::parse_response(&xml_body).unwrap();
    assert_ne!(from_json, from_xml, "raw JSON differs between the formats");
    assert_eq!(from_json.typed_parts(), from_xml.typed_parts());
    let again = json::parse_response(&json::to_string(&from_json)).unwrap();
    assert_eq!(again.typed_parts(), from_json.typed_parts());
    assert!(again.replication_jobs[0].odd_fields.is_empty());
}

#[test]
fn only_a_body_that_is_no_page_fails() {
    for body in [
        r#"{"TotalCount":"lots"}"#,
        r#"{"PageNumber":{"N":1}}"#,
        r#"{"ReplicationJobs":{"ReplicationJob":["j-1"]}}"#,
        r#"{"ReplicationJobs":{"ReplicationJob":[[1,2]]}}"#,
        r#"{"ReplicationJobs":7}"#,
        "[1,2]",
        "<Error><Code>InternalError</Code><Message>m</Message></Error>",
        "<R><TotalCount>x</TotalCount></R>",
    ] {
        assert!(body::parse_response(body).is_err(), "{body} read as a page");
    }
}
