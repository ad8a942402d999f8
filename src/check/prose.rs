//! Figures stated in prose: budget statements (`… dengan alokasi dana sebesar Rp X …
//! realisasi sebesar Rp Y atau Z% dengan sisa anggaran sebesar Rp W`) and year-on-year
//! changes (`tahun 2022 sebesar 87,25% dan tahun 2023 sebesar 87,61% mengalami kenaikan
//! sebesar 0,36`). Statements may wrap across lines; tables are left out.

use super::arith::{admits, id_format, parse, Span, Value};
use super::repair::typo;
use super::Context;
use crate::findings::{Finding, Kind, Location, Severity};
use crate::parsers::{parse_quantity, text, Amount, Number};
use crate::records::BudgetLine;
use regex::Regex;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::LazyLock;

const NUM: &str = r"([0-9][0-9.,]*[0-9]|[0-9])";
static AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)sebesar\s+Rp\.?\s*{NUM}")).expect("a valid pattern"));
static SPENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(realisasi|terealisasi|direalisasikan|hanya)(\s+anggaran)?\s+$")
        .expect("a valid pattern")
});
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[,\-\s]*(?:atau\s*|\()\s*{NUM}\s*%")).expect("a valid pattern"));
static REMAINDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)sisa\s+(dana|anggaran)\s+$").expect("a valid pattern"));
/// A rupiah amount in prose, separators doubled or followed by a stray space included
/// (`Rp 48. 592.221.203,-`, `Rp 163.305..000,-`).
static RUPIAH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bRp\.?\s*([0-9](?:[0-9]|[.,]+ ?[0-9])*)").expect("a valid pattern"));
static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)[a-z]\.\s+").expect("a valid pattern"));
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)tahun\s+(\d{{4}})\s+sebesar\s+{NUM}\s*%?\s+(?:dan|sedangkan)\s+tahun\s+(\d{{4}})\s+sebesar\s+{NUM}\s*%?[^.]{{0,80}}?mengalami\s+(kenaikan|penurunan)\s+sebesar\s+{NUM}")).expect("a valid pattern")
});

/// A number printed in prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// Its value, or its competing readings.
    pub value: Value,
    /// As printed.
    pub raw: String,
    /// 1-based line.
    pub line: usize,
}

/// One budget statement: a named line with its allocation, spending, percentage and remainder.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Line where the statement (its name, when it has one) starts.
    pub line: usize,
    /// The name of the budget line, when the statement gives one.
    pub name: Option<String>,
    /// `alokasi dana sebesar Rp X`.
    pub anggaran: Option<Number>,
    /// `realisasi sebesar Rp Y`.
    pub realisasi: Option<Number>,
    printed_anggaran: Printed,
    printed_realisasi: Printed,
    persen: Option<Printed>,
    sisa: Option<Printed>,
}

/// The prose of a report as one stream (table rows blanked), with the line of each offset.
struct Stream {
    text: String,
    starts: Vec<usize>,
}

impl Stream {
    fn new(lines: &[&str]) -> Stream {
        let prose = |line: &str| !line.contains('\t');
        // the whole report's prose: its room taken once, not grown
        let size = lines.iter().filter(|l| prose(l)).map(|l| l.len()).sum::<usize>() + lines.len();
        let mut text = String::with_capacity(size);
        let mut starts = Vec::with_capacity(lines.len());
        for line in lines {
            starts.push(text.len());
            if prose(line) {
                // bold markers blanked, the offsets kept
                match line.contains("**") {
                    true => text.push_str(&line.replace("**", "  ")),
                    false => text.push_str(line),
                }
            }
            text.push('\n');
        }
        Stream { text, starts }
    }

    fn line_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    fn printed(&self, m: regex::Match) -> Printed {
        let raw = m.as_str().to_string();
        let value = match parse_quantity(&raw).map(|q| q.amount) {
            Some(Amount::Exact(r)) => Value::Known(r.number),
            Some(a) => Value::Choices(a.readings().iter().map(|r| r.number).collect()),
            None => Value::Unreadable,
        };
        Printed {
            value,
            raw,
            line: self.line_at(m.start()),
        }
    }
}

/// What a report's prose prints, read from its text alone: the budget statements, the
/// year-on-year changes, and the rupiah amounts printed in no number format.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The budget statements, in order.
    pub statements: Vec<Statement>,
    changes: Vec<Change>,
    malformed: Vec<Malformed>,
}

/// A year-on-year change as printed (`tahun A sebesar x dan tahun B sebesar y …
/// mengalami kenaikan sebesar d`): A, x, B, y, the direction and d.
#[derive(Debug, Clone)]
struct Change {
    printed: [String; 6],
    /// Line where the statement starts.
    line: usize,
    /// Line of the change `d`.
    change_line: usize,
}

/// A rupiah amount of the prose printed in no number format, with its readings.
#[derive(Debug, Clone)]
struct Malformed {
    raw: String,
    line: usize,
    readings: Vec<Number>,
}

/// The prose of the report's `lines`, made into one stream and let go once read: the
/// tables are not needed for it, so the driver reads it before they are rebuilt.
pub fn read(lines: &[&str]) -> Prose {
    let stream = Stream::new(lines);
    let statements = statements(&stream);
    let changes = stated_changes(&stream);
    let malformed = malformed_amounts(&stream, &statements);
    Prose {
        statements,
        changes,
        malformed,
    }
}

/// The budget statements of the prose.
fn statements(s: &Stream) -> Vec<Statement> {
    let amounts: Vec<regex::Captures> = AMOUNT.captures_iter(&s.text).collect();
    let mut out = Vec::new();
    for (k, spent) in amounts.iter().enumerate() {
        let whole = spent.get(0).expect("match");
        let before = text::before(&s.text, whole.start(), 40);
        let after = text::after(&s.text, whole.end(), 60);
        let (Some(_), Some(pct), Some(alloc)) = (
            SPENT.find(before),
            PERCENT.captures(after),
            k.checked_sub(1).and_then(|a| amounts.get(a)),
        ) else {
            continue;
        };
        let gap = whole.start() - alloc.get(0).expect("match").end();
        if gap > 400 || SPENT.is_match(text::before(&s.text, alloc.get(0).expect("match").start(), 40)) {
            continue;
        }
        let pct_match = pct.get(1).expect("group");
        let pct_abs = pct_match.as_str();
        let pct_start = whole.end() + pct_match.start();
        let persen = Some(Printed {
            value: s.printed(pct_match).value,
            raw: pct_abs.to_string(),
            line: s.line_at(pct_start),
        });
        let after_pct = whole.end() + pct.get(0).expect("match").end();
        let sisa = amounts.get(k + 1).filter(|next| {
            let at = next.get(0).expect("match").start();
            at >= after_pct && at - after_pct < 80 && REMAINDER.is_match(text::before(&s.text, at, 30))
        });
        let printed_anggaran = s.printed(alloc.get(1).expect("group"));
        let printed_realisasi = s.printed(spent.get(1).expect("group"));
        let (name, line) =
            item_name(s, alloc.get(0).expect("match").start()).unwrap_or((None, printed_anggaran.line));
        out.push(Statement {
            line,
            name,
            anggaran: known(&printed_anggaran.value),
            realisasi: known(&printed_realisasi.value),
            printed_anggaran,
            printed_realisasi,
            persen,
            sisa: sisa.map(|m| s.printed(m.get(1).expect("group"))),
        });
    }
    out
}

fn known(v: &Value) -> Option<Number> {
    match v {
        Value::Known(n) => Some(*n),
        _ => None,
    }
}

/// The name of a list item (`- a. Name, dengan alokasi dana …`) that ends where its
/// allocation is stated.
fn item_name(s: &Stream, at: usize) -> Option<(Option<String>, usize)> {
    let window = text::before(&s.text, at, 400);
    let start = at - window.len();
    let lead = window
        .rfind("dengan alokasi dana")
        .or_else(|| window.rfind("alokasi dana"))?;
    let listed = window.get(..lead)?;
    let marker = ITEM.find_iter(listed).last()?;
    let name = listed
        .get(marker.end()..)?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = name.trim_end_matches([',', ' ']).to_string();
    Some((
        Some(name).filter(|n| !n.is_empty()),
        s.line_at(start + marker.end()),
    ))
}

/// Checks the statements (ratio, remainder, malformed figures, conflicts with the tables)
/// and the year-on-year changes of the prose.
pub fn check(cx: &Context, prose: &Prose) -> Vec<Finding> {
    let mut out = Vec::new();
    let totals = Totals::of(cx);
    for st in &prose.statements {
        out.extend(statement_arithmetic(cx, st));
        out.extend(conflicts_with_tables(cx, st, &totals));
    }
    out.extend(changes(cx, &prose.changes));
    out.extend(prose.malformed.iter().map(|m| malformed_finding(cx, m)));
    out
}

/// The reading of an amount whose last group has two digits as its sen, every other
/// separator grouping thousands (`11.038,000,000.00` → 11038000000.00).
fn with_sen(joined: &str) -> Option<Number> {
    let cut = joined.rfind(['.', ','])?;
    let (int, frac) = (joined.get(..cut)?, joined.get(cut + 1..)?);
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let value: Decimal = format!("{digits}.{frac}")
        .parse()
        .ok()
        .filter(|_| frac.len() == 2)?;
    Some(Number { value, decimals: 2 })
}

/// Every rupiah amount of the prose printed in no number format (a stray space, a doubled
/// separator, a group of the wrong length), with its readings. Amounts a statement's own
/// arithmetic settles are left to it.
fn malformed_amounts(s: &Stream, statements: &[Statement]) -> Vec<Malformed> {
    let settled: Vec<(usize, &str)> = statements
        .iter()
        .map(|st| (st.printed_anggaran.line, st.printed_anggaran.raw.as_str()))
        .collect();
    let mut out = Vec::new();
    for m in RUPIAH.captures_iter(&s.text).filter_map(|c| c.get(1)) {
        let raw = m.as_str();
        let line = s.line_at(m.start());
        let joined: String = raw.chars().filter(|c| *c != ' ').collect();
        // a separator typed twice (`163.305..000`) or a stray space stands for one
        let single = joined.replace("..", ".").replace(",,", ",");
        let slipped = raw.contains(' ') || single != joined;
        let mut readings: Vec<Number> = match parse_quantity(&single).map(|q| q.amount) {
            Some(Amount::Exact(r)) if slipped => vec![r.number],
            Some(Amount::Malformed(rs)) => rs.iter().map(|r| r.number).collect(),
            _ => continue,
        };
        if let Some(sen) = with_sen(&single).filter(|n| !readings.contains(n)) {
            readings.insert(0, sen);
        }
        if settled.contains(&(line, raw)) {
            continue;
        }
        out.push(Malformed {
            raw: raw.to_string(),
            line,
            readings,
        });
    }
    out
}

/// A malformed rupiah amount of the prose as a warning with its readings; the likely one
/// is a reading a table prints.
fn malformed_finding(cx: &Context, m: &Malformed) -> Finding {
    let (raw, readings) = (m.raw.as_str(), &m.readings);
    let printed = |n: &Number| {
        cx.doc.tables.iter().flat_map(|t| t.data_rows()).any(|r| {
            r.cells
                .iter()
                .filter_map(crate::model::Cell::number)
                .any(|c| c.value == n.value)
        })
    };
    let shown: Vec<String> = readings.iter().map(|n| id_format(n.value, n.decimals)).collect();
    let likely = readings
        .iter()
        .find(|n| printed(n))
        .map(|n| (n, format!("a table prints {}", id_format(n.value, n.decimals))));
    let message = format!(
        "`Rp {raw}` in the prose fits no number format; it reads as {}",
        shown.join(" or ")
    );
    let location = cx.locate(m.line, raw, None, None, "prose: amount".into());
    let mut f = Finding::new(Kind::MalformedNumber, Severity::Warning, message, vec![location]);
    f.found = Some(raw.to_string());
    let help = match likely {
        Some((n, why)) => {
            f.expected = Some(n.value.to_string());
            format!("print Rp {}: {why}", id_format(n.value, n.decimals))
        }
        None => match shown.as_slice() {
            [one] => format!("print {one}"),
            _ => format!("print one of {}", shown.join(", ")),
        },
    };
    f.help(Some(help))
}

fn place(cx: &Context, p: &Printed, label: &str) -> Location {
    cx.locate(p.line, &p.raw, None, None, format!("prose: {label}"))
}

/// `Z% = Y / X × 100` and `W = X − Y`, trying the readings of a malformed `X`.
fn statement_arithmetic(cx: &Context, st: &Statement) -> Vec<Finding> {
    let name = st.name.clone().unwrap_or_else(|| "budget statement".into());
    let readings = match &st.printed_anggaran.value {
        Value::Known(n) => vec![*n],
        Value::Choices(c) => c.clone(),
        _ => return Vec::new(),
    };
    let (Some(real), Some(pct)) = (st.realisasi, st.persen.as_ref().and_then(|p| known(&p.value))) else {
        return Vec::new();
    };
    let sisa = st.sisa.as_ref().and_then(|p| known(&p.value));
    let Some(&anggaran) = readings.first() else {
        return Vec::new();
    };
    let fits = |a: Number| {
        let ratio = Span::of(real, true).percent_of(Span::of(a, true));
        let ratio_ok = ratio.is_none_or(|r| admits(pct, r));
        let sisa_ok = sisa.is_none_or(|w| admits(w, Span::exact(a.value - real.value)));
        (ratio_ok, sisa_ok)
    };
    if readings.len() > 1 {
        let settled: Vec<Number> = readings
            .iter()
            .copied()
            .filter(|a| fits(*a) == (true, true))
            .collect();
        let mut f = Finding::new(
            Kind::MalformedNumber,
            Severity::Warning,
            String::new(),
            vec![place(cx, &st.printed_anggaran, "anggaran")],
        );
        f.found = Some(st.printed_anggaran.raw.clone());
        return vec![match settled.as_slice() {
            [a] => {
                f.message = format!("{name}: `Rp {}` fits no number format; read as {}, the one reading with which realisasi {} is {}% and the sisa holds", st.printed_anggaran.raw, id_format(a.value, 0), id_format(real.value, 0), id_format(pct.value, pct.decimals));
                f.expected = Some(a.value.to_string());
                f.help(Some(format!("print Rp {}", id_format(a.value, 0))))
            }
            _ => {
                f.message = format!(
                    "{name}: `Rp {}` fits no number format and no reading of it fits the percentage",
                    st.printed_anggaran.raw
                );
                f.severity = Severity::Error;
                f
            }
        }];
    }
    let mut out = Vec::new();
    let (ratio_ok, sisa_ok) = fits(anggaran);
    if let (false, Some(p)) = (ratio_ok, &st.persen) {
        let expected = real.value / anggaran.value * Decimal::ONE_HUNDRED;
        let shown = expected.round_dp(pct.decimals);
        let message = format!(
            "{name}: the prose gives {}% but realisasi / anggaran × 100 is {}",
            p.raw,
            id_format(expected, pct.decimals)
        );
        let locs = vec![
            place(cx, p, "percentage"),
            place(cx, &st.printed_realisasi, "realisasi"),
            place(cx, &st.printed_anggaran, "anggaran"),
        ];
        // an anggaran a thousand (or a million) times too large: zeros typed twice
        let scaled = [
            Decimal::ONE_THOUSAND,
            Decimal::ONE_THOUSAND * Decimal::ONE_THOUSAND,
        ]
        .into_iter()
        .filter_map(|k| anggaran.value.checked_div(k))
        .find(|a| {
            fits(Number {
                value: *a,
                decimals: anggaran.decimals,
            })
            .0
        });
        let help = match scaled {
            Some(a) => Some(format!(
                "the anggaran has zeros too many: with Rp {} the {}% holds",
                id_format(a, 0),
                p.raw
            )),
            None => typo(pct.value, shown),
        };
        out.push(
            Finding::new(Kind::RatioMismatch, Severity::Error, message, locs)
                .values(shown, pct.value, pct.decimals)
                .help(help),
        );
    }
    if let (false, Some(w), Some(p)) = (sisa_ok, sisa, &st.sisa) {
        let expected = anggaran.value - real.value;
        let message = format!(
            "{name}: sisa anggaran {} is not anggaran − realisasi ({})",
            id_format(w.value, 0),
            id_format(expected, 0)
        );
        let locs = vec![
            place(cx, p, "sisa"),
            place(cx, &st.printed_anggaran, "anggaran"),
            place(cx, &st.printed_realisasi, "realisasi"),
        ];
        out.push(
            Finding::new(Kind::DifferenceMismatch, Severity::Error, message, locs)
                .values(expected, w.value, 0)
                .help(typo(w.value, expected)),
        );
    }
    out
}

/// A statement's figures against the table line of the same name.
fn conflicts_with_tables(cx: &Context, st: &Statement, totals: &Totals) -> Vec<Finding> {
    let Some(line) = bound_line(cx, st, totals) else {
        return Vec::new();
    };
    let table = cx.table(&line.table);
    let mut out = Vec::new();
    for (word, prose, cell, role) in [
        (
            "anggaran",
            st.anggaran,
            &line.anggaran,
            crate::model::Role::Anggaran,
        ),
        (
            "realisasi",
            st.realisasi,
            &line.realisasi,
            crate::model::Role::RealisasiAnggaran,
        ),
    ] {
        let (Some(p), Some(Value::Known(t))) = (prose, cell.as_ref().map(|f| super::arith::value(Some(f))))
        else {
            continue;
        };
        if p.value == t.value {
            continue;
        }
        let printed = if word == "anggaran" {
            &st.printed_anggaran
        } else {
            &st.printed_realisasi
        };
        let column = table.and_then(|t| t.column_of(role, line.year)).map(|c| c.index);
        let f = cell.as_ref().expect("a figure");
        let locs = vec![
            cx.figure_location(
                f,
                column,
                table,
                format!(
                    "{word} of {}",
                    line.code.clone().unwrap_or_else(|| line.name.clone())
                ),
            ),
            place(cx, printed, word),
        ];
        let slip = typo(t.value, p.value);
        let sisa_fits = st
            .sisa
            .as_ref()
            .and_then(|w| known(&w.value))
            .zip(st.anggaran.zip(st.realisasi))
            .is_some_and(|(w, (a, r))| w.value == a.value - r.value);
        let elsewhere = cx.program_lines().find(|l| {
            l.table == line.table
                && super::arith::value(if word == "anggaran" {
                    l.anggaran.as_ref()
                } else {
                    l.realisasi.as_ref()
                }) == Value::Known(p)
        });
        let help = match (&slip, elsewhere) {
            (Some(s), _) => Some(format!(
                "{s}: the table prints {}, the prose {}{}",
                id_format(t.value, 0),
                id_format(p.value, 0),
                if sisa_fits {
                    " (the prose's own sisa fits the prose figure)"
                } else {
                    ""
                }
            )),
            (None, Some(other)) => Some(format!(
                "the prose figure is the {word} of {} {} (line {})",
                other.code.clone().unwrap_or_default(),
                other.name,
                other.line
            )),
            (None, None) => st.name.is_none().then(|| {
                let (other, value) = match word {
                    "anggaran" => ("realisasi", st.realisasi),
                    _ => ("anggaran", st.anggaran),
                };
                let value = value.map_or_else(String::new, |v| format!(" {}", id_format(v.value, v.decimals)));
                format!("the prose names no line; it gives the {other}{value} of this total: one of the two {word} figures may be of another stage (before or after revision) or scope")
            }),
        };
        let severity = if slip.is_some() {
            Severity::Error
        } else {
            Severity::Warning
        };
        let message = format!(
            "{}: {word} printed as {} in {} (line {}) and {} in the prose (line {})",
            line.name,
            id_format(t.value, 0),
            table_name(cx, &line.table),
            line.line,
            id_format(p.value, 0),
            printed.line
        );
        out.push(
            Finding::new(Kind::ValueConflict, severity, message, locs)
                .values(p.value, t.value, 0)
                .help(help),
        );
    }
    out
}

/// The budget line a statement speaks of: the one it names; for a statement that names
/// none (`… hanya sebesar Rp Y atau Z%`), the total of a table that prints the same
/// anggaran or the same realisasi (a table the report counts first).
fn bound_line<'a>(cx: &'a Context, st: &Statement, totals: &Totals<'a>) -> Option<&'a BudgetLine> {
    if let Some(name) = &st.name {
        return cx.program_line_named(name);
    }
    let found = |figure: BudgetFigure, n: Option<Number>| totals.printing.get(&(figure, n?)).copied();
    let (a, r) = (
        found(BudgetFigure::Anggaran, st.anggaran),
        found(BudgetFigure::Realisasi, st.realisasi),
    );
    let first = |pick: fn(&(Option<usize>, usize)) -> Option<usize>| {
        a.as_ref()
            .and_then(pick)
            .into_iter()
            .chain(r.as_ref().and_then(pick))
            .min()
    };
    let at = first(|(primary, _)| *primary).or_else(|| first(|(_, any)| Some(*any)))?;
    totals.lines.get(at).copied()
}

/// Which figure of a budget line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum BudgetFigure {
    Anggaran,
    Realisasi,
}

/// The totals of the program lines, in order, with the first (and the first primary)
/// printing each anggaran and each realisasi.
struct Totals<'a> {
    lines: Vec<&'a BudgetLine>,
    printing: HashMap<(BudgetFigure, Number), (Option<usize>, usize)>,
}

impl<'a> Totals<'a> {
    fn of(cx: &Context<'a>) -> Self {
        let lines: Vec<&BudgetLine> = cx
            .program_lines()
            .filter(|l| l.level == crate::nomenclature::Level::Total)
            .collect();
        let mut printing: HashMap<(BudgetFigure, Number), (Option<usize>, usize)> = HashMap::new();
        for (i, l) in lines.iter().enumerate() {
            for (figure, f) in [
                (BudgetFigure::Anggaran, &l.anggaran),
                (BudgetFigure::Realisasi, &l.realisasi),
            ] {
                let Value::Known(n) = super::arith::value(f.as_ref()) else {
                    continue;
                };
                let first = printing.entry((figure, n)).or_insert((None, i));
                if l.primary && first.0.is_none() {
                    first.0 = Some(i);
                }
            }
        }
        Totals { lines, printing }
    }
}

fn table_name(cx: &Context, id: &str) -> String {
    cx.table(id)
        .and_then(|t| t.number.clone())
        .map_or(id.to_string(), |n| format!("Tabel {n}"))
}

/// The year-on-year changes the prose states.
fn stated_changes(s: &Stream) -> Vec<Change> {
    CHANGE
        .captures_iter(&s.text)
        .map(|c| {
            let group = |k: usize| c.get(k).map_or("", |m| m.as_str()).to_string();
            Change {
                printed: std::array::from_fn(|k| group(k + 1)),
                line: s.line_at(c.get(0).map_or(0, |m| m.start())),
                change_line: s.line_at(c.get(6).map_or(0, |m| m.start())),
            }
        })
        .collect()
}

/// `tahun A sebesar x dan tahun B sebesar y … mengalami kenaikan sebesar d`: d = y − x.
fn changes(cx: &Context, stated: &[Change]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in stated {
        let [year_a, first, year_b, second, direction, change] = &c.printed;
        let (Some(first_n), Some(second_n), Some(change_n)) = (num(first), num(second), num(change)) else {
            continue;
        };
        let (earlier, later) = if year_a <= year_b {
            (first_n, second_n)
        } else {
            (second_n, first_n)
        };
        let sign = if direction.eq_ignore_ascii_case("penurunan") {
            -Decimal::ONE
        } else {
            Decimal::ONE
        };
        let diff = Span::of(later, false).minus(Span::of(earlier, false));
        let signed = Number {
            value: change_n.value * sign,
            decimals: change_n.decimals,
        };
        if admits(signed, diff) {
            continue;
        }
        let line = c.change_line;
        let expected = later.value - earlier.value;
        let message = format!(
            "the change from {year_a} to {year_b} is stated as {} {change} but {second} − {first} is {}",
            direction.to_lowercase(),
            id_format(expected.abs(), change_n.decimals)
        );
        let same_elsewhere = stated
            .iter()
            .find(|o| o.printed[5] == *change && o.line != line)
            .map(|o| {
                format!(
                    "{change} is the change stated at line {}: copied from there?",
                    o.line
                )
            });
        let locs = vec![cx.locate(line, change, None, None, "prose: change".into())];
        out.push(
            Finding::new(Kind::DifferenceMismatch, Severity::Error, message, locs)
                .values(expected, signed.value, change_n.decimals)
                .help(same_elsewhere),
        );
    }
    out
}

fn num(text: &str) -> Option<Number> {
    parse_quantity(text)
        .and_then(|q| q.amount.exact())
        .or_else(|| parse(text))
}
