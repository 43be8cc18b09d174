//! The deterministic job generator behind `--jobs N --seed K`: the same seed and anchor time
//! give the same jobs, byte for byte, on every machine.
//!
//! With at least [`FULL_COVERAGE`] jobs every documented value of `Status`, `BusinessStatus`,
//! `JobType`, `TargetType`, `NetMode`, `RunOnce` and `LicenseType` occurs, and one job has
//! a tag with an empty key; tags with empty values come with the vocabulary. Every job whose
//! status is not `Finished` has a source server of its own, so there is at most one
//! unfinished job per source server, as the service enforces.

use std::collections::HashSet;

use smc_core::{
    BusinessStatus, DataDisk, DataDiskDetail, DiskPart, Disks, JobType, LicenseType, NetMode, Part,
    ReplicationJob, ReplicationJobRun, RunType, Status, SystemDisk, Tag, TargetType,
};
use time::{Duration, OffsetDateTime};

use crate::progress::{business_status_at, COMPLETE};
use crate::rng::SplitMix64;
use crate::vocabulary::*;

/// The fewest jobs for which every enumeration value is guaranteed to occur.
pub const FULL_COVERAGE: usize = 12;

/// The statuses of the first jobs, so that small data sets still cover every status and
/// enough running jobs to show every business status.
const FIRST_STATUSES: [Status; 11] = [
    Status::Ready,
    Status::Running,
    Status::Stopped,
    Status::InError,
    Status::Finished,
    Status::Waiting,
    Status::Expired,
    Status::Deleting,
    Status::Running,
    Status::Running,
    Status::Running,
];

/// How often each status occurs after the first jobs, in percent.
const STATUS_WEIGHTS: [(Status, u64); 8] = [
    (Status::Finished, 34),
    (Status::Running, 20),
    (Status::InError, 10),
    (Status::Waiting, 10),
    (Status::Ready, 8),
    (Status::Stopped, 7),
    (Status::Expired, 6),
    (Status::Deleting, 5),
];

/// The most tags a generated job carries.
const MAX_TAGS_PER_JOB: usize = 5;

/// Progress ranges (hundredths of a percent) of running jobs, one per business status.
const RUNNING_BANDS: [(i64, i64); 4] = [(0, 499), (500, 8_499), (8_500, 9_699), (9_700, 9_999)];

/// `count` jobs from `seed`, with times relative to `anchor` (usually now), newest
/// `CreationTime` first.
pub fn generate_jobs(seed: u64, count: usize, anchor: OffsetDateTime) -> Vec<ReplicationJob> {
    let mut generator = Generator::new(seed, anchor);
    let mut jobs: Vec<ReplicationJob> = (0..count).map(|index| generator.job(index)).collect();
    sort_newest_first(&mut jobs);
    jobs
}

/// The API's order: newest `CreationTime` first; equal times by `JobId`, so the order is
/// total and paging is stable.
pub(crate) fn sort_newest_first(jobs: &mut [ReplicationJob]) {
    jobs.sort_by(|a, b| {
        b.creation_time
            .cmp(&a.creation_time)
            .then_with(|| a.job_id.cmp(&b.job_id))
    });
}

/// One account's worth of jobs being made.
struct Generator {
    rng: SplitMix64,
    anchor: OffsetDateTime,
    resource_groups: Vec<String>,
    /// Every source server used so far; finished jobs may reuse one.
    sources: Vec<String>,
    /// Creation times taken, in seconds, so that no two jobs tie.
    creation_times: HashSet<i64>,
    running: usize,
}

/// A job's region and the code its resource IDs start with.
#[derive(Clone, Copy)]
struct Region {
    id: &'static str,
    code: &'static str,
}

impl Generator {
    fn new(seed: u64, anchor: OffsetDateTime) -> Self {
        // Whole seconds: the wire format has no fractions, and equal seeds and anchors
        // must give equal jobs.
        let anchor = anchor.replace_nanosecond(0).unwrap_or(anchor);
        let mut rng = SplitMix64::new(seed);
        let resource_groups = (0..RESOURCE_GROUPS)
            .map(|_| format!("rg-acfm{}", rng.alphanumeric(11)))
            .collect();
        Generator {
            rng,
            anchor,
            resource_groups,
            sources: Vec::new(),
            creation_times: HashSet::new(),
            running: 0,
        }
    }

    fn job(&mut self, index: usize) -> ReplicationJob {
        let status = match FIRST_STATUSES.get(index) {
            Some(status) => status.clone(),
            None => self.rng.weighted(&STATUS_WEIGHTS),
        };
        let (id, code) = self.rng.weighted(REGIONS);
        let region = Region { id, code };
        let app = *self.rng.pick(APPS);
        let role = *self.rng.pick(ROLES);
        let env = self.rng.weighted(ENVIRONMENTS);
        let run_once = match index {
            0 => true,
            1 => false,
            // Jobs waiting for their next run are mostly incremental ones.
            _ if status == Status::Waiting => self.rng.percent(20),
            _ => self.rng.percent(70),
        };
        let mut job = ReplicationJob {
            job_id: self.id("j", region),
            name: self.name(app, role, env),
            description: self.rng.pick(DESCRIPTIONS).replace("{app}", app),
            source_id: self.source(&status, region),
            region_id: region.id.to_owned(),
            resource_group_id: self.rng.pick(&self.resource_groups).clone(),
            job_type: Some(self.pick_known(index, 4, JobType::KNOWN, &[70, 10, 8, 12])),
            target_type: Some(self.pick_known(index, 3, TargetType::KNOWN, &[70, 10, 20])),
            net_mode: Some(self.pick_known(index, 2, NetMode::KNOWN, &[60, 40])),
            license_type: self.license(index),
            run_once: Some(run_once),
            instance_type: self.rng.pick(INSTANCE_TYPES).to_string(),
            system_disk_size: None,
            ..ReplicationJob::default()
        };
        if !run_once {
            job.frequency = Some(*self.rng.pick(FREQUENCIES));
            job.max_number_of_image_to_keep = Some(self.rng.between(1, 10));
        }
        self.network(&mut job, region);
        self.target(&mut job, region, app);
        self.options(&mut job, region);
        self.disks(&mut job, region);
        job.tags = self.tags(app, env);
        if index == EMPTY_KEY_JOB {
            // In place of a drawn tag, so every job still draws the same numbers.
            job.tags.truncate(MAX_TAGS_PER_JOB - 1);
            job.tags.push(Tag::new(EMPTY_KEY_TAG.0, EMPTY_KEY_TAG.1));
        }
        self.lifecycle(&mut job, status, region);
        job
    }

    /// A value of `known`: the `index`-th for the first jobs (so each occurs), then by weight.
    fn pick_known<T: Clone>(
        &mut self,
        index: usize,
        first: usize,
        known: &[T],
        weights: &[u64],
    ) -> T {
        if index < first {
            if let Some(value) = known.get(index) {
                return value.clone();
            }
        }
        let weighted: Vec<(T, u64)> = known.iter().cloned().zip(weights.iter().copied()).collect();
        self.rng.weighted(&weighted)
    }

    fn license(&mut self, index: usize) -> Option<LicenseType> {
        let byol = match index {
            0 => false,
            1 => true,
            _ => self.rng.percent(20),
        };
        byol.then_some(LicenseType::Byol)
    }

    /// An ID in the real format: prefix, the region's code, then lowercase letters and
    /// digits up to 20 characters after the dash (`j-bp19vlwm0tyigbmj1234`).
    fn id(&mut self, prefix: &str, region: Region) -> String {
        format!("{prefix}-{}{}", region.code, self.rng.alphanumeric(17))
    }

    fn name(&mut self, app: &str, role: &str, env: &str) -> String {
        if self.rng.percent(8) {
            return self.rng.pick(ODD_NAMES).to_string();
        }
        format!("{app}-{role}-{env}-{:02}", self.rng.between(1, 12))
    }

    /// A fresh source server for a job that is not finished; a finished job sometimes
    /// reuses one (a server migrated before).
    fn source(&mut self, status: &Status, region: Region) -> String {
        if *status == Status::Finished && !self.sources.is_empty() && self.rng.percent(30) {
            return self.rng.pick(&self.sources).clone();
        }
        let source = format!("s-{}{}", region.code, self.rng.alphanumeric(17));
        self.sources.push(source.clone());
        source
    }

    fn network(&mut self, job: &mut ReplicationJob, region: Region) {
        if job.net_mode == Some(NetMode::Vpc) {
            job.vpc_id = format!("vpc-{}{}", region.code, self.rng.alphanumeric(18));
            job.v_switch_id = format!("vsw-{}{}", region.code, self.rng.alphanumeric(18));
        }
    }

    fn target(&mut self, job: &mut ReplicationJob, region: Region, app: &str) {
        match job.target_type {
            Some(TargetType::ContainerImage) => {
                job.container_namespace = "migration".to_owned();
                job.container_repository = app.to_owned();
                job.container_tag =
                    format!("v{}.{}", self.rng.between(1, 4), self.rng.between(0, 9));
            }
            Some(TargetType::TargetInstance) => {
                job.instance_id = self.id("i", region);
            }
            _ => {
                job.image_name = format!("smc-{app}-{}", self.rng.alphanumeric(6));
            }
        }
    }

    fn options(&mut self, job: &mut ReplicationJob, region: Region) {
        if self.rng.percent(40) {
            job.instance_ram_role = "SMCAdmin".to_owned();
        }
        if self.rng.percent(15) {
            job.launch_template_id = format!("lt-{}{}", region.code, self.rng.alphanumeric(17));
            job.launch_template_version = self.rng.between(1, 3).to_string();
        }
        if self.rng.percent(50) {
            job.replication_parameters = self.rng.pick(REPLICATION_PARAMETERS).to_string();
        }
        if self.rng.percent(10) {
            job.workgroup_id = format!("wg-{}", self.rng.alphanumeric(20));
        }
    }

    /// The system disk and 0–3 data disks, with partitions, in both the classic fields
    /// and (for about half the jobs) the newer `Disks` layout.
    fn disks(&mut self, job: &mut ReplicationJob, region: Region) {
        const GIB: i64 = 1 << 30;
        let system_size = *self.rng.pick(SYSTEM_DISK_SIZES);
        job.system_disk_size = Some(system_size);
        let block = self.rng.percent(90);
        job.system_disk_parts = if self.rng.percent(50) {
            vec![
                part("0_0", GIB, block),
                part("0_1", (system_size - 2) * GIB, block),
            ]
        } else {
            vec![part("0_0", (system_size - 1) * GIB, block)]
        };
        let data_count = self.rng.between(0, 3);
        job.data_disks = (1..=data_count)
            .map(|index| {
                let size = *self.rng.pick(DATA_DISK_SIZES);
                let block = self.rng.percent(85);
                let parts = if size >= 500 && self.rng.percent(40) {
                    vec![
                        part(&format!("{index}_0"), size / 2 * GIB, block),
                        part(&format!("{index}_1"), (size / 2 - 1) * GIB, block),
                    ]
                } else {
                    vec![part(&format!("{index}_0"), (size - 1) * GIB, block)]
                };
                DataDisk {
                    index: Some(index),
                    size: Some(size),
                    parts,
                }
            })
            .collect();
        if self.rng.percent(50) {
            let system = SystemDisk {
                disk_id: format!("d-{}{}", region.code, self.rng.alphanumeric(17)),
                size: Some(system_size),
                lvm: Some(false),
                parts: vec![disk_part("/", (system_size - 1) * GIB, block)],
            };
            let data = job
                .data_disks
                .iter()
                .map(|disk| DataDiskDetail {
                    disk_id: format!("d-{}{}", region.code, self.rng.alphanumeric(17)),
                    index: disk.index,
                    size: disk.size,
                    lvm: Some(self.rng.percent(20)),
                    parts: vec![disk_part(
                        &format!("/data{}", disk.index.unwrap_or(1)),
                        (disk.size.unwrap_or(1) - 1) * GIB,
                        true,
                    )],
                })
                .collect();
            job.disks = Some(Disks {
                system: Some(system),
                data,
            });
        }
    }

    /// 0–5 tags, each key at most once; `app` and `env` agree with the job's name.
    fn tags(&mut self, app: &str, env: &str) -> Vec<Tag> {
        let count = self.rng.between(0, MAX_TAGS_PER_JOB as i64) as usize;
        let mut keys: Vec<usize> = (0..TAG_VALUES.len()).collect();
        let mut tags = Vec::with_capacity(count);
        for _ in 0..count.min(keys.len()) {
            let at = self.rng.below(keys.len() as u64) as usize;
            let (key, values) = TAG_VALUES[keys.remove(at)];
            let value = match key {
                "app" => app.to_owned(),
                "env" => env.to_owned(),
                _ => self.rng.pick(values).to_string(),
            };
            tags.push(Tag::new(key, value));
        }
        tags
    }

    /// Everything that follows from the status: times, progress, runs, errors.
    fn lifecycle(&mut self, job: &mut ReplicationJob, status: Status, region: Region) {
        let anchor = self.anchor;
        let age = match status {
            Status::Expired => (31 * 24 * 3600, 120 * 24 * 3600),
            Status::Ready => (10 * 60, 20 * 24 * 3600),
            Status::Running => (3 * 3600, 10 * 24 * 3600),
            _ => (3600, 120 * 24 * 3600),
        };
        let created = self.creation_time(age);
        job.creation_time = Some(created);
        let makes_image = job.target_type == Some(TargetType::Image);
        match status {
            Status::Ready => {
                job.progress = Some(0.0);
                job.valid_time = Some(created + Duration::days(30));
                if self.rng.percent(40) {
                    job.scheduled_start_time =
                        Some(anchor + Duration::hours(self.rng.between(1, 48)));
                }
            }
            Status::Expired => {
                job.progress = Some(0.0);
                job.valid_time = Some(created + Duration::days(30));
                job.status_info = "The job was not started before it expired.".to_owned();
            }
            Status::Running => {
                let band = RUNNING_BANDS[self.running % RUNNING_BANDS.len()];
                self.running += 1;
                let progress = self.rng.between(band.0, band.1) as u32;
                job.progress = Some(f64::from(progress) / 100.0);
                job.business_status = Some(business_status_at(progress));
                let started = anchor - Duration::seconds(self.rng.between(5 * 60, 3 * 3600));
                job.start_time = Some(started);
                job.transition_instance_id = self.id("i", region);
                job.replication_job_runs = self.runs(job, started, None, region);
            }
            Status::Waiting if job.run_once == Some(false) => {
                // Between two incremental runs: the last one completed less than
                // `Frequency` hours ago, so the next one is due in the future.
                let hours = job.frequency.unwrap_or(24);
                let (started, ended) = self.recent_run(created, hours * 3600);
                job.progress = Some(100.0);
                job.start_time = Some(started);
                job.replication_job_runs = self.runs(job, started, Some(ended), region);
                job.scheduled_start_time = Some(started + Duration::hours(hours));
                if makes_image {
                    job.image_id = last_image(&job.replication_job_runs);
                }
            }
            Status::Waiting => {
                // A one-time job queued behind others.
                job.progress = Some(0.0);
                job.valid_time = Some(created + Duration::days(30));
            }
            Status::Finished => {
                let (started, ended) = self.past_run(created);
                job.progress = Some(f64::from(COMPLETE) / 100.0);
                job.start_time = Some(started);
                job.end_time = Some(ended);
                job.replication_job_runs = self.runs(job, started, Some(ended), region);
                if makes_image {
                    job.image_id = last_image(&job.replication_job_runs);
                }
            }
            Status::InError | Status::Stopped | Status::Deleting => {
                let (started, ended) = self.past_run(created);
                let progress = self.rng.between(100, 9_500) as u32;
                job.progress = Some(f64::from(progress) / 100.0);
                job.start_time = Some(started);
                job.business_status = Some(match status {
                    Status::Deleting => BusinessStatus::Cleaning,
                    _ => business_status_at(progress),
                });
                if status != Status::Deleting {
                    job.transition_instance_id = self.id("i", region);
                }
                if status == Status::InError {
                    let (code, info) = *self.rng.pick(ERRORS);
                    job.error_code = code.to_owned();
                    job.status_info = info.to_owned();
                } else if status == Status::Stopped {
                    job.status_info = "Paused by the user.".to_owned();
                }
                let mut runs = self.runs(job, started, Some(ended), region);
                // The interrupted run produced no image.
                if let Some(last) = runs.last_mut() {
                    last.image_id.clear();
                }
                job.replication_job_runs = runs;
            }
            Status::Unknown(_) => {}
        }
        job.status = Some(status);
    }

    /// A creation time `age` seconds (a range) before the anchor, distinct from every other.
    fn creation_time(&mut self, age: (i64, i64)) -> OffsetDateTime {
        let mut seconds = self.anchor.unix_timestamp() - self.rng.between(age.0, age.1);
        while !self.creation_times.insert(seconds) {
            seconds -= 1;
        }
        self.anchor - Duration::seconds(self.anchor.unix_timestamp() - seconds)
    }

    /// The start and end of a run that began after `created` and ended before the anchor.
    fn past_run(&mut self, created: OffsetDateTime) -> (OffsetDateTime, OffsetDateTime) {
        let room = (self.anchor - created).whole_seconds().max(120);
        let started =
            created + Duration::seconds(self.rng.between(60, (room / 2).clamp(60, 86_400)));
        let latest_end = (self.anchor - started).whole_seconds().max(60);
        let duration = self
            .rng
            .between(20 * 60, 8 * 3600)
            .min(latest_end - 30)
            .max(30);
        (started, started + Duration::seconds(duration))
    }

    /// A run that started less than `within` seconds before the anchor (and after
    /// `created`) and has ended.
    fn recent_run(
        &mut self,
        created: OffsetDateTime,
        within: i64,
    ) -> (OffsetDateTime, OffsetDateTime) {
        let earliest = created + Duration::seconds(60);
        let started = (self.anchor - Duration::seconds(self.rng.between(1800, within.max(1800))))
            .max(earliest);
        let room = (self.anchor - started).whole_seconds();
        let duration = self.rng.between(600, 7200).min(room - 30).max(30);
        (started, started + Duration::seconds(duration))
    }

    /// The runs of a job whose latest run started at `latest` (and ended at `ended`, or is
    /// still going). One-time jobs have one run; incremental jobs up to five, `Frequency`
    /// hours apart, the first of which a person started (`Manual`).
    fn runs(
        &mut self,
        job: &ReplicationJob,
        latest: OffsetDateTime,
        ended: Option<OffsetDateTime>,
        region: Region,
    ) -> Vec<ReplicationJobRun> {
        let created = job.creation_time.unwrap_or(latest);
        let makes_image = job.target_type == Some(TargetType::Image);
        let frequency = job.frequency.filter(|_| job.run_once == Some(false));
        let mut starts = vec![latest];
        if let Some(hours) = frequency {
            let period = Duration::hours(hours);
            while starts.len() < 5 {
                let Some(&oldest) = starts.last() else { break };
                let earlier = oldest - period;
                if earlier <= created {
                    break;
                }
                starts.push(earlier);
            }
        }
        starts.reverse();
        let first_ever = starts
            .first()
            .is_some_and(|&first| frequency.is_none_or(|h| first - Duration::hours(h) <= created));
        let count = starts.len();
        starts
            .into_iter()
            .enumerate()
            .map(|(position, start)| {
                let last = position + 1 == count;
                let end = if last {
                    ended
                } else {
                    let cap = frequency.map_or(6 * 3600, |h| h * 3600 * 8 / 10).max(600);
                    Some(start + Duration::seconds(self.rng.between(600, cap.min(6 * 3600))))
                };
                let kind = if position == 0 && first_ever {
                    RunType::Manual
                } else {
                    RunType::Schedule
                };
                let image_id = if makes_image && end.is_some() {
                    self.id("m", region)
                } else {
                    String::new()
                };
                ReplicationJobRun {
                    r#type: Some(kind),
                    start_time: Some(start),
                    end_time: end,
                    image_id,
                }
            })
            .collect()
    }
}

fn part(device: &str, size_bytes: i64, block: bool) -> Part {
    Part {
        device: device.to_owned(),
        size_bytes: Some(size_bytes),
        block: Some(block),
    }
}

fn disk_part(path: &str, size_bytes: i64, block: bool) -> DiskPart {
    DiskPart {
        path: path.to_owned(),
        size_bytes: Some(size_bytes),
        block: Some(block),
    }
}

fn last_image(runs: &[ReplicationJobRun]) -> String {
    runs.iter()
        .rev()
        .map(|run| run.image_id.as_str())
        .find(|id| !id.is_empty())
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const ANCHOR: OffsetDateTime = time::macros::datetime!(2026-05-01 08:00 UTC);

    #[test]
    fn the_same_seed_gives_the_same_jobs_and_another_seed_does_not() {
        let a = generate_jobs(7, 60, ANCHOR);
        assert_eq!(a, generate_jobs(7, 60, ANCHOR));
        assert_ne!(a, generate_jobs(8, 60, ANCHOR));
        assert_eq!(a.len(), 60);
    }

    #[test]
    fn every_documented_value_occurs_in_a_small_set() {
        let jobs = generate_jobs(1, FULL_COVERAGE, ANCHOR);
        let has = |f: &dyn Fn(&ReplicationJob) -> bool| jobs.iter().any(f);
        for status in Status::KNOWN {
            assert!(has(&|j| j.status.as_ref() == Some(status)), "{status}");
        }
        for business in BusinessStatus::KNOWN {
            assert!(
                has(&|j| j.status == Some(Status::Running)
                    && j.business_status.as_ref() == Some(business)),
                "{business}"
            );
        }
        for job_type in JobType::KNOWN {
            assert!(has(&|j| j.job_type == Some(*job_type)), "{job_type}");
        }
        for target in TargetType::KNOWN {
            assert!(has(&|j| j.target_type.as_ref() == Some(target)), "{target}");
        }
        for mode in NetMode::KNOWN {
            assert!(has(&|j| j.net_mode == Some(*mode)), "{mode}");
        }
        for run_once in [true, false] {
            assert!(has(&|j| j.run_once == Some(run_once)));
        }
        assert!(has(&|j| j.license_type == Some(LicenseType::Byol)));
        assert!(has(&|j| j.license_type.is_none()));
        let empty_keys: Vec<&str> = jobs
            .iter()
            .filter(|j| j.tags.iter().any(|t| t.key.is_empty()))
            .map(|j| j.job_id.as_str())
            .collect();
        assert_eq!(empty_keys.len(), 1, "one job has a tag with an empty key");
    }

    #[test]
    fn some_tags_have_empty_values_and_keys_are_never_repeated() {
        let jobs = generate_jobs(1, 240, ANCHOR);
        let empty_values = jobs
            .iter()
            .filter(|j| {
                j.tags
                    .iter()
                    .any(|t| !t.key.is_empty() && t.value.is_empty())
            })
            .count();
        assert!((5..120).contains(&empty_values), "{empty_values}");
        for job in &jobs {
            let keys: HashSet<&str> = job.tags.iter().map(|t| t.key.as_str()).collect();
            assert_eq!(keys.len(), job.tags.len(), "{:?}", job.tags);
        }
    }

    #[test]
    fn a_default_set_is_realistic() {
        let jobs = generate_jobs(1, 240, ANCHOR);
        let mut unfinished_per_source: HashMap<&str, usize> = HashMap::new();
        for job in &jobs {
            assert!(
                job.job_id.starts_with("j-") && job.job_id.len() == 22,
                "{}",
                job.job_id
            );
            assert!(job.source_id.starts_with("s-") && job.source_id.len() == 22);
            assert!(
                job.resource_group_id.starts_with("rg-acfm") && job.resource_group_id.len() == 18
            );
            assert!(job.tags.len() <= MAX_TAGS_PER_JOB);
            assert!(job.creation_time.is_some_and(|t| t < ANCHOR));
            let progress = job.progress.unwrap_or(-1.0);
            assert!((0.0..=100.0).contains(&progress), "{progress}");
            if job.status == Some(Status::InError) {
                assert!(!job.error_code.is_empty() && !job.status_info.is_empty());
            }
            if job.net_mode == Some(NetMode::Vpc) {
                assert!(job.vpc_id.starts_with("vpc-") && job.v_switch_id.starts_with("vsw-"));
            }
            for run in &job.replication_job_runs {
                assert!(run.start_time.is_some());
                if let (Some(start), Some(end)) = (run.start_time, run.end_time) {
                    assert!(start < end && end <= ANCHOR, "{}", job.job_id);
                }
            }
            if job.status != Some(Status::Finished) {
                *unfinished_per_source.entry(&job.source_id).or_default() += 1;
            }
        }
        assert!(unfinished_per_source.values().all(|&n| n == 1));
        let regions: HashSet<&str> = jobs.iter().map(|j| j.region_id.as_str()).collect();
        let groups: HashSet<&str> = jobs.iter().map(|j| j.resource_group_id.as_str()).collect();
        assert!(regions.len() >= 5 && groups.len() == RESOURCE_GROUPS);
        let kinds: HashSet<String> = jobs
            .iter()
            .flat_map(|j| &j.replication_job_runs)
            .filter_map(|r| r.r#type.as_ref().map(|t| t.to_string()))
            .collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(jobs
            .iter()
            .any(|j| !j.data_disks.is_empty() && j.disks.is_some()));
        let times: HashSet<_> = jobs.iter().map(|j| j.creation_time).collect();
        assert_eq!(times.len(), jobs.len(), "creation times are distinct");
    }

    #[test]
    fn jobs_come_newest_first() {
        let jobs = generate_jobs(3, 50, ANCHOR);
        assert!(jobs
            .windows(2)
            .all(|w| w[0].creation_time > w[1].creation_time));
    }
}
