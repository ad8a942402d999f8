//! Every number form the grammar reads, each taken from the corpus line it comes from.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip_parsers::{parse_cell, Amount, CellValue, Convention, Grade, NilMarker, Number, Operand, Unit};
use rust_decimal::Decimal;
use std::str::FromStr;

const LAMONGAN: &str = "lamongan-disnaker-lkjip-2023.txt";
const SAKIP: &str = "lamongan-disnaker-sakip-2024.txt";
const LUMAJANG: &str = "lumajang-disnaker-lkj-tw2-2023.txt";
const SAMPANG: &str = "sampang-disnaker-lkjip-2023.txt";
const BLITAR: &str = "blitar-disnaker-lkjip-2022.txt";

/// Line `line` (1-based) of a corpus report.
fn line(file: &str, line: usize) -> String {
    let path = format!("{}/../corpus/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("{file} has no line {line}"))
        .to_string()
}

/// Tab-separated cell `col` (0-based) of a corpus line.
fn cell(file: &str, n: usize, col: usize) -> String {
    let l = line(file, n);
    l.split('\t')
        .nth(col)
        .unwrap_or_else(|| panic!("{file}:{n} has no cell {col}: {l:?}"))
        .to_string()
}

/// `needle`, after checking that the corpus line prints it (for prose and slide text).
fn fragment(file: &str, n: usize, needle: &str) -> String {
    assert!(
        line(file, n).contains(needle),
        "{file}:{n} does not print {needle:?}"
    );
    needle.to_string()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Value, decimals and unit of a cell that must read as exactly one number.
fn exact(raw: &str) -> (Decimal, u32, Unit) {
    match parse_cell(raw) {
        CellValue::Quantity(q) => {
            let n = q
                .amount
                .exact()
                .unwrap_or_else(|| panic!("{raw:?} is not exact: {:?}", q.amount));
            (n.value, n.decimals, q.unit)
        }
        other => panic!("{raw:?} is not a quantity: {other:?}"),
    }
}

fn readings(amount: &Amount) -> Vec<(Decimal, u32, Convention)> {
    amount
        .readings()
        .iter()
        .map(|r| (r.number.value, r.number.decimals, r.convention))
        .collect()
}

fn amount_of(raw: &str) -> Amount {
    match parse_cell(raw) {
        CellValue::Quantity(q) => q.amount,
        other => panic!("{raw:?} is not a quantity: {other:?}"),
    }
}

#[test]
fn grouped_integer_budget() {
    let raw = cell(LAMONGAN, 1021, 2);
    assert_eq!(raw, "9.801.822.500");
    assert_eq!(exact(&raw), (dec("9801822500"), 0, Unit::None));
}

#[test]
fn decimals_keep_their_printed_precision() {
    assert_eq!(exact(&cell(LAMONGAN, 831, 4)), (dec("97.25"), 2, Unit::None));
    let (v, d, _) = exact(&cell(LAMONGAN, 445, 3));
    assert_eq!((v, d), (dec("17062035864.00"), 2));
    assert_eq!(v.to_string(), "17062035864.00");
    assert_eq!(
        exact(&fragment(LAMONGAN, 1168, "30.709.181,1")),
        (dec("30709181.1"), 1, Unit::None)
    );
}

#[test]
fn percents_with_and_without_space() {
    assert_eq!(exact(&cell(LAMONGAN, 669, 3)), (dec("94.54"), 2, Unit::Percent));
    assert_eq!(exact(&cell(LUMAJANG, 77, 7)), (dec("51.43"), 2, Unit::Percent));
    assert_eq!(cell(LUMAJANG, 77, 7), "51,43 %");
    assert_eq!(exact(&cell(LUMAJANG, 77, 5)), (dec("0"), 0, Unit::Percent));
    assert_eq!(exact("94,54 %"), (dec("94.54"), 2, Unit::Percent));
}

#[test]
fn rupiah_amounts() {
    assert_eq!(
        exact(&cell(LAMONGAN, 456, 2)),
        (dec("9801822500"), 0, Unit::Rupiah)
    );
    assert_eq!(
        exact(&fragment(SAMPANG, 445, "Rp. 4.753.553.212,-")),
        (dec("4753553212"), 0, Unit::Rupiah)
    );
    assert_eq!(exact(&cell(LUMAJANG, 77, 3)), (dec("20000000"), 0, Unit::Rupiah));
    assert_eq!(exact(&cell(LUMAJANG, 77, 4)), (dec("0"), 0, Unit::Rupiah));
    assert_eq!(
        exact(&fragment(BLITAR, 614, "Rp.3.018.474.000")),
        (dec("3018474000"), 0, Unit::Rupiah)
    );
}

#[test]
fn nil_markers_are_not_zero() {
    assert_eq!(
        parse_cell(&cell(LAMONGAN, 1032, 2)),
        CellValue::Nil(NilMarker::Dash)
    );
    assert_eq!(
        parse_cell(&cell(LAMONGAN, 834, 2)),
        CellValue::Nil(NilMarker::Empty)
    );
    assert_eq!(parse_cell(&cell(BLITAR, 229, 3)), CellValue::Nil(NilMarker::Dash));
    // The en dash marks nil in other reports; none of the corpus tables prints one.
    assert_eq!(parse_cell("–"), CellValue::Nil(NilMarker::Dash));
}

#[test]
fn negatives() {
    assert_eq!(exact(&cell(LAMONGAN, 851, 4)), (dec("-9.83"), 2, Unit::None));
    assert_eq!(exact(&cell(BLITAR, 643, 3)), (dec("-658"), 0, Unit::None));
    assert_eq!(exact(&cell(BLITAR, 761, 8)), (dec("-38"), 0, Unit::Percent));
}

#[test]
fn numbers_with_counted_units() {
    let word = |w: &str| Unit::Word(Box::new(w.to_string()));
    assert_eq!(exact(&cell(LUMAJANG, 50, 3)), (dec("70"), 0, word("perusahaan")));
    assert_eq!(exact(&cell(BLITAR, 504, 3)), (dec("3"), 0, word("Kasus")));
    assert_eq!(exact(&cell(LAMONGAN, 625, 2)), (dec("8"), 0, word("Dokumen")));
    assert_eq!(
        exact(&cell(LAMONGAN, 1225, 2)),
        (dec("1000"), 0, word("Pencaker"))
    );
    assert_eq!(
        exact(&fragment(SAKIP, 503, "160 orang")),
        (dec("160"), 0, word("orang"))
    );
    assert_eq!(
        exact(&cell(LAMONGAN, 1227, 2)),
        (dec("16"), 0, word("Perusahaan Kecil"))
    );
    // a unit glued to its number, as BP3AKB's Tabel 3.1.3 prints `69.02poin` (a real PDF,
    // not the corpus); one letter glued (`12a`) is a code, not a unit
    assert_eq!(exact("69,02poin"), (dec("69.02"), 2, word("poin")));
    assert!(!matches!(parse_cell("12a"), CellValue::Quantity(_)));
}

#[test]
fn sakip_grades_are_grades() {
    assert_eq!(parse_cell(&cell(BLITAR, 433, 3)), CellValue::Grade(Grade::BB));
    for (text, grade) in [
        ("AA", Grade::AA),
        ("A", Grade::A),
        ("B", Grade::B),
        ("CC", Grade::CC),
        ("C", Grade::C),
        ("D", Grade::D),
    ] {
        assert_eq!(parse_cell(text), CellValue::Grade(grade));
    }
    assert!(Grade::AA < Grade::BB);
}

#[test]
fn converter_artefacts() {
    let raw = cell(BLITAR, 623, 4);
    assert_eq!(raw, "104,7 5%");
    assert_eq!(exact(&raw), (dec("104.75"), 2, Unit::Percent));
    assert_eq!(exact(&cell(BLITAR, 624, 4)), (dec("102.47"), 2, Unit::Percent));
    assert_eq!(cell(LAMONGAN, 445, 3), "<u>17.062.035.864,00</u>");
    assert_eq!(
        exact(&fragment(BLITAR, 719, "Rp. **8.251.284.892,-**")),
        (dec("8251284892"), 0, Unit::Rupiah)
    );
    assert_eq!(
        exact(&cell(LAMONGAN, 457, 2)),
        (dec("3964430000"), 0, Unit::Rupiah)
    );
}

#[test]
fn formula_cell_with_numbers() {
    let CellValue::Formula(f) = parse_cell(&cell(LAMONGAN, 1165, 8)) else {
        panic!("not a formula")
    };
    let num = |o: &Operand| match o {
        Operand::Amount(a) => a.exact().unwrap(),
        Operand::Text(t) => panic!("text operand {t}"),
    };
    assert_eq!(num(&f.numerator).value, dec("780417"));
    assert_eq!(num(&f.denominator).value, dec("825465"));
    assert_eq!(
        f.factor.and_then(|a| a.exact()).map(|n| n.value),
        Some(dec("100"))
    );
    assert_eq!(
        f.result.and_then(|a| a.exact()),
        Number::from_digits(false, "94", "54")
    );
    let CellValue::Formula(g) = parse_cell(&cell(LAMONGAN, 1168, 8)) else {
        panic!("not a formula")
    };
    assert_eq!(
        num(&g.numerator),
        Number::from_digits(false, "30709181", "1").unwrap()
    );
}

/// The same cell as a PDF's text layer gives it back (`lkjip text` on the corpus PDF):
/// LibreOffice spaces the glyphs after each backslash and between the braces.
#[test]
fn formula_cell_spaced_by_a_pdf_text_layer_reads_the_same() {
    let printed = cell(LAMONGAN, 1165, 8);
    let spaced = "$\\ frac{780.417} {825.465} \\ times 100 = 94,54$";
    assert_eq!(spaced.replace("\\ ", "\\").replace("} {", "}{"), printed);
    assert_eq!(parse_cell(spaced), parse_cell(&printed));
    assert!(matches!(parse_cell(spaced), CellValue::Formula(_)));
    let named = "$\\frac{\\ text{Realisasi Indikator} - \\ text{Target Indikator}}{\\ text{Realisasi Indikator}} \\ times 100$";
    let CellValue::Formula(f) = parse_cell(named) else {
        panic!("not a formula")
    };
    assert_eq!(
        f.numerator,
        Operand::Text("Realisasi Indikator - Target Indikator".into())
    );
}

#[test]
fn formula_cell_with_named_quantities() {
    let CellValue::Formula(f) = parse_cell(&cell(LAMONGAN, 1166, 5)) else {
        panic!("not a formula")
    };
    assert_eq!(
        f.numerator,
        Operand::Text("Realisasi Indikator - Target Indikator".into())
    );
    assert_eq!(f.denominator, Operand::Text("Realisasi Indikator".into()));
    assert_eq!(f.result, None);
}

#[test]
fn comma_thousands_are_ambiguous_with_both_readings() {
    let raw = cell(BLITAR, 643, 1);
    assert_eq!(raw, "10,730");
    let a = amount_of(&raw);
    assert!(matches!(a, Amount::Ambiguous(_)));
    assert_eq!(
        readings(&a),
        vec![
            (dec("10.730"), 3, Convention::IdId),
            (dec("10730"), 0, Convention::EnUs)
        ]
    );
    assert_eq!(readings(&amount_of(&cell(BLITAR, 649, 1)))[1].0, dec("24072"));
    let neg = amount_of(&cell(BLITAR, 648, 3));
    assert_eq!(
        readings(&neg),
        vec![
            (dec("-1.046"), 3, Convention::IdId),
            (dec("-1046"), 0, Convention::EnUs)
        ]
    );
    // 822 in the same column is a plain integer, not ambiguous
    assert_eq!(exact(&cell(BLITAR, 648, 2)), (dec("822"), 0, Unit::None));
}

#[test]
fn english_grouping_with_several_commas_is_exact() {
    // the budget figures of the Jawa Barat LKIP sample PDF
    let a = amount_of("82,745,870,475");
    assert_eq!(readings(&a), vec![(dec("82745870475"), 0, Convention::EnUs)]);
    assert!(matches!(a, Amount::Exact(_)));
}

#[test]
fn malformed_numbers_offer_their_repairs() {
    let raw = cell(LUMAJANG, 55, 1);
    assert_eq!(raw, "26.300,000");
    let a = amount_of(&raw);
    assert!(matches!(a, Amount::Malformed(_)));
    assert_eq!(
        readings(&a),
        vec![
            (dec("26300.000"), 3, Convention::IdId),
            (dec("26300000"), 0, Convention::CommaForThousandsDot)
        ]
    );
    let b = amount_of(&fragment(LAMONGAN, 926, "Rp 25.000.0000"));
    assert!(matches!(b, Amount::Malformed(_)));
    assert_eq!(
        readings(&b),
        vec![
            (dec("25000000"), 0, Convention::ExtraDigitDropped),
            (dec("250000000"), 0, Convention::SeparatorsIgnored)
        ]
    );
    let c = amount_of("10.368.000.00");
    assert_eq!(
        readings(&c)[0],
        (dec("10368000.00"), 2, Convention::LastDotAsDecimal)
    );
}

#[test]
fn english_decimal_point_is_read_but_marked() {
    let a = amount_of(&fragment(LAMONGAN, 956, "0.00%"));
    assert_eq!(readings(&a), vec![(dec("0.00"), 2, Convention::EnUs)]);
}

#[test]
fn spaced_labels_are_words() {
    let raw = cell(LAMONGAN, 371, 0);
    assert_eq!(parse_cell(&raw), CellValue::Text("J U M L A H".into()));
    assert_eq!(
        parse_cell(&fragment(LUMAJANG, 117, "P E N U T U P")),
        CellValue::Text("P E N U T U P".into())
    );
}

#[test]
fn a_note_in_parentheses_is_kept_beside_the_number() {
    // the Jawa Barat Disnakertrans LKIP prints a capaian with its category: 63,36 % (Sedang)
    let CellValue::Quantity(q) = parse_cell("63,36 % (Sedang)") else {
        panic!("not a quantity")
    };
    assert_eq!(q.amount.exact().map(|n| n.value), Some(dec("63.36")));
    assert_eq!(
        (q.unit, q.note.as_deref().map(String::as_str)),
        (Unit::Percent, Some("Sedang"))
    );
}

#[test]
fn text_that_merely_contains_numbers_stays_text() {
    let raw = cell(SAMPANG, 563, 6);
    assert_eq!(
        parse_cell(&raw),
        CellValue::Text("38 Orang 27 (Deportasi) 11 (Meninggal)".into())
    );
    assert_eq!(
        parse_cell(&cell(BLITAR, 746, 8)),
        CellValue::Text("(9)=(5)-(8)".into())
    );
    assert_eq!(
        parse_cell("94,87% 95,23%"),
        CellValue::Text("94,87% 95,23%".into())
    );
}
