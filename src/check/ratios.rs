//! `ratio_mismatch` and `polarity`: percentages and capaian against the ratio of their
//! figures, and formula cells against their stated result.

use super::arith::{admits, id_format, known, Span};
use super::names::{key, same};
use super::repair::typo;
use super::{row_label, Context};
use crate::findings::{Finding, Kind, Location, Severity};
use crate::model::{Role, Table};
use crate::parsers::{Amount, CellValue, Number, Operand};
use crate::records::{figure, Figure, Indicator};
use rust_decimal::Decimal;

/// Indicators where less is better: a capaian above 100% means the target was missed.
const LOWER_IS_BETTER: [&str; 6] = [
    "pengangguran",
    "kemiskinan",
    "penduduk miskin",
    "kematian",
    "stunting",
    "gizi buruk",
];

/// `stated` against `num / den × 100`; the expected value when it does not hold.
fn ratio_broken(num: Number, den: Number, stated: Number, counted: bool) -> Option<Decimal> {
    let span = Span::of(num, counted).percent_of(Span::of(den, counted))?;
    (!admits(stated, span)).then(|| (num.value / den.value * Decimal::ONE_HUNDRED).round_dp(stated.decimals))
}

/// The capaian realisasi / target × 100 (or, `inverse`, target / realisasi × 100) gives,
/// when `capaian` is not it as printed: a target is set, not measured, so it is exact as
/// printed (`17,7`), where a realisasi may be a rounded measurement.
fn capaian_broken(realisasi: Number, target: Number, capaian: Number, inverse: bool) -> Option<Decimal> {
    let (r, t) = (Span::of(realisasi, false), Span::exact(target.value));
    let (num, den, n, d) = match inverse {
        false => (r, t, realisasi.value, target.value),
        true => (t, r, target.value, realisasi.value),
    };
    let span = num.percent_of(den)?;
    let ratio = n.checked_div(d)?.checked_mul(Decimal::ONE_HUNDRED)?;
    (!admits(capaian, span)).then(|| ratio.round_dp(capaian.decimals))
}

/// `%` of each budget line against realisasi / anggaran × 100.
pub fn budget_lines(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    // physical progress is not realisasi / anggaran
    for line in cx.program_lines().filter(|l| !l.persen_fisik) {
        let (Some(a), Some(r), Some(p)) = (
            known(line.anggaran.as_ref()),
            known(line.realisasi.as_ref()),
            known(line.persen.as_ref()),
        ) else {
            continue;
        };
        let Some(expected) = ratio_broken(r, a, p, true) else {
            continue;
        };
        let table = cx.table(&line.table);
        let col = |role: Role| table.and_then(|t| t.column_of(role, line.year)).map(|c| c.index);
        let label = line.code.clone().unwrap_or_default();
        let what = if label.is_empty() {
            line.name.clone()
        } else {
            label.clone()
        };
        let at = |f: &Option<Figure>, role: Role, word: &str| {
            f.as_ref()
                .map(|f| cx.figure_location(f, col(role), table, format!("{word} of {what}")))
        };
        let locs: Vec<Location> = [
            at(&line.persen, Role::PersenAnggaran, "%"),
            at(&line.realisasi, Role::RealisasiAnggaran, "realisasi"),
            at(&line.anggaran, Role::Anggaran, "anggaran"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let copied = cx.doc.budget_lines.iter().find(|o| {
            o.table == line.table
                && o.line != line.line
                && o.year == line.year
                && known(o.persen.as_ref()) == Some(p)
                && ratio_holds(o)
        });
        let (severity, how_read) = read_by_arithmetic(table, (Role::PersenAnggaran, Role::RealisasiAnggaran));
        let help = how_read.or(copied
            .map(|o| {
                format!(
                    "{} is the % of {} (line {}), whose ratio it fits: copied from there?",
                    id_format(p.value, p.decimals),
                    o.name,
                    o.line
                )
            })
            .or_else(|| typo(p.value, expected)));
        let message = format!(
            "{} {}: % is {} but realisasi / anggaran × 100 is {}",
            label,
            line.name,
            id_format(p.value, p.decimals),
            id_format(expected, p.decimals)
        )
        .trim_start()
        .to_string();
        out.push(
            Finding::new(Kind::RatioMismatch, severity, message, locs)
                .values(expected, p.value, p.decimals)
                .help(help),
        );
    }
    out
}

fn ratio_holds(line: &crate::records::BudgetLine) -> bool {
    match (
        known(line.anggaran.as_ref()),
        known(line.realisasi.as_ref()),
        known(line.persen.as_ref()),
    ) {
        (Some(a), Some(r), Some(p)) => ratio_broken(r, a, p, true).is_none(),
        _ => false,
    }
}

/// Budget percentages in allocation tables (per sasaran or indicator).
pub fn allocation_rows(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, t) in cx.other_tables() {
        let (Some(a), Some(r), Some(p)) = (
            t.column(Role::Anggaran),
            t.column(Role::RealisasiAnggaran),
            t.column(Role::PersenAnggaran),
        ) else {
            continue;
        };
        for row in t.data_rows() {
            let get = |c: usize| figure(t, row, c);
            let (fa, fr, fp) = (get(a.index), get(r.index), get(p.index));
            let (Some(na), Some(nr), Some(np)) = (known(fa.as_ref()), known(fr.as_ref()), known(fp.as_ref()))
            else {
                continue;
            };
            let Some(expected) = ratio_broken(nr, na, np, true) else {
                continue;
            };
            let name = row_label(t, row, t.column(Role::Uraian));
            let locs = vec![
                cx.figure_location(
                    fp.as_ref().expect("figure"),
                    Some(p.index),
                    Some(t),
                    format!("{} of {name}", p.header),
                ),
                cx.figure_location(
                    fr.as_ref().expect("figure"),
                    Some(r.index),
                    Some(t),
                    format!("{} of {name}", r.header),
                ),
                cx.figure_location(
                    fa.as_ref().expect("figure"),
                    Some(a.index),
                    Some(t),
                    format!("{} of {name}", a.header),
                ),
            ];
            let message = format!(
                "{name}: {} is {} but realisasi / anggaran × 100 is {}",
                p.header,
                id_format(np.value, np.decimals),
                id_format(expected, np.decimals)
            );
            out.push(
                Finding::new(Kind::RatioMismatch, Severity::Error, message, locs)
                    .values(expected, np.value, np.decimals)
                    .help(typo(np.value, expected)),
            );
        }
    }
    out
}

/// Capaian against realisasi / target × 100 (or its inverse for lower-is-better indicators).
pub fn indicators(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for ind in &cx.doc.indicators {
        let (Some(t), Some(r), Some(c)) = (
            known(ind.target.as_ref()),
            known(ind.realisasi.as_ref()),
            known(ind.capaian.as_ref()),
        ) else {
            continue;
        };
        if t.value.is_zero() {
            continue;
        }
        let table = cx.table(&ind.table);
        let lower = LOWER_IS_BETTER
            .iter()
            .any(|w| ind.indikator.to_lowercase().contains(w))
            || ind.indikator.contains("TPT");
        let plain = capaian_broken(r, t, c, false);
        let scored_lower = scored_as_lower(t, r, c);
        let locs = locations(cx, ind, table);
        if lower && plain.is_none() && !scored_lower {
            let inverse = (Decimal::TWO - r.value / t.value) * Decimal::ONE_HUNDRED;
            let message = format!("{}: a lower-is-better indicator, but its capaian {}% is realisasi / target × 100; a realisasi above target is a miss", ind.indikator, id_format(c.value, c.decimals));
            let help = format!(
                "capaian (2 − realisasi / target) × 100 = {}%, or target / realisasi × 100 = {}%",
                id_format(inverse, c.decimals),
                id_format(t.value / r.value * Decimal::ONE_HUNDRED, c.decimals)
            );
            out.push(
                Finding::new(Kind::Polarity, Severity::Error, message, locs)
                    .values(inverse.round_dp(c.decimals), c.value, c.decimals)
                    .help(Some(help)),
            );
            continue;
        }
        // the report's own formula decides the polarity: a capaian that is target /
        // realisasi (or 2 − realisasi / target) scores an indicator where less is better
        let Some(direct) = plain.filter(|_| !scored_lower) else {
            continue;
        };
        if r.value.is_zero() || fits_another_reading(ind, c) {
            continue;
        }
        let inverse = (t.value / r.value * Decimal::ONE_HUNDRED).round_dp(c.decimals);
        let as_lower = lower || (c.value - inverse).abs() < (c.value - direct).abs();
        let (expected, formula, over) = match as_lower {
            true => (inverse, "target / realisasi", [t, r]),
            false => (direct, "realisasi / target", [r, t]),
        };
        let (severity, how_read) = read_by_arithmetic(table, (Role::Capaian, Role::Realisasi));
        let help = how_read
            .or_else(|| explained_elsewhere(cx, ind, c))
            .or_else(|| typo(c.value, expected));
        let message = format!(
            "{}: capaian {} but {formula} × 100 is {} ({} / {})",
            ind.indikator,
            id_format(c.value, c.decimals),
            id_format(expected, c.decimals),
            id_format(over[0].value, over[0].decimals),
            id_format(over[1].value, over[1].decimals)
        );
        out.push(
            Finding::new(Kind::RatioMismatch, severity, message, locs)
                .values(expected, c.value, c.decimals)
                .help(help),
        );
    }
    out
}

/// A ratio finding's severity, and what to say of its columns: an error where the headers
/// named them, or where the percent's header says `%` and the ratio holds on three rows in
/// four at least (three rows or more); otherwise, where only the arithmetic of a few rows
/// named the percent (`ratio`) or the figure it is of (`part`), a warning: this row may
/// print something else there (a physical progress).
fn read_by_arithmetic(table: Option<&Table>, (ratio, part): (Role, Role)) -> (Severity, Option<String>) {
    let confirmed = |role: Role| {
        let column = table.and_then(|t| t.column(role));
        column.and_then(|c| Some((c, c.confirmed?)))
    };
    if let Some((c, evidence)) = confirmed(ratio) {
        let sure = c.header.contains('%')
            && evidence.holds >= 3
            && evidence.holds.saturating_mul(4) >= evidence.rows.saturating_mul(3);
        if !sure {
            return (Severity::Warning, Some(evidence.note(&c.header, c.index)));
        }
    }
    match confirmed(part) {
        Some((c, evidence)) => (Severity::Warning, Some(evidence.note(&c.header, c.index))),
        None => (Severity::Error, None),
    }
}

fn locations(cx: &Context, ind: &Indicator, table: Option<&Table>) -> Vec<Location> {
    let col = |role: Role| {
        table
            .and_then(|t| {
                t.columns
                    .iter()
                    .find(|c| c.role == role && c.year.is_none_or(|y| Some(y) == ind.year))
                    .or(t.column(role))
            })
            .map(|c| c.index)
    };
    [
        (&ind.capaian, Role::Capaian, "capaian"),
        (&ind.realisasi, Role::Realisasi, "realisasi"),
        (&ind.target, Role::Target, "target"),
    ]
    .into_iter()
    .filter_map(|(f, role, word)| {
        f.as_ref()
            .map(|f| cx.figure_location(f, col(role), table, format!("{word} of {}", ind.indikator)))
    })
    .collect()
}

/// Another printing of the same indicator whose target or realisasi gives the stated capaian.
/// Whether another reading of a target or realisasi whose printed digits allow two
/// (`82.029`: 82029 or 82,029, settled one way by its column) makes the capaian fit: the
/// row's own arithmetic reads it so.
fn fits_another_reading(ind: &Indicator, c: Number) -> bool {
    let readings = |f: Option<&Figure>| -> Vec<Number> {
        let settled = f.filter(|f| f.status == crate::records::FigureStatus::Settled);
        let mut all: Vec<Number> =
            settled.map_or_else(Vec::new, |f| f.readings.iter().map(|r| r.number).collect());
        all.extend(f.and_then(point_decimal));
        all
    };
    let (targets, realisasi) = (readings(ind.target.as_ref()), readings(ind.realisasi.as_ref()));
    let (Some(t), Some(r)) = (known(ind.target.as_ref()), known(ind.realisasi.as_ref())) else {
        return false;
    };
    let ts = if targets.is_empty() { vec![t] } else { targets };
    let rs = if realisasi.is_empty() { vec![r] } else { realisasi };
    ts.iter().any(|&t| {
        rs.iter().any(|&r| {
            !t.value.is_zero() && (capaian_broken(r, t, c, false).is_none() || scored_as_lower(t, r, c))
        })
    })
}

/// The decimal-point reading of a figure read as thousands from one dot group (`82.029`
/// as 82,029 where the grammar took 82029): tables that print `16.13` print decimals so.
fn point_decimal(f: &Figure) -> Option<Number> {
    let raw = f.raw.trim().trim_end_matches('%').trim_end();
    let (int, frac) = raw.split_once('.')?;
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let one_group = (1..=3).contains(&int.len()) && frac.len() == 3 && digits(int) && digits(frac);
    let value: Decimal = raw
        .parse()
        .ok()
        .filter(|_| one_group && f.status == crate::records::FigureStatus::Exact)?;
    Some(Number { value, decimals: 3 })
}

/// Whether a capaian is what an indicator where less is better scores: target / realisasi
/// × 100, or (2 − realisasi / target) × 100.
fn scored_as_lower(t: Number, r: Number, c: Number) -> bool {
    let inverse = !r.value.is_zero() && capaian_broken(r, t, c, true).is_none();
    let mirrored = Span::of(r, false)
        .percent_of(Span::of(t, false))
        .is_some_and(|p| admits(c, Span::exact(Decimal::ONE_HUNDRED * Decimal::TWO).minus(p)));
    inverse || mirrored
}

fn explained_elsewhere(cx: &Context, ind: &Indicator, c: Number) -> Option<String> {
    let k = key(&ind.indikator);
    let others = cx
        .doc
        .indicators
        .iter()
        .filter(|o| o.year == ind.year && o.table != ind.table && same(&key(&o.indikator), &k));
    for o in others {
        let (t, r) = (known(ind.target.as_ref())?, known(ind.realisasi.as_ref())?);
        if let Some(ot) = known(o.target.as_ref())
            .filter(|ot| ot.value != t.value && capaian_broken(r, *ot, c, false).is_none())
        {
            return Some(format!(
                "{} is {} / {} × 100: the target printed in {} (line {})",
                id_format(c.value, c.decimals),
                id_format(r.value, r.decimals),
                id_format(ot.value, ot.decimals),
                table_name(cx, &o.table),
                o.line
            ));
        }
    }
    None
}

fn table_name(cx: &Context, id: &str) -> String {
    cx.table(id)
        .and_then(|t| t.number.clone())
        .map_or(format!("table {id}"), |n| format!("Tabel {n}"))
}

/// Formula cells: numerator / denominator × factor against the stated result.
pub fn formulas(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &cx.doc.tables {
        for row in t.data_rows() {
            for (col, cell) in row.cells.iter().enumerate() {
                let CellValue::Formula(f) = &cell.value else {
                    continue;
                };
                let (Some(num), Some(den), Some(result)) = (
                    operand(&f.numerator),
                    operand(&f.denominator),
                    exact(f.result.as_ref()),
                ) else {
                    continue;
                };
                let factor = exact(f.factor.as_ref()).map_or(Decimal::ONE, |n| n.value);
                let span = Span::of(num, true).percent_of(Span::of(den, true)).map(|s| Span {
                    lo: s.lo * factor / Decimal::ONE_HUNDRED,
                    hi: s.hi * factor / Decimal::ONE_HUNDRED,
                });
                let Some(span) = span.filter(|s| !admits(result, *s)) else {
                    continue;
                };
                let expected = (num.value / den.value * factor).round_dp(result.decimals);
                let without = Span::of(num, true).percent_of(Span::of(den, true)).map(|s| Span {
                    lo: s.lo / Decimal::ONE_HUNDRED,
                    hi: s.hi / Decimal::ONE_HUNDRED,
                });
                let help = without.filter(|w| factor != Decimal::ONE && admits(result, *w)).map(|_| format!("the result is the fraction itself, without × {}: the factor is misprinted, not the result", id_format(factor, 0)));
                let message = format!(
                    "formula {} / {} × {} gives {}, but the cell states {}",
                    id_format(num.value, num.decimals),
                    id_format(den.value, den.decimals),
                    id_format(factor, 0),
                    id_format(span.mid(), result.decimals),
                    id_format(result.value, result.decimals)
                );
                let loc = cx.locate(row.line, &cell.raw, Some(col), Some(&t.id), "formula".into());
                out.push(
                    Finding::new(Kind::RatioMismatch, Severity::Error, message, vec![loc])
                        .values(expected, result.value, result.decimals)
                        .help(help),
                );
            }
        }
    }
    out
}

fn operand(o: &Operand) -> Option<Number> {
    match o {
        Operand::Amount(a) => a.exact(),
        Operand::Text(_) => None,
    }
}

fn exact(a: Option<&Amount>) -> Option<Number> {
    a.and_then(Amount::exact)
}
