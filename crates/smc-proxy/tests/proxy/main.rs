//! Integration tests of smc-proxy: an emulator, a recording tap and the proxy, in-process on
//! ephemeral loopback ports; the binary itself for the command line. The last module,
//! `logs`, runs every scenario again and checks what they all logged.

mod common;

mod api;
mod cli;
mod credentials;
mod embedded_clock;
mod faults;
mod logs;
mod ops;
mod profiles;
mod redis;
mod refusals;
mod sharing;
mod site;
mod v3;
