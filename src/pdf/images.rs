//! The images a page paints that hide what was drawn before them under their extent.

use super::tags::dict;
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashSet;

/// The resource names of a page's opaque images: image XObjects with no soft mask, no
/// colour-key mask and no alpha of their own, and not stencil masks (which paint only
/// their set pixels). A scan's page image is one; painted over the rules a scanner's
/// software drew first, it hides them.
pub fn opaque_images(doc: &Document, page: ObjectId) -> HashSet<Vec<u8>> {
    let Ok((Some(resources), _)) = doc.get_page_resources(page) else {
        return HashSet::new();
    };
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(|x| dict(doc, x)) else {
        return HashSet::new();
    };
    xobjects
        .iter()
        .filter(|(_, object)| {
            let stream = doc.dereference(object).ok().and_then(|(_, o)| o.as_stream().ok());
            stream.is_some_and(|s| opaque(&s.dict))
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Whether an XObject's dictionary is an image that covers all of its extent.
fn opaque(image: &Dictionary) -> bool {
    let is = |key: &[u8], name: &[u8]| image.get(key).and_then(Object::as_name).is_ok_and(|n| n == name);
    let set = |key: &[u8]| image.get(key).and_then(Object::as_bool).unwrap_or(false);
    let alpha_inside = image.get(b"SMaskInData").and_then(Object::as_i64).unwrap_or(0) != 0;
    is(b"Subtype", b"Image")
        && !set(b"ImageMask")
        && !image.has(b"SMask")
        && !image.has(b"Mask")
        && !alpha_inside
}
