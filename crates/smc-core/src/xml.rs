//! XML bodies (`Format=XML`), read into the same model as JSON.
//!
//! XML is first read into a JSON value tree (elements with children become objects,
//! repeated children arrays, leaves strings) and then deserialized with the same lenient
//! rules as JSON. One model, one set of rules: the two formats cannot drift apart.

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{ApiError, ParseError};
use crate::format::Format;
use crate::model::DescribeReplicationJobsResponse;

/// The root element of a `DescribeReplicationJobs` response.
pub const RESPONSE_ROOT: &str = "DescribeReplicationJobsResponse";

/// Deeper nesting than any real body is refused rather than followed.
const MAX_DEPTH: usize = 64;

/// Reads a `DescribeReplicationJobs` response body. Any root element is accepted except
/// an error (`<Error>` or a root with `Code` and `Message`), which is reported as such.
pub fn parse_response(body: &str) -> Result<DescribeReplicationJobsResponse, ParseError> {
    let (root, value) = read_tree(body)?;
    if root == "Error" || looks_like_error(&value) {
        return Err(ParseError::new(
            Format::Xml,
            format!("expected <{RESPONSE_ROOT}>, found an error body <{root}>"),
        ));
    }
    decode(&value)
}

/// Writes a response as the service does, `<?xml …?>` and all.
pub fn to_string(response: &DescribeReplicationJobsResponse) -> String {
    document(RESPONSE_ROOT, response)
}

/// Writes an API error body (`<Error>…</Error>`).
pub fn error_to_string(error: &ApiError) -> String {
    document("Error", error)
}

/// Reads an API error body: any root with a non-empty `Code` (and usually `Message`) child.
pub(crate) fn parse_api_error(body: &str) -> Result<ApiError, ParseError> {
    let (root, value) = read_tree(body)?;
    if !looks_like_error(&value) {
        return Err(ParseError::new(
            Format::Xml,
            format!("<{root}> is not an error body: it has no <Code>"),
        ));
    }
    let error: ApiError = decode(&value)?;
    // `<Code/>` names no error, as an empty `"Code"` does not in JSON.
    if error.code.is_empty() {
        return Err(ParseError::new(
            Format::Xml,
            "an error body must have a Code",
        ));
    }
    Ok(error)
}

fn looks_like_error(value: &Value) -> bool {
    value.get("Code").is_some_and(|code| !code.is_object())
}

fn decode<T: DeserializeOwned>(value: &Value) -> Result<T, ParseError> {
    #[cfg(feature = "field-paths")]
    return serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        ParseError::new(Format::Xml, error.into_inner().to_string()).at_path(path)
    });
    #[cfg(not(feature = "field-paths"))]
    return T::deserialize(value).map_err(|error| ParseError::new(Format::Xml, error.to_string()));
}

/// One element being read: its name, its child elements and its text.
struct Open {
    name: String,
    children: Map<String, Value>,
    text: String,
}

impl Open {
    fn new(name: String) -> Self {
        Open {
            name,
            children: Map::new(),
            text: String::new(),
        }
    }

    /// An element with children is an object; otherwise its text (attributes are not
    /// used by the API and are ignored).
    fn into_value(self) -> Value {
        if self.children.is_empty() {
            Value::String(self.text)
        } else {
            Value::Object(self.children)
        }
    }
}

/// Adds a child; a name seen twice becomes an array, in document order.
fn add_child(parent: &mut Map<String, Value>, name: String, value: Value) {
    match parent.get_mut(&name) {
        None => {
            parent.insert(name, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

/// Reads the document into `(root name, root value)`.
fn read_tree(body: &str) -> Result<(String, Value), ParseError> {
    let mut reader = Reader::from_str(body.trim_start_matches('\u{feff}'));
    let mut stack: Vec<Open> = Vec::new();
    let syntax = |reader: &Reader<&[u8]>, message: String| {
        ParseError::new(Format::Xml, message)
            .at_position(format!("byte {}", reader.error_position()))
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|error| syntax(&reader, error.to_string()))?;
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(syntax(&reader, format!("nesting deeper than {MAX_DEPTH}")));
                }
                let name = element_name(&reader, start.local_name().as_ref())?;
                stack.push(Open::new(name));
            }
            Event::Empty(empty) => {
                let name = element_name(&reader, empty.local_name().as_ref())?;
                match stack.last_mut() {
                    Some(parent) => {
                        add_child(&mut parent.children, name, Value::String(String::new()))
                    }
                    None => return Ok((name, Value::String(String::new()))),
                }
            }
            Event::Text(text) => {
                let decoded = text.xml10_content();
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&decoded);
                } else if !decoded.trim().is_empty() {
                    return Err(syntax(&reader, "text outside the root element".into()));
                }
            }
            Event::CData(data) => {
                let decoded = data.xml10_content();
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&decoded);
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference)
                    .ok_or_else(|| syntax(&reader, "unknown entity reference".into()))?;
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&resolved);
                }
            }
            Event::End(_) => {
                // quick-xml has already checked that the end tag matches the start tag.
                let Some(open) = stack.pop() else {
                    return Err(syntax(&reader, "unexpected end tag".into()));
                };
                let name = open.name.clone();
                let value = open.into_value();
                match stack.last_mut() {
                    Some(parent) => add_child(&mut parent.children, name, value),
                    None => return Ok((name, value)),
                }
            }
            Event::Eof => {
                let message = match stack.last() {
                    Some(open) => format!("<{}> is never closed", open.name),
                    None => "no root element".to_owned(),
                };
                return Err(syntax(&reader, message));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

/// The local name of an element, refused unless it is an XML name. quick-xml takes any
/// bytes up to a space, `/` or `>` for a name: `<a<b>` or `<a/b/>` would be read as
/// elements and then written back as different ones (or as no well-formed XML at all).
fn element_name(reader: &Reader<&[u8]>, name: &str) -> Result<String, ParseError> {
    // Exact for ASCII; any other character is let through, as it cannot end a tag.
    let start = |c: char| !c.is_ascii() || c.is_ascii_alphabetic() || c == '_';
    let rest = |c: char| start(c) || c.is_ascii_digit() || matches!(c, '-' | '.');
    let mut chars = name.chars();
    if chars.next().is_some_and(start) && chars.all(rest) {
        Ok(name.to_owned())
    } else {
        Err(
            ParseError::new(Format::Xml, format!("<{name}> is not an element name"))
                .at_position(format!("byte {}", reader.buffer_position())),
        )
    }
}

/// Resolves `&amp;`-style and `&#NN;`-style references.
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if let Ok(Some(character)) = reference.resolve_char_ref() {
        return Some(character.to_string());
    }
    quick_xml::escape::resolve_xml_entity(&reference.xml10_content()).map(str::to_owned)
}

/// Writes a response given as its wire-form JSON tree (wrapped lists), as [`to_string`]
/// writes a typed one: for sending fields the model would not write (odd or unknown ones).
pub fn tree_to_string(tree: &Value) -> String {
    tree_document(RESPONSE_ROOT, tree)
}

/// Serializes `value` through its wire-form JSON and writes it as an XML document.
fn document<T: Serialize>(root: &str, value: &T) -> String {
    tree_document(root, &serde_json::to_value(value).unwrap_or(Value::Null))
}

fn tree_document(root: &str, tree: &Value) -> String {
    let mut out = String::from("<?xml version='1.0' encoding='UTF-8'?>");
    write_element(&mut out, root, tree);
    out
}

/// Objects become child elements, arrays repeat their element, `null` is left out.
fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Object(children) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for (child, value) in children {
                write_element(out, child, value);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        Value::String(text) => write_leaf(out, name, text),
        Value::Bool(flag) => write_leaf(out, name, if *flag { "true" } else { "false" }),
        Value::Number(number) => write_leaf(out, name, &number.to_string()),
    }
}

fn write_leaf(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&quick_xml::escape::escape(text));
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_children_become_lists_and_entities_resolve() {
        let body = "<?xml version='1.0' encoding='UTF-8'?><R><Tags><Tag><Key>a&amp;b</Key></Tag><Tag><Key>&#x4E2D;</Key></Tag></Tags><Empty/></R>";
        let (root, value) = read_tree(body).unwrap();
        assert_eq!(root, "R");
        assert_eq!(value["Tags"]["Tag"][0]["Key"], "a&b");
        assert_eq!(value["Tags"]["Tag"][1]["Key"], "中");
        assert_eq!(value["Empty"], "");
    }

    #[test]
    fn syntax_errors_say_where() {
        let error = parse_response("<R><A>1</B></R>").unwrap_err();
        assert_eq!(error.format, "XML");
        assert!(error.position.starts_with("byte "), "{error}");
        let unclosed = parse_response("<R><A>1</A>").unwrap_err();
        assert!(
            unclosed.message.contains("<R> is never closed"),
            "{unclosed}"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let body = "<A>".repeat(100) + &"</A>".repeat(100);
        let error = parse_response(&body).unwrap_err();
        assert!(error.message.contains("nesting deeper"), "{error}");
    }

    #[test]
    fn an_error_body_is_not_taken_for_an_empty_page() {
        let body = "<Error><Code>InternalError</Code><Message>m</Message></Error>";
        assert!(parse_response(body).is_err());
        assert_eq!(parse_api_error(body).unwrap().code, "InternalError");
    }
}
