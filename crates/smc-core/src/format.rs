//! The response formats the API speaks (`Format=JSON` or `Format=XML`).

use std::fmt;

/// A response format, sent as the `Format` common parameter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// `application/json`, the default of this crate.
    #[default]
    Json,
    /// `text/xml`, with `<?xml …?>` and a root named after the action's response.
    Xml,
}

impl Format {
    /// The value of the `Format` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        }
    }

    /// Reads a `Format` parameter (case-insensitive); `None` for anything else.
    pub fn parse(value: &str) -> Option<Format> {
        if value.eq_ignore_ascii_case("JSON") {
            Some(Format::Json)
        } else if value.eq_ignore_ascii_case("XML") {
            Some(Format::Xml)
        } else {
            None
        }
    }

    /// Guesses the format of a body from its first non-blank character: XML starts with `<`.
    pub fn detect(body: &str) -> Format {
        match body
            .trim_start_matches('\u{feff}')
            .trim_start()
            .as_bytes()
            .first()
        {
            Some(b'<') => Format::Xml,
            _ => Format::Json,
        }
    }

    /// The `Content-Type` of a body in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Xml => "text/xml;charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_xml_by_its_first_character() {
        assert_eq!(Format::detect("  <?xml version='1.0'?><A/>"), Format::Xml);
        assert_eq!(Format::detect("{\"A\":1}"), Format::Json);
        assert_eq!(Format::parse("xml"), Some(Format::Xml));
        assert_eq!(Format::parse("YAML"), None);
    }
}
