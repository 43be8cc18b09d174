//! The one model of Alibaba Cloud Server Migration Center's `DescribeReplicationJobs`
//! (RPC, version `2019-06-01`), shared by the signing proxy, the emulator and the browser.
//!
//! - [`request`]: the typed request, its validation and its wire parameters.
//! - [`sign`]: RPC signature v1 (HMAC-SHA1), with injectable time and nonce, and a verifier.
//! - [`model`]: every response field, with enums that keep values they do not know.
//! - [`json`] and [`xml`]: both response formats, wrapped or flat arrays, into the one model.
//! - [`error`]: API error bodies, parse errors that say where, and validation errors.
//!
//! No I/O happens here: the crate compiles unchanged for native targets and
//! `wasm32-unknown-unknown`. With the `wasm` feature, [`js`] exposes a small JavaScript API.

pub mod encode;
pub mod enums;
pub mod error;
pub mod format;
pub mod json;
mod json_reader;
pub mod model;
pub mod number;
pub mod numbered;
pub mod request;
pub mod sign;
pub mod time_format;
mod wire;
pub mod xml;

#[cfg(feature = "wasm")]
pub mod js;

pub use enums::{BusinessStatus, JobType, LicenseType, NetMode, RunType, Status, TargetType};
pub use error::{ApiError, ParseError, Quoted, ValidationError, ValidationErrors};
pub use format::Format;
pub use model::{
    DataDisk, DataDiskDetail, DescribeReplicationJobsResponse, DiskPart, Disks, Part,
    ReplicationJob, ReplicationJobRun, SystemDisk, Tag,
};
pub use request::DescribeReplicationJobs;
pub use sign::{Credentials, SignedRequest, SigningParams};

/// The API version every call of this crate speaks.
pub const API_VERSION: &str = "2019-06-01";
/// The action this crate models.
pub const ACTION: &str = "DescribeReplicationJobs";
/// The public central endpoint of SMC.
pub const DEFAULT_ENDPOINT: &str = "https://smc.aliyuncs.com/";
