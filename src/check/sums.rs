//! `sum_mismatch` (and `missing_row`, `malformed_number` when a sum settles a reading):
//! a parent or total that is not the sum of its parts.

#![allow(
    clippy::indexing_slicing,
    reason = "rows and parts indexed by positions found in the same vectors; not yet rewritten to checked access"
)]

use super::arith::{id_format, value, Value};
use super::balance::{balance, Balance};
use super::prose::Statement;
use super::repair::{digits_slip, swaps};
use super::Context;
use crate::findings::{Finding, Kind, Location, Severity};
use crate::model::{is_total_label, Role, Row, Table};
use crate::parsers::Number;
use crate::records::{figure, BudgetLine, Figure};
use rust_decimal::Decimal;

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
    let flat = flat_totals(lines);
    let mut out = Vec::new();
    for parent in lines {
        let kids: Vec<&BudgetLine> = match flat
            .iter()
            .find(|(t, _)| t.table == parent.table && t.year == parent.year)
        {
            Some((total, members)) if total.line == parent.line => members.clone(),
            Some(_) => Vec::new(),
            None => children(lines, parent),
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
            let parts: Vec<Part> = restating(&printing(lines, &kids, role), role)
                .into_iter()
                .filter(|(_, restates)| !restates)
                .map(|(k, _)| part(k))
                .collect();
            let what = format!("{} {}", short_name(parent), role_word(role));
            let found = sum_finding(cx, &total, &parts, &what, true, |delta| {
                missing_from_prose(statements, lines, role, delta)
            });
            let row = table.rows.iter().find(|r| r.line == parent.line);
            out.extend(found.filter(|f| !row.is_some_and(|row| printed_elsewhere(table, row, column, f))));
        }
    }
    out
}

/// The lines whose parent is `parent`.
fn children<'a>(lines: &'a [BudgetLine], parent: &BudgetLine) -> Vec<&'a BudgetLine> {
    lines
        .iter()
        .filter(|l| l.table == parent.table && l.year == parent.year && l.parent == Some(parent.line))
        .collect()
}

/// The lines that print the figure in `role` for `kids`: each kid, or, where it prints
/// none (a program row that leaves its amounts to its kegiatan), the lines under it.
fn printing<'a>(lines: &'a [BudgetLine], kids: &[&'a BudgetLine], role: Role) -> Vec<&'a BudgetLine> {
    let mut out = Vec::new();
    for &kid in kids {
        let under = children(lines, kid);
        match value(figure_in(kid, role).as_ref()) == Value::Nil && !under.is_empty() {
            true => out.extend(printing(lines, &under, role)),
            false => out.push(kid),
        }
    }
    out
}

/// Totals that are the sum of every other line of their table and year where the lines'
/// hierarchy does not add up to them: the arithmetic says the table is a flat list (a
/// number column counting sasaran, not programs over kegiatan), and each such total comes
/// with all those lines.
fn flat_totals(lines: &[BudgetLine]) -> Vec<(&BudgetLine, Vec<&BudgetLine>)> {
    let totals = lines
        .iter()
        .filter(|l| l.level == crate::nomenclature::Level::Total);
    totals
        .filter_map(|total| {
            let members: Vec<&BudgetLine> = lines
                .iter()
                .filter(|l| l.table == total.table && l.year == total.year && l.line != total.line)
                .filter(|l| l.level != crate::nomenclature::Level::Total)
                .collect();
            let kids = children(lines, total);
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
    let value = |l: &BudgetLine| figure_in(l, role).as_ref().and_then(|f| f.value.clone());
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

/// Total rows (`Jumlah`, `J U M L A H`, `Total`) of tables other than budget tables, and
/// parents over children where rows carry hierarchical codes.
pub fn table_totals(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, table) in cx.other_tables().filter(|(_, t)| t.layout.in_columns()) {
        let rows: Vec<&Row> = table.data_rows().collect();
        let codes = table.codes();
        let code = |r: &Row| {
            codes
                .get(&r.line)
                .map(|c| c.trim().trim_end_matches('.').to_string())
                .unwrap_or_default()
        };
        let hierarchical = rows.iter().any(|r| is_code(&code(r)) && code(r).contains('.'));
        for column in summable_columns(table) {
            let part = |r: &Row| Part {
                figure: figure(table, r, column),
                table,
                column,
                label: format!("{} of {}", header(table, column), row_name(table, r)),
            };
            if hierarchical {
                for parent in rows.iter().filter(|r| is_code(&code(r))) {
                    let prefix = format!("{}.", code(parent));
                    let kids: Vec<Part> = rows
                        .iter()
                        .filter(|r| {
                            code(r)
                                .strip_prefix(&prefix)
                                .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'))
                        })
                        .map(|r| part(r))
                        .collect();
                    if !kids.is_empty() {
                        out.extend(sum_finding(
                            cx,
                            &part(parent),
                            &kids,
                            &format!("{} {}", row_name(table, parent), header(table, column)),
                            true,
                            |_| None,
                        ));
                    }
                }
            }
            let mut start = 0;
            for (t, total_row) in rows.iter().enumerate().filter(|(_, r)| is_total(table, r)) {
                let items: Vec<&&Row> = rows[start..t].iter().filter(|r| !is_total(table, r)).collect();
                start = t + 1;
                let chosen: Vec<&Row> = match hierarchical {
                    true => items
                        .iter()
                        .filter(|r| is_code(&code(r)) && !code(r).contains('.'))
                        .map(|r| **r)
                        .collect(),
                    false => groups_or_items(cx, table, column, &items, &code, &mut out),
                };
                if chosen.is_empty() {
                    // nothing above it in this table: it totals rows this table does not hold
                    continue;
                }
                let parts: Vec<Part> = chosen.iter().map(|r| part(r)).collect();
                let what = format!("{} {}", row_name(table, total_row), header(table, column));
                let found = sum_finding(cx, &part(total_row), &parts, &what, true, |_| None);
                out.extend(found.filter(|f| !printed_elsewhere(table, total_row, column, f)));
            }
        }
    }
    out
}

/// The rows a total sums: group subtotal rows (an uncoded row over the coded rows after it,
/// `Kecamatan …` over its villages) when the table shows that pattern, each group checked
/// too; otherwise every row.
fn groups_or_items<'a>(
    cx: &Context,
    table: &Table,
    column: usize,
    items: &[&&'a Row],
    code: &dyn Fn(&Row) -> String,
    out: &mut Vec<Finding>,
) -> Vec<&'a Row> {
    let heads: Vec<usize> = (0..items.len())
        .filter(|&i| !is_code(&code(items[i])) && items.get(i + 1).is_some_and(|n| is_code(&code(n))))
        .collect();
    let members = |h: usize| -> Vec<&Row> {
        items[h + 1..]
            .iter()
            .take_while(|r| is_code(&code(r)))
            .map(|r| **r)
            .collect()
    };
    let val = |r: &Row| value(figure(table, r, column).as_ref());
    let holds = |h: usize| {
        balance(
            &val(items[h]),
            &members(h).iter().map(|r| val(r)).collect::<Vec<_>>(),
            true,
        ) == Balance::Holds
    };
    if !heads.iter().any(|&h| holds(h)) {
        return items.iter().map(|r| **r).collect();
    }
    for &h in &heads {
        let part = |r: &Row| Part {
            figure: figure(table, r, column),
            table,
            column,
            label: format!("{} of {}", header(table, column), row_name(table, r)),
        };
        let kids: Vec<Part> = members(h).iter().map(|r| part(r)).collect();
        out.extend(sum_finding(
            cx,
            &part(items[h]),
            &kids,
            &row_name(table, items[h]),
            true,
            |_| None,
        ));
    }
    heads.iter().map(|&h| *items[h]).collect()
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
    let mut locations: Vec<Location> = std::iter::once(total)
        .chain(parts)
        .filter_map(|p| p.location(cx))
        .collect();
    match balance(&total.value(), &values, counted) {
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
            let raw = p.figure.as_ref().map(|f| f.raw.clone()).unwrap_or_default();
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
            let raw = p.figure.as_ref().map(|f| f.raw.clone()).unwrap_or_default();
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
        .filter_map(|c| figure(table, row, c)?.value?.parse::<Decimal>().ok())
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

/// A prose item the tables do not print whose amount is the missing `delta`.
fn missing_from_prose(
    statements: &[Statement],
    lines: &[BudgetLine],
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
        let printed = lines
            .iter()
            .any(|l| super::names::same(&super::names::key(&l.name), &wanted));
        (!printed).then(|| (name.to_string(), s.line))
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

fn is_total(table: &Table, row: &Row) -> bool {
    is_total_label(&row_name(table, row))
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
