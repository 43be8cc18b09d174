//! Starting and stopping the proxy: resolve the upstream (starting the embedded emulator
//! when there are no credentials), bind, serve in the background, and stop gracefully.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use smc_core::sign::Credentials;
use smc_emulator::{Emulator, EmulatorError, ManualClock, RunningEmulator};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::access::AccessPolicy;
use crate::app::router;
use crate::auth::BearerToken;
use crate::credentials::kind_of;
use crate::metrics::Metrics;
use crate::profiles::{Profile, ProfileOptions, Profiles, ProfilesError};
use crate::settings::{EmulatorOptions, ProfileSettings, Settings, UpstreamTarget};
use crate::sharing::{Sharing, SharingError};
use crate::site::{Site, SiteError};
use crate::state::{AppState, Shared};
use crate::upstream::{Upstream, UpstreamError};

/// Why the proxy could not start or stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The embedded emulator would not start.
    #[error("the embedded emulator: {0}")]
    Emulator(#[from] EmulatorError),
    /// The upstream client could not be set up.
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
    /// The profiles cannot be served as given.
    #[error(transparent)]
    Profiles(#[from] ProfilesError),
    /// The static directory cannot be served.
    #[error(transparent)]
    Site(#[from] SiteError),
    /// Redis could not be reached.
    #[error(transparent)]
    Sharing(#[from] SharingError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The server stopped with an error.
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
}

/// The entry point: `Proxy::start(settings).await`.
#[derive(Debug, Clone, Copy)]
pub struct Proxy;

/// A running proxy. Dropping it stops the server in the background; [`Self::shutdown`]
/// stops it and waits for calls in flight.
pub struct RunningProxy {
    addr: SocketAddr,
    upstream: String,
    grace: Duration,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
    emulator: Option<RunningEmulator>,
}

impl Proxy {
    /// Starts the proxy on the current Tokio runtime.
    pub async fn start(settings: Settings) -> Result<RunningProxy, StartError> {
        let profile_settings = settings.profile_settings();
        let (targets, emulator) =
            connect(&profile_settings, settings.emulator_clock.clone()).await?;
        let metrics = Arc::new(Metrics::default());
        let grace = settings.client.timeout + Duration::from_secs(1);
        let mut profiles = Vec::with_capacity(targets.len());
        let mut described = Vec::with_capacity(targets.len());
        for (options, target) in profile_settings.into_iter().zip(targets) {
            let upstream = Upstream::new(
                &target.endpoint,
                target.credentials,
                settings.client.clone(),
                metrics.clone(),
            )?;
            warn_on_plain_http(upstream.endpoint());
            described.push((options.name.clone(), target.described));
            let options = ProfileOptions {
                name: options.name,
                label: options.label,
                region: options.region,
                rate: options.rate,
                users: options.users,
            };
            profiles.push(Profile::new(options, upstream));
        }
        let profiles = Profiles::new(
            profiles,
            settings.default_profile.as_deref(),
            settings.trusted_user_header.is_some(),
        )?;
        let upstream = match &described[..] {
            [(_, one)] => one.clone(),
            several => several
                .iter()
                .map(|(name, text)| format!("profile {name}: {text}"))
                .collect::<Vec<_>>()
                .join("; "),
        };
        let sharing = Sharing::start(settings.sharing, metrics.clone()).await?;
        let site = settings
            .static_dir
            .as_deref()
            .map(Site::open)
            .transpose()?
            .map(Arc::new);
        let listener = tokio::net::TcpListener::bind(settings.listen)
            .await
            .map_err(|source| StartError::Bind {
                addr: settings.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: settings.listen,
            source,
        })?;
        warn_on_exposure(addr, settings.token.as_ref());
        let state = AppState::new(Shared {
            profiles,
            sharing,
            access: AccessPolicy::new(settings.allow_origins, settings.allow_hosts, addr),
            token: settings.token,
            trusted_user_header: settings.trusted_user_header,
            site,
            metrics,
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let app = router(state.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    // A dropped handle stops the server too.
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(%addr, "proxy listening");
        Ok(RunningProxy {
            addr,
            upstream,
            grace,
            state,
            stop: Some(stop),
            server: Some(server),
            emulator,
        })
    }
}

impl RunningProxy {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where calls go, in words (no secret): shown on startup.
    pub fn upstream(&self) -> &str {
        &self.upstream
    }

    /// The embedded emulator, when there were no credentials.
    pub fn embedded_emulator(&self) -> Option<&RunningEmulator> {
        self.emulator.as_ref()
    }

    /// The shared state (metrics, the upstream client).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting connections, lets calls in flight finish (at most the upstream
    /// timeout and a second), then stops the embedded emulator.
    pub async fn shutdown(mut self) -> Result<(), StartError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let mut result = Ok(());
        if let Some(mut server) = self.server.take() {
            match tokio::time::timeout(self.grace, &mut server).await {
                Ok(Ok(served)) => result = served.map_err(StartError::Serve),
                // The task panicked or was cancelled: it is gone either way.
                Ok(Err(_)) => {}
                Err(_) => server.abort(),
            }
        }
        if let Some(emulator) = self.emulator.take() {
            emulator.shutdown().await?;
        }
        tracing::info!("proxy stopped");
        result
    }
}

impl std::fmt::Debug for RunningProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningProxy")
            .field("addr", &self.addr)
            .field("upstream", &self.upstream)
            .finish_non_exhaustive()
    }
}

/// Where one profile's calls go, signed with what, and in words (no secret).
struct Target {
    endpoint: String,
    credentials: Credentials,
    described: String,
}

/// Where each profile's calls go, in order. Profiles on the embedded emulator share one,
/// started here, with an account (fresh credentials, own seed) for each.
async fn connect(
    profiles: &[ProfileSettings],
    clock: Option<Arc<ManualClock>>,
) -> Result<(Vec<Target>, Option<RunningEmulator>), StartError> {
    let embedded: Vec<(&str, EmulatorOptions)> = profiles
        .iter()
        .filter_map(|profile| match &profile.upstream {
            UpstreamTarget::EmbeddedEmulator(options) => Some((profile.name.as_str(), *options)),
            UpstreamTarget::Remote { .. } => None,
        })
        .collect();
    let mut accounts = Vec::new();
    let emulator = match embedded.split_first() {
        None => None,
        Some(((_, first), others)) => {
            let primary = fresh_credentials();
            accounts.push(primary.clone());
            let mut builder = Emulator::builder()
                .credentials(primary)
                .jobs(first.jobs)
                .seed(first.seed)
                .frozen(first.frozen);
            if let Some(clock) = clock {
                builder = builder.clock(clock);
            }
            for (_, options) in others {
                let credentials = fresh_credentials();
                accounts.push(credentials.clone());
                builder = builder.account(credentials, options.seed);
            }
            let emulator = builder.start().await?;
            tracing::warn!(
                endpoint = %emulator.endpoint(),
                "no credentials found: calls go to the embedded emulator, with fresh random \
                 credentials and generated jobs (not an Alibaba Cloud account)"
            );
            Some(emulator)
        }
    };
    let mut accounts = accounts.into_iter();
    // Present whenever a profile is on the embedded emulator (it was started above).
    let emulator_endpoint = emulator.as_ref().map(RunningEmulator::endpoint);
    let targets = profiles
        .iter()
        .map(|profile| match (&profile.upstream, &emulator_endpoint) {
            (
                UpstreamTarget::Remote {
                    endpoint,
                    credentials,
                    source,
                },
                _,
            ) => {
                let kind = kind_of(credentials);
                tracing::info!(
                    profile = %profile.name,
                    %source,
                    kind,
                    %endpoint,
                    "signing with credentials from {source}"
                );
                Target {
                    endpoint: endpoint.clone(),
                    credentials: credentials.clone(),
                    described: format!(
                        "{endpoint} (signing with {kind} credentials from {source})"
                    ),
                }
            }
            (UpstreamTarget::EmbeddedEmulator(options), endpoint) => {
                let endpoint = endpoint.clone().unwrap_or_default();
                Target {
                    described: format!(
                        "embedded emulator at {endpoint} (no credentials found: fresh random \
                         credentials and generated jobs from seed {}, not an Alibaba Cloud \
                         account)",
                        options.seed
                    ),
                    endpoint,
                    credentials: accounts.next().unwrap_or_else(fresh_credentials),
                }
            }
        })
        .collect();
    Ok((targets, emulator))
}

/// Credentials that exist only in this process, for the embedded emulator: a real key can
/// never be signed with by accident, and nothing printed can be reused.
pub fn fresh_credentials() -> Credentials {
    let random = || uuid::Uuid::new_v4().simple().to_string();
    let id = format!("LTAIemu{}", &random()[..17]);
    let secret = format!("{}{}", random(), random());
    Credentials::new(id, &secret[..40])
}

fn warn_on_plain_http(endpoint: &str) {
    let loopback = reqwest::Url::parse(endpoint)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .is_some_and(|host| {
            host == "localhost"
                || host
                    .trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        });
    if endpoint.starts_with("http://") && !loopback {
        tracing::warn!(
            %endpoint,
            "the endpoint is plain HTTP beyond loopback: calls (and any STS token) travel unencrypted"
        );
    }
}

fn warn_on_exposure(addr: SocketAddr, token: Option<&BearerToken>) {
    if addr.ip().is_loopback() {
        return;
    }
    if token.is_none() {
        tracing::warn!(
            %addr,
            "listening beyond loopback without --token-file: anyone who can reach this port \
             can read the account's migration jobs"
        );
    }
    if let Some(token) = token {
        if token.is_short() {
            tracing::warn!("the bearer token is short: use at least 16 random characters");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_credentials_differ_every_time() {
        let a = fresh_credentials();
        let b = fresh_credentials();
        assert_ne!(a.access_key_id, b.access_key_id);
        assert_ne!(a.access_key_secret, b.access_key_secret);
        assert_eq!(a.access_key_secret.expose().len(), 40);
        assert!(a.security_token.is_none());
    }
}
