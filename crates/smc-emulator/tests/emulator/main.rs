//! Integration tests of the emulator, in one binary to keep linking cheap.

mod accounts;
mod cli;
mod common;
mod empty;
mod faults;
mod gateway;
mod semantics;
mod transport;
mod v3;
