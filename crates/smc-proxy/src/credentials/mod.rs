//! The credential chain, first found wins:
//!
//! 1. the environment: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and,
//!    for STS credentials, `ALIBABA_CLOUD_SECURITY_TOKEN`;
//! 2. the credentials file: `ALIBABA_CLOUD_CREDENTIALS_FILE` or `~/.alibabacloud/credentials`,
//!    profile `ALIBABA_CLOUD_PROFILE` or `default` ([`profile_file`]);
//! 3. the aliyun CLI's `~/.aliyun/config.json`, its current profile in mode `AK` or
//!    `StsToken` ([`aliyun_cli`]).
//!
//! A source that is present but broken (a key without its secret, a profile of a kind the
//! proxy cannot sign with) is an error, not a reason to move on: a typo must not quietly
//! send the proxy to another account or to the embedded emulator.
//!
//! With a `--config` file, each profile names its own profile of these files instead
//! ([`find_profile`]).
//!
//! The chain reads an [`Environment`] given to it, never the process's own, so tests give
//! each case its own variables and home directory. Nothing here logs or shows a value.

pub mod aliyun_cli;
pub mod profile_file;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use smc_core::sign::Credentials;

/// `ALIBABA_CLOUD_ACCESS_KEY_ID`.
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// `ALIBABA_CLOUD_ACCESS_KEY_SECRET`.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// `ALIBABA_CLOUD_SECURITY_TOKEN`.
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
/// `ALIBABA_CLOUD_CREDENTIALS_FILE`.
pub const ENV_CREDENTIALS_FILE: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";
/// `ALIBABA_CLOUD_PROFILE`.
pub const ENV_PROFILE: &str = "ALIBABA_CLOUD_PROFILE";

/// The variables and home directory the chain reads.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    vars: HashMap<String, String>,
    home: Option<PathBuf>,
}

impl Environment {
    /// Explicit variables and home directory (tests).
    pub fn new<K, V>(vars: impl IntoIterator<Item = (K, V)>, home: Option<PathBuf>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        Environment {
            vars: vars
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            home,
        }
    }

    /// The process's variables (those that are UTF-8) and `$HOME`.
    pub fn from_process() -> Self {
        let vars: HashMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let home = vars
            .get("HOME")
            .or_else(|| vars.get("USERPROFILE"))
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        Environment { vars, home }
    }

    /// A variable's value, if it is set and not empty.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The home directory.
    pub fn home(&self) -> Option<&Path> {
        self.home.as_deref()
    }
}

/// Where credentials were found; shown on startup (never the values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    /// The `ALIBABA_CLOUD_*` environment variables.
    Environment,
    /// A profile of the credentials file.
    CredentialsFile {
        /// The file.
        path: PathBuf,
        /// The profile.
        profile: String,
    },
    /// The current profile of the aliyun CLI's configuration.
    AliyunCli {
        /// The file.
        path: PathBuf,
        /// The profile.
        profile: String,
    },
}

impl fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialSource::Environment => {
                write!(f, "the environment ({ENV_ACCESS_KEY_ID} and its secret)")
            }
            CredentialSource::CredentialsFile { path, profile } => write!(
                f,
                "the credentials file {}, profile {profile}",
                path.display()
            ),
            CredentialSource::AliyunCli { path, profile } => write!(
                f,
                "the aliyun CLI configuration {}, profile {profile}",
                path.display()
            ),
        }
    }
}

/// Credentials and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The credentials.
    pub credentials: Credentials,
    /// Their source.
    pub source: CredentialSource,
}

impl Found {
    /// `STS` for temporary credentials, `AccessKey` otherwise: the kind, not the value.
    pub fn kind(&self) -> &'static str {
        kind_of(&self.credentials)
    }
}

/// `STS` or `AccessKey`.
pub fn kind_of(credentials: &Credentials) -> &'static str {
    if credentials.security_token.is_some() {
        "STS"
    } else {
        "AccessKey"
    }
}

/// Why the chain could not decide. Messages name files, profiles and variables, never
/// values.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// Part of a source is set and part is missing.
    #[error("{source_name}: {missing} is missing")]
    Incomplete {
        /// The source (`the environment`, a file and profile).
        source_name: String,
        /// What is missing.
        missing: String,
    },
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not in its format.
    #[error("{} is malformed: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// What is wrong (a line number, never a line).
        message: String,
    },
    /// The profile asked for is not in the file.
    #[error("{} has no profile {profile}", path.display())]
    MissingProfile {
        /// The file.
        path: PathBuf,
        /// The profile.
        profile: String,
    },
    /// A profile named in the `--config` file is in neither file.
    #[error(
        "credentials profile {profile} is in neither the credentials file \
         (ALIBABA_CLOUD_CREDENTIALS_FILE or ~/.alibabacloud/credentials) nor ~/.aliyun/config.json"
    )]
    ProfileNotFound {
        /// The profile.
        profile: String,
    },
    /// The profile holds credentials the proxy cannot sign with.
    #[error("{}, profile {profile}: {kind} credentials are not supported (use {supported})", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// The profile.
        profile: String,
        /// Its type or mode.
        kind: String,
        /// The kinds that work.
        supported: &'static str,
    },
}

/// Runs the chain: the first source present decides; `None` when there is none.
pub fn find(env: &Environment) -> Result<Option<Found>, CredentialsError> {
    if let Some(credentials) = from_environment(env)? {
        return Ok(Some(Found {
            credentials,
            source: CredentialSource::Environment,
        }));
    }
    if let Some(found) = profile_file::find(env)? {
        return Ok(Some(found));
    }
    aliyun_cli::find(env)
}

/// The credentials of a named profile (`credentials_profile` in the `--config` file): the
/// credentials file's profile of that name, else the aliyun CLI's. The environment
/// variables play no part: each profile names its own account.
pub fn find_profile(env: &Environment, profile: &str) -> Result<Found, CredentialsError> {
    if let Some(found) = profile_file::find_named(env, profile)? {
        return Ok(found);
    }
    aliyun_cli::find_named(env, profile)?.ok_or_else(|| CredentialsError::ProfileNotFound {
        profile: profile.to_owned(),
    })
}

/// The environment variables: the key ID and secret together, with the STS token if set.
fn from_environment(env: &Environment) -> Result<Option<Credentials>, CredentialsError> {
    let id = env.var(ENV_ACCESS_KEY_ID);
    let secret = env.var(ENV_ACCESS_KEY_SECRET);
    let token = env.var(ENV_SECURITY_TOKEN);
    let incomplete = |missing: &str| CredentialsError::Incomplete {
        source_name: "the environment".to_owned(),
        missing: missing.to_owned(),
    };
    match (id, secret) {
        (Some(id), Some(secret)) => Ok(Some(with_token(Credentials::new(id, secret), token))),
        (Some(_), None) => Err(incomplete(ENV_ACCESS_KEY_SECRET)),
        (None, Some(_)) => Err(incomplete(ENV_ACCESS_KEY_ID)),
        (None, None) if token.is_some() => Err(incomplete(&format!(
            "{ENV_SECURITY_TOKEN} is set, but {ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET}"
        ))),
        (None, None) => Ok(None),
    }
}

/// Adds an STS token when there is one.
pub(crate) fn with_token(credentials: Credentials, token: Option<&str>) -> Credentials {
    match token.filter(|t| !t.is_empty()) {
        Some(token) => credentials.with_security_token(token),
        None => credentials,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_credentials_need_both_halves() {
        let env = Environment::new([(ENV_ACCESS_KEY_ID, "id")], None);
        let error = find(&env).unwrap_err().to_string();
        assert!(error.contains(ENV_ACCESS_KEY_SECRET), "{error}");
        let env = Environment::new([(ENV_SECURITY_TOKEN, "t")], None);
        assert!(find(&env).is_err());
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let env = Environment::new([(ENV_ACCESS_KEY_ID, ""), (ENV_ACCESS_KEY_SECRET, "")], None);
        assert!(find(&env).unwrap().is_none());
    }

    #[test]
    fn sources_show_where_not_what() {
        let env = Environment::new(
            [
                (ENV_ACCESS_KEY_ID, "LTAIvisible"),
                (ENV_ACCESS_KEY_SECRET, "hidden-secret"),
                (ENV_SECURITY_TOKEN, "hidden-token"),
            ],
            None,
        );
        let found = find(&env).unwrap().unwrap();
        assert_eq!(found.kind(), "STS");
        let shown = format!("{} {:?}", found.source, found);
        assert!(
            !shown.contains("hidden-secret") && !shown.contains("hidden-token"),
            "{shown}"
        );
    }
}
