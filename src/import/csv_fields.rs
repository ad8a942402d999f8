//! A flat row's fields as CSV cells, straight from the row struct: what
//! `serde_json::to_value` and [`csv_cell`](super::output::csv_cell) would give, without
//! building the JSON value of every row (a nested field still goes through it, so its
//! JSON is printed the same).

use serde::ser::{self, Impossible, Serialize, Serializer};

/// Why a value is not one CSV cell by itself (a nested value: its JSON is the cell), or
/// a row is not a struct or map.
#[derive(Debug)]
pub struct NotFlat(String);

impl std::fmt::Display for NotFlat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotFlat {}

impl ser::Error for NotFlat {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        NotFlat(msg.to_string())
    }
}

/// The fields of `row` (a struct, flattened parts included) in order, each with its CSV
/// cell; a field printed as null is absent, as in its JSON.
pub fn fields<T: Serialize>(row: &T) -> Result<Vec<(String, String)>, serde_json::Error> {
    let mut out = Fields::default();
    row.serialize(&mut out)
        .map_err(|e| <serde_json::Error as ser::Error>::custom(e.0))?;
    Ok(out.fields)
}

/// One value as its CSV cell: text as it is, a number or boolean as JSON prints it, a
/// nested value as its JSON; `None` for null.
fn cell<T: Serialize + ?Sized>(value: &T) -> Result<Option<String>, NotFlat> {
    match value.serialize(Cell) {
        Ok(text) => Ok(text),
        Err(_) => match serde_json::to_value(value).map_err(|e| NotFlat(e.to_string()))? {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(s) => Ok(Some(s)),
            other => Ok(Some(other.to_string())),
        },
    }
}

/// Serializer methods that refuse a value of the given types, with `$why`'s error.
macro_rules! refuse {
    ($ok:ty, $why:ident, $($method:ident($t:ty)),* $(,)?) => {
        $(fn $method(self, _: $t) -> Result<$ok, NotFlat> {
            $why()
        })*
    };
}

/// The Serializer methods both serializers here refuse: bytes, `f32` (left to its JSON
/// value) and every compound but a struct or map.
macro_rules! refuse_nested {
    ($ok:ty, $why:ident) => {
        refuse!($ok, $why, serialize_bytes(&[u8]), serialize_f32(f32));
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, NotFlat> {
            $why()
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotFlat> {
            $why()
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotFlat> {
            $why()
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, NotFlat> {
            $why()
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, NotFlat> {
            $why()
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, NotFlat> {
            $why()
        }
    };
}

/// Collects a row's fields.
#[derive(Default)]
struct Fields {
    fields: Vec<(String, String)>,
    key: Option<String>,
}

impl Fields {
    fn push<T: Serialize + ?Sized>(&mut self, name: String, value: &T) -> Result<(), NotFlat> {
        if let Some(text) = cell(value)? {
            self.fields.push((name, text));
        }
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Fields {
    type Ok = ();
    type Error = NotFlat;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        self.push(key.to_string(), value)
    }

    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

impl ser::SerializeMap for &mut Fields {
    type Ok = ();
    type Error = NotFlat;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotFlat> {
        self.key = cell(key)?;
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotFlat> {
        let key = self
            .key
            .take()
            .ok_or_else(|| NotFlat("a map value with no key".into()))?;
        self.push(key, value)
    }

    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

/// Says that a row is not a struct or map.
fn not_a_row<T>() -> Result<T, NotFlat> {
    Err(NotFlat("a row must be a struct or a map".into()))
}

impl Serializer for &mut Fields {
    type Ok = ();
    type Error = NotFlat;
    type SerializeSeq = Impossible<(), NotFlat>;
    type SerializeTuple = Impossible<(), NotFlat>;
    type SerializeTupleStruct = Impossible<(), NotFlat>;
    type SerializeTupleVariant = Impossible<(), NotFlat>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), NotFlat>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotFlat> {
        Ok(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self, NotFlat> {
        Ok(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        value.serialize(self)
    }

    refuse!(
        (),
        not_a_row,
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str)
    );
    refuse_nested!((), not_a_row);

    fn serialize_none(self) -> Result<(), NotFlat> {
        not_a_row()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), NotFlat> {
        not_a_row()
    }
    fn serialize_unit(self) -> Result<(), NotFlat> {
        not_a_row()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotFlat> {
        not_a_row()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), NotFlat> {
        not_a_row()
    }
}

/// One scalar value as its cell; anything nested is refused (and printed as its JSON).
struct Cell;

/// Says that a value is nested.
fn nested<T>() -> Result<T, NotFlat> {
    Err(NotFlat("nested".into()))
}

impl Serializer for Cell {
    type Ok = Option<String>;
    type Error = NotFlat;
    type SerializeSeq = Impossible<Option<String>, NotFlat>;
    type SerializeTuple = Impossible<Option<String>, NotFlat>;
    type SerializeTupleStruct = Impossible<Option<String>, NotFlat>;
    type SerializeTupleVariant = Impossible<Option<String>, NotFlat>;
    type SerializeMap = Impossible<Option<String>, NotFlat>;
    type SerializeStruct = Impossible<Option<String>, NotFlat>;
    type SerializeStructVariant = Impossible<Option<String>, NotFlat>;

    refuse_nested!(Option<String>, nested);

    fn serialize_bool(self, v: bool) -> Result<Option<String>, NotFlat> {
        Ok(Some(v.to_string()))
    }
    fn serialize_i8(self, v: i8) -> Result<Option<String>, NotFlat> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Option<String>, NotFlat> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Option<String>, NotFlat> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Option<String>, NotFlat> {
        Ok(Some(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Result<Option<String>, NotFlat> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Option<String>, NotFlat> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Option<String>, NotFlat> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Option<String>, NotFlat> {
        Ok(Some(v.to_string()))
    }
    fn serialize_f64(self, v: f64) -> Result<Option<String>, NotFlat> {
        // as a JSON value prints it; a value JSON cannot hold is its null
        match v.is_finite() {
            true => serde_json::to_string(&v)
                .map(Some)
                .map_err(|e| NotFlat(e.to_string())),
            false => Ok(None),
        }
    }
    fn serialize_char(self, v: char) -> Result<Option<String>, NotFlat> {
        Ok(Some(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Option<String>, NotFlat> {
        Ok(Some(v.to_string()))
    }
    fn serialize_none(self) -> Result<Option<String>, NotFlat> {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Option<String>, NotFlat> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Option<String>, NotFlat> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Option<String>, NotFlat> {
        Ok(None)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Option<String>, NotFlat> {
        Ok(Some(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Option<String>, NotFlat> {
        value.serialize(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotFlat> {
        nested()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotFlat> {
        nested()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Keys {
        id: String,
        year: Option<u16>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Stage {
        Realisasi,
    }

    #[derive(Serialize)]
    struct Row {
        #[serde(flatten)]
        keys: std::sync::Arc<Keys>,
        line: usize,
        note: Option<String>,
        stage: Stage,
        share: f64,
        nan: f64,
        ok: bool,
        places: Vec<(u32, &'static str)>,
        nested: Keys,
    }

    /// What the CSV printed through a JSON value gives, field by field.
    fn through_json<T: Serialize>(row: &T) -> Vec<(String, String)> {
        let serde_json::Value::Object(map) = serde_json::to_value(row).unwrap() else {
            panic!("not an object")
        };
        let mut out = Vec::new();
        for (k, v) in map {
            if !v.is_null() {
                out.push((k, super::super::output::csv_cell(&v)));
            }
        }
        out
    }

    #[test]
    fn fields_print_as_their_json_value_does() {
        let row = Row {
            keys: std::sync::Arc::new(Keys {
                id: "r1, \"x\"".into(),
                year: None,
            }),
            line: 12,
            note: Some("satu".into()),
            stage: Stage::Realisasi,
            share: 0.1 + 0.2,
            nan: f64::NAN,
            ok: true,
            places: vec![(3, "a"), (4, "b")],
            nested: Keys {
                id: "n".into(),
                year: Some(2023),
            },
        };
        let mut direct = fields(&row).unwrap();
        assert_eq!(
            direct
                .iter()
                .find(|(k, _)| k == "places")
                .map(|(_, v)| v.as_str()),
            Some("[[3,\"a\"],[4,\"b\"]]")
        );
        assert_eq!(
            direct.iter().find(|(k, _)| k == "share").map(|(_, v)| v.as_str()),
            Some("0.30000000000000004")
        );
        // the JSON value's fields come sorted by name; the direct ones in struct order
        direct.sort();
        assert_eq!(direct, through_json(&row));
    }
}
