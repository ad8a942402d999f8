//! An indicator's name across the rows it spans. A numbered entry (`2.2. Jumlah unit usaha
//! yang`) whose figures stand on its last line continues on the unnumbered rows below it;
//! an entry ending its name without figures (`1.1. Jumlah produksi (ton) :`) heads the
//! listed items under it (`- Daging`, `- Telur`), each named with it.

use super::{clean_name, LIST_PREFIX};

/// A name printed on rows with no figures, waiting for the row that has them.
struct Heading {
    name: String,
    numbered: bool,
}

/// The names of a table's entries: for each row (its indicator text and whether it prints
/// a figure), the name its record takes, or `None` for a row that only carries a name on.
pub fn entry_names(rows: &[(String, bool)]) -> Vec<Option<String>> {
    let mut heading: Option<Heading> = None;
    let mut out = Vec::with_capacity(rows.len());
    for (text, has_figures) in rows {
        let numbered = LIST_PREFIX.is_match(text.trim());
        let item = is_item(text);
        let own = clean_name(text);
        if !has_figures {
            heading = Some(match heading.take() {
                Some(h) if !numbered && !item => Heading {
                    name: format!("{} {own}", h.name),
                    numbered: h.numbered,
                },
                _ => Heading { name: own, numbered },
            });
            out.push(None);
            continue;
        }
        let name = match &heading {
            Some(h) if item => format!("{} {own}", h.name.trim_end_matches([':', ' '])),
            Some(h) if h.numbered && !numbered => {
                let joined = format!("{} {own}", h.name);
                heading = None;
                joined
            }
            _ => {
                heading = None;
                own
            }
        };
        out.push(Some(name));
    }
    out
}

/// Whether a name is a listed item: it starts with a bullet, or a dash and a space (a
/// dash against a word may be a word's hyphen cut from the line above).
fn is_item(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['•', '·']) || ["- ", "– "].iter().any(|d| t.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(rows: &[(&str, bool)]) -> Vec<Option<String>> {
        let rows: Vec<(String, bool)> = rows.iter().map(|(t, f)| (t.to_string(), *f)).collect();
        entry_names(&rows)
    }

    /// Disnak's Perjanjian Kinerja (a scan's text layer): items under their entry, an
    /// entry's name over three lines with its target on the last.
    #[test]
    fn items_take_their_entry_and_a_numbered_entry_its_continuation() {
        let got = names(&[
            ("1.1. Jumlah produksi yang dihasilkan (ton) :", false),
            ("- Daging", true),
            ("- Telur", true),
            ("2.1. Prosentase produk pangan asal hewan yang", false),
            ("sesuai SNI (%)", false),
            ("- Susu", true),
            ("2.2. Jumlah unit usaha yang", false),
            ("bersertifikat Sistem", false),
            ("Jaminan Mutu (unit usaha)", true),
            ("3.1. Jumlah pelaku usaha (unit)", true),
        ]);
        let named: Vec<&str> = got.iter().flatten().map(String::as_str).collect();
        assert_eq!(
            named,
            [
                "Jumlah produksi yang dihasilkan (ton) - Daging",
                "Jumlah produksi yang dihasilkan (ton) - Telur",
                "Prosentase produk pangan asal hewan yang sesuai SNI (%) - Susu",
                "Jumlah unit usaha yang bersertifikat Sistem Jaminan Mutu (unit usaha)",
                "Jumlah pelaku usaha (unit)"
            ]
        );
    }

    /// List numbers of every form leave the name: `1. `, `1) `, `1.1. `, `a. `.
    #[test]
    fn list_numbers_leave_the_name() {
        for printed in [
            "1. Nilai SAKIP",
            "9) Nilai SAKIP",
            "1.1. Nilai SAKIP",
            "a. Nilai SAKIP",
        ] {
            assert_eq!(clean_name(printed), "Nilai SAKIP");
        }
    }

    /// An unnumbered heading (a group label, `Urusan Wajib`) does not join the entry
    /// below it; an entry with its own figures stands alone.
    #[test]
    fn a_group_label_is_not_part_of_the_name_below() {
        let got = names(&[
            ("Urusan Wajib", false),
            ("Persentase lulusan", true),
            ("Nilai SAKIP", true),
        ]);
        assert_eq!(
            got,
            [
                None,
                Some("Persentase lulusan".into()),
                Some("Nilai SAKIP".into())
            ]
        );
    }
}
