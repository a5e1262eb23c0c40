//! Unit tests of the exception machinery that C tests cannot reach: `__notes__` (set by
//! `add_note`, which has no C API before the eval loop), the display of wide and deep
//! groups, keyword arguments of the constructors, heap exception classes with several
//! bases, and the warnings registry. Expected texts are CPython 3.13's `traceback` output.

use super::*;
use crate::tests::with_runtime;

unsafe fn text(s: &str) -> Owned {
    unicodeobject::from_str(s).unwrap()
}

/// `tp(msg)`.
unsafe fn exc(tp: *mut PyTypeObject, msg: &str) -> Owned {
    // SAFETY: per caller.
    unsafe {
        let m = text(msg);
        let e = create(tp, m).unwrap();
        decref(m);
        e
    }
}

/// `BaseExceptionGroup(msg, excs)`, stealing `excs`.
unsafe fn group(msg: &str, excs: Vec<Owned>) -> Owned {
    // SAFETY: per caller.
    unsafe {
        let t = abstract_::sequence::tuple_from_vec(excs).unwrap();
        let m = text(msg);
        let args = tupleobject::pack(&[m, t]).unwrap();
        decref(m);
        decref(t);
        let g = call_type(&raw mut _PyExc_BaseExceptionGroup, args).unwrap();
        decref(args);
        g
    }
}

/// The current exception's `str()`, cleared.
fn raised_text() -> String {
    let e = errors::take_raised();
    assert!(!e.is_null(), "an exception was expected");
    // SAFETY: an owned exception.
    unsafe {
        let s = str_of(e).unwrap();
        decref(e);
        s
    }
}

#[test]
fn notes_are_kept_in_a_list_and_displayed() {
    with_runtime(|| unsafe {
        let e = exc(&raw mut _PyExc_ValueError, "with notes");
        let (n1, n2) = (text("note 1"), text("a\nb"));
        add_note(e, n1).unwrap();
        add_note(e, n2).unwrap();
        let five = longobject::from_i64(5).unwrap();
        assert!(add_note(e, five).is_err());
        assert_eq!(raised_text(), "note must be a str, not 'int'");
        let notes = notes_of(e).unwrap();
        assert_eq!(type_of(notes), &raw mut listobject::PyList_Type);
        assert_eq!(listobject::items(notes), &[n1, n2]);
        assert_eq!(display::format_exception(e), "ValueError: with notes\nnote 1\na\nb\n");
        // A tuple is shown item by item; anything else by its repr.
        let t = tupleobject::pack(&[n1, five]).unwrap();
        set_field(&mut fields(e).notes, t);
        assert_eq!(display::format_exception(e), "ValueError: with notes\nnote 1\n5\n");
        assert!(add_note(e, n1).is_err());
        assert_eq!(raised_text(), "Cannot add note: __notes__ is not a list");
        set_field(&mut fields(e).notes, text("astr"));
        assert_eq!(display::format_exception(e), "ValueError: with notes\n'astr'\n");
        decref(n1);
        decref(n2);
        decref(e);
    });
}

#[test]
fn wide_groups_show_fifteen_then_a_count() {
    with_runtime(|| unsafe {
        let excs = (0..17).map(|i| exc(&raw mut _PyExc_ValueError, &i.to_string())).collect();
        let g = group("wide", excs);
        let mut want = String::from("  | ExceptionGroup: wide (17 sub-exceptions)\n");
        for i in 0..15 {
            want += &format!(
                "{}+---------------- {} ----------------\n",
                if i == 0 { "  +-" } else { "    " },
                i + 1
            );
            want += &format!("    | ValueError: {i}\n");
        }
        want += "    +---------------- ... ----------------\n    | and 2 more exceptions\n";
        want += "    +------------------------------------\n";
        assert_eq!(display::format_exception(g), want);
        decref(g);
    });
}

#[test]
fn deep_groups_stop_at_the_maximum_depth() {
    with_runtime(|| unsafe {
        let mut e = exc(&raw mut _PyExc_ValueError, "leaf");
        for i in 0..12 {
            e = group(&format!("d{i}"), vec![e]);
        }
        let mut want = String::new();
        for d in 0..10 {
            let pad = " ".repeat(2 * (d + 1));
            want += &format!("{pad}| ExceptionGroup: d{} (1 sub-exception)\n", 11 - d);
            want += &format!("{pad}+-+---------------- 1 ----------------\n");
        }
        want += &format!("{}| ... (max_group_depth is 10)\n", " ".repeat(22));
        want += &format!("{}+------------------------------------\n", " ".repeat(22));
        assert_eq!(display::format_exception(e), want);
        decref(e);
    });
}

/// A two-entry mapping type for keyword arguments (the dict type comes with the dict
/// merge): keys iterate through `tp_iter` over a tuple of keys, values by `mp_subscript`.
mod fake_kwargs {
    use super::*;

    #[repr(C)]
    pub(super) struct Kw {
        ob_base: PyObject,
        keys: *mut PyObject,
        values: *mut PyObject,
    }

    unsafe extern "C" fn subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
        // SAFETY: called through mp_subscript on a Kw.
        unsafe {
            let kw = &*(op as *mut Kw);
            let keys = tupleobject::items(kw.keys);
            match keys.iter().position(|&k| k == key) {
                Some(i) => new_ref(tupleobject::get_item(kw.values, i as Py_ssize_t)),
                None => {
                    errors::set_object((&raw mut _PyExc_KeyError).cast(), key);
                    null_mut()
                }
            }
        }
    }

    unsafe extern "C" fn length(op: *mut PyObject) -> Py_ssize_t {
        // SAFETY: called through mp_length on a Kw.
        unsafe { tupleobject::size((*(op as *mut Kw)).keys) }
    }

    unsafe extern "C" fn iter(op: *mut PyObject) -> *mut PyObject {
        // SAFETY: called through tp_iter on a Kw: iterate a list of its keys.
        unsafe {
            listobject::from_vec(
                tupleobject::items((*(op as *mut Kw)).keys).iter().map(|&k| new_ref(k)).collect(),
            )
        }
        .map(|l| {
            let it = LIST_ITER.as_mut_ptr();
            // SAFETY: a fresh list wrapped by our small iterator type below.
            unsafe { make_iter(it, l) }
        })
        .unwrap_or(null_mut())
    }

    #[repr(C)]
    struct ListIter {
        ob_base: PyObject,
        list: *mut PyObject,
        i: Py_ssize_t,
    }

    unsafe fn make_iter(tp: *mut PyTypeObject, l: Owned) -> *mut PyObject {
        // SAFETY: per caller, a ready type of ListIter's layout.
        unsafe {
            let it = typeobject::generic_alloc(tp, 0).unwrap();
            (*(it as *mut ListIter)).list = l;
            it
        }
    }

    unsafe extern "C" fn list_iter_next(op: *mut PyObject) -> *mut PyObject {
        // SAFETY: called through tp_iternext on a ListIter.
        unsafe {
            let it = &mut *(op as *mut ListIter);
            let items = listobject::items(it.list);
            if (it.i as usize) < items.len() {
                it.i += 1;
                new_ref(items[it.i as usize - 1])
            } else {
                null_mut()
            }
        }
    }

    unsafe extern "C" fn list_iter_dealloc(op: *mut PyObject) {
        // SAFETY: called by `_Py_Dealloc`.
        unsafe {
            decref((*(op as *mut ListIter)).list);
            typeobject::object_dealloc(op);
        }
    }

    unsafe extern "C" fn kw_dealloc(op: *mut PyObject) {
        // SAFETY: called by `_Py_Dealloc`.
        unsafe {
            let kw = &*(op as *mut Kw);
            decref(kw.keys);
            decref(kw.values);
            typeobject::object_dealloc(op);
        }
    }

    static KW_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
        mp_length: Some(length),
        mp_subscript: Some(subscript),
        mp_ass_subscript: None,
    });

    static LIST_ITER: ReadOnly<PyTypeObject> = ReadOnly(PyTypeObject {
        tp_name: c"test.listiter".as_ptr(),
        tp_basicsize: std::mem::size_of::<ListIter>() as Py_ssize_t,
        tp_dealloc: Some(list_iter_dealloc),
        tp_iternext: Some(list_iter_next),
        tp_base: &raw mut typeobject::PyBaseObject_Type,
        tp_flags: Py_TPFLAGS_READY,
        ..TYPE_TEMPLATE
    });

    static KW: ReadOnly<PyTypeObject> = ReadOnly(PyTypeObject {
        tp_name: c"test.kwargs".as_ptr(),
        tp_basicsize: std::mem::size_of::<Kw>() as Py_ssize_t,
        tp_dealloc: Some(kw_dealloc),
        tp_iter: Some(iter),
        tp_as_mapping: KW_MAPPING.as_mut_ptr(),
        tp_base: &raw mut typeobject::PyBaseObject_Type,
        tp_flags: Py_TPFLAGS_READY,
        ..TYPE_TEMPLATE
    });

    /// A mapping of `keys` (str, borrowed) to `values` (borrowed).
    pub(super) unsafe fn new(keys: &[*mut PyObject], values: &[*mut PyObject]) -> Owned {
        // SAFETY: per caller.
        unsafe {
            let tp = KW.as_mut_ptr();
            let p = alloc::calloc(1, std::mem::size_of::<Kw>()) as *mut Kw;
            (*p).ob_base = PyObject { ob_refcnt: 1, ob_type: tp };
            (*p).keys = tupleobject::pack(keys).unwrap();
            (*p).values = tupleobject::pack(values).unwrap();
            p.cast()
        }
    }
}

#[test]
fn constructors_take_their_keywords() {
    with_runtime(|| unsafe {
        let (name, path, nam, obj) = (text("name"), text("path"), text("nam"), text("obj"));
        let (n, p, o) = (text("mod"), text("/x"), text("the object"));
        let msg = text("no module");
        let args = tupleobject::pack(&[msg]).unwrap();
        let tp = &raw mut _PyExc_ImportError;
        let kw = fake_kwargs::new(&[name, path], &[n, p]);
        let e = (*tp).tp_new.unwrap()(tp, args, kw);
        assert_eq!((*tp).tp_init.unwrap()(e, args, kw), 0);
        let ie = &*(e as *mut PyImportErrorObject);
        assert!(ie.name == n && ie.path == p && ie.msg == msg && ie.name_from.is_null());
        assert_eq!(str_of(e).unwrap(), "no module");
        decref(e);
        decref(kw);

        let tp = &raw mut _PyExc_AttributeError;
        let kw = fake_kwargs::new(&[name, obj], &[n, o]);
        let e = (*tp).tp_new.unwrap()(tp, args, kw);
        assert_eq!((*tp).tp_init.unwrap()(e, args, kw), 0);
        let ae = &*(e as *mut PyAttributeErrorObject);
        assert!(ae.name == n && ae.obj == o);
        decref(kw);
        let kw = fake_kwargs::new(&[nam], &[n]);
        assert_eq!((*tp).tp_init.unwrap()(e, args, kw), -1);
        assert_eq!(
            raised_text(),
            "AttributeError() got an unexpected keyword argument 'nam'. Did you mean 'name'?"
        );
        decref(kw);
        let kw = fake_kwargs::new(&[obj], &[n]);
        let tp = &raw mut _PyExc_NameError;
        assert_eq!((*tp).tp_init.unwrap()(e, args, kw), -1);
        assert_eq!(raised_text(), "NameError() got an unexpected keyword argument 'obj'");
        decref(kw);
        let five = longobject::from_i64(5).unwrap();
        let kw = fake_kwargs::new(&[five], &[n]);
        assert_eq!((&raw mut _PyExc_NameError).as_ref().unwrap().tp_init.unwrap()(e, args, kw), -1);
        assert_eq!(raised_text(), "keywords must be strings");
        decref(kw);
        // BaseException takes none; OSError neither.
        let kw = fake_kwargs::new(&[name], &[n]);
        let tp = &raw mut _PyExc_ValueError;
        let v = (*tp).tp_new.unwrap()(tp, args, kw);
        assert_eq!((*tp).tp_init.unwrap()(v, args, kw), -1);
        assert_eq!(raised_text(), "ValueError() takes no keyword arguments");
        decref(v);
        let tp = &raw mut _PyExc_OSError;
        assert!((*tp).tp_new.unwrap()(tp, args, kw).is_null());
        assert_eq!(raised_text(), "OSError() takes no keyword arguments");
        decref(kw);
        decref(e);
        for o in [name, path, nam, obj, n, p, o, msg, args] {
            decref(o);
        }
    });
}

#[test]
fn heap_exceptions_with_several_bases_get_a_c3_order() {
    with_runtime(|| unsafe {
        let (ve, ke, le) =
            (&raw mut _PyExc_ValueError, &raw mut _PyExc_KeyError, &raw mut _PyExc_LookupError);
        let bases = tupleobject::pack(&[ke.cast(), ve.cast()]).unwrap();
        let kv = heaptype::new_type("KV", "m", bases, Some("doc"), std::ptr::null_mut()).unwrap() as *mut PyTypeObject;
        decref(bases);
        assert_eq!((*kv).tp_base, ke);
        let mro: Vec<_> = tupleobject::items((*kv).tp_mro).to_vec();
        let want: Vec<*mut PyObject> = vec![
            kv.cast(),
            ke.cast(),
            le.cast(),
            ve.cast(),
            (&raw mut _PyExc_Exception).cast(),
            (&raw mut _PyExc_BaseException).cast(),
            (&raw mut typeobject::PyBaseObject_Type).cast(),
        ];
        assert_eq!(mro, want);
        // str() comes from the first base in the MRO that has it (KeyError's repr form).
        let e = exc(kv, "k");
        assert_eq!(str_of(e).unwrap(), "'k'");
        assert_eq!(display::format_exception(e), "m.KV: 'k'\n");
        decref(e);
        // A diamond through the new class: (KV, LookupError) is consistent,
        // (LookupError, KV) is not.
        let ok = tupleobject::pack(&[kv.cast(), le.cast()]).unwrap();
        let d = heaptype::new_type("D", "m", ok, None, std::ptr::null_mut()).unwrap();
        assert_eq!(tupleobject::size((*(d as *mut PyTypeObject)).tp_mro), 8);
        decref(d);
        decref(ok);
        let bad = tupleobject::pack(&[le.cast(), kv.cast()]).unwrap();
        assert!(heaptype::new_type("Bad", "m", bad, None, std::ptr::null_mut()).is_err());
        assert_eq!(
            raised_text(),
            "Cannot create a consistent method resolution order (MRO) for bases LookupError, KV"
        );
        decref(bad);
    });
}

#[test]
fn warnings_are_shown_once_per_interpreter() {
    with_runtime(|| unsafe {
        let interp = || (*crate::tstate::current()).interp().clone();
        let rw = &raw mut _PyExc_RuntimeWarning;
        warnings::warn(rw, "unit-test warning", 1).unwrap();
        assert!(interp().warnings_shown.lock().contains(&("unit-test warning".to_owned(), rw as usize)));
        let n = interp().warnings_shown.lock().len();
        warnings::warn(rw, "unit-test warning", 1).unwrap();
        warnings::warn(&raw mut _PyExc_DeprecationWarning, "ignored", 1).unwrap();
        assert_eq!(interp().warnings_shown.lock().len(), n);
    });
}
