//! The Yew viewer; filled by a later issue (see the README).
