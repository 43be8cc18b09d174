//! A faithful local endpoint of Alibaba Cloud SMC `DescribeReplicationJobs`, built on
//! [`smc_core`]: it verifies RPC signatures (v1 and V3) exactly as the gateway does, answers
//! in the real wire format (JSON or XML), serves realistic generated jobs that progress with
//! the clock, and injects faults on request.
//!
//! Start one in-process on an ephemeral loopback port:
//!
//! ```no_run
//! # async fn demo() -> Result<(), smc_emulator::EmulatorError> {
//! let emulator = smc_emulator::Emulator::builder().frozen(true).start().await?;
//! let endpoint = emulator.endpoint(); // http://127.0.0.1:PORT/
//! let credentials = emulator.credentials().clone();
//! # let _ = (endpoint, credentials);
//! emulator.shutdown().await?;
//! # Ok(()) }
//! ```
//!
//! Or call [`router`] in-process with the state of [`EmulatorBuilder::build`].
//!
//! - [`server`]: the builder, the running server and its errors; [`cli`] and [`files`]
//!   turn the command line into a builder.
//! - [`state`]: the state every handler shares; [`app`]: the router over `api` and
//!   `control`, its handlers.
//! - `call`, `gateway` (v1), `gateway_v3`, `nonce`, `limits`: reading a call and the
//!   gateway's checks.
//! - [`store`], `filter`, `progress`: the jobs, which a request selects, how they move.
//! - [`generate`] (with its `vocabulary` and `rng`): the deterministic generator.
//! - [`faults`]: injected latency, errors and odd job fields ([`odd_jobs`]); [`error`]: the
//!   one error response.
//! - [`clock`]: where "now" comes from.

mod api;
pub mod app;
mod call;
pub mod cli;
pub mod clock;
mod control;
pub mod error;
pub mod faults;
pub mod files;
mod filter;
mod gateway;
mod gateway_v3;
pub mod generate;
mod limits;
mod nonce;
pub mod odd_jobs;
mod progress;
mod rng;
pub mod server;
pub mod state;
pub mod store;
mod vocabulary;

pub use app::router;
pub use call::MAX_BODY_BYTES;
pub use cli::Cli;
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{ApiFailure, HOST_ID, REQUEST_ID_HEADER};
pub use faults::FaultRule;
pub use generate::generate_jobs;
pub use limits::{MAX_HEADER_BYTES, MAX_URI_BYTES};
pub use server::{
    demo_credentials, Emulator, EmulatorBuilder, EmulatorError, RunningEmulator,
    DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET,
};
pub use state::{AppState, StateView};
pub use store::{DataSource, DEFAULT_JOBS, MAX_JOBS};
