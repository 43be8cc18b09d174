//! Every field of a `DescribeReplicationJobs` response.
//!
//! Deserialization accepts every shape the service and its samples use (see [`crate::wire`]);
//! serialization writes the real wire form, with wrapped lists and API times, so the emulator
//! and the XML writer produce exactly what the service sends.

use serde::Serialize;
use time::OffsetDateTime;

use crate::enums::{BusinessStatus, JobType, LicenseType, NetMode, RunType, Status, TargetType};
use crate::wire::{self, deserialize_fields, wrapped, WireField, WireItem};

/// One page of migration jobs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeReplicationJobsResponse {
    /// The ID of the request, for support tickets.
    pub request_id: String,
    /// How many jobs match the filters, on all pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    /// The page returned, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_number: Option<i64>,
    /// The page size used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    /// The jobs on this page, newest first.
    #[serde(serialize_with = "wrapped::serialize")]
    pub replication_jobs: Vec<ReplicationJob>,
}

deserialize_fields!(DescribeReplicationJobsResponse {
    "RequestId" => request_id,
    "TotalCount" => total_count,
    "PageNumber" => page_number,
    "PageSize" => page_size,
    "ReplicationJobs" => replication_jobs,
});

/// A migration job (`ReplicationJob`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationJob {
    /// The job ID (`j-…`).
    pub job_id: String,
    /// The job name.
    pub name: String,
    /// The description.
    pub description: String,
    /// The source server ID (`s-…`).
    pub source_id: String,
    /// The destination region (`cn-hangzhou`).
    pub region_id: String,
    /// The resource group (`rg-…`).
    pub resource_group_id: String,
    /// The primary status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The business status while the job runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_status: Option<BusinessStatus>,
    /// Progress in percent, 0 to 100 (for example 55.45).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<f64>,
    /// The error code when the job is `InError`.
    pub error_code: String,
    /// Status details, notably the reason for an error.
    pub status_info: String,
    /// The kind of migration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_type: Option<JobType>,
    /// Where the server is migrated to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_type: Option<TargetType>,
    /// The network used for the migration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net_mode: Option<NetMode>,
    /// The license type; none when empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license_type: Option<LicenseType>,
    /// `true` for a one-time job, `false` for an incremental one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_once: Option<bool>,
    /// Hours between incremental runs, 1 to 168.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<i64>,
    /// Images kept by an incremental job, 1 to 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_number_of_image_to_keep: Option<i64>,
    /// When the job was created.
    #[serde(
        serialize_with = "wire::serialize_opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<OffsetDateTime>,
    /// When the job is scheduled to run.
    #[serde(
        serialize_with = "wire::serialize_opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub scheduled_start_time: Option<OffsetDateTime>,
    /// When the job started.
    #[serde(
        serialize_with = "wire::serialize_opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_time: Option<OffsetDateTime>,
    /// When the job completed.
    #[serde(
        serialize_with = "wire::serialize_opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_time: Option<OffsetDateTime>,
    /// When the job expires.
    #[serde(
        serialize_with = "wire::serialize_opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_time: Option<OffsetDateTime>,
    /// The destination image ID (`m-…`).
    pub image_id: String,
    /// The destination image name.
    pub image_name: String,
    /// The destination ECS instance (`i-…`).
    pub instance_id: String,
    /// The instance type of the intermediate instance.
    pub instance_type: String,
    /// The intermediate instance (`i-…`).
    pub transition_instance_id: String,
    /// The RAM role attached to the instance.
    pub instance_ram_role: String,
    /// The launch template (`lt-…`).
    pub launch_template_id: String,
    /// The launch template version(s).
    pub launch_template_version: String,
    /// Container Registry namespace, for container image targets.
    pub container_namespace: String,
    /// Container Registry repository, for container image targets.
    pub container_repository: String,
    /// Container image tag, for container image targets.
    pub container_tag: String,
    /// The VPC (`vpc-…`) when `NetMode` is VPC.
    pub vpc_id: String,
    /// The vSwitch (`vsw-…`) when `NetMode` is VPC.
    #[serde(rename = "VSwitchId")]
    pub v_switch_id: String,
    /// Key-value settings of the replication driver (`BandWidthLimit:0`).
    pub replication_parameters: String,
    /// The work group, in newer SDKs.
    pub workgroup_id: String,
    /// System disk size of the destination, in GiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_disk_size: Option<i64>,
    /// Partitions of the system disk.
    #[serde(serialize_with = "system_disk_parts::serialize")]
    pub system_disk_parts: Vec<Part>,
    /// Data disks of the destination.
    #[serde(serialize_with = "wrapped::serialize")]
    pub data_disks: Vec<DataDisk>,
    /// The disk layout newer SDKs report (system and data disks with IDs and LVM).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disks: Option<Disks>,
    /// Runs of the job, oldest first.
    #[serde(serialize_with = "wrapped::serialize")]
    pub replication_job_runs: Vec<ReplicationJobRun>,
    /// Tags attached to the job.
    #[serde(serialize_with = "wrapped::serialize")]
    pub tags: Vec<Tag>,
}

deserialize_fields!(ReplicationJob {
    "JobId" => job_id,
    "Name" => name,
    "Description" => description,
    "SourceId" => source_id,
    "RegionId" => region_id,
    "ResourceGroupId" => resource_group_id,
    "Status" => status,
    "BusinessStatus" => business_status,
    "Progress" => progress,
    "ErrorCode" => error_code,
    "StatusInfo" => status_info,
    "JobType" => job_type,
    "TargetType" => target_type,
    "NetMode" => net_mode,
    "LicenseType" => license_type,
    "RunOnce" => run_once,
    "Frequency" => frequency,
    "MaxNumberOfImageToKeep" => max_number_of_image_to_keep,
    "CreationTime" => creation_time,
    "ScheduledStartTime" => scheduled_start_time,
    "StartTime" => start_time,
    "EndTime" => end_time,
    "ValidTime" => valid_time,
    "ImageId" => image_id,
    "ImageName" => image_name,
    "InstanceId" => instance_id,
    "InstanceType" => instance_type,
    "TransitionInstanceId" => transition_instance_id,
    "InstanceRamRole" => instance_ram_role,
    "LaunchTemplateId" => launch_template_id,
    "LaunchTemplateVersion" => launch_template_version,
    "ContainerNamespace" => container_namespace,
    "ContainerRepository" => container_repository,
    "ContainerTag" => container_tag,
    "VpcId" => vpc_id,
    "VSwitchId" => v_switch_id,
    "ReplicationParameters" => replication_parameters,
    "WorkgroupId" => workgroup_id,
    "SystemDiskSize" => system_disk_size,
    "SystemDiskParts" => system_disk_parts: Vec<Part> = system_disk_parts::deserialize,
    "DataDisks" => data_disks,
    "Disks" => disks,
    "ReplicationJobRuns" => replication_job_runs,
    "Tags" => tags,
});

impl WireItem for ReplicationJob {
    const WRAPPER: &'static str = "ReplicationJob";
}

/// A data disk of the destination (`DataDisk`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DataDisk {
    /// The disk's index, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<i64>,
    /// Size in GiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Partitions of the disk.
    #[serde(serialize_with = "wrapped::serialize")]
    pub parts: Vec<Part>,
}

deserialize_fields!(DataDisk {
    "Index" => index,
    "Size" => size,
    "Parts" => parts,
});

impl WireItem for DataDisk {
    const WRAPPER: &'static str = "DataDisk";
}

/// A disk partition (`Part` of a data disk, `SystemDiskPart` of the system disk).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Part {
    /// The partition's device ID (`0_1`).
    pub device: String,
    /// Size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<i64>,
    /// Whether block replication is on for this partition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<bool>,
}

deserialize_fields!(Part {
    "Device" => device,
    "SizeBytes" => size_bytes,
    "Block" => block,
});

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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Disks {
    /// The system disk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<SystemDisk>,
    /// The data disks.
    #[serde(serialize_with = "wrapped::serialize")]
    pub data: Vec<DataDiskDetail>,
}

deserialize_fields!(Disks {
    "System" => system,
    "Data" => data,
});

// Nested objects of the layout: `null` or an empty string (`<Disks/>` in XML) is none.
impl WireField for Option<Disks> {
    fn read<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        wire::opt_object(d)
    }
}

impl WireField for Option<SystemDisk> {
    fn read<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        wire::opt_object(d)
    }
}

/// `Disks.System`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SystemDisk {
    /// The source disk ID.
    pub disk_id: String,
    /// Size in GiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Whether the disk uses LVM.
    #[serde(rename = "LVM", skip_serializing_if = "Option::is_none")]
    pub lvm: Option<bool>,
    /// Partitions of the disk.
    #[serde(serialize_with = "wrapped::serialize")]
    pub parts: Vec<DiskPart>,
}

deserialize_fields!(SystemDisk {
    "DiskId" => disk_id,
    "Size" => size,
    "LVM" => lvm,
    "Parts" => parts,
});

/// One item of `Disks.Data`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DataDiskDetail {
    /// The source disk ID.
    pub disk_id: String,
    /// The disk's index, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<i64>,
    /// Size in GiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Whether the disk uses LVM.
    #[serde(rename = "LVM", skip_serializing_if = "Option::is_none")]
    pub lvm: Option<bool>,
    /// Partitions of the disk.
    #[serde(serialize_with = "wrapped::serialize")]
    pub parts: Vec<DiskPart>,
}

deserialize_fields!(DataDiskDetail {
    "DiskId" => disk_id,
    "Index" => index,
    "Size" => size,
    "LVM" => lvm,
    "Parts" => parts,
});

impl WireItem for DataDiskDetail {
    const WRAPPER: &'static str = "Data";
}

/// A partition in `Disks`, identified by its mount path.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DiskPart {
    /// The mount path (`/`, `/data`).
    pub path: String,
    /// Size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<i64>,
    /// Whether block replication is on for this partition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<bool>,
}

deserialize_fields!(DiskPart {
    "Path" => path,
    "SizeBytes" => size_bytes,
    "Block" => block,
});

impl WireItem for DiskPart {
    const WRAPPER: &'static str = "Part";
}

/// One run of a migration job (`ReplicationJobRun`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationJobRun {
    /// How the run was started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<RunType>,
    /// When the run started.
    #[serde(
        serialize_with = "wire::serialize_opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_time: Option<OffsetDateTime>,
    /// When the run ended.
    #[serde(
        serialize_with = "wire::serialize_opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_time: Option<OffsetDateTime>,
    /// The image the run produced.
    pub image_id: String,
}

deserialize_fields!(ReplicationJobRun {
    "Type" => r#type,
    "StartTime" => start_time,
    "EndTime" => end_time,
    "ImageId" => image_id,
});

impl WireItem for ReplicationJobRun {
    const WRAPPER: &'static str = "ReplicationJobRun";
}

/// A tag on a job, also used as a request filter (`Tag.N.Key`, `Tag.N.Value`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    /// The key; may be empty.
    pub key: String,
    /// The value; may be empty (as a filter: any value of the key).
    pub value: String,
}

deserialize_fields!(Tag {
    "Key" => key,
    "Value" => value,
});

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
