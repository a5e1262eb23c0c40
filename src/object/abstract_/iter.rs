//! Iterating any iterable from Rust: what `for x in o` does. Exact tuples and lists are
//! walked directly; other objects through `tp_iter`; a sequence without `tp_iter` (only
//! `sq_item`) by index until `IndexError`, which is what CPython's sequence iterator does
//! (`PySeqIter_Type` itself, the object `iter()` returns for those, belongs to the
//! containers; `PyObject_GetIter` uses it once it exists).

use super::*;

pub(crate) enum Iter {
    Tuple { t: Owned, i: Py_ssize_t },
    List { l: Owned, i: Py_ssize_t },
    Object(Owned),
    Seq { s: Owned, i: Py_ssize_t },
}

impl Iter {
    /// An iteration over `op`; `TypeError("'T' object is not iterable")` if it is none.
    ///
    /// # Safety
    /// `op` is live; the iteration runs under the GIL of its interpreter.
    pub(crate) unsafe fn new(op: *mut PyObject) -> PyResult<Iter> {
        // SAFETY: per caller.
        unsafe {
            let tp = type_of(op);
            // An exact tuple or list, or a subclass that has no iterator of its own (the
            // core types get theirs with the containers): their items, directly.
            let own_iter = (*tp).tp_iter.is_some();
            if tp == &raw mut tupleobject::PyTuple_Type
                || (!own_iter && has_flag(tp, Py_TPFLAGS_TUPLE_SUBCLASS))
            {
                return Ok(Iter::Tuple { t: new_ref(op), i: 0 });
            }
            if tp == &raw mut listobject::PyList_Type || (!own_iter && has_flag(tp, Py_TPFLAGS_LIST_SUBCLASS))
            {
                return Ok(Iter::List { l: new_ref(op), i: 0 });
            }
            if !own_iter && sequence::check(op) {
                return Ok(Iter::Seq { s: new_ref(op), i: 0 });
            }
            Ok(Iter::Object(get_iter(op)?))
        }
    }

    /// The next item (owned), `None` at the end.
    ///
    /// # Safety
    /// As for [`Iter::new`].
    pub(crate) unsafe fn next(&mut self) -> PyResult<Option<Owned>> {
        // SAFETY: per caller; the held objects are live (we own references).
        unsafe {
            match self {
                Iter::Tuple { t, i } => {
                    if *i < tupleobject::size(*t) {
                        *i += 1;
                        Ok(Some(new_ref(tupleobject::get_item(*t, *i - 1))))
                    } else {
                        Ok(None)
                    }
                }
                // The size is read at every step: the list may change while we iterate.
                Iter::List { l, i } => {
                    if *i < listobject::size(*l) {
                        *i += 1;
                        Ok(Some(new_ref(listobject::items(*l)[*i as usize - 1])))
                    } else {
                        Ok(None)
                    }
                }
                Iter::Object(it) => iter_next(*it),
                Iter::Seq { s, i } => {
                    if *i < 0 {
                        return Ok(None);
                    }
                    let f = (*(*type_of(*s)).tp_as_sequence).sq_item.expect("a sequence has sq_item");
                    let item = f(*s, *i);
                    if !item.is_null() {
                        *i += 1;
                        return Ok(Some(item));
                    }
                    if errors::matches(&raw mut exceptions::_PyExc_IndexError)
                        || errors::matches(&raw mut exceptions::_PyExc_StopIteration)
                    {
                        errors::clear();
                        *i = -1;
                        return Ok(None);
                    }
                    Err(PyErr)
                }
            }
        }
    }
}

impl Drop for Iter {
    fn drop(&mut self) {
        let op = match self {
            Iter::Tuple { t, .. } => *t,
            Iter::List { l, .. } => *l,
            Iter::Object(it) => *it,
            Iter::Seq { s, .. } => *s,
        };
        // SAFETY: the reference this iteration owns.
        unsafe { decref(op) };
    }
}
