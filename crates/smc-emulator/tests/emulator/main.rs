//! Integration tests of the emulator, in one binary to keep linking cheap.

mod cli;
mod common;
mod faults;
mod gateway;
mod semantics;
mod transport;
mod v3;
