//! Keyword arguments of `int.__new__` (`base=`) and keyword-only arguments of exception
//! constructors (`ImportError(msg, name=..., path=...)`,
//! `AttributeError(..., name=..., obj=...)`, `NameError(..., name=...)`), with the errors
//! of CPython 3.13's `PyArg_ParseTupleAndKeywords`, including its "Did you mean" suggestion
//! (`_Py_CalculateSuggestions`).
//!
//! `kwds` is any mapping (a `dict` from a call): its keys are iterated and looked up.

use super::*;

/// The values of the keywords `names` given in `kwds` (borrowed-for-the-call: owned
/// references the caller stores or drops), in the order of `names`.
pub(crate) unsafe fn parse(func: &str, kwds: *mut PyObject, names: &[&str]) -> PyResult<Vec<Option<Owned>>> {
    let mut out: Vec<Option<Owned>> = names.iter().map(|_| None).collect();
    if kwds.is_null() {
        return Ok(out);
    }
    // SAFETY: per caller, `kwds` is a live mapping.
    unsafe {
        let r = (|| -> PyResult<()> {
            let mut it = abstract_::Iter::new(kwds)?;
            while let Some(key) = it.next()? {
                let k = key;
                let found = (|| {
                    if !typeobject::type_check(k, &raw mut unicodeobject::PyUnicode_Type) {
                        return Err(errors::type_error("keywords must be strings"));
                    }
                    let name = unicodeobject::as_str(k);
                    let Some(i) = names.iter().position(|&n| n == name) else {
                        return Err(unexpected(func, name, names));
                    };
                    let v = abstract_::get_item(kwds, k)?;
                    if let Some(old) = out[i].replace(v) {
                        decref(old);
                    }
                    Ok(())
                })();
                decref(k);
                found?;
            }
            Ok(())
        })();
        if let Err(e) = r {
            for v in out.into_iter().flatten() {
                decref(v);
            }
            return Err(e);
        }
    }
    Ok(out)
}

fn unexpected(func: &str, name: &str, names: &[&str]) -> PyErr {
    match suggest(name, names) {
        Some(s) => errors::type_error(&format!(
            "{func}() got an unexpected keyword argument '{name}'. Did you mean '{s}'?"
        )),
        None => errors::type_error(&format!("{func}() got an unexpected keyword argument '{name}'")),
    }
}

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;

/// The candidate closest to `name`, if close enough: CPython's `_Py_CalculateSuggestions`
/// (no more than a third of the characters changed; a case change costs half a move).
pub(crate) fn suggest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if candidates.len() >= 750 {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for &c in candidates {
        if c == name {
            continue;
        }
        let max = (name.len() + c.len() + 3) * MOVE_COST / 6;
        let max = best.map_or(max, |(_, d)| max.min(d.saturating_sub(1)));
        let d = levenshtein(name.as_bytes(), c.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Levenshtein distance with CPython's costs, giving up above `max_cost`.
fn levenshtein<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = row[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions_match_cpython() {
        assert_eq!(suggest("nam", &["name", "obj"]), Some("name"));
        assert_eq!(suggest("bad", &["name", "path", "name_from"]), None);
        assert_eq!(suggest("obj", &["name"]), None);
        assert_eq!(suggest("Name", &["name"]), Some("name"));
        assert_eq!(suggest("pth", &["name", "path", "name_from"]), Some("path"));
        assert_eq!(suggest("name_fro", &["name", "path", "name_from"]), Some("name_from"));
    }
}
