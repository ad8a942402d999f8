//! Matching the names of one quantity printed in two places: normalized as for the
//! nomenclature, a leading `Persentase` dropped, small spelling slips forgiven.

#![allow(
    clippy::indexing_slicing,
    reason = "edit-distance rows sized from the words compared; not yet rewritten to checked access"
)]

use crate::nomenclature::normalize;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

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
    a == b || (a.len().min(b.len()) >= LOOSE_FROM && numbers(a).eq(numbers(b)) && within(a, b, limit))
}

/// Shortest key (in bytes) that [`same`] matches other than exactly.
const LOOSE_FROM: usize = 12;

/// The names seen so far under one key, each with the first group it joined: finds the
/// first group a name is [`same`] as without comparing it with every name seen — equal
/// names by hash, the others only among names close enough in length for `same` to hold.
#[derive(Debug, Default)]
pub struct NameIndex {
    first: HashMap<String, usize>,
    /// Names long enough to match loosely, by the numbers they print (which `same` wants
    /// equal), then by their length in characters.
    loose: HashMap<String, BTreeMap<usize, Vec<String>>>,
    /// The most bytes of a name seen (bounds how far apart in length a match may be).
    widest: usize,
}

impl NameIndex {
    /// The first group holding a name `same` as `name`.
    pub fn first_same(&self, name: &str) -> Option<usize> {
        let exact = self.first.get(name).copied();
        if name.len() < LOOSE_FROM {
            return exact;
        }
        let chars = name.chars().count();
        // `same`'s limit is at most this: a name further apart in length cannot match
        let reach = (name.len().max(self.widest) / 15).max(1);
        let Some(by_length) = self.loose.get(&signature(name)) else {
            return exact;
        };
        let loose = by_length
            .range(chars.saturating_sub(reach)..=chars + reach)
            .flat_map(|(_, names)| names)
            .filter(|m| same(m, name))
            .filter_map(|m| self.first.get(m).copied());
        exact.into_iter().chain(loose).min()
    }

    /// Records that `name` joined `group`.
    pub fn add(&mut self, name: String, group: usize) {
        if let Some(g) = self.first.get_mut(&name) {
            *g = (*g).min(group);
            return;
        }
        self.widest = self.widest.max(name.len());
        if name.len() >= LOOSE_FROM {
            let chars = name.chars().count();
            let by_length = self.loose.entry(signature(&name)).or_default();
            by_length.entry(chars).or_default().push(name.clone());
        }
        self.first.insert(name, group);
    }
}

/// The numbers a name prints, as one text (`ke-1 tahap 2` → `1 2`).
fn signature(name: &str) -> String {
    numbers(name).collect::<Vec<_>>().join(" ")
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
