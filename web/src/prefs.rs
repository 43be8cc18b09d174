//! Preferences a person keeps between visits (columns, density, page size, time zone,
//! auto-refresh), stored in `localStorage`.

use serde::Serialize;
use serde_json::Value;

use crate::columns::Column;
use crate::format::Zone;

/// Page sizes offered.
pub const PAGE_SIZES: [i64; 3] = [10, 20, 50];
const STORAGE_KEY: &str = "smc-viewer.preferences";

/// Row spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Density {
    /// Room to breathe.
    #[default]
    Comfortable,
    /// More rows on screen.
    Compact,
}

impl Density {
    /// The value kept in storage and used as a CSS hook.
    pub fn key(self) -> &'static str {
        match self {
            Density::Comfortable => "comfortable",
            Density::Compact => "compact",
        }
    }
}

/// Everything a person chooses about how the viewer looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Preferences {
    /// Columns not shown.
    pub hidden_columns: Vec<Column>,
    /// Row spacing.
    pub density: Density,
    /// Jobs per page when a link does not say.
    pub page_size: i64,
    /// The zone times are shown in.
    pub zone: Zone,
    /// Whether the page refreshes itself while jobs are changing.
    pub auto_refresh: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            hidden_columns: vec![Column::BusinessStatus, Column::Region],
            density: Density::Comfortable,
            page_size: 20,
            zone: Zone::Utc,
            auto_refresh: true,
        }
    }
}

/// The stored form: plain strings, so a value this version does not know falls back to
/// the default instead of losing every preference. Written from this struct, read as a
/// JSON tree (see [`Preferences::from_json`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    hidden_columns: Option<Vec<String>>,
    density: Option<String>,
    page_size: Option<i64>,
    zone: Option<String>,
    auto_refresh: Option<bool>,
}

impl Preferences {
    /// The columns shown, in table order.
    pub fn visible_columns(&self) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|column| !self.hidden_columns.contains(column))
            .collect()
    }

    /// Reads preferences from their JSON text, each on its own: a value that is missing,
    /// of the wrong type or unknown to this version falls back to its default, and the
    /// others still apply.
    ///
    /// Read as a JSON tree, whose reader the bundle has anyway (for API errors), rather
    /// than into [`Stored`], whose own reader would be 1.8 KB of gzip more.
    pub fn from_json(text: &str) -> Preferences {
        let stored: Value = serde_json::from_str(text).unwrap_or_default();
        let defaults = Preferences::default();
        Preferences {
            hidden_columns: stored
                .get("hiddenColumns")
                .and_then(Value::as_array)
                .map(|keys| {
                    keys.iter()
                        .filter_map(Value::as_str)
                        .filter_map(Column::from_key)
                        .filter(|column| column.hideable())
                        .collect()
                })
                .unwrap_or(defaults.hidden_columns),
            density: match stored.get("density").and_then(Value::as_str) {
                Some("compact") => Density::Compact,
                Some("comfortable") => Density::Comfortable,
                _ => defaults.density,
            },
            page_size: stored
                .get("pageSize")
                .and_then(Value::as_i64)
                .filter(|size| PAGE_SIZES.contains(size))
                .unwrap_or(defaults.page_size),
            zone: stored
                .get("zone")
                .and_then(Value::as_str)
                .and_then(Zone::from_key)
                .unwrap_or(defaults.zone),
            auto_refresh: stored
                .get("autoRefresh")
                .and_then(Value::as_bool)
                .unwrap_or(defaults.auto_refresh),
        }
    }

    /// The JSON text stored.
    pub fn to_json(&self) -> String {
        let stored = Stored {
            hidden_columns: Some(
                self.hidden_columns
                    .iter()
                    .map(|c| c.key().to_owned())
                    .collect(),
            ),
            density: Some(self.density.key().to_owned()),
            page_size: Some(self.page_size),
            zone: Some(self.zone.key().to_owned()),
            auto_refresh: Some(self.auto_refresh),
        };
        // The pretty writer, as the raw JSON and the export use: a compact one too would be
        // 0.4 KB more of the gzip bundle.
        serde_json::to_string_pretty(&stored).unwrap_or_default()
    }

    /// The preferences stored in this browser, or the defaults.
    pub fn load() -> Preferences {
        storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .map(|text| Preferences::from_json(&text))
            .unwrap_or_default()
    }

    /// Keeps these preferences for the next visit (silently not, in private windows that
    /// refuse storage: the viewer still works).
    pub fn save(&self) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, &self.to_json());
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn preferences_round_trip_through_storage_text() {
        let preferences = Preferences {
            hidden_columns: vec![Column::Tags, Column::Source],
            density: Density::Compact,
            page_size: 50,
            zone: Zone::Utc8,
            auto_refresh: false,
        };
        assert_eq!(Preferences::from_json(&preferences.to_json()), preferences);
    }

    #[test]
    fn unreadable_or_unknown_values_fall_back_one_by_one() {
        let text = r#"{"hiddenColumns":["tags","name","nonsense"],"density":"cosy","pageSize":33,"zone":"utc+8","autoRefresh":"no"}"#;
        let preferences = Preferences::from_json(text);
        assert_eq!(preferences.hidden_columns, [Column::Tags]);
        assert_eq!(preferences.density, Density::Comfortable);
        assert_eq!(preferences.page_size, 20);
        assert_eq!(preferences.zone, Zone::Utc8);
        assert!(preferences.auto_refresh);
        let typed_wrong = Preferences::from_json(r#"{"pageSize":"50","density":"compact"}"#);
        assert_eq!(typed_wrong.page_size, 20);
        assert_eq!(typed_wrong.density, Density::Compact);
        assert_eq!(Preferences::from_json("not json"), Preferences::default());
    }

    #[test]
    fn visible_columns_keep_table_order() {
        let preferences = Preferences {
            hidden_columns: vec![Column::Progress],
            ..Preferences::default()
        };
        let visible = preferences.visible_columns();
        assert_eq!(visible.first(), Some(&Column::Name));
        assert!(!visible.contains(&Column::Progress));
        assert_eq!(visible.len(), Column::ALL.len() - 1);
    }
}
