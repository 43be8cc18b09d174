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
    /// Another account, with its own AccessKey and jobs: KEYID:SECRET[:SEED] (the seed
    /// defaults to --seed plus the account's position); repeatable.
    #[arg(long = "account", value_name = "KEYID:SECRET[:SEED]", value_parser = parse_account)]
    pub accounts: Vec<AccountArg>,
}

/// One `--account`: another AccessKey of the emulator and, optionally, its seed.
#[derive(Debug, Clone)]
pub struct AccountArg {
    /// The account's credentials.
    pub credentials: Credentials,
    /// Its jobs' seed, when given.
    pub seed: Option<u64>,
}

/// Reads `KEYID:SECRET[:SEED]`. The error never repeats the text: it holds a secret.
pub fn parse_account(text: &str) -> Result<AccountArg, String> {
    let mut parts = text.splitn(3, ':');
    let id = parts.next().unwrap_or_default();
    let secret = parts.next().unwrap_or_default();
    if id.is_empty() || secret.is_empty() {
        return Err("expected KEYID:SECRET or KEYID:SECRET:SEED".to_owned());
    }
    let seed = parts
        .next()
        .map(|seed| {
            seed.parse::<u64>()
                .map_err(|_| "the SEED after KEYID:SECRET: must be a whole number".to_owned())
        })
        .transpose()?;
    Ok(AccountArg {
        credentials: Credentials::new(id, secret),
        seed,
    })
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
        for (position, account) in (1..).zip(&self.accounts) {
            let seed = account
                .seed
                .unwrap_or_else(|| self.seed.wrapping_add(position));
            builder = builder.account(account.credentials.clone(), seed);
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

    #[test]
    fn accounts_take_a_key_a_secret_and_maybe_a_seed() {
        let cli = Cli::try_parse_from([
            "smc-emulator",
            "--seed",
            "4",
            "--account",
            "second:s2",
            "--account",
            "third:s3:99",
        ])
        .unwrap();
        assert_eq!(cli.accounts.len(), 2);
        assert_eq!(cli.accounts[0].credentials.access_key_id, "second");
        assert_eq!(cli.accounts[0].seed, None);
        assert_eq!(cli.accounts[1].seed, Some(99));
        let state = cli.builder().unwrap().build().unwrap();
        let ids: Vec<_> = state
            .accounts()
            .iter()
            .map(|c| c.access_key_id.as_str())
            .collect();
        assert_eq!(ids, [crate::DEMO_ACCESS_KEY_ID, "second", "third"]);
        for bad in ["", "id", "id:", ":secret", "id:secret:seven"] {
            let error = parse_account(bad).expect_err(bad);
            assert!(!error.contains("secret:"), "{error}");
        }
        let twice =
            Cli::try_parse_from(["smc-emulator", "--account", "a:1", "--account", "a:2"]).unwrap();
        assert!(matches!(
            twice.builder().unwrap().build(),
            Err(EmulatorError::DuplicateAccessKeyId)
        ));
    }
}
