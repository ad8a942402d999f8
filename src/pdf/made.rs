//! Documents made object by object: the page a font is probed on (`reader::probe`), and
//! the documents of the tests of the PDF stages.

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// A name object.
pub fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// A dictionary of the given entries.
pub fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    for (key, value) in entries {
        d.set(key, value);
    }
    d
}

/// A stream of the given dictionary entries and content.
pub fn stream(entries: Vec<(&str, Object)>, content: &[u8]) -> Object {
    Object::Stream(Stream::new(dict(entries), content.to_vec()))
}

/// Makes `doc` a document of one page (a 100-point square) with `resources` drawing the
/// stream `content`; the content's id.
pub fn one_page(doc: &mut Document, resources: Dictionary, content: Object) -> ObjectId {
    let content = doc.add_object(content);
    let pages = doc.new_object_id();
    let page = doc.add_object(dict(vec![
        ("Type", name("Page")),
        ("Parent", Object::Reference(pages)),
        ("Resources", Object::Dictionary(resources)),
        ("Contents", Object::Reference(content)),
        (
            "MediaBox",
            Object::Array([0, 0, 100, 100].map(Object::Integer).to_vec()),
        ),
    ]));
    let kids = dict(vec![
        ("Type", name("Pages")),
        ("Kids", Object::Array(vec![Object::Reference(page)])),
        ("Count", Object::Integer(1)),
    ]);
    doc.objects.insert(pages, Object::Dictionary(kids));
    let catalog = doc.add_object(dict(vec![
        ("Type", name("Catalog")),
        ("Pages", Object::Reference(pages)),
    ]));
    doc.trailer.set("Root", Object::Reference(catalog));
    content
}
