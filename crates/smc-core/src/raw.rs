//! What arrived, kept beside the typed model: a job's JSON text exactly as the API sent it
//! ([`RawJson`]), and the fields that could not be typed ([`OddField`]).

use std::fmt;

use serde_json::value::RawValue;
use serde_json::Value;

/// One JSON value as it arrived, byte for byte (for XML, the element tree as JSON: elements
/// with children as objects, repeated elements as arrays, text as strings).
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// Keeps `raw` as it is.
    pub fn new(raw: Box<RawValue>) -> Self {
        RawJson(raw)
    }

    /// The JSON text of a value.
    pub fn from_value(value: &Value) -> Self {
        // A `Value` always serializes; its text is always valid JSON.
        RawJson(
            serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned()),
        )
    }

    /// The text as it arrived.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The text indented by two spaces a level, every token (member order, number digits,
    /// string escapes) left as it arrived.
    pub fn pretty(&self) -> String {
        indent(self.as_str())
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

/// A field the model could not type, kept as it arrived: a time that is no ISO 8601 time,
/// a number that is text, an object where a string belongs. The job's typed field is left
/// empty, so code that sorts or computes with it treats it as unknown.
#[derive(Debug, Clone, PartialEq)]
pub struct OddField {
    /// Where it is in the job, in the API's names: `CreationTime`,
    /// `ReplicationJobRuns.ReplicationJobRun[1].StartTime`.
    pub path: String,
    /// The value as it arrived.
    pub raw: Value,
}

impl OddField {
    /// The value as a person reads it: a string's own text, any other value as JSON.
    pub fn text(&self) -> String {
        match &self.raw {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }
}

/// Indents JSON text without reading its values: only the structure between tokens changes.
fn indent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // An empty object or list stays on one line.
                while chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawJson {
        RawJson::new(RawValue::from_string(text.to_owned()).unwrap())
    }

    #[test]
    fn pretty_text_keeps_every_token_and_the_member_order() {
        let text = r#"{"Z":1.50,"A":["x, \"y\"",{}],"B":{"C":null,"D":[ ]},"E":"{[:,]}"}"#;
        let pretty = raw(text).pretty();
        assert_eq!(
            pretty,
            "{\n  \"Z\": 1.50,\n  \"A\": [\n    \"x, \\\"y\\\"\",\n    {}\n  ],\n  \"B\": {\n    \"C\": null,\n    \"D\": []\n  },\n  \"E\": \"{[:,]}\"\n}"
        );
        let reread: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(reread, serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn odd_fields_read_as_their_text() {
        let field = |raw: Value| OddField {
            path: "P".into(),
            raw,
        };
        assert_eq!(field(Value::from("55 %")).text(), "55 %");
        assert_eq!(field(serde_json::json!({"a": 1})).text(), r#"{"a":1}"#);
        assert_eq!(field(Value::from(7)).text(), "7");
    }

    #[test]
    fn raw_json_compares_by_text() {
        assert_eq!(raw("{\"a\":1}"), raw("{\"a\":1}"));
        assert_ne!(raw("{\"a\":1}"), raw("{\"a\": 1}"));
        assert_eq!(
            RawJson::from_value(&serde_json::json!({"b": "2"})).as_str(),
            r#"{"b":"2"}"#
        );
    }
}
