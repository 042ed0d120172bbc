//! How many contracts a feed holds, counted without parsing it: for a
//! progress bar's total while the feed is still being read.

/// The number of objects directly inside an array directly inside the
/// document's top-level object: in an `accord.feed/1` document, the
/// contracts (its only top-level array). A scan of the bytes that follows
/// strings and nesting and nothing else; on a malformed document the count
/// means nothing (the parser refuses the document anyway).
pub fn count_contracts(bytes: &[u8]) -> usize {
    // Nesting: b'{' or b'[' per open container, up to the depth that matters.
    let mut stack: Vec<u8> = Vec::with_capacity(8);
    let mut depth = 0usize;
    let mut count = 0;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                if depth == 2 && b == b'{' && stack == [b'{', b'['] {
                    count += 1;
                }
                if depth < 3 {
                    stack.push(b);
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth < 3 {
                    stack.truncate(depth);
                }
            }
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::count_contracts;

    #[test]
    fn counts_the_contracts_not_what_is_inside_them() {
        let feed = br#"{"format":"accord.feed/1","generated_at":"2026-01-01T00:00:00Z",
            "contracts":[{"id":"C-1","milestones":[{"id":"M-1"}],"events":[{"t":"{[\"}"}]},
            {"id":"C-2 } ] {","events":[]},{}]}"#;
        assert_eq!(count_contracts(feed), 3);
        assert_eq!(
            count_contracts(br#"{"contracts":[],"format":"x","generated_at":"y"}"#),
            0
        );
        assert_eq!(
            count_contracts(include_bytes!("../../tests/feed_fixtures/small-feed.json")),
            3
        );
    }
}
