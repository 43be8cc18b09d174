//! A numbered list of steps run in order: a header before each, a timed summary after.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::cmd::Cmd;

/// What a step does when it runs.
pub enum Action {
    /// Run an external command with inherited stdio.
    Run(Cmd),
    /// Call a function of xtask itself (install checks), given the workspace root.
    Call(fn(&Path) -> Result<(), String>),
}

/// One named step of a pipeline.
pub struct Step {
    /// Short name used in the header, the summary and the failure message.
    pub name: String,
    /// What the header shows after the name: the command line, or what a call does.
    pub describe: String,
    /// What runs.
    pub action: Action,
}

impl Step {
    /// A step that runs `cmd`; its header shows the command line.
    pub fn run(name: impl Into<String>, cmd: Cmd) -> Self {
        Step {
            name: name.into(),
            describe: cmd.to_string(),
            action: Action::Run(cmd),
        }
    }

    /// A step that calls `f`; its header shows `describe`.
    pub fn call(
        name: impl Into<String>,
        describe: impl Into<String>,
        f: fn(&Path) -> Result<(), String>,
    ) -> Self {
        Step {
            name: name.into(),
            describe: describe.into(),
            action: Action::Call(f),
        }
    }
}

/// Runs `steps` in order from `root`, stopping at the first failure.
///
/// Prints `==> [i/n] name: describe` before each step and a summary of durations at the
/// end, whether the run passed or not. The error names the step that failed.
pub fn run(root: &Path, steps: &[Step]) -> Result<(), String> {
    let total = steps.len();
    let mut outcomes = Vec::new();
    let mut failure = None;
    for (index, step) in steps.iter().enumerate() {
        println!(
            "==> [{}/{total}] {}: {}",
            index + 1,
            step.name,
            step.describe
        );
        let started = Instant::now();
        let result = match &step.action {
            Action::Run(cmd) => cmd.run(root),
            Action::Call(f) => f(root),
        };
        outcomes.push(Outcome {
            elapsed: started.elapsed(),
            passed: result.is_ok(),
        });
        if let Err(error) = result {
            failure = Some(format!(
                "step [{}/{total}] {} failed: {error}",
                index + 1,
                step.name
            ));
            break;
        }
    }
    println!();
    for line in summary(steps, &outcomes) {
        println!("{line}");
    }
    match failure {
        Some(message) => Err(message),
        None => Ok(()),
    }
}

/// How a step that ran went.
struct Outcome {
    elapsed: Duration,
    passed: bool,
}

/// The summary lines: one per step (its verdict and duration, or "not run" for the steps
/// after a failure) and the total time.
fn summary(steps: &[Step], outcomes: &[Outcome]) -> Vec<String> {
    let mut lines = vec!["==> summary".to_owned()];
    let mut total = Duration::ZERO;
    for (index, step) in steps.iter().enumerate() {
        lines.push(match outcomes.get(index) {
            Some(outcome) => {
                total += outcome.elapsed;
                let verdict = if outcome.passed { "ok" } else { "FAILED" };
                format!(
                    "    {verdict:<7}{:>8.1}s  {}",
                    outcome.elapsed.as_secs_f64(),
                    step.name
                )
            }
            None => format!("    {:<7}{:>9}  {}", "-", "not run", step.name),
        });
    }
    lines.push(format!("    {:<7}{:>8.1}s", "total", total.as_secs_f64()));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(names: &[&str]) -> Vec<Step> {
        names
            .iter()
            .map(|name| Step::run(*name, Cmd::new("true")))
            .collect()
    }

    #[test]
    fn summary_marks_the_failed_step_and_the_ones_never_run() {
        let steps = steps(&["fmt", "clippy", "test"]);
        let outcomes = [
            Outcome {
                elapsed: Duration::from_millis(1500),
                passed: true,
            },
            Outcome {
                elapsed: Duration::from_millis(2000),
                passed: false,
            },
        ];
        assert_eq!(
            summary(&steps, &outcomes),
            [
                "==> summary",
                "    ok          1.5s  fmt",
                "    FAILED      2.0s  clippy",
                "    -        not run  test",
                "    total       3.5s",
            ]
        );
    }

    #[test]
    fn run_stops_at_the_first_failure_and_names_it() {
        let steps = vec![
            Step::run("first", Cmd::new("true")),
            Step::run("second", Cmd::new("false")),
            Step::call("third", "never reached", |_| {
                panic!("a step after a failure ran")
            }),
        ];
        let error = run(Path::new("."), &steps).unwrap_err();
        assert!(error.starts_with("step [2/3] second failed:"), "{error}");
    }
}
