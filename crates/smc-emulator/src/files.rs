//! Reading the files the CLI names: jobs (`--data`) and fault rules (`--faults`).

use std::path::{Path, PathBuf};

use smc_core::{Format, ReplicationJob};

use crate::faults::{parse_rules, FaultRule};
use crate::server::EmulatorError;

/// Reads jobs from a `DescribeReplicationJobs` response body in JSON (wrapped or flat
/// lists) or XML, as smc-core parses it; `RequestId` and the counts are ignored.
pub fn load_jobs(path: &Path) -> Result<Vec<ReplicationJob>, EmulatorError> {
    let text = read(path)?;
    let parsed = match Format::detect(&text) {
        Format::Json => smc_core::json::parse_response(&text),
        Format::Xml => smc_core::xml::parse_response(&text),
    };
    parsed
        .map(|response| response.replication_jobs)
        .map_err(|error| EmulatorError::Data {
            path: path.to_owned(),
            message: error.to_string(),
        })
}

/// Reads fault rules: a JSON array of rules (see [`FaultRule`]).
pub fn load_faults(path: &Path) -> Result<Vec<FaultRule>, EmulatorError> {
    parse_rules(&read(path)?).map_err(|message| EmulatorError::Faults {
        message: format!("{}: {message}", path.display()),
    })
}

fn read(path: &Path) -> Result<String, EmulatorError> {
    std::fs::read_to_string(path).map_err(|source| EmulatorError::Read {
        path: PathBuf::from(path),
        source,
    })
}
