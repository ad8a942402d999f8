//! `sum_mismatch` (and `missing_row`, `malformed_number` when a sum settles a reading):
//! a parent or total that is not the sum of its parts.

#![allow(
    clippy::indexing_slicing,
    reason = "rows and parts indexed by positions found in the same vectors; not yet rewritten to checked access"
)]

use super::arith::{id_format, value, Value};
use super::balance::{balance, Balance};
use super::names::NameIndex;
use super::prose::Statement;
use super::repair::{digits_slip, swaps};
use super::Context;
use crate::findings::{Finding, Kind, Location, Severity};
use crate::model::{is_total_label, Role, Row, Table};
use crate::parsers::Number;
use crate::records::{figure, BudgetLine, Figure};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One participant of a sum: its figure, where it is, and how to name it.
pub struct Part<'a> {
    /// The printed figure.
    pub figure: Option<Figure>,
    /// Table and column it sits in.
    pub table: &'a Table,
    /// Column index.
    pub column: usize,
    /// `anggaran of 4.1`.
    pub label: String,
}

impl Part<'_> {
    fn value(&self) -> Value {
        value(self.figure.as_ref())
    }

    fn location(&self, cx: &Context) -> Option<Location> {
        let f = self.figure.as_ref()?;
        Some(cx.figure_location(f, Some(self.column), Some(self.table), self.label.clone()))
    }
}

/// Budget lines against the lines under them: programs over kegiatan, kegiatan over sub
/// kegiatan, totals over programs.
pub fn budget_hierarchy(cx: &Context, statements: &[Statement]) -> Vec<Finding> {
    let lines = &cx.doc.budget_lines;
    let children = Children::of(lines);
    // the lines' names, to tell a prose item the tables print from one they leave out
    let mut printed = NameIndex::default();
    for l in lines {
        printed.add(super::names::key(&l.name), 0);
    }
    let flat = flat_totals(lines, &children);
    let mut out = Vec::new();
    for parent in lines {
        let kids: Vec<&BudgetLine> = match flat
            .iter()
            .find(|(t, _)| t.table == parent.table && t.year == parent.year)
        {
            Some((total, members)) if total.line == parent.line => members.clone(),
            Some(_) => Vec::new(),
            None => children.of_line(parent),
        };
        let Some(table) = cx.table(&parent.table).filter(|_| !kids.is_empty()) else {
            continue;
        };
        for role in [Role::Anggaran, Role::RealisasiAnggaran] {
            let Some(column) = table.column_of(role, parent.year).map(|c| c.index) else {
                continue;
            };
            let part = |l: &BudgetLine| Part {
                figure: figure_in(l, role).clone(),
                table,
                column,
                label: format!("{} of {}", role_word(role), short_name(l)),
            };
            let total = part(parent);
            if kids.iter().all(|k| figure_in(k, role).is_none()) {
                // no part prints this figure: nothing to add up
                continue;
            }
            let parts: Vec<Part> = restating(&printing(&children, &kids, role), role)
                .into_iter()
                .filter(|(_, restates)| !restates)
                .map(|(k, _)| part(k))
                .collect();
            let what = format!("{} {}", short_name(parent), role_word(role));
            let found = sum_finding(cx, &total, &parts, &what, true, |delta| {
                missing_from_prose(statements, &printed, role, delta)
            });
            let row = cx.row_at(table, parent.line);
            out.extend(found.filter(|f| !row.is_some_and(|row| printed_elsewhere(table, row, column, f))));
        }
    }
    out
}

/// Each budget line's children (the lines of its table and year whose parent it is), in
/// order, found in one pass: looking them up per line would cost a pass per line.
struct Children<'a>(HashMap<(&'a str, Option<u16>, usize), Vec<&'a BudgetLine>>);

impl<'a> Children<'a> {
    fn of(lines: &'a [BudgetLine]) -> Children<'a> {
        let mut map: HashMap<_, Vec<&BudgetLine>> = HashMap::new();
        for l in lines {
            if let Some(parent) = l.parent {
                map.entry((l.table.as_str(), l.year, parent)).or_default().push(l);
            }
        }
        Children(map)
    }

    fn of_line(&self, parent: &BudgetLine) -> Vec<&'a BudgetLine> {
        let key = (parent.table.as_str(), parent.year, parent.line);
        self.0.get(&key).cloned().unwrap_or_default()
    }
}

/// The lines that print the figure in `role` for `kids`: each kid, or, where it prints
/// none (a program row that leaves its amounts to its kegiatan), the lines under it.
fn printing<'a>(children: &Children<'a>, kids: &[&'a BudgetLine], role: Role) -> Vec<&'a BudgetLine> {
    let mut out = Vec::new();
    for &kid in kids {
        let under = children.of_line(kid);
        match value(figure_in(kid, role).as_ref()) == Value::Nil && !under.is_empty() {
            true => out.extend(printing(children, &under, role)),
            false => out.push(kid),
        }
    }
    out
}

/// Totals that are the sum of every other line of their table and year where the lines'
/// hierarchy does not add up to them: the arithmetic says the table is a flat list (a
/// number column counting sasaran, not programs over kegiatan), and each such total comes
/// with all those lines.
fn flat_totals<'a>(
    lines: &'a [BudgetLine],
    children: &Children<'a>,
) -> Vec<(&'a BudgetLine, Vec<&'a BudgetLine>)> {
    let is_total = |l: &BudgetLine| l.level == crate::nomenclature::Level::Total;
    let mut by_table: HashMap<(&str, Option<u16>), Vec<&BudgetLine>> = HashMap::new();
    for l in lines.iter().filter(|l| !is_total(l)) {
        by_table.entry((l.table.as_str(), l.year)).or_default().push(l);
    }
    lines
        .iter()
        .filter(|l| is_total(l))
        .filter_map(|total| {
            let members: Vec<&BudgetLine> = by_table
                .get(&(total.table.as_str(), total.year))
                .into_iter()
                .flatten()
                .filter(|l| l.line != total.line)
                .copied()
                .collect();
            let kids = children.of_line(total);
            let holds = |parts: &[&BudgetLine], role: Role| {
                let values: Vec<Value> = parts.iter().map(|l| value(figure_in(l, role).as_ref())).collect();
                balance(&value(figure_in(total, role).as_ref()), &values, true) == Balance::Holds
            };
            let flat = kids.len() < members.len()
                && members.len() >= 2
                && [Role::Anggaran, Role::RealisasiAnggaran]
                    .into_iter()
                    .any(|role| holds(&members, role) && !holds(&kids, role));
            flat.then_some((total, members))
        })
        .collect()
}

/// A budget line's figure in `role`: its anggaran, else its realisasi.
fn figure_in(l: &BudgetLine, role: Role) -> &Option<Figure> {
    if role == Role::Anggaran {
        &l.anggaran
    } else {
        &l.realisasi
    }
}

/// The children of a budget line, each with whether it restates the child right above it:
/// an uncoded row printing that row's very figure in `role` (`Gaji dan Tunjangan Pegawai`
/// under `BELANJA TIDAK LANGSUNG`) is its only part, not one more part of the parent.
fn restating<'a>(kids: &[&'a BudgetLine], role: Role) -> Vec<(&'a BudgetLine, bool)> {
    let value = |l: &BudgetLine| figure_in(l, role).as_ref().and_then(|f| f.value);
    let uncoded = |l: &BudgetLine| l.code.as_deref().is_none_or(|c| c.trim().is_empty());
    let mut out = Vec::new();
    let mut above: Option<&BudgetLine> = None;
    for &kid in kids {
        let restates =
            uncoded(kid) && above.is_some_and(|a| uncoded(a) && value(a).is_some() && value(a) == value(kid));
        out.push((kid, restates));
        above = Some(kid);
    }
    out
}

/// What a table's rows are, worked out once for all its columns: each row's code, name and
/// whether it is a total, and which rows are the children of which.
struct Shape<'a> {
    rows: Vec<&'a Row>,
    codes: Vec<String>,
    names: Vec<String>,
    totals: Vec<bool>,
    /// Whether rows carry dotted codes (`1.2`): parents are then checked over children.
    hierarchical: bool,
    /// Each coded row with children, and the children (rows whose code is its code and one
    /// more part).
    families: Vec<(usize, Vec<usize>)>,
}

impl<'a> Shape<'a> {
    fn of(table: &'a Table) -> Shape<'a> {
        let rows: Vec<&Row> = table.data_rows().collect();
        let printed = table.codes();
        let codes: Vec<String> = rows
            .iter()
            .map(|r| {
                printed
                    .get(&r.line)
                    .map(|c| c.trim().trim_end_matches('.').to_string())
                    .unwrap_or_default()
            })
            .collect();
        let names: Vec<String> = rows.iter().map(|r| row_name(table, r)).collect();
        let totals = names.iter().map(|n| is_total_label(n)).collect();
        let hierarchical = codes.iter().any(|c| is_code(c) && c.contains('.'));
        let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in codes.iter().enumerate() {
            if let Some((parent, _)) = c.rsplit_once('.').filter(|(_, rest)| !rest.is_empty()) {
                children.entry(parent).or_default().push(i);
            }
        }
        let families = match hierarchical {
            true => (0..rows.len())
                .filter(|&i| is_code(&codes[i]))
                .filter_map(|i| Some((i, children.get(codes[i].as_str())?.clone())))
                .collect(),
            false => Vec::new(),
        };
        Shape {
            rows,
            codes,
            names,
            totals,
            hierarchical,
            families,
        }
    }

    fn coded(&self, i: usize) -> bool {
        is_code(&self.codes[i])
    }
}

/// Total rows (`Jumlah`, `J U M L A H`, `Total`) of tables other than budget tables, and
/// parents over children where rows carry hierarchical codes. Each table's shape is worked
/// out once: the work grows with rows × columns, not with their squares.
pub fn table_totals(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, table) in cx.other_tables().filter(|(_, t)| t.layout.in_columns()) {
        let shape = Shape::of(table);
        for column in summable_columns(table) {
            column_totals(cx, table, &shape, column, &mut out);
        }
    }
    out
}

/// The sums of one column: parents over children, totals over the rows above them.
fn column_totals(cx: &Context, table: &Table, shape: &Shape, column: usize, out: &mut Vec<Finding>) {
    let head = header(table, column);
    let part = |i: usize| Part {
        figure: figure(table, shape.rows[i], column),
        table,
        column,
        label: format!("{head} of {}", shape.names[i]),
    };
    for (parent, kids) in &shape.families {
        let parts: Vec<Part> = kids.iter().map(|&k| part(k)).collect();
        let what = format!("{} {head}", shape.names[*parent]);
        out.extend(sum_finding(cx, &part(*parent), &parts, &what, true, |_| None));
    }
    let mut start = 0;
    for t in (0..shape.rows.len()).filter(|&t| shape.totals[t]) {
        let items: Vec<usize> = (start..t).filter(|&i| !shape.totals[i]).collect();
        start = t + 1;
        let chosen: Vec<usize> = match shape.hierarchical {
            true => items
                .into_iter()
                .filter(|&i| shape.coded(i) && !shape.codes[i].contains('.'))
                .collect(),
            false => groups_or_items(cx, table, shape, column, &items, out),
        };
        if chosen.is_empty() {
            // nothing above it in this table: it totals rows this table does not hold
            continue;
        }
        let parts: Vec<Part> = chosen.iter().map(|&i| part(i)).collect();
        let what = format!("{} {head}", shape.names[t]);
        let found = sum_finding(cx, &part(t), &parts, &what, true, |_| None);
        out.extend(found.filter(|f| !printed_elsewhere(table, shape.rows[t], column, f)));
    }
}

/// The rows a total sums: group subtotal rows (an uncoded row over the coded rows after it,
/// `Kecamatan …` over its villages) when the table shows that pattern, each group checked
/// too; otherwise every row.
fn groups_or_items(
    cx: &Context,
    table: &Table,
    shape: &Shape,
    column: usize,
    items: &[usize],
    out: &mut Vec<Finding>,
) -> Vec<usize> {
    let heads: Vec<usize> = (0..items.len())
        .filter(|&i| !shape.coded(items[i]) && items.get(i + 1).is_some_and(|&n| shape.coded(n)))
        .collect();
    let members = |h: usize| -> Vec<usize> {
        items[h + 1..]
            .iter()
            .take_while(|&&r| shape.coded(r))
            .copied()
            .collect()
    };
    let val = |i: usize| value(figure(table, shape.rows[i], column).as_ref());
    let holds = |h: usize| {
        let parts: Vec<Value> = members(h).into_iter().map(val).collect();
        balance(&val(items[h]), &parts, true) == Balance::Holds
    };
    if !heads.iter().any(|&h| holds(h)) {
        return items.to_vec();
    }
    let head = header(table, column);
    for &h in &heads {
        let part = |i: usize| Part {
            figure: figure(table, shape.rows[i], column),
            table,
            column,
            label: format!("{head} of {}", shape.names[i]),
        };
        let kids: Vec<Part> = members(h).into_iter().map(part).collect();
        out.extend(sum_finding(
            cx,
            &part(items[h]),
            &kids,
            &shape.names[items[h]],
            true,
            |_| None,
        ));
    }
    heads.iter().map(|&h| items[h]).collect()
}

/// The finding for `total = Σ parts`, if the sum does not hold or a reading had to be chosen.
fn sum_finding(
    cx: &Context,
    total: &Part,
    parts: &[Part],
    what: &str,
    counted: bool,
    missing: impl Fn(Decimal) -> Option<(String, usize)>,
) -> Option<Finding> {
    let values: Vec<Value> = parts.iter().map(Part::value).collect();
    if values.iter().all(|v| *v == Value::Nil) {
        // no part prints a figure here: nothing to add up
        return None;
    }
    let balanced = balance(&total.value(), &values, counted);
    if matches!(balanced, Balance::Holds | Balance::Unknown) {
        return None;
    }
    // where the figures are, only for a finding (a wide row has thousands of columns)
    let mut locations: Vec<Location> = std::iter::once(total)
        .chain(parts)
        .filter_map(|p| p.location(cx))
        .collect();
    match balanced {
        Balance::Holds | Balance::Unknown => None,
        Balance::Broken { expected, found } => {
            let n = parts.len();
            let message = format!(
                "{what} {} is not the sum of its {n} parts ({})",
                id_format(found.value, found.decimals),
                id_format(expected, found.decimals)
            );
            let delta = found.value - expected;
            if let Some((name, line)) = missing(delta) {
                locations.push(cx.locate(line, &name, None, None, format!("prose: {name}")));
                let help = format!("the prose at line {line} lists \"{name}\" for {}, which the table does not print under it; with it the sum holds", id_format(delta, 0));
                return Some(
                    Finding::new(Kind::MissingRow, Severity::Error, message, locations)
                        .values(expected, found.value, found.decimals)
                        .help(Some(help)),
                );
            }
            let (severity, help) = match far_apart(found.value, expected) {
                Some(doubt) => (Severity::Warning, Some(doubt)),
                None => (Severity::Error, swapped_digits(total, parts, counted)),
            };
            Some(
                Finding::new(Kind::SumMismatch, severity, message, locations)
                    .values(expected, found.value, found.decimals)
                    .help(help),
            )
        }
        Balance::Settled { who, reading } => {
            let p = if who == 0 { total } else { &parts[who - 1] };
            let raw = p.figure.as_ref().map(|f| f.raw.to_string()).unwrap_or_default();
            let read = id_format(reading.value, reading.decimals);
            let message = format!(
                "`{raw}` ({}) fits no number format; read as {read}, the one reading with which {what} sums",
                p.label
            );
            let mut f = Finding::new(Kind::MalformedNumber, Severity::Warning, message, locations);
            (f.expected, f.found) = (Some(reading.value.to_string()), Some(raw));
            Some(f.help(Some(format!("print {read}"))))
        }
        Balance::NoReadingFits { who } => {
            let p = if who == 0 { total } else { &parts[who - 1] };
            let raw = p.figure.as_ref().map(|f| f.raw.to_string()).unwrap_or_default();
            let message = format!(
                "`{raw}` ({}) fits no number format, and no reading of it makes {what} sum",
                p.label
            );
            let mut f = Finding::new(Kind::MalformedNumber, Severity::Error, message, locations);
            f.found = Some(raw);
            Some(f)
        }
    }
}

/// Why a total and the sum of its parts, when they are far apart (one half as much again
/// or more) with no slip of digits between them, say more about the reading than about the
/// report: a misprint changes a figure a little or by a digit, where parts that are
/// subtotals of each other add up to a multiple of their total, and rows the reading did
/// not reach (the rest of a table on another page) leave it short.
fn far_apart(total: Decimal, sum: Decimal) -> Option<String> {
    let (t, s) = (total.abs(), sum.abs());
    let ratio = |a: Decimal, b: Decimal| b.checked_mul(FAR).is_some_and(|far| a >= far);
    if t.is_zero() != s.is_zero() {
        return Some("one side is nil where the other is not: the row is likely no total of these parts, or they lie outside this reading".to_string());
    }
    if digits_slip(total, sum).is_some() || t.is_zero() {
        return None;
    }
    if ratio(s, t) {
        let times = s.checked_div(t)?.round_dp(1).normalize();
        let times = id_format(times, times.scale());
        return Some(format!("the parts add up to {times} times the total: some are likely subtotals of the others, a hierarchy this reading may have flattened"));
    }
    ratio(t, s).then(|| {
        "the parts add up to less than two thirds of the total: rows it sums may lie outside this reading (the rest of the table on another page, or under a heading read as another table)".to_string()
    })
}

/// How far apart (as a ratio) a total and its parts' sum are before the reading is in doubt.
const FAR: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// Whether the sum a `sum_mismatch` expects is what another cell of the total row prints:
/// then the row was read out of line with the columns above it (a label spanning two
/// columns, a total set apart on the next page), and the report is not at fault.
fn printed_elsewhere(table: &Table, row: &Row, column: usize, f: &Finding) -> bool {
    let expected = match (f.kind, f.expected.as_deref()) {
        (Kind::SumMismatch, Some(e)) => e.parse::<Decimal>().ok(),
        _ => None,
    };
    let Some(expected) = expected else { return false };
    (0..table.columns.len())
        .filter(|&c| c != column)
        .filter_map(|c| Some(figure(table, row, c)?.value?.number()?.value))
        .any(|v| v == expected)
}

/// Which single two-digit swap, in the total or one part, makes the sum hold.
fn swapped_digits(total: &Part, parts: &[Part], counted: bool) -> Option<String> {
    let all: Vec<&Part> = std::iter::once(total).chain(parts).collect();
    let values: Vec<Value> = all.iter().map(|p| p.value()).collect();
    let mut fixes = Vec::new();
    for (i, p) in all.iter().enumerate() {
        let Value::Known(n) = values[i] else { continue };
        for swapped in swaps(n.value) {
            let mut trial = values.clone();
            trial[i] = Value::Known(Number {
                value: swapped,
                decimals: 0,
            });
            if balance(&trial[0], &trial[1..], counted) == Balance::Holds {
                fixes.push(format!(
                    "{} printed {} may have two digits swapped: {} balances",
                    p.label,
                    id_format(n.value, 0),
                    id_format(swapped, 0)
                ));
            }
        }
    }
    (!fixes.is_empty()).then(|| fixes.join("; or "))
}

/// A prose item the tables do not print whose amount is the missing `delta`; `printed`
/// holds the names of the budget lines.
fn missing_from_prose(
    statements: &[Statement],
    printed: &NameIndex,
    role: Role,
    delta: Decimal,
) -> Option<(String, usize)> {
    statements.iter().find_map(|s| {
        let amount = if role == Role::Anggaran {
            s.anggaran
        } else {
            s.realisasi
        }?;
        let name = s.name.as_deref().filter(|_| amount.value == delta)?;
        let wanted = super::names::key(name);
        printed
            .first_same(&wanted)
            .is_none()
            .then(|| (name.to_string(), s.line))
    })
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::Anggaran => "anggaran",
        _ => "realisasi",
    }
}

fn short_name(l: &BudgetLine) -> String {
    match &l.code {
        Some(code) if code.chars().all(|c| c.is_ascii_digit() || c == '.') => code.clone(),
        _ => l.name.chars().take(60).collect(),
    }
}

fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// The name of a row: its code, else its first label.
fn row_name(table: &Table, row: &Row) -> String {
    let labels = table.columns.iter().filter(|c| !c.role.is_value());
    let texts: Vec<String> = labels
        .map(|c| row.text(c.index))
        .filter(|t| !t.is_empty())
        .collect();
    let first = texts.first().cloned().unwrap_or_default();
    match texts.get(1) {
        Some(next) if is_code(first.trim_end_matches('.')) => format!(
            "{} {}",
            first.trim_end_matches('.'),
            next.chars().take(50).collect::<String>()
        ),
        _ => first.chars().take(60).collect(),
    }
}

fn header(table: &Table, column: usize) -> String {
    let h = &table.columns[column].header;
    if h.is_empty() {
        format!("column {}", column + 1)
    } else {
        h.clone()
    }
}

/// Columns whose values add up: not percentages, ratios or codes.
fn summable_columns(table: &Table) -> Vec<usize> {
    let excluded = [
        Role::No,
        Role::Capaian,
        Role::PersenAnggaran,
        Role::Fisik,
        Role::Proporsi,
        Role::Efisiensi,
        Role::Target,
        Role::Realisasi,
        Role::Baseline,
        Role::Kumulatif,
        Role::Pembanding,
    ];
    table
        .columns
        .iter()
        .filter(|c| !excluded.contains(&c.role))
        // a header that says `%` heads percentages, which no total adds up
        .filter(|c| !c.header.contains('%'))
        .filter(|c| {
            table.data_rows().any(|r| {
                matches!(
                    figure(table, r, c.index).map(|f| f.status),
                    Some(crate::records::FigureStatus::Exact | crate::records::FigureStatus::Settled)
                )
            })
        })
        .filter(|c| {
            !table
                .data_rows()
                .any(|r| figure(table, r, c.index).is_some_and(|f| f.unit.as_deref() == Some("percent")))
        })
        .map(|c| c.index)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::far_apart;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    /// Disbun's TOTAL APBD 44.495.611.842 over parts read flat (108.053.151.684) and a
    /// total of 0 over parts printing 890.112.069 are doubts about the reading; a program
    /// 205.500.000 over its kegiatan, or a total whose leading digit is lost, are not.
    #[test]
    fn totals_far_from_their_parts_put_the_reading_in_doubt() {
        let doubled = far_apart(d("44495611842"), d("108053151684")).unwrap_or_default();
        assert!(doubled.contains("2,4 times the total"), "{doubled}");
        assert!(far_apart(d("0"), d("890112069"))
            .unwrap_or_default()
            .contains("nil"));
        assert!(far_apart(d("45381466800"), d("23676572300")).is_some());
        assert_eq!(far_apart(d("3846500000"), d("3641000000")), None);
        assert_eq!(far_apart(d("234567"), d("1234567")), None);
        assert_eq!(far_apart(d("0"), d("0")), None);
    }
}
