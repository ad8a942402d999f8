//! `value_conflict`: one quantity printed with different values in two tables; and
//! `duplicate_row`: a row printed twice, or two lines of one kegiatan under one name.

#![allow(
    clippy::indexing_slicing,
    reason = "tables and printings indexed by positions found in the same vectors; not yet rewritten to checked access"
)]

use super::arith::{id_format, known};
use super::names::{key, same, NameIndex};
use super::repair::typo;
use super::{amounts, Context};
use crate::findings::{Finding, Kind, Location, Severity};
use crate::model::{is_mean_label, Role, Table};
use crate::nomenclature::Level;
use crate::parsers::Number;
use crate::records::{figure, shared_text, Figure};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// What kind of document a table reproduces: targets in a PK and in the Renstra may
/// legitimately differ; a budget before and after revision too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocumentKind {
    Pk,
    Renstra,
    Report,
}

/// A title for every table: its own, or (for an untitled table right under another) the
/// one above it.
fn titles(cx: &Context) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, t) in cx.doc.tables.iter().enumerate() {
        let inherited = i
            .checked_sub(1)
            .filter(|&p| t.title.is_none() && cx.doc.tables[p].lines[1] + 3 >= t.lines[0])
            .map(|p| out[p].clone());
        out.push(t.title.clone().or(inherited).unwrap_or_default().to_lowercase());
    }
    out
}

fn kind_of(title: &str) -> DocumentKind {
    if title.contains("perjanjian kinerja") {
        DocumentKind::Pk
    } else if ["renstra", "rencana strategis", "rpjmd", "matrik"]
        .iter()
        .any(|w| title.contains(w))
    {
        DocumentKind::Renstra
    } else {
        DocumentKind::Report
    }
}

/// One printing of a quantity.
struct Printing<'a> {
    /// The indicator record printed, for indicator figures.
    indicator: Option<&'a crate::records::Indicator>,
    table: &'a Table,
    title: &'a str,
    line: usize,
    figure: Held<'a>,
    column: Option<usize>,
    number: Number,
    label: Label<'a>,
}

/// A printing's figure: the record's own, or one read from a cell for the occasion (boxed:
/// a large report's budgets are hundreds of thousands of printings, held until reported).
enum Held<'a> {
    Record(&'a Figure),
    Cell(Box<Figure>),
}

impl std::ops::Deref for Held<'_> {
    type Target = Figure;

    fn deref(&self) -> &Figure {
        match self {
            Held::Record(f) => f,
            Held::Cell(f) => f,
        }
    }
}

/// What a finding calls a printing, written out only when a finding names it.
enum Label<'a> {
    /// A budget figure of a named line: `anggaran of Program X`.
    Of(&'static str, &'a str),
    /// Written out already.
    Text(String),
}

impl<'a> Printing<'a> {
    /// A printing of a table cell that is not an indicator figure.
    fn cell(
        table: &'a Table,
        title: &'a str,
        line: usize,
        figure: Figure,
        column: usize,
        number: Number,
        label: String,
    ) -> Self {
        Printing {
            indicator: None,
            table,
            title,
            line,
            figure: Held::Cell(Box::new(figure)),
            column: Some(column),
            number,
            label: Label::Text(label),
        }
    }

    /// What a finding calls it.
    fn label(&self) -> String {
        match &self.label {
            Label::Of(what, name) => format!("{what} of {name}"),
            Label::Text(text) => text.clone(),
        }
    }

    fn location(&self, cx: &Context) -> Location {
        cx.figure_location(&self.figure, self.column, Some(self.table), self.label())
    }

    fn place(&self) -> String {
        match &self.table.number {
            Some(n) => format!("Tabel {n} line {}", self.line),
            None => format!("line {}", self.line),
        }
    }
}

/// How sure a conflict between two sets of printings is, and the legitimate reason if any.
type Judge<'j> = dyn Fn(&[&Printing], &[&Printing]) -> (Severity, Option<String>) + 'j;

/// Groups printings whose keys match (any shared key) and that differ in value; one finding
/// per value that differs from the most printed one. `severity` judges a pair of groups.
fn report(cx: &Context, groups: Vec<(Vec<Printing>, &Judge)>) -> Vec<Finding> {
    let decided: Vec<(&Vec<Printing>, &Judge, Decision)> = groups
        .iter()
        .filter_map(|(g, judge)| decide(cx, g).map(|d| (g, *judge, d)))
        .collect();
    let decisions: Vec<&Decision> = decided.iter().map(|(_, _, d)| d).collect();
    let mut out = Vec::new();
    for (group, severity, decision) in &decided {
        let (reference, follows) = follow(decision, &decisions, group);
        let values = &decision.values;
        let seconds = decision.seconds.as_ref();
        let refs: Vec<&Printing> = group
            .iter()
            .filter(|p| p.number.value.normalize() == reference)
            .collect();
        for v in values.iter().filter(|v| **v != reference) {
            let these: Vec<&Printing> = group
                .iter()
                .filter(|p| p.number.value.normalize() == *v)
                .collect();
            if these
                .iter()
                .all(|p| refs.iter().all(|r| r.table.id == p.table.id))
            {
                continue;
            }
            let (sev, reason) = severity(&these, &refs);
            let (p, r) = (these[0], refs[0]);
            let message = format!(
                "{}: printed as {} ({}) and {} ({}{})",
                p.label(),
                id_format(p.number.value, p.number.decimals),
                these.iter().map(|x| x.place()).collect::<Vec<_>>().join(", "),
                id_format(r.number.value, r.number.decimals),
                refs.iter()
                    .map(|x| x.place())
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(", "),
                if refs.len() > 3 {
                    format!(" and {} more", refs.len() - 3)
                } else {
                    String::new()
                }
            );
            let locs = these.iter().chain(&refs).map(|x| x.location(cx)).collect();
            let slip = typo(p.number.value, r.number.value);
            let again = seconds.filter(|_| decision.reference == reference).map(|lines| {
                format!(
                    "{} is printed again beside the same figures (line {}): more prints agree on it",
                    id_format(r.number.value, r.number.decimals),
                    lines.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
                )
            });
            let help = reason.or(follows.clone()).or(again).or(slip);
            let decimals = p.number.decimals.max(r.number.decimals);
            out.push(
                Finding::new(Kind::ValueConflict, sev, message, locs)
                    .values(r.number.value, p.number.value, decimals)
                    .help(help),
            );
        }
    }
    out
}

/// Which value of a quantity printed with several is taken as right.
struct Decision<'a> {
    /// The values printed, in order.
    values: Vec<Decimal>,
    /// The value most prints agree on.
    reference: Decimal,
    /// Lines outside the group that print the reference again beside the same figures,
    /// when they decided it.
    seconds: Option<Vec<usize>>,
    /// The tables the reference and the other values are printed in, each named once.
    tables: (Vec<&'a str>, Vec<&'a str>),
}

/// The value of a group most prints agree on: those of the group, and rows elsewhere that
/// print it again beside the same figures (see [`seconded`]); the first printed on a tie.
fn decide<'a>(cx: &Context, group: &[Printing<'a>]) -> Option<Decision<'a>> {
    let mut values: Vec<Decimal> = group.iter().map(|p| p.number.value.normalize()).collect();
    values.sort();
    values.dedup();
    if values.len() < 2 {
        return None;
    }
    let of_value = |v: &Decimal| -> Vec<&Printing> {
        group
            .iter()
            .filter(|p| p.number.value.normalize() == *v)
            .collect()
    };
    let seconds: Vec<(Decimal, Vec<usize>)> = values
        .iter()
        .map(|v| (*v, seconded(cx, group, &of_value(v), *v)))
        .collect();
    let again = |v: &Decimal| seconds.iter().find(|(s, _)| s == v).map_or(0, |(_, l)| l.len());
    let first_line = |v: &Decimal| of_value(v).iter().map(|p| p.line).min().unwrap_or(0);
    let reference = *values
        .iter()
        .max_by_key(|v| (of_value(v).len() + again(v), std::cmp::Reverse(first_line(v))))?;
    let by_count = *values
        .iter()
        .max_by_key(|v| (of_value(v).len(), std::cmp::Reverse(first_line(v))))?;
    let tables = |keep: &dyn Fn(&Decimal) -> bool| -> Vec<&'a str> {
        let mut ids: Vec<&str> = group
            .iter()
            .filter(|p| keep(&p.number.value.normalize()))
            .map(|p| p.table.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    Some(Decision {
        seconds: seconds
            .iter()
            .find(|(v, lines)| *v == reference && reference != by_count && !lines.is_empty())
            .map(|(_, lines)| lines.clone()),
        tables: (tables(&|v| *v == reference), tables(&|v| *v != reference)),
        values,
        reference,
    })
}

/// A quantity two tables print differently by the same amount as another quantity whose
/// right value prints elsewhere decided (the total of the tables whose part differs): it
/// takes its right value from the same table, and says so.
fn follow(decision: &Decision, all: &[&Decision], group: &[Printing]) -> (Decimal, Option<String>) {
    let own = (decision.reference, None);
    if decision.seconds.is_some() {
        return own;
    }
    let only_in = |v: Decimal, tables: &(Vec<&str>, Vec<&str>)| {
        group
            .iter()
            .filter(|p| p.number.value.normalize() == v)
            .all(|p| tables.0.contains(&p.table.id.as_str()) && !tables.1.contains(&p.table.id.as_str()))
    };
    for led in all.iter().filter(|d| d.seconds.is_some()) {
        let by = |v: &Decimal| led.reference - *v;
        let apart: Vec<Decimal> = led
            .values
            .iter()
            .filter(|v| **v != led.reference)
            .map(by)
            .collect();
        let right = decision.values.iter().copied().find(|v| {
            *v != decision.reference && apart.contains(&(*v - decision.reference)) && only_in(*v, &led.tables)
        });
        if let Some(v) = right {
            let help = format!(
                "the tables differ by the same {} in a part whose value more prints agree on ({}): this follows it",
                id_format((v - decision.reference).abs(), 0),
                id_format(led.reference, 0)
            );
            return (v, Some(help));
        }
    }
    own
}

/// The lines of table rows outside `group` that print the amount `value` beside an amount
/// the rows of its `printings` print too (a program line restating an allocation with its
/// realisasi): independent prints of the same figure.
fn seconded(cx: &Context, group: &[Printing], printings: &[&Printing], value: Decimal) -> Vec<usize> {
    if value.abs() < SECONDING_AMOUNT {
        return Vec::new();
    }
    let own: HashSet<(&str, usize)> = group.iter().map(|p| (p.table.id.as_str(), p.line)).collect();
    let beside: HashSet<Decimal> = printings
        .iter()
        .filter_map(|p| cx.row_at(p.table, p.line))
        .flat_map(amounts)
        .filter(|v| *v != value && v.abs() >= SECONDING_AMOUNT)
        .collect();
    if beside.is_empty() {
        return Vec::new();
    }
    // only the rows that print the value at all (indexed once), in table and row order
    cx.rows_printing(value)
        .iter()
        .filter(|(id, r)| !own.contains(&(*id, r.line)))
        .filter(|(_, r)| amounts(r).iter().any(|v| beside.contains(v)))
        .map(|(_, r)| r.line)
        .collect()
}

/// The least amount that, printed on two rows beside another, ties them: not a percent or
/// a count that recurs by chance.
const SECONDING_AMOUNT: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// A key of a quantity: a name, matched loosely, and what must match exactly (year, unit,
/// level).
type Key = (String, String);

/// Joins printings into groups of one quantity: each joins the first group with which it
/// has a key in common (names within `same`, the rest exactly), else starts one. The keys
/// seen are indexed by their rest and name, so a printing is compared with the few names
/// that could match it, not with every group. Only the groups printed with two values or
/// more are kept: the others have nothing to report (and a large report has hundreds of
/// thousands of them).
fn group_by<'a>(printings: Vec<(Vec<Key>, Printing<'a>)>) -> Vec<Vec<Printing<'a>>> {
    let mut groups: Vec<Vec<Printing>> = Vec::new();
    let mut seen: HashMap<String, NameIndex> = HashMap::new();
    for (keys, p) in printings {
        let first = keys
            .iter()
            .filter_map(|(name, rest)| seen.get(rest)?.first_same(name))
            .min();
        let g = first.unwrap_or(groups.len());
        if g == groups.len() {
            // most quantities are printed once: a group starts with room for one
            groups.push(Vec::with_capacity(1));
        }
        if let Some(members) = groups.get_mut(g) {
            members.push(p);
        }
        for (name, rest) in keys {
            seen.entry(rest).or_default().add(name, g);
        }
    }
    groups.retain(|g| {
        let mut values = g.iter().map(|p| p.number.value.normalize());
        values.next().is_some_and(|first| values.any(|v| v != first))
    });
    groups
}

/// The same indicator, year and figure (target, realisasi, capaian) printed with two values.
pub fn indicators(cx: &Context) -> Vec<Finding> {
    let titles = titles(cx);
    let mut out = Vec::new();
    for slot in ["target", "realisasi", "capaian"] {
        let mut printings = Vec::new();
        for ind in cx.doc.indicators.iter().filter(|i| i.year.is_some()) {
            let f = match slot {
                "target" => &ind.target,
                "realisasi" => &ind.realisasi,
                _ => &ind.capaian,
            };
            let (Some(f), Some(t)) = (f, cx.table_index(&ind.table)) else {
                continue;
            };
            let Some(number) = known(Some(f)) else { continue };
            let unit = match f.unit.as_deref() {
                None | Some("percent") => "%".to_string(),
                Some(w) => w.to_lowercase(),
            };
            let table = &cx.doc.tables[t];
            let role = match slot {
                "target" => Role::Target,
                "realisasi" => Role::Realisasi,
                _ => Role::Capaian,
            };
            let column = table
                .columns
                .iter()
                .find(|c| c.role == role && (c.year.is_none() || c.year == ind.year))
                .map(|c| c.index);
            let when = match ind.period.as_str() {
                "annual" => ind.year.unwrap_or_default().to_string(),
                part => format!("{} {part}", ind.year.unwrap_or_default()),
            };
            let k = (key(&ind.indikator), format!("{when} {unit}"));
            let label = format!("{slot} {when} of {}", ind.indikator);
            printings.push((
                vec![k],
                Printing {
                    indicator: Some(ind),
                    table,
                    title: &titles[t],
                    line: ind.line,
                    figure: Held::Record(f),
                    column,
                    number,
                    label: Label::Text(label),
                },
            ));
        }
        let elsewhere = |a: &[&Printing]| -> Option<String> {
            let p = a[0];
            let ind = p.indicator?;
            let k = key(&ind.indikator);
            cx.doc
                .indicators
                .iter()
                .filter(|o| same(&key(&o.indikator), &k) && o.year != ind.year)
                .find_map(|o| {
                    [
                        ("target", &o.target),
                        ("realisasi", &o.realisasi),
                        ("capaian", &o.capaian),
                    ]
                    .into_iter()
                    .find_map(|(w, f)| {
                        let n = f.as_ref().and_then(|f| known(Some(f)))?;
                        let when = if o.period == "annual" {
                            String::new()
                        } else {
                            format!(" {}", o.period)
                        };
                        (n.value == p.number.value).then(|| {
                            format!(
                                "{} is the {w} of {}{when} printed in {} (line {})",
                                id_format(n.value, n.decimals),
                                o.year.unwrap_or_default(),
                                table_name(cx, &o.table),
                                o.line
                            )
                        })
                    })
                })
        };
        let severity = |a: &[&Printing], b: &[&Printing]| {
            let kinds = |ps: &[&Printing]| ps.iter().map(|p| kind_of(p.title)).collect::<Vec<_>>();
            let (ka, kb) = (kinds(a), kinds(b));
            let disjoint = !ka.iter().any(|k| kb.contains(k));
            // a mean row prints only its capaian; `Rata-rata Usia Kawin` is an indicator
            let mean = |ps: &[&Printing]| {
                ps.iter()
                    .filter_map(|p| p.indicator)
                    .any(|i| is_mean_label(&i.indikator) && i.target.is_none() && i.realisasi.is_none())
            };
            if mean(a) || mean(b) {
                return aggregate_severity(a, b, "mean");
            }
            if let Some(reason) = other_measure(a[0].number.value, b[0].number.value) {
                return (Severity::Warning, Some(reason));
            }
            match (slot, disjoint) {
                ("target", true) => (Severity::Warning, Some(format!("the tables are of different documents ({} vs {}): a Perjanjian Kinerja, the Renstra and the report's own measurement may set different targets", names(&ka), names(&kb)))),
                _ => (Severity::Error, elsewhere(a)),
            }
        };
        let groups = group_by(printings)
            .into_iter()
            .map(|g| (g, &severity as &Judge))
            .collect();
        out.extend(report(cx, groups));
    }
    out
}

fn table_name(cx: &Context, id: &str) -> String {
    cx.table(id)
        .and_then(|t| t.number.clone())
        .map_or(format!("table {id}"), |n| format!("Tabel {n}"))
}

fn names(kinds: &[DocumentKind]) -> String {
    let mut words: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            DocumentKind::Pk => "PK",
            DocumentKind::Renstra => "Renstra",
            DocumentKind::Report => "report",
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words.join("/")
}

/// The same program, kegiatan or sub kegiatan, or the same sasaran's allocation, printed
/// with two budgets.
pub fn budgets(cx: &Context) -> Vec<Finding> {
    let titles = titles(cx);
    let mut groups: Vec<(Vec<Printing>, &Judge)> = Vec::new();
    let mut unnamed_groups: Vec<(Vec<Printing>, &Judge)> = Vec::new();
    // a line under a program with no level word of its own is one of its kegiatan
    let programs: std::collections::HashSet<(&str, usize)> = cx
        .doc
        .budget_lines
        .iter()
        .filter(|l| l.level == Level::Program)
        .map(|l| (l.table.as_str(), l.line))
        .collect();
    let under_program = |l: &crate::records::BudgetLine| {
        l.level == Level::Other
            && l.parent
                .is_some_and(|p| programs.contains(&(l.table.as_str(), p)))
    };
    for role in [Role::Anggaran, Role::RealisasiAnggaran] {
        let (mut printings, mut unnamed) = (Vec::new(), Vec::new());
        for line in cx.doc.budget_lines.iter().filter(|l| {
            matches!(
                l.level,
                Level::Program | Level::Kegiatan | Level::SubKegiatan | Level::Total
            ) || under_program(l)
        }) {
            let printings = match line.level {
                Level::Other => &mut unnamed,
                _ => &mut printings,
            };
            let f = if role == Role::Anggaran {
                &line.anggaran
            } else {
                &line.realisasi
            };
            let (Some(f), Some(t)) = (f, cx.table_index(&line.table)) else {
                continue;
            };
            let Some(number) = known(Some(f)) else { continue };
            let table = &cx.doc.tables[t];
            let name = if line.level == Level::Total {
                total_key(&line.name)
            } else {
                key(&line.name)
            };
            let k = (name, format!("{:?} {:?}", line.level, line.year));
            printings.push((
                vec![k],
                Printing {
                    indicator: None,
                    table,
                    title: &titles[t],
                    line: line.line,
                    figure: Held::Record(f),
                    column: table.column_of(role, line.year).map(|c| c.index),
                    number,
                    label: Label::Of(word(role), &line.name),
                },
            ));
        }
        printings.extend(allocation_printings(cx, &titles, role));
        unnamed_groups.extend(
            group_by(unnamed)
                .into_iter()
                .map(|g| (g, &budget_severity as &Judge)),
        );
        groups.extend(
            group_by(printings)
                .into_iter()
                .map(|g| (g, &budget_severity as &Judge)),
        );
    }
    // one report for all: a total's conflict follows its part's (see `follow`)
    let totals = |a: &[&Printing], b: &[&Printing]| aggregate_severity(a, b, "total");
    groups.extend(
        group_by(column_totals(cx, &titles))
            .into_iter()
            .map(|g| (g, &totals as &Judge)),
    );
    let mut out = report(cx, groups);
    // kegiatan named by their program alone are matched by name only: a slip between two
    // prints is reported, scopes that differ are not guessed at
    let slips = report(cx, unnamed_groups);
    out.extend(slips.into_iter().filter(|f| f.severity == Severity::Error));
    out
}

/// The key of a total row: `jumlah`, whatever the rest of its label, but a numbered
/// subtotal (`JUMLAH I`, `JUMLAH II`, `JUMLAH I + II`) keeps its number: it is another
/// quantity.
fn total_key(label: &str) -> String {
    let rest: Vec<String> = label.split_whitespace().skip(1).map(str::to_lowercase).collect();
    let numbered = !rest.is_empty()
        && rest
            .iter()
            .all(|w| w == "+" || w.chars().all(|c| c.is_ascii_digit() || "ivx".contains(c)));
    match numbered {
        true => format!("jumlah {}", rest.join(" ")),
        false => "jumlah".to_string(),
    }
}

/// The totals (`Jumlah` rows) of count columns, keyed by column header and row label:
/// tables that break one population down in several ways print the same totals.
fn column_totals<'a>(cx: &'a Context, titles: &'a [String]) -> Vec<(Vec<Key>, Printing<'a>)> {
    let mut out = Vec::new();
    for (t, table) in cx.other_tables() {
        let counts = table
            .columns
            .iter()
            .filter(|c| matches!(c.role, Role::Other | Role::Jumlah) && !c.header.is_empty());
        for col in counts {
            for row in table.data_rows() {
                let compact: String = row.first_text().to_lowercase().split_whitespace().collect();
                let Some(f) = figure(table, row, col.index).filter(|_| compact.starts_with("jumlah")) else {
                    continue;
                };
                let Some(number) = known(Some(&f)).filter(|_| f.unit.is_none()) else {
                    continue;
                };
                // subtotals (`JUMLAH I`, `JUMLAH I + II`) are other quantities than the total
                let keys = vec![(
                    key(&col.header),
                    format!("column total: {}", key(&row.first_text())),
                )];
                let label = format!("{} total", col.header);
                out.push((
                    keys,
                    Printing::cell(table, &titles[t], row.line, f, col.index, number, label),
                ));
            }
        }
    }
    out
}

/// Why two values of one indicator may be two measures: ten times apart or more with no
/// slip of digits between them (a growth of 5,00 % beside a production of 1.113.664 ton).
fn other_measure(a: Decimal, b: Decimal) -> Option<String> {
    let (lo, hi) = match a.abs() < b.abs() {
        true => (a.abs(), b.abs()),
        false => (b.abs(), a.abs()),
    };
    let apart = lo.checked_mul(Decimal::TEN).is_some_and(|ten| hi >= ten);
    let slip = typo(a, b).is_some() || super::repair::digits_slip(a, b).is_some();
    (apart && !slip).then(|| {
        "the values are ten times apart or more: the tables may print different measures of it (a percent and an amount, a rate and a count)".to_string()
    })
}

/// Two tables' totals (or means) of the same column differ: a typing slip is an error;
/// otherwise each may aggregate other rows (a breakdown of part of the staff beside one of
/// all of it), and the conflict is a warning that says so.
fn aggregate_severity(a: &[&Printing], b: &[&Printing], what: &str) -> (Severity, Option<String>) {
    match typo(a[0].number.value, b[0].number.value) {
        Some(_) => (Severity::Error, None),
        None => (
            Severity::Warning,
            Some(format!(
                "each is the {what} of its own table's rows, which may not be the same rows"
            )),
        ),
    }
}

fn word(role: Role) -> &'static str {
    if role == Role::Anggaran {
        "anggaran"
    } else {
        "realisasi"
    }
}

/// A typing slip is an error; otherwise a plan and the realised year, or a budget and its
/// revision (Perubahan), may legitimately differ.
fn budget_severity(a: &[&Printing], b: &[&Printing]) -> (Severity, Option<String>) {
    if typo(a[0].number.value, b[0].number.value).is_some() {
        return (Severity::Error, None);
    }
    let plan = |ps: &[&Printing]| {
        ps.iter()
            .all(|p| p.table.column(Role::RealisasiAnggaran).is_none())
    };
    let revised = |ps: &[&Printing]| ps.iter().all(|p| p.title.contains("perubahan"));
    if plan(a) != plan(b) || revised(a) != revised(b) {
        return (Severity::Warning, Some("one table prints the budget as first planned, the other as revised (Perubahan) or realised: both may be right".into()));
    }
    (
        Severity::Warning,
        Some("the tables may count different scopes".into()),
    )
}

/// Allocation rows of tables that are not budget tables (per sasaran or indicator).
fn allocation_printings<'a>(
    cx: &'a Context,
    titles: &'a [String],
    role: Role,
) -> Vec<(Vec<Key>, Printing<'a>)> {
    let mut out = Vec::new();
    for (t, table) in cx.other_tables() {
        let Some(col) = table.column(role) else { continue };
        let labels: Vec<usize> = table
            .columns
            .iter()
            .filter(|c| matches!(c.role, Role::Sasaran | Role::Indikator))
            .map(|c| c.index)
            .collect();
        for row in table.data_rows() {
            let Some(f) = figure(table, row, col.index) else {
                continue;
            };
            let Some(number) = known(Some(&f)) else { continue };
            let allocation = |name: String| (name, "allocation".to_string());
            let mut keys: Vec<Key> = labels
                .iter()
                .map(|&c| allocation_key(&shared_text(table, row, c)))
                .filter(|k| !k.is_empty())
                .map(allocation)
                .collect();
            let first = row.first_text();
            if first.to_lowercase().starts_with("jumlah") {
                keys = vec![allocation(total_key(&first))];
            }
            if keys.is_empty() {
                continue;
            }
            let named = labels
                .first()
                .map(|&c| shared_text(table, row, c))
                .filter(|n| !n.is_empty());
            let label = format!("{} of {}", word(role), named.unwrap_or(first));
            out.push((
                keys,
                Printing::cell(table, &titles[t], row.line, f, col.index, number, label),
            ));
        }
    }
    out
}

/// A sasaran or indicator name without the verbs that open them (`Meningkatnya`, `Persentase`).
fn allocation_key(text: &str) -> String {
    let k = key(text);
    [
        "meningkatnya ",
        "meningktanya ",
        "terselesaikannya ",
        "terselesainya ",
    ]
    .iter()
    .fold(k, |k, w| k.strip_prefix(w).map(str::to_string).unwrap_or(k))
}

/// Rows printed twice cell for cell, and budget lines of one parent sharing a name.
pub fn duplicate_rows(cx: &Context, statements: &[super::prose::Statement]) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &cx.doc.tables {
        let rows: Vec<_> = t
            .data_rows()
            .filter(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2)
            .collect();
        let mut first: HashMap<Vec<String>, &crate::model::Row> = HashMap::new();
        for row in &rows {
            let text: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
            let Some(earlier) = first.get(&text).copied() else {
                first.insert(text, row);
                continue;
            };
            let loc = |line: usize, label: &str| {
                cx.locate(
                    line,
                    &row.cells
                        .iter()
                        .map(|c| c.text())
                        .find(|s| !s.is_empty())
                        .unwrap_or_default(),
                    None,
                    Some(&t.id),
                    label.into(),
                )
            };
            let message = format!("line {} repeats line {} cell for cell", row.line, earlier.line);
            let help = "a table may print a row twice on purpose (one activity under two indicators, a row repeated over a page break): a warning; if neither, the second is a copy to delete";
            out.push(
                Finding::new(
                    Kind::DuplicateRow,
                    Severity::Warning,
                    message,
                    vec![loc(row.line, "repeated row"), loc(earlier.line, "first printed")],
                )
                .help(Some(help.to_string())),
            );
        }
    }
    out.extend(same_named_lines(cx, statements));
    out
}

fn same_named_lines(cx: &Context, statements: &[super::prose::Statement]) -> Vec<Finding> {
    let lines = &cx.doc.budget_lines;
    let mut out = Vec::new();
    // the first line of each parent (in its table and year) under each name
    let mut named: HashMap<(&str, Option<u16>, usize, String), &crate::records::BudgetLine> = HashMap::new();
    for l in lines {
        let Some(parent) = l.parent else { continue };
        let first = match named.entry((l.table.as_str(), l.year, parent, key(&l.name))) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(l);
                continue;
            }
        };
        let which =
            |b: &crate::records::BudgetLine| b.code.clone().unwrap_or_else(|| format!("line {}", b.line));
        let message = format!(
            "{} is named like {} (\"{}\") but prints other figures",
            which(l),
            which(first),
            l.name
        );
        let table = cx.table(&l.table);
        let name_col = table.and_then(|t| t.column(Role::Uraian)).map(|c| c.index);
        let locs = vec![
            cx.locate(l.line, &l.name, name_col, Some(&l.table), "name".into()),
            cx.locate(
                first.line,
                &first.name,
                name_col,
                Some(&l.table),
                "same name".into(),
            ),
        ];
        let help = true_name(statements, l).unwrap_or_else(|| {
            "one parent lists one name twice: one of the lines likely carries a copied name, unless the report lists an item again for another source of funds or place; a warning".to_string()
        });
        out.push(Finding::new(Kind::DuplicateRow, Severity::Warning, message, locs).help(Some(help)));
    }
    out
}

/// What a mislabelled line is likely called: a name the prose gives to its very figures.
fn true_name(statements: &[super::prose::Statement], l: &crate::records::BudgetLine) -> Option<String> {
    let a = l.anggaran.as_ref().and_then(|f| known(Some(f)))?;
    let r = l.realisasi.as_ref().and_then(|f| known(Some(f)))?;
    let statement = statements.iter().find(|s| {
        s.anggaran == Some(a)
            && s.realisasi == Some(r)
            && s.name.as_deref().is_some_and(|n| !same(&key(n), &key(&l.name)))
    })?;
    let name = statement.name.clone()?;
    let national = crate::nomenclature::lookup(&name)
        .first()
        .map(|e| format!(" (national code {})", e.code))
        .unwrap_or_default();
    Some(format!("the prose at line {} gives these figures ({} / {}) to \"{name}\"{national}: probably the line's real name", statement.line, id_format(a.value, 0), id_format(r.value, 0)))
}

#[cfg(test)]
mod tests {
    use super::other_measure;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    /// DISKANLAUT's Renja prints the 2016 target of `Produksi Perikanan Budidaya` as a
    /// growth of 5,00 (Tabel 2.1) and as 1.113.664,03 (its production table): two measures.
    /// Values a slip apart, or less than ten times apart, stay one quantity.
    #[test]
    fn values_ten_times_apart_are_other_measures() {
        assert!(other_measure(d("1113664.03"), d("5.00")).is_some());
        assert!(other_measure(d("1"), d("100")).is_some());
        assert_eq!(other_measure(d("212.77"), d("116.79")), None);
        assert_eq!(other_measure(d("2.4"), d("2.3")), None);
        // a leading digit lost is a slip, not another measure
        assert_eq!(other_measure(d("34567"), d("1234567")), None);
    }
}
