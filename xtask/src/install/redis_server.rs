//! redis-server from Debian, for the proxy's tests of replicas sharing state through Redis
//! (each test starts its own server on a free port).

use std::path::Path;

use super::apt::{apt_install, AptPackages};

/// Installs redis-server with apt when it is missing.
pub fn redis_server(root: &Path) -> Result<(), String> {
    apt_install(
        root,
        &AptPackages {
            name: "redis-server",
            files: &["/usr/bin/redis-server"],
            packages: &["redis-server"],
        },
    )
}
