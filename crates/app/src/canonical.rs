//! Canonical JSON: object keys sorted, no insignificant white space. The audit
//! chain hashes this form, so it must not depend on how serde_json's map is
//! built (another crate enabling `preserve_order` must not change a hash).

use serde_json::Value;

pub fn to_string(v: &Value) -> String {
    let mut out = Vec::with_capacity(256);
    write(v, &mut out);
    String::from_utf8(out).expect("JSON text is UTF-8")
}

/// Strings and scalars are written by serde_json itself (its escaping, its
/// numbers), straight into the buffer; only the key order is ours.
fn write(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, k.as_str()).expect("strings serialize");
                out.push(b':');
                write(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(item, out);
            }
            out.push(b']');
        }
        scalar => serde_json::to_writer(&mut *out, scalar).expect("scalars serialize"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sorted_at_every_depth() {
        let v: Value =
            serde_json::from_str(r#"{"b":1,"a":{"d":[{"z":1,"y":2}],"c":"x"}}"#).unwrap();
        assert_eq!(
            to_string(&v),
            r#"{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}"#
        );
    }

    /// The form before it wrote straight into a buffer: same text, byte for byte.
    fn reference(v: &Value) -> String {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let parts: Vec<String> = keys
                    .into_iter()
                    .map(|k| format!("{}:{}", Value::String(k.clone()), reference(&map[k])))
                    .collect();
                format!("{{{}}}", parts.join(","))
            }
            Value::Array(items) => format!(
                "[{}]",
                items.iter().map(reference).collect::<Vec<_>>().join(",")
            ),
            scalar => scalar.to_string(),
        }
    }

    #[test]
    fn escapes_numbers_and_unicode_as_before() {
        let v: Value = serde_json::from_str(
            r#"{"z":"a\"b\\c\n\t\u0001\u001f\u007f/","é":"Zoë Łukasz Договор 🙂","n":[0,-1,1.5,1e300,12345678901234567890,null,true,false],
               "nested":{"B":{},"a":[],"Ä":[{"y":"","x":"\r\f\b"}]},"":0}"#,
        )
        .unwrap();
        assert_eq!(to_string(&v), reference(&v));
        assert!(
            to_string(&v).starts_with(r#"{"":0,"n":[0,-1,1.5,"#),
            "{}",
            to_string(&v)
        );
    }
}
