//! Preferences a person keeps between visits (columns, density, page size, time zone,
//! auto-refresh, the account last looked at, the theme), stored in `localStorage` as one JSON object.

use gloo::storage::{LocalStorage, Storage};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::columns::Column;
use crate::format::Zone;

/// Page sizes offered.
pub const PAGE_SIZES: [i64; 3] = [10, 20, 50];
const STORAGE_KEY: &str = "smc-viewer.preferences";

/// Row spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Density {
    /// Room to breathe.
    #[default]
    Comfortable,
    /// More rows on screen.
    Compact,
}

impl Density {
    /// The value of the viewer's `data-density`, a CSS hook (the same as the stored one).
    pub fn key(self) -> &'static str {
        match self {
            Density::Comfortable => "comfortable",
            Density::Compact => "compact",
        }
    }
}

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// As the system says (`prefers-color-scheme`).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored value: `system`, `light` or `dark`.
    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The value of the viewer's `data-theme`, a CSS hook: none for the system's.
    pub fn data_theme(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// The theme a custom element's `theme` attribute asks for: `auto`, `light` or
    /// `dark` (any case); `None` for anything else.
    pub fn from_attribute(value: &str) -> Option<Theme> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Theme::System),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// Everything a person chooses about how the viewer looks.
///
/// Stored with camelCase keys (`hiddenColumns`, `density`, `pageSize`, `zone`,
/// `autoRefresh`, `profile`, `theme`). Each value is read on its own (see [`Preferences::from_value`]): one
/// that is missing, of the wrong type or unknown falls back to its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    /// Columns not shown.
    #[serde(deserialize_with = "known_hideable_columns")]
    pub hidden_columns: Vec<Column>,
    /// Row spacing.
    pub density: Density,
    /// Jobs per page when a link does not say: one of [`PAGE_SIZES`].
    #[serde(deserialize_with = "offered_page_size")]
    pub page_size: i64,
    /// The zone times are shown in.
    pub zone: Zone,
    /// Whether the page refreshes itself while jobs are changing.
    pub auto_refresh: bool,
    /// The account (proxy profile) last chosen, used when a link names none.
    #[serde(
        deserialize_with = "valid_profile_name",
        skip_serializing_if = "Option::is_none"
    )]
    pub profile: Option<String>,
    /// Light or dark colours, or the system's.
    pub theme: Theme,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            hidden_columns: vec![Column::BusinessStatus, Column::Region],
            density: Density::Comfortable,
            page_size: 20,
            zone: Zone::Utc,
            auto_refresh: true,
            profile: None,
            theme: Theme::System,
        }
    }
}

/// A stored account name, if smc-core accepts it.
fn valid_profile_name<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let name = String::deserialize(deserializer)?;
    smc_core::profile::validate_profile_name(&name)
        .map(|()| Some(name))
        .map_err(|error| D::Error::custom(format!("profile: {error}")))
}

/// The columns of a stored list that this version knows and that may be hidden; the
/// others (a column since removed, or the name, which always shows) are left out.
fn known_hideable_columns<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Column>, D::Error> {
    let names = Vec::<Value>::deserialize(deserializer)?;
    Ok(names
        .into_iter()
        .filter_map(|name| Column::deserialize(name).ok())
        .filter(|column| column.hideable())
        .collect())
}

/// A stored page size, if it is one of those offered.
fn offered_page_size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let size = i64::deserialize(deserializer)?;
    if PAGE_SIZES.contains(&size) {
        Ok(size)
    } else {
        Err(D::Error::custom(format!(
            "pageSize: {size} is not one of the sizes offered, {PAGE_SIZES:?}"
        )))
    }
}

impl Preferences {
    /// The columns shown, in table order.
    pub fn visible_columns(&self) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|column| !self.hidden_columns.contains(column))
            .collect()
    }

    /// Reads stored preferences, each value on its own: a value that is missing, of the
    /// wrong type or unknown to this version falls back to its default, and the others
    /// still apply. Anything but an object gives the defaults.
    pub fn from_value(stored: Value) -> Preferences {
        let Value::Object(stored) = stored else {
            return Preferences::default();
        };
        // A value that cannot be read alone is dropped before the whole is read, so it
        // costs only itself.
        let readable: Map<String, Value> = stored
            .into_iter()
            .filter(|(key, value)| {
                let alone = Map::from_iter([(key.clone(), value.clone())]);
                Preferences::deserialize(Value::Object(alone)).is_ok()
            })
            .collect();
        Preferences::deserialize(Value::Object(readable)).unwrap_or_default()
    }

    /// The preferences stored in this browser, or the defaults.
    pub fn load() -> Preferences {
        LocalStorage::get::<Value>(STORAGE_KEY)
            .map(Preferences::from_value)
            .unwrap_or_default()
    }

    /// Keeps these preferences for the next visit. A browser that refuses storage (a
    /// private window) keeps them for this visit only: the viewer works the same.
    pub fn save(&self) {
        let _ = LocalStorage::set(STORAGE_KEY, self);
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn from_json(text: &str) -> Preferences {
        Preferences::from_value(serde_json::from_str(text).unwrap_or_default())
    }

    #[test]
    fn preferences_round_trip_through_storage_text() {
        let preferences = Preferences {
            hidden_columns: vec![Column::Tags, Column::Source],
            density: Density::Compact,
            page_size: 50,
            zone: Zone::Utc8,
            auto_refresh: false,
            profile: Some("prod-hz".into()),
            theme: Theme::Dark,
        };
        let text = serde_json::to_string(&preferences).unwrap();
        assert_eq!(from_json(&text), preferences);
    }

    #[test]
    fn the_stored_text_keeps_its_names() {
        let preferences = Preferences {
            hidden_columns: vec![Column::BusinessStatus, Column::LastRun],
            ..Preferences::default()
        };
        assert_eq!(
            serde_json::to_value(&preferences).unwrap(),
            serde_json::json!({
                "hiddenColumns": ["business-status", "last-run"],
                "density": "comfortable",
                "pageSize": 20,
                "zone": "utc",
                "autoRefresh": true,
                "theme": "system",
            })
        );
    }

    #[test]
    fn unreadable_or_unknown_values_fall_back_one_by_one() {
        let text = r#"{"hiddenColumns":["tags","name","nonsense"],"density":"cosy","pageSize":33,"zone":"utc+8","autoRefresh":"no"}"#;
        let preferences = from_json(text);
        assert_eq!(preferences.hidden_columns, [Column::Tags]);
        assert_eq!(preferences.density, Density::Comfortable);
        assert_eq!(preferences.page_size, 20);
        assert_eq!(preferences.zone, Zone::Utc8);
        assert!(preferences.auto_refresh);
        let typed_wrong = from_json(r#"{"pageSize":"50","density":"compact"}"#);
        assert_eq!(typed_wrong.page_size, 20);
        assert_eq!(typed_wrong.density, Density::Compact);
        let columns_typed_wrong = from_json(r#"{"hiddenColumns":"tags","zone":"local"}"#);
        assert_eq!(
            columns_typed_wrong.hidden_columns,
            Preferences::default().hidden_columns
        );
        assert_eq!(columns_typed_wrong.zone, Zone::Local);
        assert_eq!(from_json("not json"), Preferences::default());
        assert_eq!(from_json("[1, 2]"), Preferences::default());
    }

    #[test]
    fn a_stored_account_is_kept_only_when_its_name_is_valid() {
        assert_eq!(
            from_json(r#"{"profile":"prod","density":"compact"}"#).profile,
            Some("prod".into())
        );
        let bad = from_json(r#"{"profile":"prod hz","density":"compact"}"#);
        assert_eq!(bad.profile, None);
        assert_eq!(bad.density, Density::Compact);
        assert_eq!(from_json(r#"{"profile":7}"#).profile, None);
    }

    #[test]
    fn a_stored_theme_is_kept_when_known_else_the_systems() {
        assert_eq!(from_json(r#"{"theme":"dark"}"#).theme, Theme::Dark);
        assert_eq!(from_json(r#"{"theme":"light"}"#).theme, Theme::Light);
        let unknown = from_json(r#"{"theme":"sepia","density":"compact"}"#);
        assert_eq!(unknown.theme, Theme::System);
        assert_eq!(unknown.density, Density::Compact);
        assert_eq!(from_json(r#"{"theme":1}"#).theme, Theme::System);
        assert_eq!(from_json("{}").theme, Theme::System);
    }

    #[test]
    fn themes_name_their_css_hook_and_read_from_an_attribute() {
        for theme in Theme::ALL {
            let stored = serde_json::to_value(theme).unwrap();
            assert_eq!(stored.as_str(), Some(theme.key()));
        }
        assert_eq!(Theme::System.data_theme(), None);
        assert_eq!(Theme::Dark.data_theme(), Some("dark"));
        assert_eq!(Theme::from_attribute(" Dark "), Some(Theme::Dark));
        assert_eq!(Theme::from_attribute("light"), Some(Theme::Light));
        assert_eq!(Theme::from_attribute("auto"), Some(Theme::System));
        assert_eq!(Theme::from_attribute("night"), None);
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

    #[cfg(target_arch = "wasm32")]
    #[test]
    fn preferences_saved_in_local_storage_load_back() {
        let preferences = Preferences {
            hidden_columns: vec![Column::Created],
            density: Density::Compact,
            page_size: 10,
            zone: Zone::Local,
            auto_refresh: false,
            profile: Some("test".into()),
            theme: Theme::Light,
        };
        preferences.save();
        assert_eq!(Preferences::load(), preferences);
        LocalStorage::delete(STORAGE_KEY);
        assert_eq!(Preferences::load(), Preferences::default());
    }
}
