//! The one model of Alibaba Cloud Server Migration Center's `DescribeReplicationJobs`
//! (RPC, version `2019-06-01`), shared by the signing proxy, the emulator and the browser.
//!
//! The modules form layers; each uses only those listed before it:
//!
//! - [`format`], [`number`], [`time_format`], [`encode`]: the wire's small parts (formats,
//!   numbers and times as text, percent-encoding).
//! - [`raw`]: what arrived, kept beside the typed model (a job's JSON, its odd fields);
//!   `odd`: finding the fields of an object that keep it from typing.
//! - `wire`: the serde helpers for the API's loose wire format (numbers as strings,
//!   wrapped or flat lists, `null`s), which the types below name in their derives.
//! - [`enums`], [`error`]: the API's enumerations, which keep values they do not know; and
//!   every error: validation errors, API error bodies, parse errors that say where.
//! - [`model`]: every response field.
//! - [`tag_filter`]: a tag as a request filter, whose value may be left out.
//! - [`request`]: the typed request, its validation and its wire parameters.
//! - [`sign`]: RPC signature v1 (HMAC-SHA1) and V3 (`ACS3-HMAC-SHA256`), with injectable
//!   time and nonce, and a verifier of each.
//! - [`json`], [`xml`], then [`body`]: both response formats into the one model, and a
//!   body of either format told apart.
//!
//! No I/O happens here: the crate compiles unchanged for native targets and
//! `wasm32-unknown-unknown`. With the `wasm` feature, [`js`] exposes a small JavaScript API.

pub mod body;
pub mod encode;
pub mod enums;
pub mod error;
pub mod format;
pub mod json;
pub mod model;
pub mod number;
mod odd;
pub mod profile;
pub mod raw;
pub mod request;
pub mod sign;
pub mod tag_filter;
pub mod time_format;
mod wire;
pub mod xml;

#[cfg(feature = "wasm")]
pub mod js;

pub use enums::{BusinessStatus, JobType, LicenseType, NetMode, RunType, Status, TargetType};
pub use error::{ApiError, ParseError, ValidationError, ValidationErrors};
pub use format::Format;
pub use model::{
    DataDisk, DataDiskDetail, DescribeReplicationJobsResponse, DiskPart, Disks, Part,
    ReplicationJob, ReplicationJobRun, SystemDisk, Tag,
};
pub use profile::{ProfileList, ProfileSummary, PROFILE_HEADER};
pub use raw::{OddField, RawJson};
pub use request::DescribeReplicationJobs;
pub use sign::{Credentials, SignedRequest, SigningParams};
pub use tag_filter::TagFilter;

/// The API version every call of this crate speaks.
pub const API_VERSION: &str = "2019-06-01";
/// The action this crate models.
pub const ACTION: &str = "DescribeReplicationJobs";
/// The public central endpoint of SMC.
pub const DEFAULT_ENDPOINT: &str = "https://smc.aliyuncs.com/";
