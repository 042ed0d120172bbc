//! A one-line text summary of an event's body, for the timeline of a bundle
//! and of the PDF. The body is the event's own JSON; its text (untrusted when
//! it came from the feed) is only copied into a string, never interpreted.

use serde_json::Value;

/// Longest a summary gets, in characters, before it is cut with `…`.
const MAX_CHARS: usize = 300;

/// `key: value; key: value` over the body's fields, the `type` and `at` that
/// the timeline shows in columns of their own left out; attachments as their
/// names and sizes. Whitespace runs collapse to one space.
pub fn body_summary(body: &Value) -> String {
    let text = match body {
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| k.as_str() != "type" && k.as_str() != "at")
            .map(|(k, v)| {
                if k == "attachments" {
                    format!("{k}: {}", attachments(v))
                } else {
                    format!("{k}: {}", value_text(v))
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Null => String::new(),
        other => value_text(other),
    };
    clip(&collapse(&text))
}

fn attachments(v: &Value) -> String {
    match v {
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items
            .iter()
            .map(|a| {
                let name = a.get("name").and_then(Value::as_str).unwrap_or("?");
                match a.get("bytes").and_then(Value::as_u64) {
                    Some(n) => format!("\"{name}\" ({n} bytes)"),
                    None => format!("\"{name}\""),
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => value_text(other),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => {
            format!(
                "{{{}}}",
                map.iter()
                    .map(|(k, v)| format!("{k}: {}", value_text(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_CHARS {
        return s.to_string();
    }
    let mut out: String = s.chars().take(MAX_CHARS - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn summarises_fields_and_attachments() {
        // Keys in sorted order, as stored bodies are canonical JSON.
        let body = json!({"attachments": [{"bytes": 1024, "name": "../../etc/passwd", "sha256": "ab"}],
            "at": "x", "id": "E-2", "note": "Concepts\n attached.", "type": "work_submitted"});
        assert_eq!(
            body_summary(&body),
            "attachments: \"../../etc/passwd\" (1024 bytes); id: E-2; note: Concepts attached.",
            "type and at are columns of their own; whitespace collapses"
        );
    }

    #[test]
    fn long_text_is_clipped() {
        let body = json!({"text": "x".repeat(1000)});
        assert_eq!(body_summary(&body).chars().count(), MAX_CHARS);
    }
}
