//! The command line of the `smc-emulator` binary.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use smc_core::sign::Credentials;

use crate::files::{load_faults, load_jobs};
use crate::server::{demo_credentials, Emulator, EmulatorBuilder, EmulatorError};
use crate::store::DEFAULT_JOBS;

/// A local endpoint of Alibaba Cloud SMC `DescribeReplicationJobs` that verifies
/// signatures as the gateway does.
#[derive(Debug, Clone, Parser)]
#[command(name = "smc-emulator", version, about)]
pub struct Cli {
    /// The address to listen on; port 0 picks a free one (printed on the first line).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// The AccessKey ID calls must be signed with (default: the demo key, printed).
    #[arg(long, requires = "access_key_secret")]
    pub access_key_id: Option<String>,
    /// The AccessKey secret.
    #[arg(long, requires = "access_key_id")]
    pub access_key_secret: Option<String>,
    /// An STS token every call must carry as `SecurityToken` (V3: `x-acs-security-token`).
    #[arg(long)]
    pub security_token: Option<String>,
    /// How many jobs to generate.
    #[arg(long, default_value_t = DEFAULT_JOBS, conflicts_with = "data")]
    pub jobs: usize,
    /// The generator's seed: the same seed gives the same jobs.
    #[arg(long, default_value_t = 1, conflicts_with = "data")]
    pub seed: u64,
    /// Serve the jobs of this DescribeReplicationJobs response (JSON or XML) instead.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Fault rules to start with: a JSON array of {action, probability, status, code,
    /// message, latency_ms}.
    #[arg(long)]
    pub faults: Option<PathBuf>,
    /// Running jobs stand still instead of progressing with the clock.
    #[arg(long)]
    pub frozen: bool,
    /// Serve the control API under /_emulator/ (state, faults, reset).
    #[arg(long)]
    pub control: bool,
}

impl Cli {
    /// Whether the demo credentials are in use.
    pub fn uses_demo_credentials(&self) -> bool {
        self.access_key_id.is_none()
    }

    /// The credentials calls must be signed with.
    pub fn credentials(&self) -> Credentials {
        let credentials = match (&self.access_key_id, &self.access_key_secret) {
            (Some(id), Some(secret)) => Credentials::new(id, secret),
            _ => demo_credentials(),
        };
        match &self.security_token {
            Some(token) => credentials.with_security_token(token),
            None => credentials,
        }
    }

    /// The emulator these options describe, with its files read.
    pub fn builder(&self) -> Result<EmulatorBuilder, EmulatorError> {
        let mut builder = Emulator::builder()
            .listen(self.listen)
            .credentials(self.credentials())
            .frozen(self.frozen)
            .control(self.control);
        builder = match &self.data {
            Some(path) => builder.data(load_jobs(path)?),
            None => builder.seed(self.seed).jobs(self.jobs),
        };
        if let Some(path) = &self.faults {
            builder = builder.faults(load_faults(path)?);
        }
        Ok(builder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_loopback_demo_credentials_and_240_jobs() {
        let cli = Cli::try_parse_from(["smc-emulator"]).unwrap();
        assert!(cli.listen.ip().is_loopback());
        assert_eq!(cli.listen.port(), 0);
        assert!(cli.uses_demo_credentials());
        assert_eq!(cli.jobs, 240);
        assert!(!cli.frozen && !cli.control);
    }

    #[test]
    fn an_id_needs_a_secret_and_data_excludes_a_seed() {
        assert!(Cli::try_parse_from(["smc-emulator", "--access-key-id", "x"]).is_err());
        assert!(Cli::try_parse_from(["smc-emulator", "--data", "f.json", "--seed", "2"]).is_err());
        let cli = Cli::try_parse_from([
            "smc-emulator",
            "--access-key-id",
            "id",
            "--access-key-secret",
            "s",
            "--security-token",
            "t",
        ])
        .unwrap();
        let credentials = cli.credentials();
        assert_eq!(credentials.access_key_id, "id");
        assert!(credentials.security_token.is_some());
    }
}
