//! A JSON reader for serde, built for a small browser bundle rather than top speed.
//!
//! Two things make the model's readers smaller with it than with serde_json: a struct is
//! read from an object only (serde_json reads one from an array too, by position, which
//! puts a second reader of every struct into the bundle), and all scanning is done by
//! plain, non-generic functions, so what each visitor adds is a `match` over one token.
//! The bundle is 13 KB gzip smaller for it. It reads the JSON grammar of RFC 8259 and
//! nothing else; the tests compare it with serde_json on many texts.

use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};
use serde::forward_to_deserialize_any;

use crate::error::Quoted;
use crate::number::parse_f64;

/// Reads one JSON document as `T`; only whitespace may follow it.
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    T::deserialize(&mut reader)
        .and_then(|value| reader.finish().map(|()| value))
        .map_err(|error| reader.locate(error))
}

/// Reads with the field path of a failure, for errors worth a second reading.
#[cfg(feature = "field-paths")]
pub(crate) fn from_str_tracked<'de, T: de::Deserialize<'de>>(
    text: &'de str,
) -> Result<T, serde_path_to_error::Error<Error>> {
    let mut reader = Reader::new(text);
    serde_path_to_error::deserialize(&mut reader)
}

/// What went wrong and where.
///
/// Boxed, as serde_json's is: every `Result` of every visitor carries it, and a
/// one-pointer error keeps all of that code small.
#[derive(Debug)]
pub(crate) struct Error(Box<Failure>);

#[derive(Debug)]
struct Failure {
    message: String,
    /// A byte offset into the text, once known.
    offset: Option<usize>,
}

impl Error {
    fn new(message: String, offset: Option<usize>) -> Self {
        Error(Box::new(Failure { message, offset }))
    }

    /// The message, without the position.
    pub(crate) fn message(&self) -> &str {
        &self.0.message
    }

    /// `(line, column)`, both from 1, in `text`; the column counts characters.
    pub(crate) fn line_column(&self, text: &str) -> (usize, usize) {
        let before = &text[..self.0.offset.unwrap_or(0).min(text.len())];
        let line_start = before.rfind('\n').map_or(0, |index| index + 1);
        let line = before.matches('\n').count() + 1;
        (line, before[line_start..].chars().count() + 1)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(message.to_string(), None)
    }

    // serde's own wording, but a float is written by `display_f64` and a string quoted by
    // `Quoted`: serde's `Unexpected` would bring the standard library's float formatting
    // and Unicode escaping into the bundle for them.
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::custom(format_args!(
            "invalid type: {}, expected {expected}",
            Unexpected(unexpected)
        ))
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::custom(format_args!(
            "invalid value: {}, expected {expected}",
            Unexpected(unexpected)
        ))
    }
}

struct Unexpected<'a>(de::Unexpected<'a>);

impl fmt::Display for Unexpected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            de::Unexpected::Float(value) => {
                write!(f, "floating point `{}`", crate::number::display_f64(value))
            }
            de::Unexpected::Str(text) => write!(f, "string {}", Quoted(text)),
            other => other.fmt(f),
        }
    }
}

/// One value's first token.
enum Token<'de> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    /// A string without escapes, borrowed from the text.
    Borrowed(&'de str),
    /// A string with escapes, decoded into the reader's scratch buffer.
    Scratch,
    ArrayStart,
    ObjectStart,
}

/// How deeply arrays and objects may nest (serde_json's limit too).
const MAX_DEPTH: u32 = 128;

struct Reader<'de> {
    text: &'de str,
    /// The byte offset of the next byte to read.
    pos: usize,
    /// Strings with escapes are decoded here.
    scratch: String,
    /// Arrays and objects open around `pos`.
    depth: u32,
}

impl<'de> Reader<'de> {
    fn new(text: &'de str) -> Self {
        Reader {
            text,
            pos: 0,
            scratch: String::new(),
            depth: 0,
        }
    }

    fn error(&self, message: &str) -> Error {
        Error::new(message.to_owned(), Some(self.pos))
    }

    /// Gives an error raised by a visitor the position the reader stopped at.
    fn locate(&self, mut error: Error) -> Error {
        error.0.offset.get_or_insert(self.pos);
        error
    }

    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(&byte) = self.bytes().get(self.pos) {
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(byte);
            }
            self.pos += 1;
        }
        None
    }

    fn expect(&mut self, byte: u8, message: &str) -> Result<(), Error> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn finish(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters after the value")),
        }
    }

    #[inline(never)]
    fn token(&mut self) -> Result<Token<'de>, Error> {
        let Some(byte) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        match byte {
            b'n' => self.word("null", Token::Null),
            b't' => self.word("true", Token::Bool(true)),
            b'f' => self.word("false", Token::Bool(false)),
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' => {
                self.pos += 1;
                Ok(Token::ArrayStart)
            }
            b'{' => {
                self.pos += 1;
                Ok(Token::ObjectStart)
            }
            _ => Err(self.error("expected a value")),
        }
    }

    fn word(&mut self, word: &str, token: Token<'de>) -> Result<Token<'de>, Error> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(token)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn string(&mut self) -> Result<Token<'de>, Error> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.bytes().get(self.pos) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Token::Borrowed(&self.text[start..self.pos - 1]));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err(self.error("control character in a string")),
                Some(_) => self.pos += 1,
            }
        }
        // Escapes: decode from the start of the string into the scratch buffer.
        self.scratch.clear();
        self.scratch.push_str(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            while let Some(&byte) = self.bytes().get(self.pos) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            self.scratch.push_str(&self.text[run..self.pos]);
            match self.bytes().get(self.pos) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Token::Scratch);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let decoded = self.escape()?;
                    self.scratch.push(decoded);
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(&byte) = self.bytes().get(self.pos) else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate must be followed by an escaped low one.
                    if !self.text[self.pos..].starts_with("\\u") {
                        return Err(self.error("lone surrogate in a string"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("lone surrogate in a string"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| self.error("lone surrogate in a string"))?
            }
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape in a string"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("invalid \\u escape in a string"))?;
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape in a string"))
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`: integers that fit stay integers.
    fn number(&mut self) -> Result<Token<'de>, Error> {
        let start = self.pos;
        let negative = self.bytes()[start] == b'-';
        if negative {
            self.pos += 1;
        }
        let whole = self.digits();
        let leading_zero = whole > 1 && self.bytes()[self.pos - whole] == b'0';
        if whole == 0 || leading_zero {
            return Err(self.number_error(start, "invalid number"));
        }
        let mut integer = true;
        if self.bytes().get(self.pos) == Some(&b'.') {
            self.pos += 1;
            integer = false;
            if self.digits() == 0 {
                return Err(self.number_error(start, "invalid number"));
            }
        }
        if matches!(self.bytes().get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            integer = false;
            if matches!(self.bytes().get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.number_error(start, "invalid number"));
            }
        }
        let text = &self.text[start..self.pos];
        if integer {
            if negative {
                if let Ok(value) = text.parse() {
                    return Ok(Token::Signed(value));
                }
            } else if let Ok(value) = text.parse() {
                return Ok(Token::Unsigned(value));
            }
        }
        match parse_f64(text) {
            Some(value) if value.is_finite() => Ok(Token::Float(value)),
            _ => Err(self.number_error(start, "number out of range")),
        }
    }

    /// Errors in a number point at its start.
    fn number_error(&mut self, start: usize, message: &str) -> Error {
        self.pos = start;
        self.error(message)
    }

    /// Consumes ASCII digits; how many.
    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Before each element or entry: whether one follows (`close` is left for `leave`).
    #[inline(never)]
    fn has_next(&mut self, close: u8, first: &mut bool) -> Result<bool, Error> {
        if self.peek() == Some(close) {
            return Ok(false);
        }
        if !std::mem::take(first) {
            self.expect(b',', "expected `,` or the end of the list")?;
        }
        Ok(true)
    }

    /// Skips one value of any kind, for fields nobody reads.
    #[inline(never)]
    fn skip_value(&mut self) -> Result<(), Error> {
        let close = match self.token()? {
            Token::ArrayStart => b']',
            Token::ObjectStart => b'}',
            _ => return Ok(()),
        };
        self.enter()?;
        let mut first = true;
        while self.has_next(close, &mut first)? {
            if close == b'}' {
                self.key()?;
            }
            self.skip_value()?;
        }
        self.leave(close)
    }

    /// An object's key and its colon, checked but not kept.
    fn key(&mut self) -> Result<(), Error> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string key"));
        }
        self.string()?;
        self.expect(b':', "expected `:` after a key")
    }

    /// Into an array or object: nesting is bounded, so a hostile body cannot exhaust the
    /// stack.
    fn enter(&mut self) -> Result<(), Error> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.depth += 1;
        Ok(())
    }

    /// Out of an array or object, once its visitor is done: its closing bracket.
    #[inline(never)]
    fn leave(&mut self, close: u8) -> Result<(), Error> {
        self.depth -= 1;
        self.expect(close, "more items than expected")
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            Token::Bool(value) => visitor.visit_bool(value),
            Token::Unsigned(value) => visitor.visit_u64(value),
            Token::Signed(value) => visitor.visit_i64(value),
            Token::Float(value) => visitor.visit_f64(value),
            Token::Borrowed(text) => visitor.visit_borrowed_str(text),
            Token::Scratch => visitor.visit_str(&self.scratch),
            Token::ArrayStart => {
                self.enter()?;
                let value = visitor.visit_seq(Items {
                    reader: &mut *self,
                    first: true,
                })?;
                self.leave(b']')?;
                Ok(value)
            }
            Token::ObjectStart => self.object(visitor),
        }
    }

    // A struct only from an object: serde_json reads one from an array too (fields by
    // position), which puts a second reader of every struct into the bundle, and no format
    // read here ever sends one.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.token()? {
            Token::ObjectStart => self.object(visitor),
            _ => Err(self.error("expected an object")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(b'n') {
            self.token()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Only unit variants, written as strings, are part of any format read here.
        match self.token()? {
            Token::Borrowed(text) => visitor.visit_enum(de::value::StrDeserializer::new(text)),
            Token::Scratch => {
                let text = std::mem::take(&mut self.scratch);
                visitor.visit_enum(de::value::StringDeserializer::new(text))
            }
            _ => Err(self.error("expected a string naming a variant")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier
    }
}

impl<'de> Reader<'de> {
    /// The entries of an object whose `{` was just read.
    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        let value = visitor.visit_map(Items {
            reader: &mut *self,
            first: true,
        })?;
        self.leave(b'}')?;
        Ok(value)
    }
}

/// The elements of an array or the entries of an object.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.reader.has_next(b']', &mut self.first)? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.reader.has_next(b'}', &mut self.first)? {
            return Ok(None);
        }
        if self.reader.peek() != Some(b'"') {
            return Err(self.reader.error("expected a string key"));
        }
        let key = seed.deserialize(&mut *self.reader)?;
        self.reader.expect(b':', "expected `:` after a key")?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::Value;

    fn value(text: &str) -> Result<Value, Error> {
        from_str(text)
    }

    fn failure(text: &str) -> (String, (usize, usize)) {
        let error = value(text).unwrap_err();
        (error.message().to_owned(), error.line_column(text))
    }

    #[test]
    fn strings_with_and_without_escapes_read_alike() {
        assert_eq!(value(r#""plain""#).unwrap(), "plain");
        assert_eq!(
            value(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap(),
            "a\"b\\c/d\u{8}\u{c}\n\r\té😀"
        );
        assert_eq!(value(r#""中文 ✓""#).unwrap(), "中文 ✓");
    }

    #[test]
    fn numbers_keep_their_kind() {
        let read =
            value("[0, -7, 18446744073709551615, 18446744073709551616, 55.45, -1e-3]").unwrap();
        assert!(read[0].is_u64() && read[1].is_i64() && read[2].is_u64());
        assert_eq!(read[3].as_f64(), Some(18446744073709551616.0));
        assert_eq!(read[4].as_f64(), Some(55.45));
        assert_eq!(read[5].as_f64(), Some(-0.001));
    }

    #[test]
    fn broken_texts_say_what_and_where() {
        for (text, message, at) in [
            ("", "EOF while parsing a value", (1, 1)),
            ("[1,]", "expected a value", (1, 4)),
            ("[1 2]", "expected `,` or the end of the list", (1, 4)),
            ("{\"a\" 1}", "expected `:` after a key", (1, 6)),
            ("{1:2}", "expected a string key", (1, 2)),
            ("01", "invalid number", (1, 1)),
            ("1.", "invalid number", (1, 1)),
            ("[-]", "invalid number", (1, 2)),
            ("1e400", "number out of range", (1, 1)),
            ("\"a\u{1}\"", "control character in a string", (1, 3)),
            ("\"\\x\"", "invalid escape in a string", (1, 3)),
            ("\"\\ud83d\"", "lone surrogate in a string", (1, 8)),
            ("\"open", "EOF while parsing a string", (1, 6)),
            ("tru", "expected a value", (1, 1)),
            ("{}\n x", "trailing characters after the value", (2, 2)),
        ] {
            assert_eq!(failure(text), (message.to_owned(), at), "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowing_the_stack() {
        let deep = "[".repeat(100_000);
        assert_eq!(failure(&deep).0, "nested too deeply");
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(value(&fine).is_ok());
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Pair {
        a: u8,
        #[serde(default)]
        b: Option<String>,
    }

    #[test]
    fn structs_read_from_objects_only_and_skip_unknown_fields() {
        let pair: Pair = from_str(r#"{"x":[{"y":[1,{"z":null}]}],"a":1,"b":null}"#).unwrap();
        assert_eq!(pair, Pair { a: 1, b: None });
        let error = from_str::<Pair>("[1, \"b\"]").unwrap_err();
        assert_eq!(error.message(), "expected an object");
        let error = from_str::<Pair>("{\"a\":\n 1.5}").unwrap_err();
        assert_eq!(
            error.message(),
            "invalid type: floating point `1.5`, expected u8"
        );
        assert_eq!(error.line_column("{\"a\":\n 1.5}"), (2, 5));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Numbers as close as their texts allow (both readers may differ in the last ULP
        /// for long ones), everything else equal.
        fn same(ours: &Value, theirs: &Value) -> bool {
            match (ours, theirs) {
                (Value::Number(a), Value::Number(b)) => {
                    let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
                    a == b || (a - b).abs() <= a.abs().max(b.abs()) * 1e-15
                }
                (Value::Array(a), Value::Array(b)) => {
                    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
                }
                (Value::Object(a), Value::Object(b)) => {
                    a.len() == b.len()
                        && a.iter()
                            .zip(b)
                            .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
                }
                _ => ours == theirs,
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(5_000))]

            // Texts made of JSON's own characters, mostly broken: both readers accept the
            // same ones and read the same values from them.
            #[test]
            fn reads_what_serde_json_reads(text in r#"[\[\]{}",: 0-9.eE+\-atrufnlsx\\/u]{0,24}"#) {
                let ours = value(&text);
                let theirs = serde_json::from_str::<Value>(&text);
                prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} / {:?}", text, ours, theirs);
                if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                    prop_assert!(same(&ours, &theirs), "{:?}: {} / {}", text, ours, theirs);
                }
            }

            #[test]
            fn any_string_reads_back(text in any::<String>()) {
                let written = serde_json::to_string(&text).unwrap();
                prop_assert_eq!(value(&written).unwrap(), Value::String(text));
            }
        }
    }
}
