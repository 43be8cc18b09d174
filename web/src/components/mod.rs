//! The viewer's parts, one per file. Two are components: the app, which owns the state,
//! and the header's "updated N s ago", which ticks every second without the app. The rest
//! are functions of what the app passes them; a part that keeps something between renders
//! (a pending name, the inputs' text, an export, the details' fetch and focus) has a hook
//! beside it that the app calls. A component would cost the bundle its own copy of Yew's
//! lifecycle code, about 0.5 to 1 KB of gzip each.
//!
//! # Dynamic classes
//!
//! A `class` whose value is not a literal goes through yew's `Classes`, an ordered hash
//! set: its code is 3 KB of the gzip bundle, for four elements. Those elements spell the
//! attribute `CLASS` with the whole class list as a string instead: html! then handles it
//! as a plain attribute, and the browser lowercases attribute names on HTML elements
//! (`setAttribute`, `removeAttribute`), so the DOM has the same `class`.

mod active_filters;
mod app;
mod banners;
mod cells;
mod details;
mod export_control;
mod filter_bar;
mod filter_input;
mod header;
mod jobs_table;
mod pagination;
mod preferences_panel;

pub use active_filters::active_filter_chips;
pub use app::{App, AppProps};
pub use banners::banners;
pub use cells::{copy_button, progress_cell, status_indicator, status_look, tag_chips, time_cell};
pub use details::{details_panel, use_details, Details, DetailsPanel};
pub use export_control::{export_control, use_export, Export};
pub use filter_bar::{filter_bar, name_field, use_name_filter, FilterBar, NameFilter};
pub use filter_input::{filter_input, use_filter_inputs, FilterInput, FilterInputKind};
pub use header::{header, Header};
pub use jobs_table::{jobs_table, JobsTableProps};
pub use pagination::{pagination, Pagination};
pub use preferences_panel::{preferences_panel, PreferencesPanel};
