//! Injected faults: rules that make calls slow or fail, set from `--faults FILE` or the
//! control API. A rule applies to calls that passed the gateway (so it stands for the
//! service or its throttling answering), before the request's own parameters are read.
//!
//! The first rule whose `action` matches and whose probability roll succeeds decides: the
//! call waits `latency_ms`, then fails with `status`, `code` and `message`, or, with no
//! status, is answered normally (a way to provoke a client's timeout), with odd job fields
//! when `odd_fields` is set (see [`crate::odd_jobs`]).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::Duration;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::error::ApiFailure;
use crate::rng::mix;

/// The most rules kept at once.
pub const MAX_RULES: usize = 100;

/// The longest latency a rule may add.
pub const MAX_LATENCY_MS: u64 = 10 * 60 * 1000;

/// One fault rule, as written in a fault file or sent to `PUT /_emulator/faults`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// The `Action` it applies to; `*` (the default) is every action.
    #[serde(default = "every_action")]
    pub action: String,
    /// The chance that it fires on a matching call, 0 to 1 (default 1).
    #[serde(default = "always")]
    pub probability: f64,
    /// The HTTP status of the failure, 400 to 599; 0 (the default) answers normally after
    /// the latency.
    #[serde(default)]
    pub status: u16,
    /// The error code; by default the usual one for the status (`InternalError` for 500,
    /// `ServiceUnavailable` for 503, `Throttling.User` for 429…).
    #[serde(default)]
    pub code: String,
    /// The message; by default the service's message for the code.
    #[serde(default)]
    pub message: String,
    /// How long to wait before answering, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// Answer normally, but with some job fields in shapes the API documents no more than
    /// loosely: times with an offset or without a zone, a progress as text, an unknown job
    /// type, a field no version of the model knows (needs status 0).
    #[serde(default)]
    pub odd_fields: bool,
}

fn every_action() -> String {
    "*".to_owned()
}

fn always() -> f64 {
    1.0
}

impl FaultRule {
    /// A rule failing every call with `status` and `code`.
    pub fn error(status: u16, code: impl Into<String>) -> Self {
        FaultRule {
            action: every_action(),
            probability: 1.0,
            status,
            code: code.into(),
            message: String::new(),
            latency_ms: 0,
            odd_fields: false,
        }
    }

    /// A rule delaying every call by `latency_ms` and then answering normally.
    pub fn delay(latency_ms: u64) -> Self {
        FaultRule {
            latency_ms,
            ..FaultRule::error(0, "")
        }
    }

    /// A rule answering every call normally, with odd job fields.
    pub fn odd_job_fields() -> Self {
        FaultRule {
            odd_fields: true,
            ..FaultRule::error(0, "")
        }
    }

    /// Checks the rule's values, naming the field at fault.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.probability) {
            return Err(format!(
                "probability must be between 0 and 1 (got {})",
                self.probability
            ));
        }
        if self.status != 0 && !(400..=599).contains(&self.status) {
            return Err(format!(
                "status must be 0 or 400 to 599 (got {})",
                self.status
            ));
        }
        if self.status == 0 && (!self.code.is_empty() || !self.message.is_empty()) {
            return Err("code and message need a status".to_owned());
        }
        if self.status != 0 && self.odd_fields {
            return Err("odd_fields needs status 0: a failure has no jobs".to_owned());
        }
        if self.latency_ms > MAX_LATENCY_MS {
            return Err(format!(
                "latency_ms must be at most {MAX_LATENCY_MS} (got {})",
                self.latency_ms
            ));
        }
        if self.action.is_empty() {
            return Err("action must be * or an action name".to_owned());
        }
        Ok(())
    }

    fn applies_to(&self, action: &str) -> bool {
        self.action == "*" || self.action == action
    }

    /// The failure this rule answers with, if it has a status.
    fn failure(&self) -> Option<ApiFailure> {
        let status = StatusCode::from_u16(self.status)
            .ok()
            .filter(|_| self.status != 0)?;
        let code = if self.code.is_empty() {
            default_code(self.status).to_owned()
        } else {
            self.code.clone()
        };
        let message = if self.message.is_empty() {
            default_message(&code).to_owned()
        } else {
            self.message.clone()
        };
        Some(ApiFailure::new(status, code, message))
    }
}

/// The usual code for a status.
fn default_code(status: u16) -> &'static str {
    match status {
        403 => "Forbidden.Unauthorized",
        404 => "InvalidApi.NotFound",
        429 => "Throttling.User",
        503 => "ServiceUnavailable",
        400..=499 => "Throttling",
        _ => "InternalError",
    }
}

/// The service's message for a code, where it is known.
fn default_message(code: &str) -> &'static str {
    match code {
        "InternalError" => "An error occurred while processing your request. Please try again. If the problem still exists, please submit a ticket.",
        "Forbidden.Unauthorized" => "A required authorization for the specified action is not supplied.",
        "ServiceUnavailable" => "The request has failed due to a temporary failure of the server.",
        "Throttling" => "Request was denied due to request throttling.",
        "Throttling.User" => "Request was denied due to user flow control.",
        "Throttling.Api" => "Request was denied due to api flow control.",
        _ => "The emulator injected this fault.",
    }
}

/// Reads rules from JSON: an array of rules. Every rule is validated.
pub fn parse_rules(json: &str) -> Result<Vec<FaultRule>, String> {
    let rules: Vec<FaultRule> =
        serde_json::from_str(json).map_err(|e| format!("not a JSON array of fault rules: {e}"))?;
    check_rules(&rules)?;
    Ok(rules)
}

/// Validates rules, naming the first bad one by its position.
pub fn check_rules(rules: &[FaultRule]) -> Result<(), String> {
    if rules.len() > MAX_RULES {
        return Err(format!("at most {MAX_RULES} rules (got {})", rules.len()));
    }
    for (index, rule) in rules.iter().enumerate() {
        rule.validate().map_err(|e| format!("rule {index}: {e}"))?;
    }
    Ok(())
}

/// What a fired rule does to one call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fault {
    /// How long to wait first.
    pub(crate) delay: Duration,
    /// The failure to answer with, or none to answer normally.
    pub(crate) failure: Option<ApiFailure>,
    /// Whether a normal answer carries odd job fields.
    pub(crate) odd_fields: bool,
}

/// The rules in force, and a deterministic stream of rolls for their probabilities.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: RwLock<Vec<FaultRule>>,
    rolls: AtomicU64,
}

impl Faults {
    /// Rules that are already valid.
    pub(crate) fn new(rules: Vec<FaultRule>) -> Self {
        Faults {
            rules: RwLock::new(rules),
            rolls: AtomicU64::new(0),
        }
    }

    /// Replaces every rule (call [`check_rules`] first).
    pub(crate) fn set(&self, rules: Vec<FaultRule>) {
        *self
            .rules
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = rules;
    }

    /// The rules in force.
    pub(crate) fn rules(&self) -> Vec<FaultRule> {
        self.rules
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The fault for a call to `action`, if a rule fires.
    pub(crate) fn pick(&self, action: &str) -> Option<Fault> {
        let rules = self
            .rules
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let rule = rules
            .iter()
            .find(|rule| rule.applies_to(action) && self.roll(rule.probability))?;
        Some(Fault {
            delay: Duration::from_millis(rule.latency_ms),
            failure: rule.failure(),
            odd_fields: rule.odd_fields,
        })
    }

    /// `true` with chance `probability`; certain outcomes use no roll.
    fn roll(&self, probability: f64) -> bool {
        if probability >= 1.0 {
            return true;
        }
        if probability <= 0.0 {
            return false;
        }
        let draw = mix(self.rolls.fetch_add(1, Ordering::Relaxed));
        // The top 53 bits as a fraction in [0, 1).
        ((draw >> 11) as f64 / (1u64 << 53) as f64) < probability
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_file_is_read_with_defaults() {
        let rules = parse_rules(
            r#"[{"status":503},{"latency_ms":250,"action":"DescribeReplicationJobs"}]"#,
        )
        .unwrap();
        assert_eq!(rules[0].action, "*");
        assert_eq!(rules[0].probability, 1.0);
        let failure = rules[0].failure().unwrap();
        assert_eq!(
            (failure.status.as_u16(), failure.code.as_ref()),
            (503, "ServiceUnavailable")
        );
        assert!(rules[1].failure().is_none());
    }

    #[test]
    fn bad_rules_are_refused_by_position() {
        assert!(parse_rules(r#"[{"status":200}]"#)
            .unwrap_err()
            .starts_with("rule 0: status"));
        assert!(parse_rules(r#"[{}, {"probability":1.5}]"#)
            .unwrap_err()
            .starts_with("rule 1: probability"));
        assert!(parse_rules(r#"[{"code":"X"}]"#).is_err());
        assert!(parse_rules(r#"[{"status":500,"odd_fields":true}]"#)
            .unwrap_err()
            .contains("odd_fields needs status 0"));
        assert!(parse_rules(r#"[{"odd_fields":true}]"#).unwrap()[0].odd_fields);
        assert!(parse_rules(r#"[{"statuss":500}]"#).is_err());
        assert!(parse_rules(r#"{"status":500}"#).is_err());
    }

    #[test]
    fn the_first_matching_rule_that_fires_decides() {
        let faults = Faults::new(vec![
            FaultRule {
                action: "Other".into(),
                ..FaultRule::error(500, "")
            },
            FaultRule {
                probability: 0.0,
                ..FaultRule::error(429, "")
            },
            FaultRule::error(403, "Forbidden.RAM"),
        ]);
        let fault = faults.pick("DescribeReplicationJobs").unwrap();
        assert_eq!(fault.failure.unwrap().code, "Forbidden.RAM");
        faults.set(Vec::new());
        assert!(faults.pick("DescribeReplicationJobs").is_none());
    }

    #[test]
    fn a_probability_fires_about_that_often() {
        let faults = Faults::new(vec![FaultRule {
            probability: 0.25,
            ..FaultRule::error(500, "")
        }]);
        let fired = (0..4000).filter(|_| faults.pick("A").is_some()).count();
        assert!((800..1200).contains(&fired), "{fired}");
    }
}
