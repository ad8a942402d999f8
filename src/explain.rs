//! Human-readable descriptions of what the grammar read in a cell.

use crate::parsers::{Amount, CellValue, Convention, Operand, Quantity, Reading, Unit};

/// One line saying how a cell was read: `10,730 → ambiguous: 10.730 (Indonesian) or 10730 (English)`.
pub fn describe(value: &CellValue) -> String {
    match value {
        CellValue::Nil(marker) => format!("nil ({marker:?}, not zero)").to_lowercase(),
        CellValue::Quantity(q) => quantity(q),
        CellValue::Grade(g) => format!("SAKIP grade {g:?}"),
        CellValue::Formula(f) => {
            let parts = [
                Some(format!("{} / {}", operand(&f.numerator), operand(&f.denominator))),
                f.factor.as_ref().map(|a| format!("× {}", amount(a, &Unit::None))),
                f.result.as_ref().map(|a| format!("= {}", amount(a, &Unit::None))),
            ];
            let text: Vec<String> = parts.into_iter().flatten().collect();
            format!("formula {}", text.join(" "))
        }
        CellValue::Text(t) => format!("text {t:?}"),
    }
}

fn quantity(q: &Quantity) -> String {
    amount(&q.amount, &q.unit)
}

fn operand(o: &Operand) -> String {
    match o {
        Operand::Amount(a) => amount(a, &Unit::None),
        Operand::Text(t) => format!("[{t}]"),
    }
}

fn amount(a: &Amount, unit: &Unit) -> String {
    let one = |r: &Reading| format!("{} ({})", with_unit(r, unit), convention(r.convention));
    match a {
        Amount::Exact(r) => one(r),
        Amount::Ambiguous(rs) => format!(
            "ambiguous: {}",
            rs.iter().map(one).collect::<Vec<_>>().join(" or ")
        ),
        Amount::Malformed(rs) => format!(
            "malformed: {}",
            rs.iter().map(one).collect::<Vec<_>>().join(" or ")
        ),
    }
}

fn with_unit(r: &Reading, unit: &Unit) -> String {
    let n = r.number;
    let precision = match n.decimals {
        0 => String::new(),
        d => format!(", {d} decimals"),
    };
    let value = match unit {
        Unit::None => n.to_string(),
        Unit::Percent => format!("{n}%"),
        Unit::Rupiah => format!("Rp {n}"),
        Unit::Word(w) => format!("{n} {w}"),
        Unit::ToOne => format!("1:{n}"),
    };
    format!("{value}{precision}")
}

fn convention(c: Convention) -> &'static str {
    match c {
        Convention::Plain => "plain digits",
        Convention::IdId => "Indonesian: . thousands, , decimals",
        Convention::EnUs => "English: , thousands, . decimals",
        Convention::SeparatorsIgnored => "repair: separators ignored",
        Convention::ExtraDigitDropped => "repair: stray digit dropped",
        Convention::CommaForThousandsDot => "repair: comma read as thousands dot",
        Convention::LastDotAsDecimal => "repair: last dot read as decimal point",
    }
}

#[cfg(test)]
mod tests {
    use super::describe;
    use crate::parsers::parse_cell;

    #[test]
    fn describes_each_kind() {
        assert_eq!(
            describe(&parse_cell("94,54%")),
            "94.54%, 2 decimals (Indonesian: . thousands, , decimals)"
        );
        assert_eq!(
            describe(&parse_cell("10,730")),
            "ambiguous: 10.730, 3 decimals (Indonesian: . thousands, , decimals) or 10730 (English: , thousands, . decimals)"
        );
        assert_eq!(describe(&parse_cell("-")), "nil (dash, not zero)");
        assert_eq!(describe(&parse_cell("BB")), "SAKIP grade BB");
        assert_eq!(describe(&parse_cell("J U M L A H")), "text \"J U M L A H\"");
        assert_eq!(
            describe(&parse_cell("$\\frac{43}{64} \\times 100 = 67,19$")),
            "formula 43 (plain digits) / 64 (plain digits) × 100 (plain digits) = 67.19, 2 decimals (Indonesian: . thousands, , decimals)"
        );
    }
}
