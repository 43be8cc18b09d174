//! Export of every job matching the filters, across all pages, as CSV or JSON.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use futures::stream::{self, StreamExt};
use smc_core::number::display_f64;
use smc_core::time_format::format_wire_time;
use smc_core::{ApiError, DescribeReplicationJobs, ReplicationJob};

use crate::api::{fetch_page_or_wait, Endpoint, Refusal};
use crate::columns::{last_run_start, odd_run_start, target_summary};
use crate::filters::tag_label;
use crate::time_left::Estimate;

/// The largest page the API allows.
pub const EXPORT_PAGE_SIZE: i64 = smc_core::request::MAX_PAGE_SIZE;

/// Pages fetched at once: enough to be quick, few enough to stay polite to the proxy.
pub const PAGES_IN_FLIGHT: usize = 3;

/// A file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values, one row per job.
    Csv,
    /// The jobs as JSON, as the API sends them.
    Json,
}

impl ExportFormat {
    /// What a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Json => "JSON",
        }
    }

    /// The file name to save as.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "replication-jobs.csv",
            ExportFormat::Json => "replication-jobs.json",
        }
    }

    /// The MIME type of the file.
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }

    /// The file's content; CSV has each running job's time left (see [`to_csv`]).
    pub fn render(
        self,
        jobs: &[ReplicationJob],
        time_left: impl Fn(&ReplicationJob) -> Option<Estimate>,
    ) -> String {
        match self {
            ExportFormat::Csv => to_csv(jobs, time_left),
            ExportFormat::Json => to_json(jobs),
        }
    }
}

/// Why an export stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    /// The person cancelled it.
    Cancelled,
    /// A page could not be fetched.
    Api(ApiError),
}

/// The requests for pages 2 to the last, with the filters of `first`.
pub fn remaining_pages(
    first: &DescribeReplicationJobs,
    total: i64,
) -> Vec<DescribeReplicationJobs> {
    let last = (total + EXPORT_PAGE_SIZE - 1) / EXPORT_PAGE_SIZE;
    (2..=last)
        .map(|page| DescribeReplicationJobs {
            page_number: Some(page),
            ..first.clone()
        })
        .collect()
}

/// Fetches every job matching `filters`, [`PAGES_IN_FLIGHT`] pages at a time, in order.
/// `progress(done, pages)` is told after each page; `cancelled` stops further requests.
pub async fn fetch_all(
    endpoint: &Endpoint,
    filters: &DescribeReplicationJobs,
    progress: impl Fn(usize, usize),
    cancelled: Rc<Cell<bool>>,
) -> Result<Vec<ReplicationJob>, ExportError> {
    let first_request = DescribeReplicationJobs {
        page_number: None,
        page_size: Some(EXPORT_PAGE_SIZE),
        ..filters.clone()
    };
    let first = fetch_export_page(endpoint, &first_request)
        .await
        .map_err(ExportError::Api)?;
    if cancelled.get() {
        return Err(ExportError::Cancelled);
    }
    let rest = remaining_pages(&first_request, first.total_count.unwrap_or(0));
    let pages = rest.len() + 1;
    progress(1, pages);
    let done = Cell::new(1);
    let answers = in_order(
        rest,
        |request| async move { fetch_export_page(endpoint, &request).await },
        || {
            done.set(done.get() + 1);
            progress(done.get(), pages);
        },
        &cancelled,
    )
    .await;
    if cancelled.get() {
        return Err(ExportError::Cancelled);
    }
    let mut jobs = first.replication_jobs;
    for page in answers.map_err(ExportError::Api)? {
        jobs.extend(page.replication_jobs);
    }
    Ok(jobs)
}

/// How often one page of an export is asked for again after a throttled answer.
const THROTTLED_RETRIES: u32 = 5;

/// Fetches one page of an export. An export is many calls in a row beside the list's own
/// and the counts', so a throttled page waits as long as the proxy asks and goes again,
/// rather than failing a long export at its last page.
async fn fetch_export_page(
    endpoint: &Endpoint,
    request: &DescribeReplicationJobs,
) -> Result<smc_core::DescribeReplicationJobsResponse, ApiError> {
    let mut retries = 0;
    loop {
        match fetch_page_or_wait(endpoint, request).await {
            Err(Refusal {
                retry_after: Some(seconds),
                ..
            }) if retries < THROTTLED_RETRIES => {
                retries += 1;
                gloo::timers::future::TimeoutFuture::new(seconds.saturating_mul(1000)).await;
            }
            answer => return answer.map_err(|refusal| refusal.error),
        }
    }
}

/// Runs `fetch` on every request, at most [`PAGES_IN_FLIGHT`] at once, and gives the
/// answers in the requests' order (a later request may answer first). No new request
/// starts after a failure or once `stop` is set; `answered` is told after each answer
/// until `stop` is set, and answers that arrive after it are dropped.
pub async fn in_order<R, T, E, F: Future<Output = Result<T, E>>>(
    requests: Vec<R>,
    fetch: impl FnMut(R) -> F,
    answered: impl Fn(),
    stop: &Cell<bool>,
) -> Result<Vec<T>, E> {
    // `buffered` starts a request only when it is asked for the next answer, so once this
    // loop stops asking (a failure returns, `stop` breaks) nothing new starts, and the
    // requests still in flight are dropped with the stream.
    let mut answers = stream::iter(requests).map(fetch).buffered(PAGES_IN_FLIGHT);
    let mut collected = Vec::new();
    while !stop.get() {
        let Some(answer) = answers.next().await else {
            break;
        };
        let answer = answer?;
        if stop.get() {
            break;
        }
        collected.push(answer);
        answered();
    }
    Ok(collected)
}

const CSV_HEADER: [&str; 21] = [
    "JobId",
    "Name",
    "Status",
    "BusinessStatus",
    "Progress",
    "TimeLeftSeconds",
    "SourceId",
    "TargetType",
    "Target",
    "ImageId",
    "InstanceId",
    "JobType",
    "RegionId",
    "ResourceGroupId",
    "CreationTime",
    "StartTime",
    "EndTime",
    "LastRunStartTime",
    "ErrorCode",
    "StatusInfo",
    "Tags",
];

/// One header row and one row per job; times in UTC as the API gives them. A field that
/// arrived in a form the viewer cannot read is written as it arrived. `TimeLeftSeconds` is
/// the viewer's estimate for a running job it has seen move (`time_left`): whole seconds,
/// `stalled`, or empty.
pub fn to_csv(
    jobs: &[ReplicationJob],
    time_left: impl Fn(&ReplicationJob) -> Option<Estimate>,
) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|h| h.to_string()));
    for job in jobs {
        let time = |t: Option<time::OffsetDateTime>| t.map(format_wire_time).unwrap_or_default();
        let tags: Vec<String> = job.tags.iter().map(tag_label).collect();
        let as_received = |(column, typed): (&&str, String)| {
            let odd = match *column {
                "LastRunStartTime" => odd_run_start(job),
                field => job.odd_field(field),
            };
            odd.map_or(typed, |field| field.text())
        };
        push_row(
            &mut out,
            CSV_HEADER
                .iter()
                .zip([
                    job.job_id.clone(),
                    job.name.clone(),
                    job.status
                        .as_ref()
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_default(),
                    job.business_status
                        .as_ref()
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_default(),
                    job.progress.map(display_f64).unwrap_or_default(),
                    csv_time_left(time_left(job)),
                    job.source_id.clone(),
                    job.target_type
                        .as_ref()
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_default(),
                    // The file is for scripts: the same words in every language.
                    target_summary(job, &crate::i18n::EN_US),
                    job.image_id.clone(),
                    job.instance_id.clone(),
                    job.job_type
                        .map(|t| t.code().to_string())
                        .unwrap_or_default(),
                    job.region_id.clone(),
                    job.resource_group_id.clone(),
                    time(job.creation_time),
                    time(job.start_time),
                    time(job.end_time),
                    time(last_run_start(job)),
                    job.error_code.clone(),
                    job.status_info.clone(),
                    tags.join("; "),
                ])
                .map(as_received),
        );
    }
    out
}

/// A time left as a spreadsheet reads it.
fn csv_time_left(estimate: Option<Estimate>) -> String {
    match estimate {
        None | Some(Estimate::Unknown) => String::new(),
        Some(Estimate::Complete) => "0".to_owned(),
        Some(Estimate::Remaining { seconds, .. }) => format!("{}", seconds.round() as u64),
        Some(Estimate::Stalled { .. }) => "stalled".to_owned(),
    }
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (index, cell) in cells.enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(&cell));
    }
    out.push_str("\r\n");
}

/// Quotes a cell when it must (RFC 4180), and defuses text a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@` first): a job name is not a place for code.
fn csv_cell(text: &str) -> String {
    let defused = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// The jobs as a JSON array, each as the API sends it (lists wrapped: `"Tags":{"Tag":[…]}`),
/// times in UTC: what scripts written against the API read, and what smc-core reads back.
/// The details panel's raw JSON is written by the same writer.
pub fn to_json(jobs: &[ReplicationJob]) -> String {
    // Plain structs of strings and numbers always serialize.
    serde_json::to_string_pretty(jobs).unwrap_or_default()
}

/// The browser would not hand the file to its downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownloadRefused;

/// How long a download's blob URL stays valid.
const BLOB_URL_LIFETIME_MS: u32 = 60_000;

/// Hands a file to the browser's downloads.
pub fn download(format: ExportFormat, content: &str) -> Result<(), DownloadRefused> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(format.mime());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| DownloadRefused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| DownloadRefused)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(DownloadRefused)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| DownloadRefused)?
        .dyn_into()
        .map_err(|_| DownloadRefused)?;
    anchor.set_href(&url);
    anchor.set_download(format.file_name());
    anchor.click();
    // Chromium reads the blob after `click` returns, later still on a busy machine: the
    // link is released once the download has surely started, not at once.
    gloo::timers::callback::Timeout::new(BLOB_URL_LIFETIME_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use smc_core::{Status, Tag};

    #[test]
    fn remaining_pages_cover_the_total_with_the_filters() {
        let first = DescribeReplicationJobs {
            status: Some(Status::Running),
            page_size: Some(50),
            ..Default::default()
        };
        let pages = remaining_pages(&first, 1_000);
        assert_eq!(pages.len(), 19);
        assert_eq!(pages[0].page_number, Some(2));
        assert_eq!(pages[18].page_number, Some(20));
        assert!(pages
            .iter()
            .all(|p| p.status == Some(Status::Running) && p.page_size == Some(50)));
        assert!(remaining_pages(&first, 50).is_empty());
        assert_eq!(remaining_pages(&first, 51).len(), 1);
    }

    /// Fetches of `n` that take `delays[n]` ms, counting how many run at once.
    #[cfg(target_arch = "wasm32")]
    struct Fake {
        delays: Vec<u32>,
        fails: Option<usize>,
        running: Cell<usize>,
        most_running: Cell<usize>,
        started: Cell<usize>,
    }

    #[cfg(target_arch = "wasm32")]
    impl Fake {
        fn new(delays: Vec<u32>, fails: Option<usize>) -> Self {
            Fake {
                delays,
                fails,
                running: Cell::new(0),
                most_running: Cell::new(0),
                started: Cell::new(0),
            }
        }

        async fn fetch(&self, n: usize) -> Result<usize, String> {
            self.started.set(self.started.get() + 1);
            self.running.set(self.running.get() + 1);
            self.most_running
                .set(self.most_running.get().max(self.running.get()));
            gloo::timers::future::TimeoutFuture::new(self.delays[n]).await;
            self.running.set(self.running.get() - 1);
            match self.fails {
                Some(failing) if failing == n => Err(format!("page {n} failed")),
                _ => Ok(n),
            }
        }
    }

    #[cfg(target_arch = "wasm32")]
    #[test]
    async fn pages_come_back_in_order_three_at_a_time() {
        // Later pages answer sooner, so the order must come from the slots, not arrival.
        let fake = Fake::new((0..8).map(|n| 40 - 5 * n).collect(), None);
        let answered = Cell::new(0);
        let answers = in_order(
            (0..8).collect(),
            |n| fake.fetch(n),
            || answered.set(answered.get() + 1),
            &Cell::new(false),
        )
        .await;
        assert_eq!(answers, Ok((0..8).collect::<Vec<_>>()));
        assert_eq!(answered.get(), 8);
        assert_eq!(fake.most_running.get(), 3);
    }

    #[cfg(target_arch = "wasm32")]
    #[test]
    async fn a_failure_stops_new_requests() {
        let fake = Fake::new(vec![10; 20], Some(1));
        let answers = in_order(
            (0..20).collect(),
            |n| fake.fetch(n),
            || {},
            &Cell::new(false),
        )
        .await;
        assert_eq!(answers, Err("page 1 failed".to_owned()));
        // Pages 0 to 2 were in flight when page 1 failed; at most one more had started.
        assert!(fake.started.get() <= 4, "{} started", fake.started.get());
    }

    #[cfg(target_arch = "wasm32")]
    #[test]
    async fn stopping_stops_new_requests() {
        let fake = Fake::new(vec![10; 20], None);
        let stop = Cell::new(false);
        let answered = Cell::new(0);
        let answers = in_order(
            (0..20).collect(),
            |n| fake.fetch(n),
            || {
                answered.set(answered.get() + 1);
                stop.set(true);
            },
            &stop,
        )
        .await;
        assert!(fake.started.get() <= 4, "{} started", fake.started.get());
        assert!(answers.is_ok_and(|pages| pages.len() < 20));
        // The pages still in flight when it stopped arrive unannounced.
        assert_eq!(answered.get(), 1);
    }

    #[test]
    fn csv_has_a_header_and_a_quoted_row_per_job() {
        let job = ReplicationJob {
            job_id: "j-1".into(),
            name: "web, \"prod\"".into(),
            status: Some(Status::InError),
            progress: Some(55.45),
            tags: vec![Tag::new("env", "prod"), Tag::new("team", "")],
            ..ReplicationJob::default()
        };
        let csv = to_csv(&[job], |_| None);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("JobId,Name,Status,BusinessStatus,Progress,TimeLeftSeconds"));
        assert!(
            lines[1].starts_with("j-1,\"web, \"\"prod\"\"\",InError,,55.45,,"),
            "{}",
            lines[1]
        );
        // An empty value is written as typed (`team=`), never as the key alone.
        assert!(lines[1].ends_with(",env=prod; team="), "{}", lines[1]);
    }

    #[test]
    fn csv_writes_the_time_left_in_seconds_or_stalled() {
        let jobs: Vec<ReplicationJob> = ["j-1", "j-2", "j-3"]
            .map(|id| ReplicationJob {
                job_id: id.into(),
                ..ReplicationJob::default()
            })
            .into();
        let csv = to_csv(&jobs, |job| match job.job_id.as_str() {
            "j-1" => Some(Estimate::Remaining {
                seconds: 719.6,
                percent_per_second: 0.1,
                bytes_per_second: None,
            }),
            "j-2" => Some(Estimate::Stalled { since_ms: 0.0 }),
            _ => None,
        });
        let column = CSV_HEADER
            .iter()
            .position(|h| *h == "TimeLeftSeconds")
            .unwrap();
        let cells: Vec<String> = csv
            .split("\r\n")
            .skip(1)
            .take(3)
            .map(|row| row.split(',').nth(column).unwrap().to_owned())
            .collect();
        assert_eq!(cells, ["720", "stalled", ""]);
    }

    #[test]
    fn csv_defuses_spreadsheet_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn json_export_writes_jobs_as_the_api_sends_them() {
        let job = ReplicationJob {
            job_id: "j-1".into(),
            tags: vec![Tag::new("env", "prod")],
            ..ReplicationJob::default()
        };
        let value: serde_json::Value = serde_json::from_str(&to_json(&[job])).unwrap();
        assert_eq!(value[0]["JobId"], "j-1");
        assert_eq!(value[0]["Tags"]["Tag"][0]["Key"], "env");
    }

    #[test]
    fn json_export_reads_back_as_the_same_jobs() {
        let page = smc_core::body::parse_response(
            r#"{"ReplicationJobs":{"ReplicationJob":[{"JobId":"j-1","Progress":55.45,
            "Frequency":12,"RunOnce":false,"CreationTime":"2026-11-28T12:05:00Z",
            "SystemDiskParts":{"SystemDiskPart":[{"Device":"0_1","SizeBytes":-1,"Block":true}]},
            "Disks":{"System":{"DiskId":"d-1","Size":40},"Data":{"Data":[{"Index":1}]}},
            "Tags":{"Tag":[{"Key":"k","Value":"v"}]}},{"JobId":"j-2","Progress":0.1}]}}"#,
        )
        .unwrap();
        let jobs = &page.replication_jobs;
        let body = format!(
            "{{\"ReplicationJobs\":{{\"ReplicationJob\":{}}}}}",
            to_json(jobs)
        );
        assert_eq!(
            smc_core::body::parse_response(&body)
                .unwrap()
                .typed_parts()
                .replication_jobs,
            page.typed_parts().replication_jobs
        );
    }

    #[test]
    fn csv_writes_fields_shown_as_received_as_they_arrived() {
        let page = smc_core::json::parse_response(
            r#"{"ReplicationJobs":[{"JobId":"j-1","Progress":"55 %","JobType":9,"CreationTime":"2026-11-28T12:00:00",
            "ReplicationJobRuns":[{"StartTime":"later"}]}]}"#,
        )
        .unwrap();
        let csv = to_csv(&page.replication_jobs, |_| None);
        let row: Vec<&str> = csv.split("\r\n").nth(1).unwrap().split(',').collect();
        let column = |name: &str| row[CSV_HEADER.iter().position(|h| *h == name).unwrap()];
        assert_eq!(column("Progress"), "55 %");
        assert_eq!(column("JobType"), "9");
        assert_eq!(column("CreationTime"), "2026-11-28T12:00:00");
        assert_eq!(column("LastRunStartTime"), "later");
    }
}
