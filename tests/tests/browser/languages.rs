//! Languages: a Chinese browser gets a Chinese page with no English of the catalogue on it,
//! the preferences switch it to English for good, and an element's `lang` wins over both.

use fantoccini::Locator;
use serde_json::json;
use smc_core::DescribeReplicationJobs;
use smc_e2e::browser::Viewer;
use smc_e2e::{Browser, BrowserOptions, Stack};
use smc_web::i18n::{Texts, EN_US, ZH_CN};
use smc_web::prefs::Preferences;

use crate::common::{job_ids, range_label, range_label_in};
use smc_e2e::axe::assert_no_serious_violations;

/// The viewer's visible text and the names it gives assistive tech (`aria-label`,
/// `placeholder`), one string per element.
const SHOWN_WORDS: &str = "[root === document ? document.body.innerText : root.innerText,
  ...[...root.querySelectorAll('[aria-label], [placeholder]')]
    .flatMap(el => [el.getAttribute('aria-label'), el.getAttribute('placeholder')])
    .filter(Boolean)]";

/// The English texts of the catalogue that a Chinese page must not show: every fixed text
/// that Chinese does not use too (`UTC`, the `VPC` of `专有网络 VPC`), except the language
/// names (each language is offered by its own name) and the units of relative times (one
/// letter; whole relative times are checked by what they read).
fn english_only() -> Vec<&'static str> {
    let chinese = ZH_CN.fixed_texts();
    EN_US
        .fixed_texts()
        .into_iter()
        .filter(|text| !chinese.iter().any(|zh| contains_word(zh, text)))
        .filter(|text| *text != EN_US.language_name && !EN_US.time_units.contains(text))
        .collect()
}

/// The catalogue's English texts found, as whole words, in what the viewer shows.
async fn english_shown(viewer: &Viewer<'_>) -> Vec<&'static str> {
    let shown = viewer.eval(SHOWN_WORDS).await;
    let shown: Vec<String> = smc_e2e::browser::strings(shown);
    english_only()
        .into_iter()
        .filter(|text| shown.iter().any(|words| contains_word(words, text)))
        .collect()
}

/// Whether `text` is in `words` with no letter or digit right before or after it: `Add` is
/// not in `Address`.
fn contains_word(words: &str, text: &str) -> bool {
    words.match_indices(text).any(|(at, _)| {
        let before = words[..at].chars().next_back();
        let after = words[at + text.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Waits until the viewer's heading reads the heading of `texts`.
async fn wait_for_heading(viewer: &Viewer<'_>, texts: &Texts) {
    let heading = json!(texts.jobs_heading).to_string();
    viewer
        .wait_for(
            &format!("the heading {}", texts.jobs_heading),
            &format!("(root.querySelector('h1')?.textContent || '').startsWith({heading})"),
        )
        .await;
}

/// The first page as the viewer asks for it (20 jobs): its JobIds, the total, its length.
async fn first_page(stack: &Stack) -> (Vec<String>, i64, usize) {
    let page = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(20),
            ..Default::default()
        })
        .await;
    let total = page.total_count.expect("a total");
    let count = page.replication_jobs.len();
    (job_ids(&page), total, count)
}

/// A Chromium in Chinese on the viewer's page, once its first page shows (in Chinese), and
/// that page as [`first_page`] tells it.
async fn open_in_chinese(stack: &Stack) -> (Browser, (Vec<String>, i64, usize)) {
    let browser = Browser::start_with(BrowserOptions {
        lang: Some("zh-CN"),
        ..Default::default()
    })
    .await;
    browser.goto(&stack.url("/")).await;
    let first = first_page(stack).await;
    browser
        .viewer()
        .wait_for_range(&range_label_in(&ZH_CN, 1, first.2, first.1))
        .await;
    (browser, first)
}

#[tokio::test]
async fn a_chinese_browser_gets_a_chinese_page_with_no_english_of_the_catalogue() {
    let stack = Stack::start().await;
    let (browser, (ids, _, _)) = open_in_chinese(&stack).await;
    let viewer = browser.viewer();
    assert_eq!(viewer.rows().await, ids);

    assert_eq!(viewer.eval("document.documentElement.lang").await, "zh-CN");
    assert_eq!(viewer.eval("document.title").await, ZH_CN.page_title);
    assert_eq!(
        viewer.eval("root.querySelector('.smcv').lang").await,
        "zh-CN"
    );
    wait_for_heading(&viewer, &ZH_CN).await;
    let headers = smc_e2e::browser::strings(
        viewer
            .eval("[...root.querySelectorAll('thead th')].map(th => th.textContent.replace(/[▲▼↕]/g, '').trim())")
            .await,
    );
    let expected: Vec<&str> = Preferences::default()
        .visible_columns()
        .into_iter()
        .map(|column| column.label(&ZH_CN))
        .collect();
    assert_eq!(headers, expected);
    for button in [ZH_CN.refresh, ZH_CN.preferences, ZH_CN.export_csv] {
        let found = viewer
            .eval(&format!(
                "[...root.querySelectorAll('button')].some(b => b.textContent.trim() === {})",
                json!(button)
            ))
            .await;
        assert_eq!(found, true, "a button {button}");
    }
    // Relative times read in Chinese: `3 天前`, `2 小时后`, `刚刚`.
    let times = smc_e2e::browser::strings(
        viewer
            .eval("[...root.querySelectorAll('tbody time')].map(t => t.textContent)")
            .await,
    );
    assert!(!times.is_empty(), "times in the table");
    for time in &times {
        assert!(
            time.ends_with('前') || time.ends_with('后') || time == ZH_CN.just_now,
            "{time} reads in Chinese"
        );
    }
    // A Chinese viewer with no zone chosen shows the console's zone.
    assert_eq!(
        viewer
            .eval("root.querySelector('select[aria-label=\"时区\"]').value")
            .await,
        "utc+8"
    );
    assert_eq!(english_shown(&viewer).await, Vec::<&str>::new());
    assert_no_serious_violations(&browser, "the Chinese list").await;

    // The details too.
    viewer.click_css("tbody .smcv-link").await;
    viewer
        .wait_for("the details", "root.querySelector('.smcv-details dl')")
        .await;
    assert_eq!(english_shown(&viewer).await, Vec::<&str>::new());
    assert_no_serious_violations(&browser, "the Chinese details").await;
    browser.screenshot("chinese").await;
    browser.close().await;
}

#[tokio::test]
async fn english_chosen_in_the_preferences_stays_across_a_reload() {
    let stack = Stack::start().await;
    let (browser, (_, total, count)) = open_in_chinese(&stack).await;
    let viewer = browser.viewer();

    viewer.click(ZH_CN.preferences).await;
    let menu = format!("select[aria-label={}]", json!(ZH_CN.language_legend));
    let language = browser
        .client()
        .wait()
        .for_element(Locator::Css(&menu))
        .await
        .expect("a language menu");
    language
        .select_by_value("en-US")
        .await
        .expect("English is offered");
    wait_for_heading(&viewer, &EN_US).await;
    viewer.wait_for_range(&range_label(1, count, total)).await;
    assert_eq!(viewer.eval("document.documentElement.lang").await, "en-US");

    browser.goto(&stack.url("/")).await;
    viewer.wait_for_range(&range_label(1, count, total)).await;
    wait_for_heading(&viewer, &EN_US).await;
    assert_eq!(viewer.eval("document.documentElement.lang").await, "en-US");
    assert_eq!(viewer.eval("document.title").await, EN_US.page_title);

    // Back to the browser's language.
    viewer.click(EN_US.preferences).await;
    let menu = format!("select[aria-label={}]", json!(EN_US.language_legend));
    browser
        .client()
        .wait()
        .for_element(Locator::Css(&menu))
        .await
        .expect("a language menu")
        .select_by_value("")
        .await
        .expect("the browser default is offered");
    wait_for_heading(&viewer, &ZH_CN).await;
    browser.close().await;
}

#[tokio::test]
async fn an_element_lang_attribute_wins_over_the_browser_and_the_preferences() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/embed.html")).await;
    browser.viewer_in("all").rows().await;
    // The person chose English, in an English browser.
    browser
        .execute(
            "localStorage.setItem('smc-viewer.preferences', JSON.stringify({language: 'en-US'}));
             const element = document.createElement('smc-replication-jobs');
             element.id = 'fixed';
             element.setAttribute('lang', 'zh-CN');
             element.setAttribute('page-size', '10');
             document.body.append(element);",
            vec![],
        )
        .await;
    let fixed = browser.viewer_in("fixed");
    let page = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(10),
            ..Default::default()
        })
        .await;
    let total = page.total_count.expect("a total");
    fixed
        .wait_for_range(&range_label_in(
            &ZH_CN,
            1,
            page.replication_jobs.len(),
            total,
        ))
        .await;
    wait_for_heading(&fixed, &ZH_CN).await;
    assert_eq!(english_shown(&fixed).await, Vec::<&str>::new());
    // No language menu where the host fixes the language.
    fixed.click(ZH_CN.preferences).await;
    fixed
        .wait_for("the preferences", "root.querySelector('.smcv-prefs')")
        .await;
    assert_eq!(
        fixed
            .eval("root.querySelectorAll('.smcv-prefs select').length")
            .await,
        1,
        "the page size alone"
    );
    // The other viewers keep the page's language, and the page keeps its own.
    wait_for_heading(&browser.viewer_in("all"), &EN_US).await;
    assert_eq!(
        browser.viewer().eval("document.documentElement.lang").await,
        "en"
    );
    browser.close().await;
}

#[test]
fn whole_words_only() {
    assert!(contains_word("Add tag", "Add"));
    assert!(!contains_word("Address", "Add"));
    assert!(contains_word("(unnamed)", "(unnamed)"));
    assert!(!english_only().is_empty());
}
