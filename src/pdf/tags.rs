//! Tagged PDFs (Word and most office exporters write them): the structure tree's `Table`,
//! `TR`, `TH` and `TD` elements say which text is a table cell, and the marked-content ids
//! (MCID) in the page's content stream link each text run to its element.
//!
//! Text runs are counted the way the text extractor meets them (each string of a `Tj` or
//! `TJ`, form XObjects followed), so run `i` here is run `i` there; where the counts differ
//! the page falls back to geometry.

use super::content::{Marks, Operand};
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

/// A structure tree deeper than this is malformed (or cyclic) and not followed further.
const MAX_DEPTH: usize = 64;

/// A table cell of the structure tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagCell {
    /// The marked-content ids of its text, per page.
    pub mcids: Vec<(ObjectId, i64)>,
    /// Columns it spans (at least 1).
    pub col_span: usize,
    /// Rows it spans (at least 1).
    pub row_span: usize,
}

/// A table of the structure tree: rows of cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagTable {
    /// The rows, top to bottom; each row's cells left to right.
    pub rows: Vec<Vec<TagCell>>,
}

/// Every table of the document's structure tree, in reading order (none when untagged).
pub fn tag_tables(doc: &Document) -> Vec<TagTable> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"StructTreeRoot").ok())
        .and_then(|r| dict(doc, r));
    let Some(root) = root else {
        return Vec::new();
    };
    let roles = root.get(b"RoleMap").ok().and_then(|r| dict(doc, r));
    let mut walk = Walk {
        doc,
        roles,
        tables: Vec::new(),
        seen: HashSet::new(),
    };
    if let Ok(k) = root.get(b"K") {
        walk.children(k, None, 0, &mut |_, _| {});
    }
    walk.tables
}

/// The MCID in effect for each text run of a page (`content`, its [`Marks`]), in
/// content-stream order; `None` when the page's resources cannot be read.
pub fn run_mcids(doc: &Document, page: ObjectId, content: &Marks) -> Option<Vec<Option<i64>>> {
    let (resources, _) = doc.get_page_resources(page).ok()?;
    let mut runs = Vec::new();
    marked_runs(doc, content, resources, &mut Vec::new(), &mut runs, 0);
    Some(runs)
}

fn marked_runs(
    doc: &Document,
    content: &Marks,
    resources: Option<&Dictionary>,
    stack: &mut Vec<Option<i64>>,
    runs: &mut Vec<Option<i64>>,
    depth: usize,
) {
    let current = |stack: &[Option<i64>]| stack.iter().rev().find_map(|m| *m);
    for op in content.iter() {
        match op.operator {
            "BMC" => stack.push(None),
            "BDC" => stack.push(match op.operand(1) {
                Some(Operand::Name(_)) => op.name(1).and_then(|name| named_mcid(doc, name, resources)),
                Some(Operand::Dictionary(mcid)) => *mcid,
                _ => None,
            }),
            "EMC" => {
                stack.pop();
            }
            "Tj" => runs.push(current(stack)),
            "TJ" => {
                let strings = match op.operand(0) {
                    Some(Operand::Array(strings)) => *strings,
                    _ => 0,
                };
                runs.extend(std::iter::repeat_n(current(stack), strings));
            }
            "Do" if depth < MAX_DEPTH => {
                let form = op.name(0).and_then(|name| form_xobject(doc, resources, name));
                if let Some((inner, inner_resources)) = form {
                    marked_runs(doc, &inner, inner_resources.or(resources), stack, runs, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The `/MCID` of a marked-content property list named `name` in `/Properties`.
fn named_mcid(doc: &Document, name: &[u8], resources: Option<&Dictionary>) -> Option<i64> {
    let list = resources?
        .get(b"Properties")
        .ok()
        .and_then(|p| dict(doc, p))?
        .get(name)
        .ok()
        .and_then(|d| dict(doc, d))?;
    list.get(b"MCID").ok()?.as_i64().ok()
}

/// A form XObject's content (its [`Marks`]) and its resources.
fn form_xobject<'a>(
    doc: &'a Document,
    resources: Option<&'a Dictionary>,
    name: &[u8],
) -> Option<(Marks, Option<&'a Dictionary>)> {
    let xobjects = dict(doc, resources?.get(b"XObject").ok()?)?;
    let (_, object) = doc.dereference(xobjects.get(name).ok()?).ok()?;
    let stream = object.as_stream().ok()?;
    if !super::name_is(&stream.dict, b"Subtype", b"Form") {
        return None;
    }
    let bytes = super::stream_bytes(stream);
    let inner = stream.dict.get(b"Resources").ok().and_then(|r| dict(doc, r));
    Some((super::content::marks(&bytes)?, inner))
}

/// The dictionary `object` is or refers to.
pub(super) fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(object).ok()?.1.as_dict().ok()
}

/// A walk over the structure tree that collects tables.
struct Walk<'a> {
    doc: &'a Document,
    roles: Option<&'a Dictionary>,
    tables: Vec<TagTable>,
    seen: HashSet<ObjectId>,
}

impl<'a> Walk<'a> {
    /// Walks the kids `k` of an element on page `page`, handing each marked-content id to `mcid`.
    fn children(
        &mut self,
        k: &'a Object,
        page: Option<ObjectId>,
        depth: usize,
        mcid: &mut dyn FnMut(ObjectId, i64),
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let (id, object) = match self.doc.dereference(k) {
            Ok(found) => found,
            Err(_) => return,
        };
        if let Some(id) = id {
            if !self.seen.insert(id) {
                return;
            }
        }
        match object {
            Object::Array(items) => {
                for item in items {
                    self.children(item, page, depth + 1, mcid);
                }
            }
            Object::Integer(n) => {
                if let Some(p) = page {
                    mcid(p, *n);
                }
            }
            Object::Dictionary(d) => self.element(d, page, depth, mcid),
            _ => {}
        }
    }

    /// A structure element, a marked-content reference or an object reference.
    fn element(
        &mut self,
        d: &'a Dictionary,
        page: Option<ObjectId>,
        depth: usize,
        mcid: &mut dyn FnMut(ObjectId, i64),
    ) {
        let page = d.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(page);
        if let Ok(n) = d.get(b"MCID").and_then(Object::as_i64) {
            if let Some(p) = page {
                mcid(p, n);
            }
            return;
        }
        let kids = d.get(b"K").ok();
        if self.role(d).as_deref() == Some("Table") {
            let table = self.table(kids, page, depth);
            self.tables.push(table);
            return;
        }
        if let Some(k) = kids {
            self.children(k, page, depth + 1, mcid);
        }
    }

    /// The rows and cells of a `Table` element (rows directly or under THead/TBody/TFoot).
    fn table(&mut self, kids: Option<&'a Object>, page: Option<ObjectId>, depth: usize) -> TagTable {
        let mut table = TagTable::default();
        for row in self.elements(kids, page) {
            match self.role(row.0).as_deref() {
                Some("TR") => {
                    let mut cells = Vec::new();
                    for (c, p) in self.elements(row.0.get(b"K").ok(), row.1) {
                        if matches!(self.role(c).as_deref(), Some("TD" | "TH")) {
                            cells.push(self.cell(c, p, depth + 2));
                        }
                    }
                    table.rows.push(cells);
                }
                Some("THead" | "TBody" | "TFoot") => {
                    let inner = self.table(row.0.get(b"K").ok(), row.1, depth + 1);
                    table.rows.extend(inner.rows);
                }
                _ => {}
            }
        }
        table
    }

    fn cell(&mut self, d: &'a Dictionary, page: Option<ObjectId>, depth: usize) -> TagCell {
        let span = |key: &[u8]| attribute(self.doc, d, key).unwrap_or(1).clamp(1, 1000) as usize;
        let (col_span, row_span) = (span(b"ColSpan"), span(b"RowSpan"));
        let mut mcids = Vec::new();
        if let Ok(k) = d.get(b"K") {
            self.children(k, page, depth + 1, &mut |p, n| mcids.push((p, n)));
        }
        TagCell {
            mcids,
            col_span,
            row_span,
        }
    }

    /// The structure elements among kids, with the page each is on.
    fn elements(
        &mut self,
        kids: Option<&'a Object>,
        page: Option<ObjectId>,
    ) -> Vec<(&'a Dictionary, Option<ObjectId>)> {
        let Some(kids) = kids else {
            return Vec::new();
        };
        let items: Vec<&Object> = match self.doc.dereference(kids) {
            Ok((_, Object::Array(items))) => items.iter().collect(),
            Ok((_, other)) => vec![other],
            Err(_) => Vec::new(),
        };
        items
            .into_iter()
            .filter_map(|o| dict(self.doc, o))
            .map(|d| (d, d.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(page)))
            .collect()
    }

    /// The standard role of an element (`/S`, through the role map).
    fn role(&self, d: &Dictionary) -> Option<String> {
        let name = d.get(b"S").ok()?.as_name().ok()?;
        let mapped = self
            .roles
            .and_then(|r| r.get(name).ok())
            .and_then(|m| m.as_name().ok())
            .unwrap_or(name);
        Some(String::from_utf8_lossy(mapped).into_owned())
    }
}

/// A table attribute (`/RowSpan`, `/ColSpan`) from the element's `/A` (a dictionary or an
/// array of them).
fn attribute(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<i64> {
    let a = doc.dereference(d.get(b"A").ok()?).ok()?.1;
    let lists: Vec<&Dictionary> = match a {
        Object::Array(items) => items.iter().filter_map(|o| dict(doc, o)).collect(),
        other => other.as_dict().ok().into_iter().collect(),
    };
    lists.iter().find_map(|l| l.get(key).ok()?.as_i64().ok())
}

/// The table cell — (table, row, grid column) — each marked-content id of each page fills,
/// over every table of the document (cells spanning several rows or columns take the grid
/// positions they cover).
pub fn mcid_cells(tables: &[TagTable]) -> HashMap<(ObjectId, i64), (usize, usize, usize)> {
    let mut out = HashMap::new();
    for (t, table) in tables.iter().enumerate() {
        for (r, col, cell) in grid(table) {
            for &(page, n) in &cell.mcids {
                out.insert((page, n), (t, r, col));
            }
        }
    }
    out
}

/// The cells of a table with their grid column, spans taking the positions they cover.
pub fn grid(table: &TagTable) -> Vec<(usize, usize, &TagCell)> {
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    let mut out = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while taken.contains(&(r, col)) {
                col += 1;
            }
            for dr in 0..cell.row_span {
                for dc in 0..cell.col_span {
                    taken.insert((r + dr, col + dc));
                }
            }
            out.push((r, col, cell));
            col += cell.col_span;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col_span: usize, row_span: usize) -> TagCell {
        TagCell {
            mcids: Vec::new(),
            col_span,
            row_span,
        }
    }

    #[test]
    fn spans_take_the_grid_positions_they_cover() {
        // | A (2 rows) | B C (2 cols) |
        // |            | D   | E      |
        let table = TagTable {
            rows: vec![vec![cell(1, 2), cell(2, 1)], vec![cell(1, 1), cell(1, 1)]],
        };
        let cols: Vec<(usize, usize)> = grid(&table).iter().map(|(r, c, _)| (*r, *c)).collect();
        assert_eq!(cols, vec![(0, 0), (0, 1), (1, 1), (1, 2)]);
    }
}
