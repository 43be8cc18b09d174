//! The signing proxy of the SMC viewer. The browser calls
//! `GET /api/DescribeReplicationJobs?<parameters as the API names them>`; the proxy reads the
//! parameters with smc-core, refuses anything it would not sign, adds the common parameters,
//! signs with an AccessKey the browser never sees, and forwards the call upstream.
//!
//! - [`cli`]: the command line (`serve`, `sign`); [`settings`] is what `serve` runs with.
//! - [`credentials`]: the credential chain (environment, credentials file, aliyun CLI).
//! - [`server`]: starting and stopping, the embedded emulator; [`app`]: the router and its
//!   layers; [`state`]: what the handlers share.
//! - [`api`] and [`query`]: the browser API and how its query is read.
//! - [`upstream`] (with [`retry`] and [`redact`]): signed calls, retries, size and time bounds.
//! - [`sharing`]: identical calls coalesced, answers cached briefly, the upstream rate per
//!   profile, shared by replicas through Redis.
//! - [`access`], [`auth`], [`identity`], [`limits`]: who may call (Host and Origin, bearer
//!   token, the portal's user header) and how big a request may be; CORS headers are
//!   tower-http's, set up in [`app`].
//! - [`profiles`]: the accounts served, each with its own signing client, and who may use
//!   which; the `--config` file.
//! - [`site`] (with [`csp`] and [`caching`]): the built web app, served from the same origin
//!   by tower-http's `ServeDir` behind a guard of ours.
//! - [`metrics`], [`access_log`], [`ops`], [`logging`]: what operators see.
//! - [`error`]: the one error type; every failure leaves as `{"Code","Message","RequestId"}`.
//! - [`sign_command`]: `smc-proxy sign`, to compare a string-to-sign by hand.

pub mod access;
pub mod access_log;
pub mod api;
pub mod app;
pub mod auth;
pub mod caching;
pub mod cli;
pub mod credentials;
pub mod csp;
pub mod error;
pub mod identity;
pub mod limits;
pub mod logging;
pub mod metrics;
pub mod ops;
pub mod profiles;
pub mod query;
pub mod redact;
pub mod retry;
pub mod server;
pub mod settings;
pub mod sharing;
pub mod sign_command;
pub mod site;
pub mod state;
pub mod upstream;

pub use error::ProxyError;
pub use server::{Proxy, RunningProxy, StartError};
pub use settings::{EmulatorOptions, Settings, SignatureVersion, UpstreamSettings, UpstreamTarget};
