//! Canonical names for joining across regencies: the same indicator or program gets the
//! same key whoever wrote it — case, spacing, markup, spelling variants (Presentase,
//! Produktifitas, Industri), abbreviations (DISNAKER) and words a PDF converter split
//! (`TAR GET`, `KETENAGAKERJAA N`) made one.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// Words a converter may split, beyond those of the national nomenclature.
const DOMAIN_WORDS: &str = "target realisasi capaian anggaran persentase indikator kinerja \
    sasaran strategis program kegiatan ketenagakerjaan ketenagakerjaan transmigrasi \
    transmigran inspektorat kabupaten penduduk pengangguran produktivitas perusahaan \
    penempatan perselisihan arbitrasi bersertifikat kompetensi pelatihan akuntabilitas \
    perencanaan penganggaran";

/// Words a converter may split (`KETENAGAKERJAA N`) that are rejoined (looked up, never
/// listed: hashed with FxHash, several times for every word of every name).
static VOCABULARY: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    crate::nomenclature::entries()
        .flat_map(|e| raw_words(&e.name))
        .chain(DOMAIN_WORDS.split_whitespace().map(str::to_string))
        .filter(|w| w.len() > 3)
        .collect()
});

/// The key a name is joined on: lower-case words with one spelling per word.
///
/// `"Presentase  Tenaga Kerja yang <u>Ditempatkan</u>"` and `"Persentase tenaga kerja
/// yang ditempatkan"` give the same key.
pub fn key(name: &str) -> String {
    words(name).join(" ")
}

/// The canonical name shown for a key: each word capitalised, connectives in lower case.
pub fn display(key: &str) -> String {
    key.split(' ')
        .enumerate()
        .map(|(i, w)| match i > 0 && crate::parsers::CONNECTIVES.contains(&w) {
            true => w.to_string(),
            false => crate::metadata::title_case(w),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a name, normalised: markup dropped, lower case, split words rejoined,
/// spelling variants and abbreviations made one.
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in rejoin_splits(raw_words(name)) {
        match w.as_str() {
            "presentase" | "prosentase" => out.push("persentase".to_string()),
            "produktifitas" => out.push("produktivitas".to_string()),
            "industri" => out.push("industrial".to_string()),
            "disnaker" => out.extend(["dinas", "tenaga", "kerja"].map(String::from)),
            _ => out.push(w),
        }
    }
    out
}

/// Lower-case alphanumeric words, markup (HTML tags, `**`) and punctuation dropped.
fn raw_words(name: &str) -> Vec<String> {
    let text: String = crate::parsers::strip_markup(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    text.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether a word is one the nomenclature or the domain uses (a word, not a slip).
pub fn is_known_word(word: &str) -> bool {
    VOCABULARY.contains(word)
}

/// Joins two neighbouring pieces that make a known word when they are not both words
/// already (`tar get` → `target`, `ketenagakerjaa n` → `ketenagakerjaan`).
fn rejoin_splits(words: Vec<String>) -> Vec<String> {
    let known = |w: &str| VOCABULARY.contains(w);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut joined = String::new();
    for w in words {
        // two pieces that are both words stay apart; others join when the joint is a word
        let joins = out.last().is_some_and(|last| {
            if known(last) && known(&w) {
                return false;
            }
            joined.clear();
            joined.push_str(last);
            joined.push_str(&w);
            known(&joined)
        });
        match out.last_mut() {
            Some(last) if joins => last.push_str(&w),
            _ => out.push(w),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_case_markup_and_abbreviations_share_one_key() {
        assert_eq!(
            key("Presentase Tenaga Kerja Yang Ditempatkan"),
            key("**Persentase  tenaga kerja yang <u>ditempatkan</u>**")
        );
        assert_eq!(
            key("Tingkat Produktifitas Tenaga Kerja"),
            "tingkat produktivitas tenaga kerja"
        );
        assert_eq!(key("Nilai SAKIP DISNAKER"), key("Nilai Sakip Dinas Tenaga Kerja"));
        assert_eq!(key("PROGRAM HUBUNGAN INDUSTRI"), "program hubungan industrial");
    }

    #[test]
    fn converter_splits_are_rejoined_but_real_word_pairs_stay() {
        assert_eq!(key("TAR GET (%)"), "target");
        assert_eq!(key("KETENAGAKERJAA N"), "ketenagakerjaan");
        assert_eq!(key("Penilaian dari INSPEKTORA T"), "penilaian dari inspektorat");
        assert_eq!(key("tenaga kerja"), "tenaga kerja");
    }

    #[test]
    fn the_display_name_capitalises_all_but_connectives() {
        assert_eq!(
            display(&key("persentase penduduk YANG bekerja")),
            "Persentase Penduduk yang Bekerja"
        );
        assert_eq!(display(""), "");
    }
}
