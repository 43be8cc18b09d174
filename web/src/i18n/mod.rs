//! The viewer's words in each language it speaks: one catalogue per language
//! ([`en_us`], [`zh_cn`]), both of the one shape [`Texts`], so a text missing from either
//! is a compile error rather than a blank on screen.
//!
//! Components read the catalogue of the viewer's language with
//! [`crate::hooks::use_texts`]; pure modules take a `&Texts` from their caller.

mod en_us;
mod texts;
mod values;
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

    /// The language the viewer speaks: the one its host fixes (the element's `lang`
    /// attribute), else the one the person chose in the preferences, else the browser's.
    pub fn choose<'a>(
        fixed: Option<Lang>,
        chosen: Option<Lang>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Lang {
        fixed.or(chosen).unwrap_or_else(|| Lang::preferred(browser))
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
    fn the_host_fixes_the_language_else_the_person_else_the_browser() {
        let browser = ["zh-CN", "en-US"];
        assert_eq!(Lang::choose(None, None, browser), Lang::ZhCn);
        assert_eq!(Lang::choose(None, Some(Lang::EnUs), browser), Lang::EnUs);
        assert_eq!(
            Lang::choose(Some(Lang::ZhCn), Some(Lang::EnUs), ["en-US"]),
            Lang::ZhCn
        );
        assert_eq!(Lang::choose(None, None, ["fr-FR"]), Lang::EnUs);
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
    fn counts_agree_in_english_and_need_no_plural_in_chinese() {
        assert_eq!((EN_US.exported)(1, "1"), "Exported 1 job");
        assert_eq!((EN_US.exported)(1_000, "1,000"), "Exported 1,000 jobs");
        assert_eq!((ZH_CN.exported)(1, "1"), "已导出 1 个任务");
        assert_eq!((ZH_CN.exported)(1_000, "1,000"), "已导出 1,000 个任务");
    }

    #[test]
    fn chinese_sentences_put_their_values_where_chinese_does() {
        assert_eq!((EN_US.updated_seconds_ago)(12), "Updated 12 s ago");
        assert_eq!((ZH_CN.updated_seconds_ago)(12), "12 秒前更新");
        assert_eq!(
            (ZH_CN.sorted_note)("进度", false),
            "仅本页按进度降序排列：API 按创建时间从新到旧返回任务，不支持排序。"
        );
        assert_eq!((ZH_CN.page_n)(3), "第 3 页");
        assert_eq!((EN_US.page_n)(3), "Page 3");
    }

    #[test]
    fn no_catalogue_has_an_empty_text() {
        for lang in Lang::ALL {
            let texts = lang.texts().fixed_texts();
            assert!(texts.len() > 180, "{} texts", texts.len());
            for text in texts {
                assert!(!text.trim().is_empty(), "{lang:?} has an empty text");
            }
        }
    }

    #[test]
    fn most_chinese_texts_are_not_the_english_ones() {
        let english = EN_US.fixed_texts();
        let chinese = ZH_CN.fixed_texts();
        assert_eq!(english.len(), chinese.len());
        let same: Vec<_> = english
            .iter()
            .zip(&chinese)
            .filter(|(en, zh)| en == zh)
            .map(|(en, _)| *en)
            .collect();
        // The one name the same in both: the standard's.
        assert_eq!(same, ["UTC"], "{same:?}");
    }

    #[test]
    fn unknown_api_values_show_as_received_in_every_language() {
        let odd = smc_core::Status::Unknown("Migrating".into());
        assert_eq!(ZH_CN.status_name(&odd), "Migrating");
        assert_eq!(ZH_CN.status_name(&smc_core::Status::Running), "运行中");
        assert_eq!(EN_US.status_name(&smc_core::Status::Stopped), "Paused");
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
