//! Indicator concepts: the indicators reports of many agencies and regencies share (Nilai
//! SAKIP, IKM, TPT …), each with an id researchers join on, matched from the printed name
//! whatever its spelling, word order, acronyms or `Persentase` family. The catalogue is
//! `data/indicator-concepts.tsv`; an alias file adds a region's own names.

use crate::canonical;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

const CATALOGUE: &str = include_str!("../data/indicator-concepts.tsv");

/// Words that join, not name: they may stand anywhere in a name.
const CONNECTIVES: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "pada", "dalam", "untuk", "serta", "terhadap", "oleh", "telah",
    "sudah", "atau", "dengan", "melalui",
];

/// The `Persentase` family and other words for the unit a share is given in.
const SHARE_WORDS: &[&str] = &[
    "persentase",
    "presentase",
    "prosentase",
    "prosentasi",
    "persentasi",
    "persentas",
    "persen",
    "proporsi",
    "rasio",
];

/// Words that say how a concept is measured, not which it is.
const MEASURE_WORDS: &[&str] = &[
    "tingkat", "nilai", "skor", "hasil", "angka", "predikat", "capaian", "rata", "indeks", "indek",
    "cakupan", "level",
];

/// Words of the administration a name may be reported for.
const ADMINISTRATION: &[&str] = &[
    "pemerintah",
    "pemerintahan",
    "daerah",
    "perangkat",
    "opd",
    "skpd",
    "instansi",
    "ri",
    "provinsi",
    "prov",
    "kabupaten",
    "kab",
    "kota",
    "pemprov",
    "pemkab",
    "pemkot",
];

/// Words after which the rest of a name is an agency's or a place's name (`Nilai SAKIP
/// Dinas Tenaga Kerja`, `… Pemprov Jawa Barat`).
const NAME_STARTERS: &[&str] = &[
    "dinas",
    "badan",
    "biro",
    "kantor",
    "sekretariat",
    "bagian",
    "provinsi",
    "kabupaten",
    "kota",
    "kab",
    "pemprov",
    "pemkab",
    "pemkot",
];

/// The built-in catalogue.
static BUILTIN: LazyLock<Concepts> = LazyLock::new(|| {
    Concepts::parse(CATALOGUE).unwrap_or_else(|_| Concepts {
        concepts: Vec::new(),
        aliases: Vec::new(),
    })
});

/// Why a catalogue or alias file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ConceptsError {
    /// The file cannot be read.
    #[error("{path}: cannot read the alias file: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// A line does not have the columns it needs.
    #[error("{path}:{line}: {reason}")]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

/// Whether more or less of an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// A higher value is better.
    Higher,
    /// A lower value is better (unemployment, poverty).
    Lower,
}

/// One concept of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// Its id: `nilai-sakip`.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// Whether more is better (unknown for a concept of an alias file).
    pub polarity: Option<Polarity>,
    /// The unit it is usually given in.
    pub unit: String,
    /// The word groups that name it.
    names: Vec<Vec<String>>,
    /// Every word of those groups.
    vocabulary: HashSet<String>,
}

/// The catalogue of concepts, with a region's aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct Concepts {
    concepts: Vec<Concept>,
    /// The names a user gave a concept id, tried first, matched as the catalogue's are.
    aliases: Vec<Concept>,
}

impl Concepts {
    /// The catalogue shipped with lkjip.
    pub fn builtin() -> &'static Concepts {
        &BUILTIN
    }

    /// The catalogue with the aliases of a file: lines `concept-id<TAB>printed name`, `#`
    /// for comments; an id the catalogue lacks is a concept of the user's own.
    pub fn with_aliases(path: &Path) -> Result<Concepts, ConceptsError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConceptsError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut out = Concepts::builtin().clone();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let bad = |reason: &str| ConceptsError::Line {
                path: path.to_path_buf(),
                line: n + 1,
                reason: reason.to_string(),
            };
            let (id, name) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected `concept-id<TAB>printed name`"))?;
            let (id, words) = (id.trim(), significant(name));
            if id.is_empty() || words.is_empty() {
                return Err(bad("an alias needs a concept id and a name"));
            }
            match out.aliases.iter_mut().find(|c| c.id == id) {
                Some(concept) => concept.add(words),
                None => out.aliases.push(Concept::named(id, name, words)),
            }
        }
        Ok(out)
    }

    fn parse(text: &str) -> Result<Concepts, String> {
        let rows = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1);
        let concepts = rows.map(parse_concept).collect::<Result<Vec<_>, _>>()?;
        Ok(Concepts {
            concepts,
            aliases: Vec::new(),
        })
    }

    /// The concept id of a printed indicator name, when one concept names it; `context` is
    /// the agency and regency it is reported for (their words may stand beside it).
    pub fn concept_of(&self, name: &str, context: &[&str]) -> Option<String> {
        let words = significant(name);
        if words.is_empty() {
            return None;
        }
        let context: HashSet<String> = context.iter().flat_map(|c| canonical::words(c)).collect();
        best_of(&self.aliases, &words, &context).or_else(|| best_of(&self.concepts, &words, &context))
    }

    /// A concept by id.
    pub fn get(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }
}

/// The one concept of `concepts` whose largest matching word group is largest (none on a
/// tie between two concepts).
fn best_of(concepts: &[Concept], words: &[String], context: &HashSet<String>) -> Option<String> {
    let mut best: Option<(usize, &Concept)> = None;
    let mut tied = false;
    for concept in concepts {
        let Some(size) = concept.matches(words, context) else {
            continue;
        };
        match best {
            Some((b, c)) if b == size && c.id != concept.id => tied = true,
            Some((b, _)) if b >= size => {}
            _ => (best, tied) = (Some((size, concept)), false),
        }
    }
    best.filter(|_| !tied).map(|(_, c)| c.id.clone())
}

impl Concept {
    /// A concept of the user's: named as printed, of unknown polarity and unit.
    fn named(id: &str, name: &str, words: Vec<String>) -> Concept {
        let mut concept = Concept {
            id: id.to_string(),
            name: name.trim().to_string(),
            polarity: None,
            unit: String::new(),
            names: Vec::new(),
            vocabulary: HashSet::new(),
        };
        concept.add(words);
        concept
    }

    /// One more word group that names it.
    fn add(&mut self, words: Vec<String>) {
        self.vocabulary.extend(words.iter().cloned());
        self.names.push(words);
    }

    /// The size of the largest word group of this concept the name holds, when its other
    /// words are all the concept's own or the `context`'s (the agency and place).
    fn matches(&self, words: &[String], context: &HashSet<String>) -> Option<usize> {
        // `alike` against every word of the vocabulary, the exact word looked up first and
        // the slips searched for only where a printed word may be one
        let slip = |w: &String| may_slip(w) && self.vocabulary.iter().any(|v| long(v) && one_edit(v, w));
        let own = |w: &String| context.contains(w) || self.vocabulary.contains(w) || slip(w);
        if !words.iter().all(own) {
            return None;
        }
        self.names
            .iter()
            .filter(|group| group.iter().all(|g| words.iter().any(|w| alike(g, w))))
            .map(Vec::len)
            .max()
    }
}

fn parse_concept(line: &str) -> Result<Concept, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [id, name, polarity, unit, names] = cells[..] else {
        return Err(format!("a concept needs 5 columns: {line}"));
    };
    let polarity = match polarity {
        "higher" => Some(Polarity::Higher),
        "lower" => Some(Polarity::Lower),
        other => return Err(format!("polarity is higher or lower, not {other}")),
    };
    let names: Vec<Vec<String>> = names
        .split(';')
        .map(significant)
        .filter(|g| !g.is_empty())
        .collect();
    let vocabulary = names.iter().flatten().cloned().collect();
    Ok(Concept {
        id: id.to_string(),
        name: name.to_string(),
        polarity,
        unit: unit.to_string(),
        names,
        vocabulary,
    })
}

/// The words of a name that say which concept it is: canonical words, less connectives,
/// share and measure words, administration words, and the agency and place names after
/// their starter word.
fn significant(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in canonical::words(name) {
        if NAME_STARTERS.contains(&w.as_str()) {
            break;
        }
        let ignored = [CONNECTIVES, SHARE_WORDS, MEASURE_WORDS, ADMINISTRATION]
            .iter()
            .any(|set| set.contains(&w.as_str()))
            || w.chars().all(|c| c.is_ascii_digit());
        if !ignored && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Whether a printed word is a word of the catalogue, a slip of one letter aside in words
/// of five letters or more (`fasiltasi` / `fasilitasi`, `pengusahan` / `pengusaha`) that
/// are no known words themselves (`penganggaran` is not `pengangguran`).
fn alike(word: &str, printed: &str) -> bool {
    word == printed || (long(word) && may_slip(printed) && one_edit(word, printed))
}

/// Whether a word is long enough to be told from another by a one-letter slip.
fn long(word: &str) -> bool {
    word.chars().count() >= 5
}

/// Whether a printed word may be a slip of a catalogue word: long, and no known word.
fn may_slip(printed: &str) -> bool {
    long(printed) && !canonical::is_known_word(printed)
}

/// Whether `a` becomes `b` by one insertion, deletion or substitution.
pub fn one_edit(a: &str, b: &str) -> bool {
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    let (short, long) = if a_len <= b_len { (a, b) } else { (b, a) };
    if a_len.abs_diff(b_len) > 1 {
        return false;
    }
    let prefix = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .count();
    // past the first difference: the rest alike, one character passed over in the longer
    // (and in the shorter too, for a substitution)
    let skip = prefix + usize::from(a_len == b_len);
    short.chars().skip(skip).eq(long.chars().skip(prefix + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(name: &str, context: &[&str]) -> Option<String> {
        Concepts::builtin().concept_of(name, context)
    }

    #[test]
    fn the_catalogue_reads() {
        assert!(Concepts::builtin().get("nilai-sakip").is_some());
        assert_eq!(
            Concepts::builtin().get("tpt").and_then(|c| c.polarity),
            Some(Polarity::Lower)
        );
    }

    #[test]
    fn one_concept_whatever_the_agency_spelling_and_share_word() {
        let sakip = Some("nilai-sakip".to_string());
        assert_eq!(of("Nilai SAKIP Perangkat Daerah", &[]), sakip);
        assert_eq!(of("Nilai SAKIP Dinas Tenaga Kerja", &[]), sakip);
        assert_eq!(of("Nilai SAKIP DISNAKER", &["Dinas Tenaga Kerja"]), sakip);
        let produktivitas = Some("produktivitas-tenaga-kerja".to_string());
        assert_eq!(
            of("Persentase Tingkat produktifitas tenaga kerja", &[]),
            produktivitas
        );
        assert_eq!(of("Tingkat Produktivitas Tenaga Kerja", &[]), produktivitas);
        assert_eq!(
            of("Persentase Tingkat Pengangguran Terbuka (TPT)", &[]),
            Some("tpt".into())
        );
        assert_eq!(of("Indek Kepuasan Masyarakat (IKM)", &[]), Some("ikm".into()));
    }

    #[test]
    fn other_words_make_another_indicator() {
        assert_eq!(
            of("Persentase OPD yang nilai evaluasi LKIP adalah B ke atas", &[]),
            None
        );
        assert_eq!(
            of("Jumlah perusahaan yang diukur produktivitas tenaga kerjanya", &[]),
            None
        );
        assert_eq!(of("Tersedianya draft dokumen SAKIP", &[]), None);
        // an internal survey is not the public IKM, but a concept of its own
        assert_eq!(
            of("Nilai IKM Internal Disnaker", &[]),
            Some("ikm-internal".into())
        );
    }

    #[test]
    fn one_letter_slips_are_forgiven_in_long_words() {
        assert!(alike("pengusaha", "pengusahan"));
        assert!(alike("fasilitasi", "fasiltasi"));
        assert!(!alike("kota", "kata"));
        assert!(!alike("pengangguran", "penganggaran"), "a known word is no slip");
    }

    #[test]
    fn one_edit_is_one_insertion_deletion_or_substitution() {
        for (a, b) in [
            ("fasilitasi", "fasiltasi"),
            ("pengusahan", "pengusaha"),
            ("kota", "kata"),
            ("kata", "kata"),
            ("", "a"),
            ("ab", "b"),
            ("ab", "a"),
            ("pekerjä", "pekerja"),
        ] {
            assert!(one_edit(a, b) && one_edit(b, a), "{a} / {b}");
        }
        for (a, b) in [
            ("kota", "kita "),
            ("abc", "bca"),
            ("", "ab"),
            ("pekerjaan", "pekerja"),
        ] {
            assert!(!one_edit(a, b) && !one_edit(b, a), "{a} / {b}");
        }
    }
}
