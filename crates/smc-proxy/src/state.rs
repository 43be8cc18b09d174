//! The state every handler shares: [`AppState`]. It depends only on the parts it holds, so
//! handlers import it and the router imports the handlers, never the other way round.

use std::ops::Deref;
use std::sync::Arc;

use crate::access::AccessPolicy;
use crate::auth::BearerToken;
use crate::metrics::Metrics;
use crate::sharing::Sharing;
use crate::site::Site;
use crate::upstream::Upstream;

/// Everything the handlers share. Cloning is cheap; every clone is the same proxy.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

/// The parts of the state.
#[derive(Debug)]
pub struct Shared {
    /// The signing client.
    pub upstream: Upstream,
    /// Coalescing, the short cache and the rate limit in front of it.
    pub sharing: Sharing,
    /// Host and Origin rules.
    pub access: AccessPolicy,
    /// The bearer token of `/api`, if any.
    pub token: Option<BearerToken>,
    /// The built web app, if served.
    pub site: Option<Arc<Site>>,
    /// The `RegionId` sent when the browser sends none.
    pub region: Option<String>,
    /// The metrics.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Shares `shared` among handlers.
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
