//! Odd job fields, for a fault rule with `odd_fields`: the shapes a client must bear
//! without failing the page, written into every third job of a page (the first, the
//! fourth, …), in JSON and in XML alike.

use serde_json::{json, Value};
use smc_core::number::display_f64;
use smc_core::time_format::parse_wire_time;
use smc_core::DescribeReplicationJobsResponse;
use time::{OffsetDateTime, UtcOffset};

/// The name of the field no version of the model knows.
pub const UNKNOWN_FIELD: &str = "MigrationInsight";

/// The job type no version of the model knows.
pub const UNKNOWN_JOB_TYPE: i64 = 9;

/// The page as its wire-form JSON tree, with odd fields in every third job.
pub(crate) fn odd_page_tree(response: &DescribeReplicationJobsResponse) -> Value {
    let mut tree = serde_json::to_value(response).unwrap_or(Value::Null);
    if let Some(jobs) = tree
        .pointer_mut("/ReplicationJobs/ReplicationJob")
        .and_then(Value::as_array_mut)
    {
        jobs.iter_mut().step_by(3).for_each(make_odd);
    }
    tree
}

/// The same job in the shapes a client must bear: its creation time in UTC+8 with
/// milliseconds (still that instant), its start time without a zone (no instant at all),
/// its progress as text with a unit, an unknown job type, and a field the model lacks.
fn make_odd(job: &mut Value) {
    let Some(fields) = job.as_object_mut() else {
        return;
    };
    let time = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_str)
            .and_then(|text| parse_wire_time(text).ok())
    };
    let created = time("CreationTime");
    let started = time("StartTime");
    if let Some(created) = created {
        fields.insert("CreationTime".into(), in_utc8_with_millis(created).into());
    }
    if let Some(started) = started {
        fields.insert("StartTime".into(), without_zone(started).into());
    }
    if let Some(progress) = fields.get("Progress").and_then(Value::as_f64) {
        fields.insert(
            "Progress".into(),
            format!("{} %", display_f64(progress)).into(),
        );
    }
    fields.insert("JobType".into(), UNKNOWN_JOB_TYPE.into());
    fields.insert(
        UNKNOWN_FIELD.into(),
        json!({"Level": "Info", "Note": "A field no version of the model knows."}),
    );
}

/// `2026-11-28T20:05:00.000+08:00`.
fn in_utc8_with_millis(time: OffsetDateTime) -> String {
    let shown = time.to_offset(UtcOffset::from_hms(8, 0, 0).unwrap_or(UtcOffset::UTC));
    format!("{}.000+08:00", &without_zone(shown))
}

/// `2026-11-28T12:05:00`: the digits of a time, without saying in which zone.
fn without_zone(time: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use smc_core::{JobType, ReplicationJob};

    fn job(id: &str) -> ReplicationJob {
        ReplicationJob {
            job_id: id.into(),
            progress: Some(55.45),
            creation_time: parse_wire_time("2026-11-28T12:05:00Z").ok(),
            start_time: parse_wire_time("2026-11-28T12:06:00Z").ok(),
            job_type: Some(JobType::ServerMigration),
            ..ReplicationJob::default()
        }
    }

    #[test]
    fn every_third_job_is_made_odd_and_read_back_with_its_odd_fields() {
        let page = DescribeReplicationJobsResponse {
            replication_jobs: (1..=4).map(|i| job(&format!("j-{i}"))).collect(),
            ..DescribeReplicationJobsResponse::default()
        };
        let tree = odd_page_tree(&page);
        let first = &tree["ReplicationJobs"]["ReplicationJob"][0];
        assert_eq!(first["CreationTime"], "2026-11-28T20:05:00.000+08:00");
        assert_eq!(first["StartTime"], "2026-11-28T12:06:00");
        assert_eq!(first["Progress"], "55.45 %");
        assert_eq!(
            tree["ReplicationJobs"]["ReplicationJob"][1]["Progress"],
            55.45
        );

        for body in [tree.to_string(), smc_core::xml::tree_to_string(&tree)] {
            let read = smc_core::body::parse_response(&body).expect("odd fields never fail a page");
            let odd: Vec<bool> = read
                .replication_jobs
                .iter()
                .map(|job| !job.odd_fields.is_empty())
                .collect();
            assert_eq!(odd, [true, false, false, true], "{body}");
            let first = &read.replication_jobs[0];
            assert_eq!(first.creation_time, page.replication_jobs[0].creation_time);
            assert_eq!(first.job_type, Some(JobType::Unknown(UNKNOWN_JOB_TYPE)));
            assert_eq!(
                first.odd_field("Progress").map(|f| f.text()),
                Some("55.45 %".into())
            );
            assert_eq!(
                first.odd_field("StartTime").map(|f| f.text()),
                Some("2026-11-28T12:06:00".into())
            );
            assert!(first.raw.as_ref().unwrap().as_str().contains(UNKNOWN_FIELD));
        }
    }
}
