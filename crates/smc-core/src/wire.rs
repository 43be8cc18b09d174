//! Serde helpers for the API's loose wire format, shared by the JSON and XML decoders: the
//! model's types name them in `#[serde(deserialize_with = ...)]` and `#[serde(with = ...)]`.
//!
//! The service and its published samples are inconsistent: numbers and booleans arrive as
//! strings (`"TotalCount":"5"`, and always in XML), fields arrive as `null` or empty, and
//! lists arrive wrapped (`{"Tags":{"Tag":[…]}}`), flat (`"Tags":[…]`), as a single object
//! (XML with one element) or not at all. These helpers accept all of that and nothing
//! nonsensical: `"abc"` for a number is still an error.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserializer, Serialize, Serializer};
use time::OffsetDateTime;

use crate::number::display_f64;

/// One scalar as it arrived, before it is read as the field's type.
enum Scalar<'de> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(Cow<'de, str>),
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number, boolean or null")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(Scalar::Int)
            .map_err(|_| E::custom(format!("{v} is too large")))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }
}

fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Scalar<'de>, D::Error> {
    deserializer.deserialize_any(ScalarVisitor)
}

/// A string field: numbers and booleans become their text, `null` becomes empty.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Null => String::new(),
        Scalar::Bool(v) => v.to_string(),
        Scalar::Int(v) => v.to_string(),
        Scalar::Float(v) => display_f64(v),
        Scalar::Text(v) => v.into_owned(),
    })
}

/// A required integer, possibly sent as a string.
pub(crate) fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    opt_i64(d)?.ok_or_else(|| de::Error::custom("expected an integer, found nothing"))
}

/// An optional integer: a number, a numeric string, or empty/`null` for none.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::Int(v) => Ok(Some(v)),
        Scalar::Float(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Ok(Some(v as i64)),
        Scalar::Text(v) if v.trim().is_empty() => Ok(None),
        Scalar::Text(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom(format!("expected an integer, found {v:?}"))),
        Scalar::Float(v) => Err(de::Error::custom(format!(
            "expected an integer, found {}",
            display_f64(v)
        ))),
        Scalar::Bool(v) => Err(de::Error::custom(format!("expected an integer, found {v}"))),
    }
}

/// An optional float: a number, a numeric string, or empty/`null` for none.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::Int(v) => Ok(Some(v as f64)),
        Scalar::Float(v) => Ok(Some(v)),
        Scalar::Text(v) if v.trim().is_empty() => Ok(None),
        // Read as JSON reads a number, by the same exact parser as numbers sent as numbers.
        Scalar::Text(v) => match serde_json::from_str::<f64>(v.trim()) {
            Ok(parsed) if parsed.is_finite() => Ok(Some(parsed)),
            _ => Err(de::Error::custom(format!("expected a number, found {v:?}"))),
        },
        Scalar::Bool(v) => Err(de::Error::custom(format!("expected a number, found {v}"))),
    }
}

/// An optional boolean: `true`/`false` as JSON or text (any case), or empty/`null`.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::Bool(v) => Ok(Some(v)),
        Scalar::Text(v) if v.trim().is_empty() => Ok(None),
        Scalar::Text(v) if v.trim().eq_ignore_ascii_case("true") => Ok(Some(true)),
        Scalar::Text(v) if v.trim().eq_ignore_ascii_case("false") => Ok(Some(false)),
        Scalar::Text(v) => Err(de::Error::custom(format!(
            "expected true or false, found {v:?}"
        ))),
        Scalar::Int(v) => Err(de::Error::custom(format!(
            "expected true or false, found {v}"
        ))),
        Scalar::Float(v) => Err(de::Error::custom(format!(
            "expected true or false, found {}",
            display_f64(v)
        ))),
    }
}

/// An optional string enumeration; empty or `null` is none.
pub(crate) fn opt_string_enum<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    let text = string(d)?;
    let text = text.trim();
    Ok((!text.is_empty()).then(|| T::from(text)))
}

/// An optional integer enumeration; empty or `null` is none.
pub(crate) fn opt_integer_enum<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<i64>,
{
    Ok(opt_i64(d)?.map(T::from))
}

/// An optional nested object; `null` or an empty string (`<Disks/>` in XML) is none.
pub(crate) fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: DeserializeOwned> Visitor<'de> for ObjectVisitor<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or nothing")
        }
        fn visit_unit<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                Err(E::invalid_type(de::Unexpected::Str(v), &self))
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }

    d.deserialize_any(ObjectVisitor(PhantomData))
}

/// An optional API time (`#[serde(with = "wire::opt_time")]`): read from ISO 8601 (empty or `null` is none), written in the
/// API's own form (`2019-06-04T13:35:00Z`). Callers skip `None` when writing.
pub(crate) mod opt_time {
    use super::*;
    use crate::time_format::{format_wire_time, parse_wire_time};

    pub(crate) fn serialize<S: Serializer>(
        time: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.serialize_str(&format_wire_time(*time)),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match scalar(d)? {
            Scalar::Null => Ok(None),
            Scalar::Text(v) if v.trim().is_empty() => Ok(None),
            Scalar::Text(v) => parse_wire_time(&v).map(Some).map_err(de::Error::custom),
            _ => Err(de::Error::custom("expected an ISO 8601 time string")),
        }
    }
}

/// A list item type and the name of the object that wraps its list on the wire:
/// `"DataDisks":{"DataDisk":[…]}` has the wrapper `DataDisk`.
pub(crate) trait WireItem: DeserializeOwned {
    const WRAPPER: &'static str;

    /// Reads an item that arrived alone: the wrapper holds one object, not a list (XML with
    /// a single child element).
    fn from_lone_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        <Self as serde::Deserialize<'de>>::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

/// Reads and writes lists in the API's wrapped form, accepting every other form too.
pub(crate) mod wrapped {
    use super::*;

    /// Writes `{"<WRAPPER>": [items…]}`, the form the service sends.
    pub(crate) fn serialize<T, S>(items: &[T], serializer: S) -> Result<S::Ok, S::Error>
    where
        T: WireItem + Serialize,
        S: Serializer,
    {
        serialize_as(T::WRAPPER, items, serializer)
    }

    /// Reads a wrapped list, a flat list, a lone object, an empty string or `null`.
    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        T: WireItem + DeserializeOwned,
        D: Deserializer<'de>,
    {
        deserialize_as(T::WRAPPER, deserializer)
    }

    /// [`serialize`] for an item type that is wrapped under another name in this place.
    pub(crate) fn serialize_as<T, S>(
        wrapper: &'static str,
        items: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        T: Serialize,
        S: Serializer,
    {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(wrapper, items)?;
        map.end()
    }

    /// [`deserialize`] for an item type that is wrapped under another name in this place.
    pub(crate) fn deserialize_as<'de, T, D>(
        wrapper: &'static str,
        deserializer: D,
    ) -> Result<Vec<T>, D::Error>
    where
        T: WireItem,
        D: Deserializer<'de>,
    {
        deserializer.deserialize_any(ListVisitor {
            wrapper,
            wrapped: true,
            item: PhantomData,
        })
    }

    struct ListVisitor<T> {
        /// The key of the wrapper object (`Tag` in `{"Tag":[…]}`).
        wrapper: &'static str,
        /// Whether a map is the wrapper object (outer level) or a lone item (inner level).
        wrapped: bool,
        item: PhantomData<T>,
    }

    impl<'de, T: WireItem> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of {} or an object wrapping one", self.wrapper)
        }
        fn visit_unit<E>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
            d.deserialize_any(self)
        }
        // An empty XML element (`<Tags/>`) reads as an empty string.
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
            if v.trim().is_empty() {
                Ok(Vec::new())
            } else {
                Err(E::invalid_type(de::Unexpected::Str(v), &self))
            }
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
            if !self.wrapped {
                return Ok(vec![T::from_lone_map(map)?]);
            }
            let mut items = Vec::new();
            while let Some(is_wrapper) = map.next_key_seed(KeyIs(self.wrapper))? {
                if is_wrapper {
                    items = map.next_value_seed(InnerList {
                        wrapper: self.wrapper,
                        item: PhantomData::<T>,
                    })?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(items)
        }
    }

    /// Compares a map key with an expected name without allocating it.
    struct KeyIs(&'static str);

    impl<'de> de::DeserializeSeed<'de> for KeyIs {
        type Value = bool;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl Visitor<'_> for KeyIs {
        type Value = bool;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a field name")
        }
        fn visit_str<E>(self, v: &str) -> Result<bool, E> {
            Ok(v == self.0)
        }
    }

    /// The value inside the wrapper: a list, a lone object, or nothing.
    struct InnerList<T> {
        wrapper: &'static str,
        item: PhantomData<T>,
    }

    impl<'de, T: WireItem> de::DeserializeSeed<'de> for InnerList<T> {
        type Value = Vec<T>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
            d.deserialize_any(ListVisitor {
                wrapper: self.wrapper,
                wrapped: false,
                item: PhantomData,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Item {
        #[serde(rename = "N", deserialize_with = "opt_i64", default)]
        n: Option<i64>,
    }
    impl WireItem for Item {
        const WRAPPER: &'static str = "Item";
    }

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Holder {
        #[serde(
            rename = "Items",
            default,
            deserialize_with = "wrapped::deserialize",
            serialize_with = "wrapped::serialize"
        )]
        items: Vec<Item>,
    }

    fn items(json: &str) -> Vec<Option<i64>> {
        serde_json::from_str::<Holder>(json)
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.n)
            .collect()
    }

    #[test]
    fn every_list_shape_reads_the_same() {
        assert_eq!(
            items(r#"{"Items":{"Item":[{"N":1},{"N":"2"}]}}"#),
            [Some(1), Some(2)]
        );
        assert_eq!(items(r#"{"Items":[{"N":1},{"N":2}]}"#), [Some(1), Some(2)]);
        assert_eq!(items(r#"{"Items":{"Item":{"N":7}}}"#), [Some(7)]);
        assert!(items(r#"{"Items":{"Item":null}}"#).is_empty());
        assert!(items(r#"{"Items":{}}"#).is_empty());
        assert!(items(r#"{"Items":null}"#).is_empty());
        assert!(items(r#"{"Items":""}"#).is_empty());
        assert!(items(r#"{}"#).is_empty());
    }

    #[test]
    fn lists_are_written_wrapped() {
        let holder = Holder {
            items: vec![Item { n: Some(3) }],
        };
        assert_eq!(
            serde_json::to_string(&holder).unwrap(),
            r#"{"Items":{"Item":[{"N":3}]}}"#
        );
    }

    #[test]
    fn numbers_as_strings_are_accepted_but_words_are_not() {
        assert_eq!(
            items(r#"{"Items":[{"N":" 42 "},{"N":""},{"N":4.0}]}"#),
            [Some(42), None, Some(4)]
        );
        let error = serde_json::from_str::<Holder>(r#"{"Items":[{"N":"many"}]}"#).unwrap_err();
        assert!(error.to_string().contains("expected an integer"), "{error}");
    }
}
