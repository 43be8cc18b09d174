//! The viewer's parts: one component per file, each with its own props, and the small
//! views of values that the table and the details share ([`cells`], [`time_left`]).
//!
//! The app owns the state (see [`crate::state`]) and hands each part what it shows and a
//! callback for what it changes; a part that keeps something of its own between renders
//! (the typed name, an export, the details' fetch and focus) keeps it in its own hooks.

mod account_switcher;
mod active_filters;
mod app;
mod banners;
pub mod cells;
mod column_header;
mod copy_button;
mod details;
mod export_control;
mod filter_bar;
mod filter_input;
mod filters_toggle;
mod freshness;
mod header;
mod job_details;
mod job_row;
mod jobs_table;
mod more_tags;
mod name_filter;
mod pagination;
mod preferences_panel;
mod request_id_note;
mod status_count_bar;
mod tag_chips;
pub mod time_left;
mod watch_toggle;

pub use account_switcher::{AccountSwitcher, AccountSwitcherProps};
pub use active_filters::{ActiveFilters, ActiveFiltersProps};
pub use app::{App, AppProps};
pub use banners::{Banners, BannersProps};
pub use column_header::{ColumnHeader, ColumnHeaderProps};
pub use copy_button::{CopyButton, CopyButtonProps};
pub use details::{DetailsPanel, DetailsPanelProps};
pub use export_control::{ExportControl, ExportControlProps};
pub use filter_bar::{FilterBar, FilterBarProps};
pub use filter_input::{FilterInput, FilterInputKind, FilterInputProps};
pub use filters_toggle::{FiltersToggle, FiltersToggleProps};
pub use freshness::{Freshness, FreshnessProps};
pub use header::{Header, HeaderProps};
pub use job_details::{JobDetails, JobDetailsProps};
pub use job_row::{JobRow, JobRowProps};
pub use jobs_table::{JobsTable, JobsTableProps};
pub use more_tags::{MoreTags, MoreTagsProps};
pub use name_filter::{NameFilter, NameFilterProps};
pub use pagination::{Pagination, PaginationProps};
pub use preferences_panel::{PreferencesPanel, PreferencesPanelProps};
pub use request_id_note::{RequestIdNote, RequestIdNoteProps};
pub use status_count_bar::{StatusCountBar, StatusCountBarProps};
pub use tag_chips::{TagChips, TagChipsProps};
pub use watch_toggle::{WatchToggle, WatchToggleProps};
