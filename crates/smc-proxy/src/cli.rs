//! The command line: `smc-proxy serve [flags]` and `smc-proxy sign …`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand};

use crate::access::normalize_origin;
use crate::auth::{BearerToken, TokenError};
use crate::credentials::{self, CredentialsError, Environment};
use crate::identity::TrustedUserHeader;
use crate::logging::LogFormat;
use crate::profiles::{self, config::ConfigError};
use crate::settings::{
    valid_region, EmulatorOptions, ProfileSettings, Settings, SignatureVersion, UpstreamSettings,
    UpstreamTarget, DEFAULT_LISTEN,
};
use crate::sharing::rate::Rate;
use crate::sharing::{SharingSettings, DEFAULT_CACHE_TTL, DEFAULT_RATE};
use crate::sign_command::SignArgs;

/// The signing proxy of the SMC replication job viewer.
#[derive(Debug, Parser)]
#[command(name = "smc-proxy", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the browser API (and the web app with --static).
    Serve(Box<ServeArgs>),
    /// Sign exactly the given parameters and print the string-to-sign and the signature.
    Sign(SignArgs),
}

/// `smc-proxy serve` flags.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen (port 0 picks a free one).
    #[arg(long, default_value_t = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// The SMC endpoint (default https://smc.aliyuncs.com/); needs credentials.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The RegionId sent when the browser sends none.
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,
    /// Serve the built web app (trunk build --release's dist/) from this directory.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// An origin allowed to call /api cross-origin (exact, e.g. https://portal.example.com);
    /// repeatable.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,
    /// A Host name served besides loopback names (for a reverse proxy in front); repeatable.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// A file whose first line is the bearer token /api calls must carry.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Use the embedded emulator even when credentials are found.
    #[arg(long, conflicts_with = "endpoint")]
    pub emulator: bool,
    /// How many jobs the embedded emulator generates.
    #[arg(long, value_name = "N", default_value_t = smc_emulator::DEFAULT_JOBS,
          value_parser = clap::value_parser!(u64).range(0..=smc_emulator::MAX_JOBS as u64)
              .map(|n| n as usize))]
    pub emulator_jobs: usize,
    /// The embedded emulator's seed: the same seed gives the same jobs.
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub emulator_seed: u64,
    /// Running jobs of the embedded emulator stand still (for tests and screenshots).
    #[arg(long)]
    pub emulator_frozen: bool,
    /// The time one API call may take upstream, retries included (e.g. 10s, 500ms).
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub upstream_timeout: Duration,
    /// The time to establish an upstream connection.
    #[arg(long, default_value = "3s", value_parser = parse_duration)]
    pub connect_timeout: Duration,
    /// Retries of a retryable failure (throttling, internal errors, network errors).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
    /// The first retry's backoff; each retry doubles it, with jitter.
    #[arg(long, default_value = "100ms", value_parser = parse_duration)]
    pub retry_backoff: Duration,
    /// The largest upstream response relayed, in bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    pub max_response_bytes: usize,
    /// The most upstream calls in flight at once.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_concurrency: u32,
    /// Log lines as text or JSON (RUST_LOG sets the filter; default info).
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// The signature upstream calls carry: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256).
    #[arg(long, value_enum, default_value_t = SignatureVersion::V1)]
    pub signature: SignatureVersion,
    /// A TOML file of named profiles ([profiles.NAME] with credentials_profile, endpoint,
    /// region, label, rate, users); calls pick one with X-Smc-Profile.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The header a portal's own proxy names the user in (e.g. X-Forwarded-User): calls
    /// without it are refused, and profiles' users lists apply.
    #[arg(long, value_name = "HEADER")]
    pub trust_header: Option<String>,
    /// Seconds a successful answer is served again to identical calls (0: no cache).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_CACHE_TTL.as_secs(),
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub cache_ttl: u64,
    /// Upstream calls a second per profile (token bucket, a burst of one second's worth);
    /// 0: no limit.
    #[arg(long, value_name = "PER_SECOND", default_value_t = DEFAULT_RATE, value_parser = parse_rate)]
    pub rate: f64,
    /// Share the cache, coalescing and rate limit with other replicas through this Redis
    /// (redis://HOST:PORT/DB).
    #[arg(long, value_name = "URL")]
    pub redis: Option<String>,
}

/// Why `serve` cannot run with these flags and this environment.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The credential chain failed.
    #[error("credentials: {0}")]
    Credentials(#[from] CredentialsError),
    /// The token file is unusable.
    #[error("--token-file: {0}")]
    Token(#[from] TokenError),
    /// An origin is not an origin.
    #[error("--allow-origin {0}")]
    Origin(String),
    /// A region ID is malformed.
    #[error("--region {0:?}: a region ID is lower-case letters, digits and dashes (cn-hangzhou)")]
    Region(String),
    /// The profiles file is unusable.
    #[error("--config: {0}")]
    Config(#[from] ConfigError),
    /// A profile's credentials cannot be found.
    #[error("--config: profile {profile}: {source}")]
    ProfileCredentials {
        /// The profile.
        profile: String,
        /// Why.
        source: CredentialsError,
    },
    /// The trusted header is not one.
    #[error("--trust-header {0}")]
    TrustHeader(String),
    /// `--endpoint` without credentials would send unsigned calls nowhere useful.
    #[error(
        "--endpoint {0} needs credentials (environment, credentials file or aliyun CLI); \
         without --endpoint and credentials the embedded emulator is used"
    )]
    EndpointWithoutCredentials(String),
}

impl ServeArgs {
    /// The settings these flags give in `env` (credentials found there, the token read).
    pub fn settings(&self, env: &Environment) -> Result<Settings, SettingsError> {
        let embedded = UpstreamTarget::EmbeddedEmulator(self.emulator_options(0));
        let (profiles, default_profile) = match &self.config {
            Some(path) => self.profiles(path, env)?,
            None => (Vec::new(), None),
        };
        let trusted_user_header = self
            .trust_header
            .as_deref()
            .map(TrustedUserHeader::new)
            .transpose()
            .map_err(SettingsError::TrustHeader)?;
        // With profiles, each names its own credentials; the chain is not consulted.
        let upstream = if self.emulator || !profiles.is_empty() {
            embedded
        } else {
            match credentials::find(env)? {
                Some(found) => UpstreamTarget::Remote {
                    endpoint: self
                        .endpoint
                        .clone()
                        .unwrap_or_else(|| smc_core::DEFAULT_ENDPOINT.to_owned()),
                    credentials: found.credentials,
                    source: found.source,
                },
                None => match &self.endpoint {
                    Some(endpoint) => {
                        return Err(SettingsError::EndpointWithoutCredentials(endpoint.clone()))
                    }
                    None => embedded,
                },
            }
        };
        let allow_origins = self
            .allow_origins
            .iter()
            .map(|origin| normalize_origin(origin).map_err(SettingsError::Origin))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(region) = self.region.as_deref().filter(|r| !valid_region(r)) {
            return Err(SettingsError::Region(region.to_owned()));
        }
        let token = self
            .token_file
            .as_deref()
            .map(BearerToken::from_file)
            .transpose()?;
        Ok(Settings {
            listen: self.listen,
            upstream,
            region: self.region.clone(),
            profiles,
            default_profile,
            trusted_user_header,
            static_dir: self.static_dir.clone(),
            allow_origins,
            allow_hosts: self.allow_hosts.clone(),
            token,
            client: UpstreamSettings {
                timeout: self.upstream_timeout,
                connect_timeout: self.connect_timeout,
                retries: self.retries,
                backoff: self.retry_backoff,
                max_response_bytes: self.max_response_bytes,
                max_concurrency: self.max_concurrency as usize,
                signature: self.signature,
                ..UpstreamSettings::default()
            },
            sharing: SharingSettings {
                cache_ttl: Duration::from_secs(self.cache_ttl),
                rate: (self.rate > 0.0).then(|| Rate::per_second(self.rate)),
                redis: self.redis.clone(),
                ..SharingSettings::default()
            },
            emulator_clock: None,
        })
    }
}

impl ServeArgs {
    /// The embedded emulator's options for the profile at `position`: each its own seed.
    fn emulator_options(&self, position: u64) -> EmulatorOptions {
        EmulatorOptions {
            jobs: self.emulator_jobs,
            seed: self.emulator_seed.wrapping_add(position),
            frozen: self.emulator_frozen,
        }
    }

    /// The profiles of the `--config` file and the default one: on the embedded emulator
    /// with `--emulator` (an account each), else signing with each one's
    /// `credentials_profile`. `--endpoint` and `--region` apply to profiles that set none.
    fn profiles(
        &self,
        path: &std::path::Path,
        env: &Environment,
    ) -> Result<(Vec<ProfileSettings>, Option<String>), SettingsError> {
        let file = profiles::config::load(path)?;
        let mut profiles = Vec::with_capacity(file.profiles.len());
        for (position, entry) in (0..).zip(file.profiles) {
            let upstream = if self.emulator {
                UpstreamTarget::EmbeddedEmulator(self.emulator_options(position))
            } else {
                let found = credentials::find_profile(env, &entry.credentials_profile).map_err(
                    |source| SettingsError::ProfileCredentials {
                        profile: entry.name.clone(),
                        source,
                    },
                )?;
                UpstreamTarget::Remote {
                    endpoint: entry
                        .endpoint
                        .or_else(|| self.endpoint.clone())
                        .unwrap_or_else(|| smc_core::DEFAULT_ENDPOINT.to_owned()),
                    credentials: found.credentials,
                    source: found.source,
                }
            };
            profiles.push(ProfileSettings {
                name: entry.name,
                label: entry.label,
                region: entry.region.or_else(|| self.region.clone()),
                rate: entry.rate,
                users: entry.users,
                upstream,
            });
        }
        Ok((profiles, Some(file.default)))
    }
}

/// Reads a rate: calls a second, from 0 (no limit) to 10,000.
fn parse_rate(text: &str) -> Result<f64, String> {
    let rate: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of calls a second"))?;
    if !(0.0..=10_000.0).contains(&rate) {
        return Err(format!("{text:?} must be from 0 (no limit) to 10000"));
    }
    Ok(rate)
}

/// Reads `10s`, `500ms`, `2m` or a bare number of seconds; at least 1 ms, at most an hour.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration like 10s or 500ms"))?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" | "min" => value * 60.0,
        other => return Err(format!("unknown unit {other:?}: use ms, s or m")),
    };
    if !(0.001..=3600.0).contains(&seconds) {
        return Err(format!("{text:?} must be between 1ms and 1 hour"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> ServeArgs {
        let mut all = vec!["smc-proxy", "serve"];
        all.extend_from_slice(args);
        match Cli::try_parse_from(all).unwrap().command {
            Command::Serve(args) => *args,
            Command::Sign(_) => panic!("parsed as sign"),
        }
    }

    #[test]
    fn durations_take_units() {
        assert_eq!(parse_duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        for bad in ["", "ten", "0s", "5h", "-1s", "2 weeks"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn defaults_are_loopback_and_the_embedded_emulator_without_credentials() {
        let settings = serve(&[]).settings(&Environment::default()).unwrap();
        assert_eq!(settings.listen, DEFAULT_LISTEN);
        assert!(matches!(
            settings.upstream,
            UpstreamTarget::EmbeddedEmulator(options) if options == EmulatorOptions::default()
        ));
        assert_eq!(settings.client, UpstreamSettings::default());
    }

    #[test]
    fn credentials_point_at_the_real_endpoint_unless_told() {
        let env = Environment::new(
            [
                (credentials::ENV_ACCESS_KEY_ID, "id"),
                (credentials::ENV_ACCESS_KEY_SECRET, "secret"),
            ],
            None,
        );
        let settings = serve(&[]).settings(&env).unwrap();
        let UpstreamTarget::Remote { endpoint, .. } = settings.upstream else {
            panic!("expected the remote endpoint");
        };
        assert_eq!(endpoint, smc_core::DEFAULT_ENDPOINT);
        let settings = serve(&[
            "--emulator",
            "--emulator-jobs",
            "1000",
            "--emulator-seed",
            "7",
            "--emulator-frozen",
        ])
        .settings(&env)
        .unwrap();
        assert!(matches!(
            settings.upstream,
            UpstreamTarget::EmbeddedEmulator(EmulatorOptions {
                jobs: 1000,
                seed: 7,
                frozen: true
            })
        ));
        assert!(Cli::try_parse_from(["smc-proxy", "serve", "--emulator-jobs", "20001"]).is_err());
    }

    #[test]
    fn sharing_flags_set_the_cache_rate_and_redis() {
        let env = Environment::default();
        let defaults = serve(&[]).settings(&env).unwrap().sharing;
        assert_eq!(defaults, SharingSettings::default());
        assert_eq!(defaults.cache_ttl, DEFAULT_CACHE_TTL);
        assert_eq!(defaults.rate, Some(Rate::per_second(DEFAULT_RATE)));
        let set = serve(&[
            "--cache-ttl",
            "0",
            "--rate",
            "0.5",
            "--redis",
            "redis://127.0.0.1:6379/0",
        ])
        .settings(&env)
        .unwrap()
        .sharing;
        assert_eq!(set.cache_ttl, Duration::ZERO);
        assert_eq!(
            set.rate,
            Some(Rate {
                per_second: 0.5,
                burst: 1
            })
        );
        assert_eq!(set.redis.as_deref(), Some("redis://127.0.0.1:6379/0"));
        let unlimited = serve(&["--rate", "0"]).settings(&env).unwrap().sharing;
        assert_eq!(unlimited.rate, None);
        for bad in [
            ["--rate", "-1"],
            ["--rate", "fast"],
            ["--cache-ttl", "3601"],
        ] {
            let mut args = vec!["smc-proxy", "serve"];
            args.extend(bad);
            assert!(Cli::try_parse_from(args).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_endpoint_without_credentials_is_refused() {
        let error = serve(&["--endpoint", "http://127.0.0.1:1/"])
            .settings(&Environment::default())
            .unwrap_err();
        assert!(matches!(
            error,
            SettingsError::EndpointWithoutCredentials(_)
        ));
    }

    #[test]
    fn flags_are_checked() {
        let env = Environment::default();
        assert!(serve(&["--allow-origin", "*"]).settings(&env).is_err());
        assert!(serve(&["--region", "CN HANGZHOU"]).settings(&env).is_err());
        let settings = serve(&[
            "--allow-origin",
            "https://Portal.example.com/",
            "--region",
            "cn-hangzhou",
            "--upstream-timeout",
            "500ms",
            "--retries",
            "0",
        ])
        .settings(&env)
        .unwrap();
        assert_eq!(settings.allow_origins, ["https://portal.example.com"]);
        assert_eq!(settings.client.timeout, Duration::from_millis(500));
        assert_eq!(settings.client.retries, 0);
        assert_eq!(settings.client.signature, SignatureVersion::V1);
        let v3 = serve(&["--signature", "v3"]).settings(&env).unwrap();
        assert_eq!(v3.client.signature, SignatureVersion::V3);
        assert!(Cli::try_parse_from(["smc-proxy", "serve", "--signature", "v2"]).is_err());
        assert!(Cli::try_parse_from(["smc-proxy", "serve", "--retries", "99"]).is_err());
        assert!(Cli::try_parse_from([
            "smc-proxy",
            "serve",
            "--emulator",
            "--endpoint",
            "http://x/"
        ])
        .is_err());
    }
}
