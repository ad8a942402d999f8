//! Entries stacked in one table row: several indicators, or an indicator and its parts
//! (`S1`, `S2`), each with its figures, written on separate lines of the same cells. When
//! two cells or more of a row hold one complete figure per line, each of those lines starts
//! an entry of its own; the other lines of the row go with the entry printed beside or
//! above them.

/// Whether text is one complete figure of a few words (`73 poin`, `89.68%`, `9 buah`), not
/// a piece of a number a narrow cell wrapped (`13.000.0`, `1.506.`).
pub fn complete_figure(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.split_whitespace().count() <= 3
        && !text.ends_with([',', '.'])
        && !cut_in_group(text)
}

/// Whether text ends inside a thousands group (`13.000.0`): digits after a second dot that
/// are fewer than three, so the number runs on.
pub fn cut_in_group(text: &str) -> bool {
    let tail = text
        .rsplit(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()
        .unwrap_or_default();
    tail.rsplit_once('.').is_some_and(|(head, last)| {
        head.contains('.') && !head.starts_with('.') && (1..3).contains(&last.len())
    })
}

/// One line of a cell: its baseline and text.
pub type CellLine = (f64, String);

/// An entry's cells: column, text, and the baselines of the cell's lines it took.
pub type Entry = Vec<(usize, String, Vec<f64>)>;

/// Splits a row (`cells`: each cell's column and lines) into the entries stacked in it;
/// `None` when fewer than two cells stack figures. The entries are as many as the most
/// figures one cell stacks. Where the stacked figures of different cells share baselines,
/// each baseline is an entry's and every figure goes with the entry printed beside or above
/// it (`em`, the font size, is the tolerance); otherwise figures are counted per cell from
/// the bottom ([`counted_from_bottom`]). A text cell of more lines is cut into the entries'
/// blocks ([`text_blocks`]). An entry's lines of one cell are joined by `join`.
pub fn entries<L: AsRef<[CellLine]>>(
    cells: &[(usize, L)],
    em: f64,
    join: impl Fn(&mut String, &str),
) -> Option<Vec<Entry>> {
    let stacking: Vec<&[CellLine]> = cells
        .iter()
        .map(|(_, lines)| lines.as_ref())
        .filter(|lines| lines.len() >= 2 && lines.iter().all(|(_, t)| complete_figure(t)))
        .collect();
    if stacking.len() < 2 {
        return None;
    }
    let count = stacking.iter().map(|lines| lines.len()).max().unwrap_or(0);
    let mut starts: Vec<f64> = stacking
        .iter()
        .flat_map(|lines| lines.iter().map(|(y, _)| *y))
        .collect();
    starts.sort_by(f64::total_cmp);
    starts.dedup_by(|later, earlier| *later - *earlier < em * 0.5);
    let aligned = starts.len() == count;
    let centred: Vec<f64>;
    let anchors: &[f64] = match aligned {
        true => &starts,
        false => {
            centred = stacking
                .iter()
                .find(|lines| lines.len() == count)
                .map(|lines| lines.iter().map(|(y, _)| *y).collect())
                .unwrap_or_default();
            &centred
        }
    };
    let mut rows: Vec<Entry> = vec![Vec::new(); count];
    for (c, lines) in cells {
        let lines = lines.as_ref();
        let figures = lines.iter().all(|(_, t)| complete_figure(t));
        let blocks = (!figures && lines.len() >= count)
            .then(|| text_blocks(lines, anchors, em).unwrap_or_else(|| vec![0; lines.len()]));
        for (k, (y, text)) in lines.iter().enumerate() {
            let entry = match (&blocks, aligned && figures) {
                (Some(blocks), _) => blocks.get(k).copied().unwrap_or(0),
                (None, true) => starts.iter().rposition(|s| *s <= y + em * 0.5).unwrap_or(0),
                (None, false) => counted_from_bottom(k, lines.len(), count),
            };
            if let Some(row) = rows.get_mut(entry) {
                add_line(row, (*c, *y), text, &join);
            }
        }
    }
    Some(rows)
}

/// The entry of each line of a text cell with as many lines as entries or more: the lines
/// cut into one block per entry, in order. Where lines start with a list marker (`3.`, `b.`,
/// `-`) and there is one per entry (or one per entry after the first line), blocks start
/// at them. Elsewhere a block starts at a line that does not go on in lower case: a cut
/// those starts leave no choice about is taken, else the one that sets each block's middle
/// nearest its entry's figures (`anchors`, one baseline per entry) when every block is
/// within half an `em` of them. `None` otherwise: a cell the entries share.
fn text_blocks(lines: &[CellLine], anchors: &[f64], em: f64) -> Option<Vec<usize>> {
    let (n, k) = (lines.len(), anchors.len());
    if n < k || k == 0 {
        return None;
    }
    let starting = |test: &dyn Fn(&str) -> bool| -> Vec<usize> {
        (0..n)
            .filter(|&i| lines.get(i).is_some_and(|(_, t)| test(t)))
            .collect()
    };
    let marked = starting(&list_marker);
    let starts: Vec<usize> = match marked.len() {
        0 => {
            let allowed = starting(&|t| !t.starts_with(char::is_lowercase));
            let allowed: Vec<usize> = allowed.into_iter().filter(|&i| i > 0).collect();
            match allowed.len() + 1 == k {
                true => allowed,
                false => nearest_cut(lines, anchors, &allowed, em)?,
            }
        }
        m if m == k => marked.into_iter().skip(1).collect(),
        m if m + 1 == k && marked.first() != Some(&0) => marked,
        _ => return None,
    };
    Some(
        (0..n)
            .map(|i| starts.iter().filter(|&&s| s <= i).count())
            .collect(),
    )
}

/// The first lines of blocks 2 to `anchors.len()`, chosen among `allowed`, that set each
/// block's middle nearest its anchor; `None` when some block stays more than half an `em`
/// off.
fn nearest_cut(lines: &[CellLine], anchors: &[f64], allowed: &[usize], em: f64) -> Option<Vec<usize>> {
    let (n, k) = (lines.len(), anchors.len());
    let cost = |from: usize, to: usize, entry: usize| {
        let ys = lines.get(from..to).unwrap_or_default();
        let middle = ys.iter().map(|(y, _)| y).sum::<f64>() / ys.len().max(1) as f64;
        anchors.get(entry).map_or(f64::INFINITY, |a| (middle - a).abs())
    };
    // best[e][i]: least cost of the first i lines cut into e blocks, and where the last starts
    let mut best = vec![vec![(f64::INFINITY, 0); n + 1]; k + 1];
    if let Some(origin) = best.get_mut(0).and_then(|row| row.get_mut(0)) {
        *origin = (0.0, 0);
    }
    for e in 1..=k {
        for i in e..=n {
            let options = (e - 1..i).filter(|j| *j == 0 || allowed.contains(j));
            let total = |j: usize| {
                best.get(e - 1)
                    .and_then(|r| r.get(j))
                    .map_or(f64::INFINITY, |b| b.0)
                    + cost(j, i, e - 1)
            };
            let found = options.map(|j| (total(j), j)).min_by(|a, b| a.0.total_cmp(&b.0));
            if let (Some(found), Some(cell)) = (found, best.get_mut(e).and_then(|r| r.get_mut(i))) {
                *cell = found;
            }
        }
    }
    let mut starts = Vec::new();
    let mut end = n;
    for e in (1..=k).rev() {
        let (_, from) = best.get(e).and_then(|r| r.get(end)).copied()?;
        if cost(from, end, e - 1) > em * 0.5 {
            return None;
        }
        if e > 1 {
            starts.push(from);
        }
        end = from;
    }
    starts.reverse();
    Some(starts)
}

/// Whether a line starts an item of a list: `3.`, `b.`, `1)`, `-`, `•`.
fn list_marker(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    let body = first.trim_end_matches(['.', ')']);
    let numbered = first.len() > body.len()
        && !body.is_empty()
        && (body.chars().all(|c| c.is_ascii_digit())
            || (body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase())));
    numbered || matches!(first, "-" | "•" | "–")
}

/// The entry line `k` of a cell of `lines` lines falls in, of `count` entries counted from
/// the bottom.
fn counted_from_bottom(k: usize, lines: usize, count: usize) -> usize {
    match lines {
        1 => 0,
        _ => (k + count).saturating_sub(lines),
    }
}

/// Adds the line at baseline `y` to a column of an entry, joined to the text it holds
/// already.
fn add_line(row: &mut Entry, (column, y): (usize, f64), text: &str, join: impl Fn(&mut String, &str)) {
    match row.iter_mut().find(|(col, _, _)| *col == column) {
        Some((_, cell, baselines)) => {
            join(cell, text);
            baselines.push(y);
        }
        None => row.push((column, text.to_string(), vec![y])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Joins a cell's next line with a space.
    fn with_space(cell: &mut String, more: &str) {
        cell.push(' ');
        cell.push_str(more);
    }

    fn cell(c: usize, lines: &[(f64, &str)]) -> (usize, Vec<CellLine>) {
        (c, lines.iter().map(|(y, t)| (*y, t.to_string())).collect())
    }

    /// A parent indicator with its capaian, and its S1 and S2 parts with their figures.
    #[test]
    fn parts_stacked_under_a_parent_become_rows_of_their_own() {
        let row = [
            cell(0, &[(100.0, "9")]),
            cell(
                1,
                &[(100.0, "proporsi aparatur formal"), (112.0, "S1"), (124.0, "S2")],
            ),
            cell(2, &[(112.0, "38,69"), (124.0, "15,5")]),
            cell(3, &[(100.0, "112,50"), (112.0, "106,00"), (124.0, "119,00")]),
        ];
        let rows = entries(&row, 10.0, with_space).unwrap();
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|(_, t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["9", "proporsi aparatur formal", "112,50"],
                vec!["S1", "38,69", "106,00"],
                vec!["S2", "15,5", "119,00"]
            ]
        );
        // each entry's cell knows the lines it took: the parent's name is the first line
        assert_eq!(
            rows[0][1],
            (1, "proporsi aparatur formal".to_string(), vec![100.0])
        );
    }

    /// Each cell centres its own figures (no shared baselines): counted from the bottom, a
    /// wrapped name's first lines and a lone figure are the parent's.
    #[test]
    fn centred_stacks_are_counted_from_the_bottom() {
        let row = [
            cell(
                1,
                &[
                    (98.0, "proporsi aparatur"),
                    (106.0, "formal"),
                    (114.0, "S1"),
                    (122.0, "S2"),
                ],
            ),
            cell(2, &[(112.5, "38,69"), (120.5, "15,5")]),
            cell(3, &[(110.0, "109,67")]),
            cell(4, &[(101.0, "112,50"), (109.0, "106,00"), (117.0, "119,00")]),
        ];
        let rows: Vec<Vec<(usize, String)>> = entries(&row, 6.0, with_space)
            .unwrap()
            .into_iter()
            .map(|e| e.into_iter().map(|(c, t, _)| (c, t)).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec![
                    (1, "proporsi aparatur formal".to_string()),
                    (3, "109,67".to_string()),
                    (4, "112,50".to_string())
                ],
                vec![
                    (1, "S1".to_string()),
                    (2, "38,69".to_string()),
                    (4, "106,00".to_string())
                ],
                vec![
                    (1, "S2".to_string()),
                    (2, "15,5".to_string()),
                    (4, "119,00".to_string())
                ],
            ]
        );
    }

    /// Names of one and two lines, each block centred on its figures; a name's second line
    /// set below its figures stays with it.
    #[test]
    fn a_name_centred_on_its_figures_stays_whole() {
        let row = [
            cell(
                1,
                &[
                    (100.0, "Indeks Pemberdayaan Gender"),
                    (112.0, "Indeks Pembangunan Gender"),
                    (124.0, "Penghargaan Presiden"),
                    (136.0, "Parahita Ekapraya"),
                ],
            ),
            cell(2, &[(100.0, "73 poin"), (112.0, "89.68%"), (130.0, "9 buah")]),
            cell(3, &[(100.0, "99.36"), (112.0, "94.55"), (130.0, "144.44")]),
        ];
        let names: Vec<String> = entries(&row, 10.0, with_space)
            .unwrap()
            .iter()
            .map(|e| e.first().map(|(_, t, _)| t.clone()).unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            [
                "Indeks Pemberdayaan Gender",
                "Indeks Pembangunan Gender",
                "Penghargaan Presiden Parahita Ekapraya"
            ]
        );
    }

    #[test]
    fn a_name_over_lines_beside_one_figure_each_is_one_row() {
        let row = [
            cell(0, &[(100.0, "Persentase"), (112.0, "lulusan")]),
            cell(1, &[(100.0, "85")]),
            cell(2, &[(100.0, "13.000.0"), (112.0, "00")]),
        ];
        assert_eq!(entries(&row, 10.0, with_space), None);
    }
}
