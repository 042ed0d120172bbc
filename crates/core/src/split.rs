//! Exact splits by largest remainder: the parts always sum to the whole.

use crate::money::Money;

/// Splits `total` in proportion to `weights`, to the minor unit. Each part
/// first gets its floor; the leftover minor units then go one each to the parts
/// with the largest remainders, ties going to the earlier part (so equal
/// weights hand leftover cents out in the order the parts are listed, as the
/// policies require).
///
/// Returns an empty vector when `weights` is empty or sums to zero.
pub fn split(total: Money, weights: &[u64]) -> Vec<Money> {
    let sum: u128 = weights.iter().map(|w| *w as u128).sum();
    if sum == 0 {
        return Vec::new();
    }
    let currency = total.currency();
    let whole = total.to_minor() as u128;
    let mut parts: Vec<u128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let product = whole * (*w as u128);
        parts.push(product / sum);
        remainders.push((product % sum, i));
    }
    let given: u128 = parts.iter().sum();
    let mut leftover = whole - given;
    // Largest remainder first; equal remainders keep their listed order.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if leftover == 0 {
            break;
        }
        parts[i] += 1;
        leftover -= 1;
    }
    parts
        .into_iter()
        .map(|p| currency.from_minor(p as i64))
        .collect()
}

/// `n` equal parts of `total`, leftover minor units to the first parts.
pub fn split_equal(total: Money, n: usize) -> Vec<Money> {
    split(total, &vec![1; n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn usd(s: &str) -> Money {
        Currency::USD.parse(s).unwrap()
    }

    #[test]
    fn thirds_give_leftover_cents_in_listed_order() {
        let parts = split_equal(usd("100.00"), 3);
        assert_eq!(parts, vec![usd("33.34"), usd("33.33"), usd("33.33")]);
        let parts = split_equal(usd("0.02"), 3);
        assert_eq!(parts, vec![usd("0.01"), usd("0.01"), usd("0.00")]);
    }

    #[test]
    fn policy_fees_split_evenly() {
        assert_eq!(
            split_equal(usd("675.00"), 2),
            vec![usd("337.50"), usd("337.50")]
        );
        assert_eq!(split_equal(usd("873.00"), 3), vec![usd("291.00"); 3]);
        assert_eq!(split_equal(usd("675.00"), 3), vec![usd("225.00"); 3]);
        assert_eq!(split_equal(usd("1950.00"), 3), vec![usd("650.00"); 3]);
    }

    #[test]
    fn proportional_split_uses_largest_remainder() {
        // 10.00 in 1:1:1:3 → 1.666.., 1.666.., 1.666.., 5.00 → floors 1.66 ×3, 5.00; two cents left.
        let parts = split(usd("10.00"), &[1, 1, 1, 3]);
        assert_eq!(
            parts,
            vec![usd("1.67"), usd("1.67"), usd("1.66"), usd("5.00")]
        );
    }

    #[test]
    fn zero_weights_give_nothing() {
        assert!(split(usd("1.00"), &[]).is_empty());
        assert!(split(usd("1.00"), &[0, 0]).is_empty());
    }
}
