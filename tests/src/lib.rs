//! End-to-end browser tests; filled by a later issue (see the README).
