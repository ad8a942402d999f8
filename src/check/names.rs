//! Matching the names of one quantity printed in two places: normalized as for the
//! nomenclature, a leading `Persentase` dropped, small spelling slips forgiven.

#![allow(
    clippy::indexing_slicing,
    reason = "edit-distance rows sized from the words compared; not yet rewritten to checked access"
)]

use crate::nomenclature::normalize;
use std::cell::RefCell;
use std::collections::HashMap;

/// Names reduced so far on this thread (the checks compare every name with every other).
const CACHED_KEYS: usize = 4096;

thread_local! {
    static KEYS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// A name reduced for matching.
pub fn key(name: &str) -> String {
    KEYS.with(|keys| {
        if let Some(k) = keys.borrow().get(name) {
            return k.clone();
        }
        let n = normalize(name);
        let k = n.strip_prefix("persentase ").unwrap_or(&n).to_string();
        let mut keys = keys.borrow_mut();
        if keys.len() >= CACHED_KEYS {
            keys.clear();
        }
        keys.insert(name.to_string(), k.clone());
        k
    })
}

/// Whether two keys name the same thing: equal, or a few letters apart in a long name
/// (`di fasiltasi` / `di fasilitasi`) that print the same numbers (`sasaran ke-1` and
/// `sasaran ke-2` are two things, however close their letters).
pub fn same(a: &str, b: &str) -> bool {
    let limit = (a.len().max(b.len()) / 15).max(1);
    a == b || (a.len().min(b.len()) >= 12 && numbers(a).eq(numbers(b)) && within(a, b, limit))
}

/// The runs of digits in a name, in order.
fn numbers(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
}

/// Whether the edit distance between `a` and `b` is at most `limit`.
fn within(a: &str, b: &str, limit: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit || letters_apart(&a, &b) > limit {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|&m| m > limit) {
            return false;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()] <= limit
}

/// A lower bound of the edit distance, in linear time: an edit changes the letter counts
/// by at most two (letters share 64 counters, which can only lower the bound).
fn letters_apart(a: &[char], b: &[char]) -> usize {
    let mut counts = [0i64; 64];
    for c in a {
        counts[*c as usize % 64] += 1;
    }
    for c in b {
        counts[*c as usize % 64] -= 1;
    }
    let apart: u64 = counts.iter().map(|n| n.unsigned_abs()).sum();
    (apart as usize).div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The edit distance, the plain way.
    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut row = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                row.push(
                    (prev[j] + usize::from(ca != cb))
                        .min(prev[j + 1] + 1)
                        .min(row[j] + 1),
                );
            }
            prev = row;
        }
        prev[b.len()]
    }

    proptest! {
        #[test]
        fn within_agrees_with_the_edit_distance(
            a in "[a-e é]{0,14}",
            b in "[a-e é]{0,14}",
            limit in 0usize..5,
        ) {
            let d = distance(&a, &b);
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            prop_assert!(letters_apart(&ca, &cb) <= d);
            prop_assert_eq!(within(&a, &b, limit), d <= limit);
        }
    }

    #[test]
    fn spelling_variants_match() {
        assert!(same(
            &key("Persentase pencari kerja yang di fasiltasi"),
            &key("Persentase Pencari Kerja Yang di Fasilitasi")
        ));
        assert!(same(
            &key("Tingkat Produktifitas Tenaga Kerja"),
            &key("Persentase Tingkat produktivitas tenaga kerja")
        ));
        assert!(!same(
            &key("RATA-RATA CAPAIAN SASARAN KE-1"),
            &key("RATA-RATA CAPAIAN SASARAN KE-2")
        ));
        assert!(!same(
            &key("Nilai SAKIP DISNAKER"),
            &key("Nilai IKM Internal DISNAKER")
        ));
    }
}
