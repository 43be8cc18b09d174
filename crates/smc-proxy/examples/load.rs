//! A load generator for the proxy benchmark (`bench/compare.sh`). It keeps `--concurrency`
//! GETs for a `--page-size`-job page in flight for `--seconds` and reports requests per
//! second and latency percentiles.
//!
//! - `--mode browser` sends what the viewer sends to the proxy:
//!   `GET {url}/api/DescribeReplicationJobs?PageSize=10`, unsigned.
//! - `--mode signed` sends what the proxy itself sends upstream, a call signed by smc-core
//!   with a fresh nonce (`GET {url}/?…&Signature=…`): for nginx in front of the emulator,
//!   which forwards but cannot sign, and for the emulator alone.
//!
//! - `--mix` (browser mode, for `bench/soak.sh`) varies the calls (page sizes, pages, a
//!   `Status` filter, and one call in 20 deliberately invalid, `PageSize=51`) and checks every
//!   answer: a 200 must be a page smc-core reads that matches the call, an error must be an
//!   API error with a `Code` and a `RequestId`, the invalid calls must get 400
//!   `InvalidParameter`, and any other error must be one the emulator was injecting at the
//!   time (`--phases`). It prints the answers by status and code, overall and per phase, and
//!   the first unexpected ones; `errors` counts the unexpected answers.
//!
//! ```text
//! cargo run --release -p smc-proxy --example load -- --url http://127.0.0.1:8787 --mode browser
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{Parser, ValueEnum};
use hdrhistogram::Histogram;
use smc_core::sign::{sign_request, Credentials, SigningParams};
use smc_core::{DescribeReplicationJobs, Status};
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// Unsigned browser-style calls to the proxy's API.
    Browser,
    /// Calls signed here, to an RPC endpoint (nginx in front of the emulator, or the emulator).
    Signed,
}

/// Load options.
#[derive(Debug, Parser)]
struct Options {
    /// The proxy's base URL (browser mode) or the endpoint (signed mode).
    #[arg(long)]
    url: String,
    /// What to send.
    #[arg(long, value_enum)]
    mode: Mode,
    /// The AccessKey ID (signed mode).
    #[arg(long, default_value = "bench-key")]
    access_key_id: String,
    /// The AccessKey secret (signed mode).
    #[arg(long, default_value = "bench-secret")]
    access_key_secret: String,
    /// A name for the report.
    #[arg(long, default_value = "target")]
    label: String,
    /// How long to send requests, in seconds (at most 300).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// How many requests are in flight at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Jobs per page.
    #[arg(long, default_value_t = 10)]
    page_size: i64,
    /// Browser mode: send a mix of calls and check every answer (see the top of the file).
    #[arg(long)]
    mix: bool,
    /// With `--mix`: the fault timeline, read when the run ends. One line per change of the
    /// emulator's rules: `BEFORE_MS AFTER_MS NAME [STATUS:CODE ...]`, the Unix time in
    /// milliseconds before the change was asked for and after it was in force, a name, and
    /// the answers the new rules give (after the proxy's retries). Without it, no error but
    /// the invalid calls' is expected.
    #[arg(long, requires = "mix")]
    phases: Option<PathBuf>,
    /// With `--mix`: how far (ms) a call may lie outside the phase of the fault it got.
    #[arg(long, default_value_t = 250)]
    grace_ms: u64,
    /// With `--mix`: how many unexpected answers to show.
    #[arg(long, default_value_t = 5)]
    examples: usize,
}

struct Tally {
    latencies: Histogram<u64>,
    errors: u64,
    /// `--mix`: every call.
    records: Vec<Record>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = Arc::new(Options::parse());
    if options.mix && options.mode != Mode::Browser {
        return Err("--mix needs --mode browser".into());
    }
    let duration = Duration::from_secs(options.seconds.clamp(1, 300));
    let concurrency = options.concurrency.clamp(1, 1024);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|index| {
            let client = client.clone();
            let options = options.clone();
            tokio::spawn(async move {
                if options.mix {
                    mixed_worker(client, options, deadline, index as u64).await
                } else {
                    worker(client, options, deadline).await
                }
            })
        })
        .collect();
    let mut latencies = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?;
    let mut errors = 0;
    let mut records = Vec::new();
    for worker in workers {
        let tally = worker.await??;
        latencies.add(&tally.latencies)?;
        errors += tally.errors;
        records.extend(tally.records);
    }
    let elapsed = started.elapsed().as_secs_f64();
    if options.mix {
        let phases = match &options.phases {
            Some(path) => read_phases(&std::fs::read_to_string(path)?)?,
            None => Vec::new(),
        };
        errors = report_mix(&options, &records, &phases, elapsed);
    }
    let count = latencies.len();
    let ms = |quantile: f64| latencies.value_at_quantile(quantile) as f64 / 1000.0;
    let throughput = count as f64 / elapsed;
    println!(
        "{:<9} {:>8.0} requests/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms  ({count} requests, {errors} errors, {concurrency} in flight, {elapsed:.1} s)",
        options.label,
        throughput,
        ms(0.50),
        ms(0.99),
        latencies.max() as f64 / 1000.0,
    );
    println!(
        "RESULT label={} rps={throughput:.1} p99_ms={:.3} errors={errors} requests={count}",
        options.label,
        ms(0.99)
    );
    if errors > 0 {
        return Err(format!("{errors} requests failed").into());
    }
    Ok(())
}

async fn worker(
    client: reqwest::Client,
    options: Arc<Options>,
    deadline: Instant,
) -> Result<Tally, hdrhistogram::CreationError> {
    let mut tally = Tally {
        latencies: Histogram::new_with_bounds(1, 60_000_000, 3)?,
        errors: 0,
        records: Vec::new(),
    };
    let credentials = Credentials::new(&options.access_key_id, &options.access_key_secret);
    let request = DescribeReplicationJobs {
        page_size: Some(options.page_size),
        ..DescribeReplicationJobs::default()
    };
    let base = options.url.trim_end_matches('/');
    let browser_url = format!(
        "{base}/api/DescribeReplicationJobs?PageSize={}",
        options.page_size
    );
    while Instant::now() < deadline {
        let sent = Instant::now();
        let url = match options.mode {
            Mode::Browser => browser_url.clone(),
            Mode::Signed => {
                let signed = sign_request(
                    &request,
                    &SigningParams::new(&credentials, OffsetDateTime::now_utc()),
                );
                format!("{base}/?{}", signed.query_string())
            }
        };
        let ok = match client.get(url).send().await {
            Ok(response) => {
                let status = response.status();
                response.bytes().await.is_ok() && status.is_success()
            }
            Err(_) => false,
        };
        tally
            .latencies
            .saturating_record(sent.elapsed().as_micros() as u64);
        if !ok {
            tally.errors += 1;
        }
    }
    Ok(tally)
}

/// One call of the mix: its query and what a right page looks like.
#[derive(Debug, Clone, PartialEq)]
struct MixedCall {
    query: String,
    page_number: i64,
    page_size: i64,
    status: Option<Status>,
    /// Deliberately invalid: only 400 `InvalidParameter` is right.
    invalid: bool,
}

/// The call number `draw` (any 64 bits) stands for: page sizes 10, 20 and 50, pages 1 to 5
/// and 30 (past the end of most results), no page number (page 1), a `Status` filter on a
/// third of the calls, and one call in 20 with `PageSize=51`.
fn mixed_call(draw: u64) -> MixedCall {
    let pick = |shift: u32, n: u64| ((draw >> shift) % n) as usize;
    let page_size = [10, 20, 50][pick(0, 3)];
    let page_number = [None, Some(1), Some(2), Some(3), Some(5), Some(30)][pick(8, 6)];
    let status = [
        None,
        None,
        None,
        None,
        Some(Status::Running),
        Some(Status::Finished),
        Some(Status::InError),
    ][pick(16, 7)]
    .clone();
    let invalid = pick(24, 20) == 0;
    let mut query = format!("PageSize={}", if invalid { 51 } else { page_size });
    if let Some(page) = page_number {
        let _ = write!(query, "&PageNumber={page}");
    }
    if let Some(status) = &status {
        let _ = write!(query, "&Status={}", status.as_str());
    }
    MixedCall {
        query,
        page_number: page_number.unwrap_or(1),
        page_size,
        status,
        invalid,
    }
}

/// SplitMix64's finalizer: a call's draw from the worker and its count.
fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// What one call of the mix got.
#[derive(Debug)]
struct Record {
    sent_ms: u64,
    received_ms: u64,
    /// The HTTP status; 0 when there was no answer.
    status: u16,
    /// The error's `Code`.
    code: Option<String>,
    /// Why the answer is wrong whatever the faults, if it is.
    problem: Option<String>,
    /// The answer is an error that only an injected fault explains.
    needs_fault: bool,
    /// The call's query, kept for the answers that need a fault to be right.
    query: Option<Box<str>>,
}

impl Record {
    /// `200`, `500 InternalError`, `no answer`.
    fn key(&self) -> String {
        match (self.status, &self.code) {
            (0, _) => "no answer".to_owned(),
            (status, Some(code)) => format!("{status} {code}"),
            (status, None) => status.to_string(),
        }
    }
}

async fn mixed_worker(
    client: reqwest::Client,
    options: Arc<Options>,
    deadline: Instant,
    index: u64,
) -> Result<Tally, hdrhistogram::CreationError> {
    let mut tally = Tally {
        latencies: Histogram::new_with_bounds(1, 60_000_000, 3)?,
        errors: 0,
        records: Vec::new(),
    };
    let base = options.url.trim_end_matches('/');
    let mut count = 0u64;
    while Instant::now() < deadline {
        let call = mixed_call(mix64((index << 40) | count));
        count += 1;
        let url = format!("{base}/api/DescribeReplicationJobs?{}", call.query);
        let sent = Instant::now();
        let sent_ms = unix_ms();
        let answer = match client.get(&url).send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                match response.text().await {
                    Ok(body) => Ok((status, body)),
                    Err(error) => Err(format!("HTTP {status}, body unreadable: {error}")),
                }
            }
            Err(error) => Err(format!("no answer: {error}")),
        };
        tally
            .latencies
            .saturating_record(sent.elapsed().as_micros() as u64);
        let mut record = Record {
            sent_ms,
            received_ms: unix_ms(),
            status: 0,
            code: None,
            problem: None,
            needs_fault: false,
            query: None,
        };
        match answer {
            Ok((status, body)) => {
                record.status = status;
                check_answer(&call, status, &body, &mut record);
            }
            Err(problem) => record.problem = Some(problem),
        }
        if let Some(problem) = &mut record.problem {
            *problem = format!("{}: {problem}", call.query);
        }
        if record.needs_fault {
            record.query = Some(call.query.as_str().into());
        }
        tally.records.push(record);
    }
    Ok(tally)
}

/// Checks what can be checked without the fault timeline.
fn check_answer(call: &MixedCall, status: u16, body: &str, record: &mut Record) {
    let excerpt = || body.chars().take(200).collect::<String>();
    if status == 200 {
        if call.invalid {
            record.problem = Some("200 for an invalid call".to_owned());
            return;
        }
        record.problem = check_page(call, body)
            .err()
            .map(|problem| format!("200 {problem}: {}", excerpt()));
        return;
    }
    let error = match smc_core::json::parse_api_error(body) {
        Ok(error) => error,
        Err(error) => {
            record.problem = Some(format!(
                "{status}, not an API error ({error}): {}",
                excerpt()
            ));
            return;
        }
    };
    record.code = Some(error.code.clone());
    if error.request_id.is_empty() {
        record.problem = Some(format!("{status} {} without a RequestId", error.code));
        return;
    }
    let invalid_parameter = status == 400 && error.code == "InvalidParameter";
    if call.invalid != invalid_parameter {
        record.problem = Some(format!(
            "{status} {} for {} call: {}",
            error.code,
            if call.invalid {
                "an invalid"
            } else {
                "a valid"
            },
            excerpt()
        ));
        return;
    }
    record.needs_fault = !call.invalid;
}

/// A 200's body: a page smc-core reads, for the page asked, with the jobs it should hold.
fn check_page(call: &MixedCall, body: &str) -> Result<(), String> {
    let page = smc_core::json::parse_response(body).map_err(|e| format!("unreadable: {e}"))?;
    if page.request_id.is_empty() {
        return Err("without a RequestId".to_owned());
    }
    if page.page_number != Some(call.page_number) || page.page_size != Some(call.page_size) {
        return Err(format!(
            "page {:?} of size {:?} for page {} of size {}",
            page.page_number, page.page_size, call.page_number, call.page_size
        ));
    }
    let total = page.total_count.ok_or("without a TotalCount")?;
    let expected = (total - (call.page_number - 1) * call.page_size).clamp(0, call.page_size);
    let jobs = &page.replication_jobs;
    if jobs.len() as i64 != expected {
        return Err(format!(
            "{} jobs on page {} of {total} by {}",
            jobs.len(),
            call.page_number,
            call.page_size
        ));
    }
    if let Some(status) = &call.status {
        if let Some(job) = jobs.iter().find(|job| job.status.as_ref() != Some(status)) {
            return Err(format!(
                "job {} is {:?} under Status={status}",
                job.job_id, job.status
            ));
        }
    }
    if jobs
        .windows(2)
        .any(|pair| pair[0].creation_time < pair[1].creation_time)
    {
        return Err("jobs not newest first".to_owned());
    }
    Ok(())
}

/// One set of fault rules, from the time it was asked for until the next set was in force.
#[derive(Debug, Clone, PartialEq)]
struct Phase {
    name: String,
    from_ms: u64,
    until_ms: u64,
    /// The answers its faults give: (status, code).
    outcomes: Vec<(u16, String)>,
}

/// Reads the timeline (`BEFORE_MS AFTER_MS NAME [STATUS:CODE ...]` lines, in order).
fn read_phases(text: &str) -> Result<Vec<Phase>, String> {
    let mut phases: Vec<Phase> = Vec::new();
    let mut applied = Vec::new();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let bad = || format!("bad phase line {line:?}");
        let mut fields = line.split_whitespace();
        let from_ms: u64 = fields.next().and_then(|f| f.parse().ok()).ok_or_else(bad)?;
        let after_ms: u64 = fields.next().and_then(|f| f.parse().ok()).ok_or_else(bad)?;
        let name = fields.next().ok_or_else(bad)?.to_owned();
        let outcomes = fields
            .map(|outcome| {
                let (status, code) = outcome.split_once(':').ok_or_else(bad)?;
                Ok((status.parse().map_err(|_| bad())?, code.to_owned()))
            })
            .collect::<Result<_, String>>()?;
        phases.push(Phase {
            name,
            from_ms,
            until_ms: u64::MAX,
            outcomes,
        });
        applied.push(after_ms);
    }
    // The rules of a phase can answer until the next phase's are in force.
    for index in 1..phases.len() {
        phases[index - 1].until_ms = applied[index];
    }
    Ok(phases)
}

/// Prints the mix's report; returns the number of unexpected answers.
fn report_mix(options: &Options, records: &[Record], phases: &[Phase], elapsed: f64) -> u64 {
    let grace = options.grace_ms;
    let mut overall: BTreeMap<String, u64> = BTreeMap::new();
    let mut per_phase: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); phases.len() + 1];
    let mut unexpected: Vec<String> = Vec::new();
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by_key(|record| record.sent_ms);
    let run_start = sorted.first().map_or(0, |record| record.sent_ms);
    for record in sorted {
        let key = record.key();
        *overall.entry(key.clone()).or_default() += 1;
        // The phase a call was sent in (0: before the first).
        let phase = phases.partition_point(|phase| phase.from_ms <= record.sent_ms);
        *per_phase[phase].entry(key.clone()).or_default() += 1;
        let problem = record.problem.clone().or_else(|| {
            let code = record.code.as_deref().unwrap_or_default();
            let explained = phases.iter().any(|phase| {
                record.sent_ms <= phase.until_ms.saturating_add(grace)
                    && record.received_ms + grace >= phase.from_ms
                    && phase
                        .outcomes
                        .iter()
                        .any(|(status, c)| *status == record.status && c == code)
            });
            (record.needs_fault && !explained).then(|| {
                format!(
                    "{}: {key} outside any phase injecting it (sent {:.3} s into the run, answered {} ms later)",
                    record.query.as_deref().unwrap_or_default(),
                    (record.sent_ms - run_start) as f64 / 1000.0,
                    record.received_ms - record.sent_ms
                )
            })
        });
        if let Some(problem) = problem {
            unexpected.push(problem);
        }
    }
    let counts = |counts: &BTreeMap<String, u64>| {
        counts
            .iter()
            .map(|(key, count)| format!("{key}: {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "requests:   {} in {elapsed:.1} s, {:.0} requests/s",
        records.len(),
        records.len() as f64 / elapsed
    );
    println!("answers:    {}", counts(&overall));
    let start = phases.first().map_or(0, |phase| phase.from_ms);
    for (index, counted) in per_phase.iter().enumerate() {
        if counted.is_empty() {
            continue;
        }
        let label = match index.checked_sub(1).and_then(|i| phases.get(i)) {
            Some(phase) => format!(
                "{} (+{:.1} s)",
                phase.name,
                (phase.from_ms - start) as f64 / 1000.0
            ),
            None => "before the phases".to_owned(),
        };
        println!("  {label:<24} {}", counts(counted));
    }
    println!("unexpected: {}", unexpected.len());
    for example in unexpected.iter().take(options.examples) {
        println!("  {example}");
    }
    unexpected.len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_has_every_kind_of_call() {
        let calls: Vec<MixedCall> = (0..2000).map(|n| mixed_call(mix64(n))).collect();
        let invalid = calls.iter().filter(|call| call.invalid).count();
        assert!((50..150).contains(&invalid), "{invalid}");
        assert!(calls
            .iter()
            .any(|call| call.status == Some(Status::InError)));
        assert!(calls.iter().any(|call| call.page_number == 30));
        for call in &calls {
            let request = smc_core::encode::parse_form(&call.query).unwrap();
            assert_eq!(
                DescribeReplicationJobs::from_params(request).is_err(),
                call.invalid,
                "{}",
                call.query
            );
        }
    }

    #[test]
    fn phases_last_until_the_next_is_in_force() {
        let phases =
            read_phases("100 110 clear\n200 205 errors 500:InternalError 503:ServiceUnavailable\n300 320 clear\n")
                .unwrap();
        assert_eq!(phases[0].until_ms, 205);
        assert_eq!(phases[1].until_ms, 320);
        assert_eq!(
            phases[1].outcomes[1],
            (503, "ServiceUnavailable".to_owned())
        );
        assert_eq!(phases[2].until_ms, u64::MAX);
        assert!(read_phases("1 2 x 500").is_err());
    }
}
