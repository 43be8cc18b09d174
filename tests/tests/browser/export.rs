//! Export across every page: CSV of a 1,000-job account has 1,000 data rows.

use std::path::Path;
use std::time::{Duration, Instant};

use smc_e2e::browser::PATIENCE;
use smc_e2e::{Browser, Stack};

#[tokio::test]
async fn csv_export_of_a_thousand_jobs_has_a_thousand_rows() {
    let stack = Stack::with_jobs(1000).await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    viewer.rows().await;
    assert!(viewer.range().await.ends_with("of 1,000"));

    viewer.click("Export CSV").await;
    let file = browser.downloads().join("replication-jobs.csv");
    let csv = match wait_for_download(&file).await {
        Some(csv) => csv,
        None => panic!(
            "no download at {}; the export says {}",
            file.display(),
            viewer
                .eval("text(root.querySelector('.smcv-export'))")
                .await
        ),
    };
    let records = count_records(&csv);
    assert_eq!(records, 1 + 1000, "a header and 1,000 jobs");
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.contains("JobId"), "{header}");
    viewer
        .wait_for(
            "the export summary",
            "text(root.querySelector('.smcv-export')).includes('Exported 1,000 jobs')",
        )
        .await;
    browser.close().await;
}

/// Waits until Chromium has finished writing `file` (it writes `*.crdownload` first);
/// `None` if it has not in twice the usual patience.
async fn wait_for_download(file: &Path) -> Option<String> {
    let started = Instant::now();
    loop {
        if file.is_file() {
            if let Ok(text) = std::fs::read_to_string(file) {
                if !text.is_empty() {
                    return Some(text);
                }
            }
        }
        if started.elapsed() > PATIENCE * 2 {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// CSV records, counting a newline inside a quoted field as part of its record.
fn count_records(csv: &str) -> usize {
    let mut quoted = false;
    let mut records = 0;
    let mut in_record = false;
    for character in csv.chars() {
        match character {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                if in_record {
                    records += 1;
                }
                in_record = false;
                continue;
            }
            '\r' if !quoted => continue,
            _ => {}
        }
        in_record = true;
    }
    records + usize::from(in_record)
}

#[test]
fn records_are_counted_across_quoted_newlines() {
    assert_eq!(count_records("a,b\r\n1,\"x\ny\"\r\n2,z"), 3);
    assert_eq!(count_records("a\n\n"), 1);
}
