//! The viewer's words in each language it speaks: one catalogue per language
//! ([`en_us`], [`zh_cn`]), both of the one shape [`Texts`], so a text missing from either
//! is a compile error rather than a blank on screen.
//!
//! Components read the catalogue of the viewer's language with
//! [`crate::hooks::use_texts`]; pure modules take a `&Texts` from their caller.

mod en_us;
mod texts;
mod zh_cn;

use serde::{Deserialize, Serialize};

pub use en_us::EN_US;
pub use texts::Texts;
pub use zh_cn::ZH_CN;

/// A language the viewer speaks, by its BCP 47 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English (United States).
    #[default]
    #[serde(rename = "en-US")]
    EnUs,
    /// Chinese (Simplified, China), as the SMC console speaks it.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Lang; 2] = [Lang::EnUs, Lang::ZhCn];

    /// The BCP 47 tag: the page's `lang` attribute, the stored preference, the menu value.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::EnUs => "en-US",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language a tag asks for, if the viewer speaks it: any Chinese tag (`zh`,
    /// `zh-CN`, `zh-Hans-SG`, `zh-TW`) gets Simplified Chinese, any English tag English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::EnUs),
            _ => None,
        }
    }

    /// The first language of the browser's list (`navigator.languages`) the viewer
    /// speaks, else English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// This language's catalogue.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::EnUs => &EN_US,
            Lang::ZhCn => &ZH_CN,
        }
    }
}

/// The browser's languages, most wanted first (`navigator.languages`).
#[cfg(target_arch = "wasm32")]
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// The browser's languages (none outside a browser).
#[cfg(not(target_arch = "wasm32"))]
pub fn browser_languages() -> Vec<String> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_tags_of_any_region_or_script_get_simplified_chinese() {
        for tag in ["zh", "zh-CN", "zh-Hans-SG", "zh_TW", "ZH-cn"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::ZhCn), "{tag}");
        }
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::EnUs));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn the_first_spoken_language_of_the_browser_wins_else_english() {
        assert_eq!(Lang::preferred(["fr-FR", "zh-CN", "en-US"]), Lang::ZhCn);
        assert_eq!(Lang::preferred(["en-US", "zh-CN"]), Lang::EnUs);
        assert_eq!(Lang::preferred(["fr-FR", "de"]), Lang::EnUs);
        assert_eq!(Lang::preferred([]), Lang::EnUs);
    }

    #[test]
    fn tags_read_back_to_their_language() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            let stored = serde_json::to_string(&lang).unwrap();
            assert_eq!(stored, format!("\"{}\"", lang.tag()));
            assert_eq!(serde_json::from_str::<Lang>(&stored).unwrap(), lang);
        }
    }

    #[test]
    fn the_catalogues_differ_where_a_person_reads_them() {
        assert_ne!(EN_US.loading_jobs, ZH_CN.loading_jobs);
        assert_eq!(
            (EN_US.showing_jobs)("1–20 of 240", 1, 12),
            "Showing 1–20 of 240 jobs, page 1 of 12"
        );
        assert!((ZH_CN.showing_jobs)("1–20 of 240", 1, 12).contains("12"));
    }

    #[test]
    fn the_narrow_screen_texts_count_in_each_language() {
        assert_eq!((EN_US.filters_toggle)(0), "Filters (0)");
        assert_eq!((EN_US.more_tags)(1), "1 more tag");
        assert_eq!((EN_US.more_tags)(3), "3 more tags");
        assert_eq!((ZH_CN.filters_toggle)(2), "筛选条件（2）");
        assert_eq!((ZH_CN.more_tags)(3), "另外 3 个标签");
    }
}
