//! What a running proxy is told: where to listen, where calls go and with which
//! credentials, and the bounds that keep it safe. [`crate::cli`] fills it from flags; tests
//! fill it by hand.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use smc_core::sign::Credentials;
use smc_emulator::ManualClock;

use crate::auth::BearerToken;
use crate::credentials::CredentialSource;
use crate::identity::{TrustedUserHeader, User};
use crate::profiles::DEFAULT_PROFILE_NAME;
use crate::sharing::rate::Rate;
use crate::sharing::SharingSettings;

/// Where the proxy listens unless told otherwise: loopback only.
pub const DEFAULT_LISTEN: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 8787);

/// Everything `serve` needs.
#[derive(Debug)]
pub struct Settings {
    /// The address to listen on (port 0 picks a free port).
    pub listen: SocketAddr,
    /// Where signed calls go, when there are no [`Self::profiles`]: the one profile
    /// [`DEFAULT_PROFILE_NAME`].
    pub upstream: UpstreamTarget,
    /// The `RegionId` sent when the browser sends none, when there are no profiles.
    pub region: Option<String>,
    /// The accounts served (`--config`); empty: one, from [`Self::upstream`] and
    /// [`Self::region`].
    pub profiles: Vec<ProfileSettings>,
    /// The profile calls without `X-Smc-Profile` use (default: the first).
    pub default_profile: Option<String>,
    /// The header a portal's proxy names the user in (`--trust-header`).
    pub trusted_user_header: Option<TrustedUserHeader>,
    /// The built web app to serve from the same origin (`dist/`).
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call `/api` cross-origin (exact, normalized `scheme://host[:port]`).
    pub allow_origins: Vec<String>,
    /// Host names accepted besides loopback ones (see [`crate::access`]).
    pub allow_hosts: Vec<String>,
    /// The bearer token `/api` calls must carry.
    pub token: Option<BearerToken>,
    /// Timeouts, retries and bounds of upstream calls.
    pub client: UpstreamSettings,
    /// Coalescing, the cache and the rate limit of upstream calls.
    pub sharing: SharingSettings,
    /// The embedded emulator's clock, for tests that move its time by hand (the
    /// machine's clock when `None`). Signatures are checked against it too, so it should
    /// stay within the emulator's 15 minutes of the machine's clock.
    pub emulator_clock: Option<Arc<ManualClock>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: DEFAULT_LISTEN,
            upstream: UpstreamTarget::EmbeddedEmulator(EmulatorOptions::default()),
            region: None,
            profiles: Vec::new(),
            default_profile: None,
            trusted_user_header: None,
            static_dir: None,
            allow_origins: Vec::new(),
            allow_hosts: Vec::new(),
            token: None,
            client: UpstreamSettings::default(),
            sharing: SharingSettings::default(),
            emulator_clock: None,
        }
    }
}

impl Settings {
    /// The profiles to serve: [`Self::profiles`], or the one default profile.
    pub fn profile_settings(&self) -> Vec<ProfileSettings> {
        if !self.profiles.is_empty() {
            return self.profiles.clone();
        }
        vec![ProfileSettings {
            name: DEFAULT_PROFILE_NAME.to_owned(),
            label: None,
            region: self.region.clone(),
            rate: None,
            users: None,
            upstream: self.upstream.clone(),
        }]
    }
}

/// One account the proxy serves under a name.
#[derive(Debug, Clone)]
pub struct ProfileSettings {
    /// Its name, sent in `X-Smc-Profile`.
    pub name: String,
    /// What people call the account.
    pub label: Option<String>,
    /// The `RegionId` its calls get when the browser sends none.
    pub region: Option<String>,
    /// Its upstream rate; `None`: the one of [`SharingSettings`].
    pub rate: Option<Rate>,
    /// Who may use it (with `--trust-header`); `None`: every admitted caller.
    pub users: Option<Vec<User>>,
    /// Where its calls go. Every profile on the embedded emulator gets an account of its
    /// own there (its own jobs, from `seed`); the first one's options set the job count
    /// and whether time stands still.
    pub upstream: UpstreamTarget,
}

/// Where signed calls go.
#[derive(Debug, Clone)]
pub enum UpstreamTarget {
    /// An SMC endpoint (the real one, or an emulator the operator runs).
    Remote {
        /// `https://smc.aliyuncs.com/` unless `--endpoint` says otherwise.
        endpoint: String,
        /// The credentials to sign with.
        credentials: Credentials,
        /// Where they were found, for the startup log.
        source: CredentialSource,
    },
    /// No credentials were found: start smc-emulator in-process on an ephemeral loopback
    /// port with fresh random credentials and send calls there.
    EmbeddedEmulator(EmulatorOptions),
}

/// What the embedded emulator serves: how many generated jobs, from which seed, and
/// whether running jobs advance (demos want motion; browser tests want the same page twice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmulatorOptions {
    /// How many jobs are generated.
    pub jobs: usize,
    /// The generator's seed: the same seed gives the same jobs.
    pub seed: u64,
    /// Running jobs stand still.
    pub frozen: bool,
}

impl Default for EmulatorOptions {
    fn default() -> Self {
        EmulatorOptions {
            jobs: smc_emulator::DEFAULT_JOBS,
            seed: 1,
            frozen: false,
        }
    }
}

/// How upstream calls are made and bounded.
#[derive(Debug, Clone, PartialEq)]
pub struct UpstreamSettings {
    /// The time one browser call may take upstream, retries and their waits included.
    pub timeout: Duration,
    /// The time to establish a connection.
    pub connect_timeout: Duration,
    /// How many times a call is retried after a retryable failure.
    pub retries: u32,
    /// The first backoff; each retry doubles it, with jitter.
    pub backoff: Duration,
    /// The longest computed backoff (an `x-acs-retry-after` is honoured within `timeout`).
    pub max_backoff: Duration,
    /// The largest upstream body relayed, in bytes.
    pub max_response_bytes: usize,
    /// The most upstream calls in flight at once.
    pub max_concurrency: usize,
    /// The signature upstream calls carry.
    pub signature: SignatureVersion,
}

/// Which of Alibaba Cloud's signatures the proxy signs with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SignatureVersion {
    /// RPC signature v1 (HMAC-SHA1): every parameter, the signature too, in a form body.
    #[default]
    V1,
    /// V3 (`ACS3-HMAC-SHA256`): `x-acs-*` headers and `Authorization`, the API parameters
    /// in a form body, as the current SDKs sign by default.
    V3,
}

impl Default for UpstreamSettings {
    fn default() -> Self {
        UpstreamSettings {
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(3),
            retries: 2,
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            max_response_bytes: 8 * 1024 * 1024,
            max_concurrency: 64,
            signature: SignatureVersion::V1,
        }
    }
}

/// Whether `region` looks like a region ID: lower-case letters, digits and dashes.
pub fn valid_region(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
