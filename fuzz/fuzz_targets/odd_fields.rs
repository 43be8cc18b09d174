//! A page never fails on one odd field: any JSON value in any field of a job (or any text
//! in its XML element) leaves both jobs of a page on it, the other job unchanged, the value
//! in the job's raw JSON, and, when it does not type, kept as an odd field at its path.
//!
//! The input is a byte choosing the field, then the value's text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use smc_core::{json, xml, DescribeReplicationJobsResponse};

/// Where the value goes: a path of object keys from the first job (`#` is a list's first
/// item).
const FIELDS: &[&[&str]] = &[
    &["JobId"],
    &["Name"],
    &["Status"],
    &["BusinessStatus"],
    &["Progress"],
    &["JobType"],
    &["NetMode"],
    &["RunOnce"],
    &["Frequency"],
    &["CreationTime"],
    &["EndTime"],
    &["Tags"],
    &["Tags", "Tag", "#", "Value"],
    &["DataDisks", "DataDisk", "#", "Size"],
    &["DataDisks", "DataDisk", "#", "Parts"],
    &["SystemDiskParts"],
    &["ReplicationJobRuns", "ReplicationJobRun", "#", "StartTime"],
    &["ReplicationJobRuns", "ReplicationJobRun", "#"],
    &["Disks"],
    &["Disks", "System", "LVM"],
    &["FieldNotInTheModel"],
];

fn base_job() -> Value {
    json!({
        "JobId": "j-1", "Name": "web", "Status": "Running", "Progress": 40.5,
        "CreationTime": "2026-11-28T12:00:00Z",
        "Tags": {"Tag": [{"Key": "env", "Value": "prod"}]},
        "DataDisks": {"DataDisk": [{"Index": 1, "Size": 20, "Parts": {"Part": [{"Device": "1_0"}]}}]},
        "ReplicationJobRuns": {"ReplicationJobRun": [{"Type": "Manual", "StartTime": "2026-11-28T12:00:00Z"}]},
        "Disks": {"System": {"DiskId": "d-1", "LVM": false}}
    })
}

fn page(first: Value) -> Value {
    json!({
        "RequestId": "R", "TotalCount": 2, "PageNumber": 1, "PageSize": 10,
        "ReplicationJobs": {"ReplicationJob": [first, {"JobId": "j-2", "Progress": 3}]}
    })
}

fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(members) => 1 + members.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn set(job: &mut Value, path: &[&str], value: Value) {
    let mut node = job;
    for step in path {
        node = if *step == "#" {
            &mut node[0]
        } else {
            &mut node[*step]
        };
    }
    *node = value;
}

fn check(page: &DescribeReplicationJobsResponse, body: &str) {
    let ids: Vec<&str> = page
        .replication_jobs
        .iter()
        .map(|j| j.job_id.as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{body}");
    assert_eq!(ids[1], "j-2", "{body}");
    assert_eq!(page.replication_jobs[1].progress, Some(3.0), "{body}");
    assert!(page.replication_jobs[0].raw.is_some(), "{body}");
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, text)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let path = FIELDS[usize::from(choice) % FIELDS.len()];

    // JSON: any value that is JSON at all, within the nesting serde_json reads.
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        if depth(&value) < 100 {
            let mut job = base_job();
            set(&mut job, path, value.clone());
            let body = page(job).to_string();
            let read = json::parse_response(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
            check(&read, &body);
            let first = &read.replication_jobs[0];
            let raw: Value = serde_json::from_str(first.raw.as_ref().unwrap().as_str()).unwrap();
            let mut expected = base_job();
            set(&mut expected, path, value);
            assert_eq!(raw, expected, "the raw JSON is not the job sent: {body}");
            for field in &first.odd_fields {
                assert!(!field.path.is_empty(), "{body}");
            }
            // What was typed survives the wire form.
            let again = json::parse_response(&json::to_string(&read)).unwrap();
            assert_eq!(again.typed_parts(), read.typed_parts(), "{body}");
        }
    }

    // XML: the text as the content of the field's element.
    let element = path[path.len() - 1];
    let is_xml_text = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    if element == "#" || !text.chars().all(is_xml_text) {
        return;
    }
    let content = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let body = format!(
        "<?xml version='1.0' encoding='UTF-8'?><DescribeReplicationJobsResponse><RequestId>R</RequestId>\
         <ReplicationJobs><ReplicationJob><Name>web</Name><{element}>{content}</{element}></ReplicationJob>\
         <ReplicationJob><JobId>j-2</JobId><Progress>3</Progress></ReplicationJob></ReplicationJobs>\
         </DescribeReplicationJobsResponse>"
    );
    let read = xml::parse_response(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    check(&read, &body);
});
