//! Parents by outline numbering. A budget table numbered `I`, `II` over `A`, `B` over `1`,
//! `2` (belanja over programs over kegiatan) holds one level per kind of number, in the
//! outline's usual order (roman numerals, capitals, digits, small letters); a line's
//! parent is the nearest line above it of a higher level, and an unnumbered line after
//! numbered ones is of their level.

/// A kind of outline number, highest level first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Roman,
    Letter,
    Digit,
    Small,
}

/// The parent (an index into `codes`) of each line, when the lines' codes are outline
/// numbers of two kinds or more; `None` when they are not (dotted codes, one kind, words).
/// `total` marks lines that keep the parent they have (an unnumbered total row).
pub fn outline_parents(codes: &[Option<&str>], total: &[bool]) -> Option<Vec<Option<usize>>> {
    let kinds = outline_kinds(codes)?;
    let mut used: Vec<Kind> = kinds.iter().flatten().copied().collect();
    used.sort_unstable();
    used.dedup();
    if used.len() < 2 {
        return None;
    }
    let rank_of = |k: Kind| Some(k as usize);
    let mut ranks: Vec<Option<usize>> = Vec::with_capacity(codes.len());
    let mut last: Option<usize> = None;
    for (kind, is_total) in kinds.iter().zip(total) {
        let rank = match (kind, is_total) {
            (Some(k), _) => rank_of(*k),
            (None, false) => last,
            (None, true) => None,
        };
        if kind.is_some() {
            last = rank;
        }
        ranks.push(rank);
    }
    let parents = ranks
        .iter()
        .enumerate()
        .map(|(i, rank)| {
            let rank = (*rank)?;
            ranks
                .iter()
                .take(i)
                .rposition(|above| above.is_some_and(|a| a < rank))
        })
        .collect();
    Some(parents)
}

/// The kind of each line's code, `None` for a line without one; `None` overall when a code
/// is not an outline number.
fn outline_kinds(codes: &[Option<&str>]) -> Option<Vec<Option<Kind>>> {
    let mut last_letter: Option<char> = None;
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        let Some(code) = code.map(|c| c.trim().trim_end_matches(['.', ')'])) else {
            out.push(None);
            continue;
        };
        let kind = kind_of(code, last_letter)?;
        if kind == Kind::Letter {
            last_letter = code.chars().next();
        }
        out.push(Some(kind));
    }
    Some(out)
}

/// The kind of one outline number: a single capital is a letter when it follows the
/// letter before it (`C` after `B`) or starts the letters (`A`), else a roman numeral if it
/// reads as one (`I` first, `V`).
fn kind_of(code: &str, last_letter: Option<char>) -> Option<Kind> {
    let mut chars = code.chars();
    let first = chars.next()?;
    let single = chars.next().is_none();
    let roman = code.chars().all(|c| "IVXLCDM".contains(c));
    if code.chars().all(|c| c.is_ascii_digit()) {
        return Some(Kind::Digit);
    }
    if single && first.is_ascii_lowercase() {
        return Some(Kind::Small);
    }
    if single && first.is_ascii_uppercase() {
        let follows = first == 'A' || last_letter.and_then(|l| char::from_u32(l as u32 + 1)) == Some(first);
        return Some(if follows || !roman {
            Kind::Letter
        } else {
            Kind::Roman
        });
    }
    roman.then_some(Kind::Roman)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BP3AKB's budget table: `I`/`II` belanja over `A`, `B` programs over `1`, `2`
    /// kegiatan, and unnumbered kegiatan after numbered ones; `C` and `D` are letters, not
    /// roman numerals, after `B`.
    #[test]
    fn each_kind_of_number_is_a_level() {
        let codes = [
            Some("I."),
            Some("1"),
            Some("II."),
            Some("A"),
            Some("1"),
            Some("B"),
            Some("C"),
            Some("1"),
            Some("2"),
            None,
            Some("D"),
            None,
        ];
        let mut total = [false; 12];
        total[11] = true;
        let parents = outline_parents(&codes, &total).expect("an outline");
        assert_eq!(
            parents,
            [
                None,
                Some(0),
                None,
                Some(2),
                Some(3),
                Some(2),
                Some(2),
                Some(6),
                Some(6),
                Some(6),
                Some(2),
                None
            ]
        );
    }

    /// Dotted codes and a single kind of number are not an outline to read this way.
    #[test]
    fn dotted_codes_or_one_kind_are_no_outline() {
        assert_eq!(outline_parents(&[Some("1"), Some("1.1")], &[false; 2]), None);
        assert_eq!(outline_parents(&[Some("1"), Some("2")], &[false; 2]), None);
    }
}
