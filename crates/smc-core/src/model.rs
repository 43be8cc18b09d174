//! Every field of a `DescribeReplicationJobs` response.
//!
//! Deserialization accepts every shape the service and its samples use (see [`crate::wire`]):
//! numbers and booleans as strings, `null` or empty values, lists wrapped or flat, unknown
//! fields skipped. Serialization writes the real wire form, with wrapped lists and API
//! times, so the emulator and the XML writer produce exactly what the service sends.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::enums::{BusinessStatus, JobType, LicenseType, NetMode, RunType, Status, TargetType};
use crate::raw::{OddField, RawJson};
use crate::wire::{self, wrapped, WireItem};

/// One page of migration jobs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeReplicationJobsResponse {
    /// The ID of the request, for support tickets.
    #[serde(deserialize_with = "wire::string")]
    pub request_id: String,
    /// How many jobs match the filters, on all pages.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<i64>,
    /// The page returned, from 1.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub page_number: Option<i64>,
    /// The page size used.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub page_size: Option<i64>,
    /// The jobs on this page, newest first. Each keeps its JSON as it arrived, and the
    /// fields that could not be typed: see [`ReplicationJob::raw`].
    #[serde(
        deserialize_with = "received_jobs::deserialize",
        serialize_with = "wrapped::serialize"
    )]
    pub replication_jobs: Vec<ReplicationJob>,
}

impl DescribeReplicationJobsResponse {
    /// The page without what each job kept as it arrived (its raw JSON and odd fields): what
    /// two readings of the same jobs agree on, in JSON and XML, or before and after a trip
    /// through the wire form.
    pub fn typed_parts(&self) -> Self {
        DescribeReplicationJobsResponse {
            replication_jobs: self
                .replication_jobs
                .iter()
                .map(ReplicationJob::typed_parts)
                .collect(),
            ..self.clone()
        }
    }
}

/// A migration job (`ReplicationJob`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ReplicationJob {
    /// The job ID (`j-…`).
    #[serde(deserialize_with = "wire::string")]
    pub job_id: String,
    /// The job name.
    #[serde(deserialize_with = "wire::string")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "wire::string")]
    pub description: String,
    /// The source server ID (`s-…`).
    #[serde(deserialize_with = "wire::string")]
    pub source_id: String,
    /// The destination region (`cn-hangzhou`).
    #[serde(deserialize_with = "wire::string")]
    pub region_id: String,
    /// The resource group (`rg-…`).
    #[serde(deserialize_with = "wire::string")]
    pub resource_group_id: String,
    /// The primary status.
    #[serde(
        deserialize_with = "wire::opt_string_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<Status>,
    /// The business status while the job runs.
    #[serde(
        deserialize_with = "wire::opt_string_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub business_status: Option<BusinessStatus>,
    /// Progress in percent, 0 to 100 (for example 55.45).
    #[serde(
        deserialize_with = "wire::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub progress: Option<f64>,
    /// The error code when the job is `InError`.
    #[serde(deserialize_with = "wire::string")]
    pub error_code: String,
    /// Status details, notably the reason for an error.
    #[serde(deserialize_with = "wire::string")]
    pub status_info: String,
    /// The kind of migration.
    #[serde(
        deserialize_with = "wire::opt_integer_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub job_type: Option<JobType>,
    /// Where the server is migrated to.
    #[serde(
        deserialize_with = "wire::opt_string_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub target_type: Option<TargetType>,
    /// The network used for the migration.
    #[serde(
        deserialize_with = "wire::opt_integer_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub net_mode: Option<NetMode>,
    /// The license type; none when empty.
    #[serde(
        deserialize_with = "wire::opt_string_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub license_type: Option<LicenseType>,
    /// `true` for a one-time job, `false` for an incremental one.
    #[serde(
        deserialize_with = "wire::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub run_once: Option<bool>,
    /// Hours between incremental runs, 1 to 168.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub frequency: Option<i64>,
    /// Images kept by an incremental job, 1 to 10.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_number_of_image_to_keep: Option<i64>,
    /// When the job was created.
    #[serde(with = "wire::opt_time", skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<OffsetDateTime>,
    /// When the job is scheduled to run.
    #[serde(with = "wire::opt_time", skip_serializing_if = "Option::is_none")]
    pub scheduled_start_time: Option<OffsetDateTime>,
    /// When the job started.
    #[serde(with = "wire::opt_time", skip_serializing_if = "Option::is_none")]
    pub start_time: Option<OffsetDateTime>,
    /// When the job completed.
    #[serde(with = "wire::opt_time", skip_serializing_if = "Option::is_none")]
    pub end_time: Option<OffsetDateTime>,
    /// When the job expires.
    #[serde(with = "wire::opt_time", skip_serializing_if = "Option::is_none")]
    pub valid_time: Option<OffsetDateTime>,
    /// The destination image ID (`m-…`).
    #[serde(deserialize_with = "wire::string")]
    pub image_id: String,
    /// The destination image name.
    #[serde(deserialize_with = "wire::string")]
    pub image_name: String,
    /// The destination ECS instance (`i-…`).
    #[serde(deserialize_with = "wire::string")]
    pub instance_id: String,
    /// The instance type of the intermediate instance.
    #[serde(deserialize_with = "wire::string")]
    pub instance_type: String,
    /// The intermediate instance (`i-…`).
    #[serde(deserialize_with = "wire::string")]
    pub transition_instance_id: String,
    /// The RAM role attached to the instance.
    #[serde(deserialize_with = "wire::string")]
    pub instance_ram_role: String,
    /// The launch template (`lt-…`).
    #[serde(deserialize_with = "wire::string")]
    pub launch_template_id: String,
    /// The launch template version(s).
    #[serde(deserialize_with = "wire::string")]
    pub launch_template_version: String,
    /// Container Registry namespace, for container image targets.
    #[serde(deserialize_with = "wire::string")]
    pub container_namespace: String,
    /// Container Registry repository, for container image targets.
    #[serde(deserialize_with = "wire::string")]
    pub container_repository: String,
    /// Container image tag, for container image targets.
    #[serde(deserialize_with = "wire::string")]
    pub container_tag: String,
    /// The VPC (`vpc-…`) when `NetMode` is VPC.
    #[serde(deserialize_with = "wire::string")]
    pub vpc_id: String,
    /// The vSwitch (`vsw-…`) when `NetMode` is VPC.
    #[serde(deserialize_with = "wire::string", rename = "VSwitchId")]
    pub v_switch_id: String,
    /// Key-value settings of the replication driver (`BandWidthLimit:0`).
    #[serde(deserialize_with = "wire::string")]
    pub replication_parameters: String,
    /// The work group, in newer SDKs.
    #[serde(deserialize_with = "wire::string")]
    pub workgroup_id: String,
    /// System disk size of the destination, in GiB.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub system_disk_size: Option<i64>,
    /// Partitions of the system disk.
    #[serde(with = "system_disk_parts")]
    pub system_disk_parts: Vec<Part>,
    /// Data disks of the destination.
    #[serde(with = "wrapped")]
    pub data_disks: Vec<DataDisk>,
    /// The disk layout newer SDKs report (system and data disks with IDs and LVM).
    #[serde(
        deserialize_with = "wire::opt_object",
        skip_serializing_if = "Option::is_none"
    )]
    pub disks: Option<Disks>,
    /// Runs of the job, oldest first.
    #[serde(with = "wrapped")]
    pub replication_job_runs: Vec<ReplicationJobRun>,
    /// Tags attached to the job.
    #[serde(with = "wrapped")]
    pub tags: Vec<Tag>,
    /// The job as the API sent it, every field, unknown ones included (for XML, its element
    /// tree as JSON). `None` for a job made in code.
    #[serde(skip)]
    pub raw: Option<RawJson>,
    /// Fields that arrived in a shape the model cannot type (a time that is no time, a word
    /// for a number, an object for a string): their typed field above is left empty.
    #[serde(skip)]
    pub odd_fields: Vec<OddField>,
}

impl ReplicationJob {
    /// The odd field at `path` (`CreationTime`), if that field arrived odd.
    pub fn odd_field(&self, path: &str) -> Option<&OddField> {
        self.odd_fields.iter().find(|field| field.path == path)
    }

    /// The job without its raw JSON and odd fields: see
    /// [`DescribeReplicationJobsResponse::typed_parts`].
    pub fn typed_parts(&self) -> Self {
        ReplicationJob {
            raw: None,
            odd_fields: Vec::new(),
            ..self.clone()
        }
    }
}

impl WireItem for ReplicationJob {
    const WRAPPER: &'static str = "ReplicationJob";
}

/// The jobs of a page, each read from its own JSON text, which it keeps. A job that does
/// not type is typed again without the fields that keep it from typing (module `odd`);
/// only a job that is not an object at all fails the page.
mod received_jobs {
    use serde::de::{Deserialize, Deserializer, Error, MapAccess};
    use serde_json::value::RawValue;
    use serde_json::Value;

    use super::ReplicationJob;
    use crate::odd::type_leniently;
    use crate::raw::RawJson;
    use crate::wire::{wrapped, WireItem};

    /// One job as it arrived.
    struct ReceivedJob(ReplicationJob);

    impl<'de> Deserialize<'de> for ReceivedJob {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let raw = Box::<RawValue>::deserialize(deserializer)?;
            read(RawJson::new(raw))
                .map(ReceivedJob)
                .map_err(D::Error::custom)
        }
    }

    impl WireItem for ReceivedJob {
        const WRAPPER: &'static str = ReplicationJob::WRAPPER;

        // A lone job arrives as the members of its object, not as text: it is kept as the
        // JSON of those members.
        fn from_lone_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
            let value = Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
            read(RawJson::from_value(&value))
                .map(ReceivedJob)
                .map_err(A::Error::custom)
        }
    }

    fn read(raw: RawJson) -> Result<ReplicationJob, String> {
        let text = raw.as_str();
        // serde would read a struct from a list too (fields by position).
        if !text.starts_with('{') {
            return Err("a ReplicationJob must be an object".to_owned());
        }
        let mut job = match serde_json::from_str::<ReplicationJob>(text) {
            Ok(job) => job,
            Err(_) => {
                let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
                let (mut job, odd_fields) =
                    type_leniently::<ReplicationJob>(value).map_err(|e| e.to_string())?;
                job.odd_fields = odd_fields;
                job
            }
        };
        job.raw = Some(raw);
        Ok(job)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<ReplicationJob>, D::Error> {
        let jobs: Vec<ReceivedJob> = wrapped::deserialize(deserializer)?;
        Ok(jobs.into_iter().map(|job| job.0).collect())
    }
}

/// A data disk of the destination (`DataDisk`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DataDisk {
    /// The disk's index, from 1.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub index: Option<i64>,
    /// Size in GiB.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<i64>,
    /// Partitions of the disk.
    #[serde(with = "wrapped")]
    pub parts: Vec<Part>,
}

impl WireItem for DataDisk {
    const WRAPPER: &'static str = "DataDisk";
}

/// A disk partition (`Part` of a data disk, `SystemDiskPart` of the system disk).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Part {
    /// The partition's device ID (`0_1`).
    #[serde(deserialize_with = "wire::string")]
    pub device: String,
    /// Size in bytes.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub size_bytes: Option<i64>,
    /// Whether block replication is on for this partition.
    #[serde(
        deserialize_with = "wire::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub block: Option<bool>,
}

impl WireItem for Part {
    const WRAPPER: &'static str = "Part";
}

/// System disk partitions have the shape of a [`Part`] but are wrapped as `SystemDiskPart`.
mod system_disk_parts {
    use super::Part;
    use crate::wire::wrapped;

    const WRAPPER: &str = "SystemDiskPart";

    pub(super) fn serialize<S: serde::Serializer>(
        parts: &[Part],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        wrapped::serialize_as(WRAPPER, parts, serializer)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Part>, D::Error> {
        wrapped::deserialize_as(WRAPPER, deserializer)
    }
}

/// `Disks`: the disk layout with IDs, as newer SDKs report it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Disks {
    /// The system disk.
    #[serde(
        deserialize_with = "wire::opt_object",
        skip_serializing_if = "Option::is_none"
    )]
    pub system: Option<SystemDisk>,
    /// The data disks.
    #[serde(with = "wrapped")]
    pub data: Vec<DataDiskDetail>,
}

/// `Disks.System`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct SystemDisk {
    /// The source disk ID.
    #[serde(deserialize_with = "wire::string")]
    pub disk_id: String,
    /// Size in GiB.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<i64>,
    /// Whether the disk uses LVM.
    #[serde(
        deserialize_with = "wire::opt_bool",
        rename = "LVM",
        skip_serializing_if = "Option::is_none"
    )]
    pub lvm: Option<bool>,
    /// Partitions of the disk.
    #[serde(with = "wrapped")]
    pub parts: Vec<DiskPart>,
}

/// One item of `Disks.Data`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DataDiskDetail {
    /// The source disk ID.
    #[serde(deserialize_with = "wire::string")]
    pub disk_id: String,
    /// The disk's index, from 1.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub index: Option<i64>,
    /// Size in GiB.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<i64>,
    /// Whether the disk uses LVM.
    #[serde(
        deserialize_with = "wire::opt_bool",
        rename = "LVM",
        skip_serializing_if = "Option::is_none"
    )]
    pub lvm: Option<bool>,
    /// Partitions of the disk.
    #[serde(with = "wrapped")]
    pub parts: Vec<DiskPart>,
}

impl WireItem for DataDiskDetail {
    const WRAPPER: &'static str = "Data";
}

/// A partition in `Disks`, identified by its mount path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DiskPart {
    /// The mount path (`/`, `/data`).
    #[serde(deserialize_with = "wire::string")]
    pub path: String,
    /// Size in bytes.
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub size_bytes: Option<i64>,
    /// Whether block replication is on for this partition.
    #[serde(
        deserialize_with = "wire::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub block: Option<bool>,
}

impl WireItem for DiskPart {
    const WRAPPER: &'static str = "Part";
}

/// One run of a migration job (`ReplicationJobRun`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ReplicationJobRun {
    /// How the run was started.
    #[serde(
        deserialize_with = "wire::opt_string_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#type: Option<RunType>,
    /// When the run started.
    #[serde(with = "wire::opt_time", skip_serializing_if = "Option::is_none")]
    pub start_time: Option<OffsetDateTime>,
    /// When the run ended.
    #[serde(with = "wire::opt_time", skip_serializing_if = "Option::is_none")]
    pub end_time: Option<OffsetDateTime>,
    /// The image the run produced.
    #[serde(deserialize_with = "wire::string")]
    pub image_id: String,
}

impl WireItem for ReplicationJobRun {
    const WRAPPER: &'static str = "ReplicationJobRun";
}

/// A tag on a job. Request filters are [`TagFilter`](crate::TagFilter)s, whose value may be absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Tag {
    /// The key; may be empty.
    #[serde(deserialize_with = "wire::string")]
    pub key: String,
    /// The value; may be empty.
    #[serde(deserialize_with = "wire::string")]
    pub value: String,
}

impl Tag {
    /// A tag from its key and value.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag {
            key: key.into(),
            value: value.into(),
        }
    }
}

impl WireItem for Tag {
    const WRAPPER: &'static str = "Tag";
}
