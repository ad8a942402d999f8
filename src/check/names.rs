//! Matching the names of one quantity printed in two places: normalized as for the
//! nomenclature, a leading `Persentase` dropped, small spelling slips forgiven.

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
/// (`di fasiltasi` / `di fasilitasi`).
pub fn same(a: &str, b: &str) -> bool {
    let limit = (a.len().max(b.len()) / 15).max(1);
    a == b || (a.len().min(b.len()) >= 12 && within(a, b, limit))
}

/// Whether the edit distance between `a` and `b` is at most `limit`.
fn within(a: &str, b: &str, limit: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|&m| m > limit) {
            return false;
        }
        prev = row;
    }
    prev[b.len()] <= limit
}

#[cfg(test)]
mod tests {
    use super::*;

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
            &key("Nilai SAKIP DISNAKER"),
            &key("Nilai IKM Internal DISNAKER")
        ));
    }
}
