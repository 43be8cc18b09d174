//! How long a running job has left, from the progress the viewer has seen.
//!
//! The API reports a job's progress, not its speed, so the viewer keeps the progress it read
//! at each refresh and estimates from those samples. The rate is taken over a window of
//! recent samples rather than the last two, so that one jump (a disk skipped, a report
//! delayed) moves the estimate without throwing it. Progress that goes down means a new run
//! started: what came before says nothing about it. Progress that has not moved for
//! [`STALL_AFTER_MS`] makes the job stalled rather than infinitely slow.
//!
//! Nothing here reads a clock: the viewer passes the time of each reading and of the
//! estimate, so tests can drive it with any clock.

use std::collections::VecDeque;

/// Samples older than this (before the newest) no longer count towards the rate.
pub const WINDOW_MS: f64 = 15.0 * 60_000.0;
/// Progress unchanged for this long marks a job stalled.
pub const STALL_AFTER_MS: f64 = 5.0 * 60_000.0;
/// The smallest change of progress the API shows, in percent.
const SMALLEST_STEP: f64 = 0.01;
/// A slow job is stalled only after missing this many of its usual smallest steps.
const STEPS_BEFORE_STALL: f64 = 3.0;
/// At most this many samples are kept per job (auto-refresh every 10 s fills 15 minutes
/// with 90).
pub const MAX_SAMPLES: usize = 128;

/// One reading of a job's progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// When it was read, in milliseconds since the epoch.
    pub at_ms: f64,
    /// The job's progress then, 0 to 100.
    pub percent: f64,
}

/// What the viewer can say about a job's time left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Estimate {
    /// Fewer than two samples of the current run, or no movement yet to measure: a dash.
    Unknown,
    /// The job has reached 100 %.
    Complete,
    /// Progress has not moved since `since_ms`, for at least [`STALL_AFTER_MS`].
    Stalled {
        /// When progress last changed (or was first seen at its current value).
        since_ms: f64,
    },
    /// The job moves.
    Remaining {
        /// Seconds left from `now`.
        seconds: f64,
        /// The progress rate, in percent per second.
        percent_per_second: f64,
        /// The transfer rate, when the job's total size is known.
        bytes_per_second: Option<f64>,
    },
}

/// A stretch of time as a person reads it, rounded to the unit that fits: "less than
/// 1 min", "12 min", "2 h", "3 d".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Under a minute.
    UnderAMinute,
    /// Whole minutes, 1 to 59.
    Minutes(u64),
    /// Whole hours, 1 to 47.
    Hours(u64),
    /// Whole days, 2 and more.
    Days(u64),
}

impl Span {
    /// `seconds` rounded to the nearest minute, hour or day.
    pub fn of_seconds(seconds: f64) -> Span {
        let seconds = if seconds.is_nan() {
            0.0
        } else {
            seconds.max(0.0)
        };
        if seconds < 60.0 {
            return Span::UnderAMinute;
        }
        let minutes = (seconds / 60.0).round() as u64;
        if minutes < 60 {
            return Span::Minutes(minutes);
        }
        let hours = (seconds / 3_600.0).round() as u64;
        if hours < 48 {
            return Span::Hours(hours);
        }
        Span::Days((seconds / 86_400.0).round() as u64)
    }
}

/// The progress samples of one job.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgressHistory {
    samples: VecDeque<Sample>,
}

impl ProgressHistory {
    /// Adds what a refresh read. Readings that are not finite, or older than the newest
    /// sample, are ignored; a reading at the same time replaces the newest; a lower
    /// progress starts the history again (a new run).
    pub fn record(&mut self, at_ms: f64, percent: f64) {
        if !at_ms.is_finite() || !percent.is_finite() {
            return;
        }
        let percent = percent.clamp(0.0, 100.0);
        if let Some(last) = self.samples.back().copied() {
            if at_ms < last.at_ms {
                return;
            }
            let before_last = self.samples.len().checked_sub(2).map(|i| self.samples[i]);
            if percent < last.percent {
                self.samples.clear();
            } else if at_ms == last.at_ms
                || before_last.is_some_and(|b| b.percent == percent && last.percent == percent)
            {
                // Of a run of equal readings, the first and the newest say all there is.
                self.samples.pop_back();
            }
        }
        self.samples.push_back(Sample { at_ms, percent });
        self.forget_old(at_ms);
    }

    /// The samples kept, oldest first.
    pub fn samples(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }

    /// The estimate at `now_ms`, with the transfer rate when `total_bytes` is known.
    pub fn estimate(&self, now_ms: f64, total_bytes: Option<u64>) -> Estimate {
        let Some(last) = self.samples.back().copied() else {
            return Estimate::Unknown;
        };
        if last.percent >= 100.0 {
            return Estimate::Complete;
        }
        let since_ms = self.unchanged_since();
        // Only what was seen counts: a job is stalled when a reading shows it unchanged for
        // long enough, not when the viewer has merely stopped looking.
        if last.at_ms - since_ms >= self.stall_after(since_ms) {
            return Estimate::Stalled { since_ms };
        }
        let first = self.samples[0];
        let span_ms = last.at_ms - first.at_ms;
        let moved = last.percent - first.percent;
        if span_ms <= 0.0 || moved <= 0.0 {
            return Estimate::Unknown;
        }
        let percent_per_second = moved / (span_ms / 1000.0);
        let since_last = ((now_ms - last.at_ms) / 1000.0).max(0.0);
        let seconds = ((100.0 - last.percent) / percent_per_second - since_last).max(0.0);
        Estimate::Remaining {
            seconds,
            percent_per_second,
            bytes_per_second: total_bytes.map(|bytes| bytes as f64 * percent_per_second / 100.0),
        }
    }

    /// How long progress may stand still before the job counts as stalled: at least
    /// [`STALL_AFTER_MS`], and longer for a job so slow that the API's smallest step
    /// (0.01 %) takes it a while, judged by its rate before it stood still.
    fn stall_after(&self, since_ms: f64) -> f64 {
        let first = self.samples[0];
        let Some(moved) = self
            .samples
            .iter()
            .find(|s| s.at_ms == since_ms)
            .map(|s| (s.percent - first.percent, s.at_ms - first.at_ms))
            .filter(|&(percent, ms)| percent > 0.0 && ms > 0.0)
        else {
            return STALL_AFTER_MS;
        };
        let one_step_ms = SMALLEST_STEP / (moved.0 / moved.1);
        STALL_AFTER_MS.max(STEPS_BEFORE_STALL * one_step_ms)
    }

    /// When the newest progress value was first seen.
    fn unchanged_since(&self) -> f64 {
        let newest = self.samples.back().map_or(0.0, |s| s.percent);
        self.samples
            .iter()
            .rev()
            .take_while(|s| s.percent == newest)
            .last()
            .map_or(0.0, |s| s.at_ms)
    }

    /// Drops samples outside the window, but keeps the first sample at the newest value,
    /// which says since when a job stands still, and the one before it, which says how
    /// fast it went before.
    fn forget_old(&mut self, newest_ms: f64) {
        let newest = self.samples.back().map_or(0.0, |s| s.percent);
        let unchanged = self
            .samples
            .iter()
            .rev()
            .take_while(|s| s.percent == newest)
            .count();
        let before_unchanged = self.samples.len().saturating_sub(unchanged + 1);
        let keep_from = self.samples[before_unchanged]
            .at_ms
            .min(newest_ms - WINDOW_MS);
        while self.samples.len() > 2 && self.samples[0].at_ms < keep_from {
            self.samples.pop_front();
        }
        while self.samples.len() > MAX_SAMPLES {
            self.samples.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: f64 = 1000.0;
    const MINUTE: f64 = 60.0 * SECOND;

    fn history(samples: &[(f64, f64)]) -> ProgressHistory {
        let mut history = ProgressHistory::default();
        for &(at_ms, percent) in samples {
            history.record(at_ms, percent);
        }
        history
    }

    fn seconds_left(estimate: Estimate) -> f64 {
        match estimate {
            Estimate::Remaining { seconds, .. } => seconds,
            other => panic!("expected a time left, got {other:?}"),
        }
    }

    #[test]
    fn one_sample_is_not_enough() {
        assert_eq!(history(&[]).estimate(0.0, None), Estimate::Unknown);
        assert_eq!(
            history(&[(0.0, 10.0)]).estimate(0.0, None),
            Estimate::Unknown
        );
    }

    #[test]
    fn a_steady_job_finishes_at_its_rate() {
        // 1 % a minute from 10 %: 90 minutes left at the second sample.
        let h = history(&[(0.0, 10.0), (MINUTE, 11.0)]);
        let Estimate::Remaining {
            seconds,
            percent_per_second,
            bytes_per_second,
        } = h.estimate(MINUTE, Some(600 * 1024 * 1024 * 1024))
        else {
            panic!("a moving job has a time left");
        };
        assert!((seconds - 89.0 * 60.0).abs() < 1e-6, "{seconds}");
        assert!((percent_per_second - 1.0 / 60.0).abs() < 1e-12);
        // 1 % of 600 GiB a minute.
        let expected = 6.0 * 1024.0 * 1024.0 * 1024.0 / 60.0;
        assert!((bytes_per_second.unwrap() - expected).abs() < 1.0);
        // Thirty seconds later, thirty seconds less.
        let later = seconds_left(h.estimate(MINUTE + 30.0 * SECOND, None));
        assert!((later - (89.0 * 60.0 - 30.0)).abs() < 1e-6, "{later}");
    }

    #[test]
    fn a_jump_moves_the_estimate_without_throwing_it() {
        let mut samples: Vec<(f64, f64)> = (0..10).map(|i| (i as f64 * MINUTE, i as f64)).collect();
        let steady = seconds_left(history(&samples).estimate(9.0 * MINUTE, None));
        samples.push((10.0 * MINUTE, 40.0));
        let after_jump = seconds_left(history(&samples).estimate(10.0 * MINUTE, None));
        assert!(after_jump < steady, "{after_jump} < {steady}");
        // The window's average, 4 % a minute, not the jump's 30 % a minute: 15 minutes.
        assert!(
            (after_jump - 15.0 * MINUTE / SECOND).abs() < 1e-6,
            "{after_jump}"
        );
    }

    #[test]
    fn progress_going_down_starts_a_new_run() {
        let h = history(&[(0.0, 50.0), (MINUTE, 60.0), (2.0 * MINUTE, 0.0)]);
        assert_eq!(h.samples().count(), 1);
        assert_eq!(h.estimate(2.0 * MINUTE, None), Estimate::Unknown);
        let h = history(&[
            (0.0, 50.0),
            (MINUTE, 60.0),
            (2.0 * MINUTE, 0.0),
            (3.0 * MINUTE, 2.0),
        ]);
        assert!((seconds_left(h.estimate(3.0 * MINUTE, None)) - 49.0 * 60.0).abs() < 1e-6);
    }

    #[test]
    fn no_movement_for_five_minutes_is_a_stall() {
        let mut h = history(&[(0.0, 10.0), (MINUTE, 20.0)]);
        for minute in 2..=5 {
            h.record(minute as f64 * MINUTE, 20.0);
        }
        // Four minutes unchanged: still the window's rate.
        assert!(matches!(
            h.estimate(5.0 * MINUTE, None),
            Estimate::Remaining { .. }
        ));
        h.record(6.0 * MINUTE, 20.0);
        assert_eq!(
            h.estimate(6.0 * MINUTE, None),
            Estimate::Stalled { since_ms: MINUTE }
        );
        // The stall is remembered however long it lasts, and ends when progress moves.
        for minute in 7..=40 {
            h.record(minute as f64 * MINUTE, 20.0);
        }
        assert_eq!(
            h.estimate(40.0 * MINUTE, None),
            Estimate::Stalled { since_ms: MINUTE }
        );
        h.record(41.0 * MINUTE, 21.0);
        assert!(matches!(
            h.estimate(41.0 * MINUTE, None),
            Estimate::Remaining { .. }
        ));
    }

    #[test]
    fn a_very_slow_job_has_a_long_but_finite_time_left() {
        let h = history(&[(0.0, 1.0), (4.0 * MINUTE, 1.01)]);
        let seconds = seconds_left(h.estimate(4.0 * MINUTE, None));
        // 0.01 % in four minutes, and 98.99 % to go: 9,899 times four minutes.
        assert!((seconds - 9_899.0 * 240.0).abs() < 1.0, "{seconds}");
        assert!(seconds.is_finite());
    }

    #[test]
    fn a_finished_job_is_complete_and_odd_readings_are_ignored() {
        let mut h = history(&[(0.0, 90.0), (MINUTE, 100.0)]);
        assert_eq!(h.estimate(MINUTE, None), Estimate::Complete);
        h.record(f64::NAN, 50.0);
        h.record(2.0 * MINUTE, f64::INFINITY);
        h.record(30.0 * SECOND, 95.0);
        assert_eq!(h.samples().count(), 2);
    }

    #[test]
    fn a_jump_to_the_end_is_complete_and_a_jump_after_a_stall_ends_it() {
        let h = history(&[(0.0, 10.0), (MINUTE, 11.0), (2.0 * MINUTE, 100.0)]);
        assert_eq!(h.estimate(2.0 * MINUTE, None), Estimate::Complete);
        let mut h = history(&[(0.0, 10.0), (MINUTE, 11.0), (10.0 * MINUTE, 11.0)]);
        assert!(matches!(
            h.estimate(10.0 * MINUTE, None),
            Estimate::Stalled { .. }
        ));
        h.record(11.0 * MINUTE, 60.0);
        // Moving again, at the window's rate (50 % in 11 minutes), not the jump's.
        let seconds = seconds_left(h.estimate(11.0 * MINUTE, None));
        assert!(
            (seconds - 40.0 / (50.0 / 11.0) * 60.0).abs() < 1e-6,
            "{seconds}"
        );
    }

    #[test]
    fn a_reset_to_zero_that_does_not_move_stalls_the_new_run() {
        let h = history(&[
            (0.0, 50.0),
            (MINUTE, 60.0),
            (2.0 * MINUTE, 0.0),
            (4.0 * MINUTE, 0.0),
        ]);
        assert_eq!(h.estimate(4.0 * MINUTE, None), Estimate::Unknown);
        let mut h = h;
        h.record(7.0 * MINUTE, 0.0);
        assert_eq!(
            h.estimate(7.0 * MINUTE, None),
            Estimate::Stalled {
                since_ms: 2.0 * MINUTE
            }
        );
        // A reset to 0 forgets the old run's rate: the next reading alone says nothing.
        h.record(8.0 * MINUTE, 1.0);
        let seconds = seconds_left(h.estimate(8.0 * MINUTE, None));
        assert!((seconds - 99.0 * 6.0 * 60.0).abs() < 1e-6, "{seconds}");
    }

    #[test]
    fn a_job_seen_unchanged_from_the_first_reading_stalls_after_five_minutes() {
        let mut h = history(&[(0.0, 30.0), (4.0 * MINUTE, 30.0)]);
        assert_eq!(h.estimate(4.0 * MINUTE, None), Estimate::Unknown);
        // Not looking is not seeing: no reading, no stall.
        assert_eq!(h.estimate(60.0 * MINUTE, None), Estimate::Unknown);
        h.record(5.0 * MINUTE, 30.0);
        assert_eq!(
            h.estimate(5.0 * MINUTE, None),
            Estimate::Stalled { since_ms: 0.0 }
        );
    }

    #[test]
    fn a_very_slow_job_is_not_stalled_between_its_smallest_steps() {
        // 0.01 % every ten minutes: unchanged for five minutes is its normal pace.
        let mut h = history(&[(0.0, 1.0), (10.0 * MINUTE, 1.01)]);
        for minute in 11..=35 {
            h.record(minute as f64 * MINUTE, 1.01);
            let estimate = h.estimate(minute as f64 * MINUTE, None);
            assert!(
                matches!(estimate, Estimate::Remaining { .. }),
                "at {minute} min: {estimate:?}"
            );
        }
        // Three of its steps missed: stalled.
        h.record(40.0 * MINUTE, 1.01);
        assert_eq!(
            h.estimate(40.0 * MINUTE, None),
            Estimate::Stalled {
                since_ms: 10.0 * MINUTE
            }
        );
        // 98.99 % at 0.01 % per ten minutes: 69 days, long but finite.
        let h = history(&[(0.0, 1.0), (10.0 * MINUTE, 1.01)]);
        let seconds = seconds_left(h.estimate(10.0 * MINUTE, None));
        assert_eq!(Span::of_seconds(seconds), Span::Days(69));
    }

    #[test]
    fn spans_round_to_the_unit_that_fits() {
        assert_eq!(Span::of_seconds(-5.0), Span::UnderAMinute);
        assert_eq!(Span::of_seconds(f64::NAN), Span::UnderAMinute);
        assert_eq!(Span::of_seconds(59.0), Span::UnderAMinute);
        assert_eq!(Span::of_seconds(60.0), Span::Minutes(1));
        assert_eq!(Span::of_seconds(12.0 * 60.0 + 29.0), Span::Minutes(12));
        assert_eq!(Span::of_seconds(12.0 * 60.0 + 31.0), Span::Minutes(13));
        assert_eq!(Span::of_seconds(59.0 * 60.0 + 29.0), Span::Minutes(59));
        assert_eq!(Span::of_seconds(59.0 * 60.0 + 31.0), Span::Hours(1));
        assert_eq!(Span::of_seconds(2.4 * 3_600.0), Span::Hours(2));
        assert_eq!(Span::of_seconds(47.4 * 3_600.0), Span::Hours(47));
        assert_eq!(Span::of_seconds(47.6 * 3_600.0), Span::Days(2));
    }

    #[test]
    fn the_window_forgets_old_samples_but_keeps_a_bound() {
        let mut h = ProgressHistory::default();
        for i in 0..1000 {
            h.record(i as f64 * 10.0 * SECOND, i as f64 * 0.05);
        }
        let kept: Vec<&Sample> = h.samples().collect();
        assert!(kept.len() <= MAX_SAMPLES);
        let newest = kept.last().unwrap().at_ms;
        assert!(kept[0].at_ms >= newest - WINDOW_MS, "{}", kept[0].at_ms);
    }
}
