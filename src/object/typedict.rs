//! What `PyType_Ready` puts in a type's dict (CPython's `type_ready_fill_dict`): slot
//! wrappers and `__new__` (`slotdefs::add_operators`), then `tp_methods`, `tp_members`,
//! `tp_getset`, then `__doc__`. Also the attributes every type has (`__name__`, `__mro__`,
//! `__dict__`, ... on `type`) and `object`'s (`__class__`, `__dir__`).
//!
//! A static type is shared by every interpreter: its dict is built in the runtime's static
//! heap and everything in it is immortal (the caller runs [`fill`] under
//! `with_static_heap`); it never changes afterwards (`type_setattro` refuses). A heap type's
//! dict lives in its interpreter's heap and stays mutable.

use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

use super::*;

unsafe fn put(
    dict: *mut PyObject,
    key: *mut PyObject,
    value: Owned,
    immortal: bool,
    overwrite: bool,
) -> PyResult<()> {
    // SAFETY: per caller; `value` is owned and consumed.
    unsafe {
        if immortal {
            gc::untrack(value);
            typeobject::immortalize(value);
        }
        let r = if overwrite || !dictobject::contains(dict, key)? {
            dictobject::set(dict, key, value)
        } else {
            Ok(())
        };
        decref(value);
        r
    }
}

/// The checks `PyType_Ready` makes on what the dict will be built from, before anything is
/// built (so no exception is made in the static heap).
pub(crate) unsafe fn validate(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: per caller, a type being readied.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT as c_ulong != 0 {
            if (*tp).tp_dictoffset != 0 {
                return Err(errors::type_error(&format!(
                    "type {} has the Py_TPFLAGS_MANAGED_DICT flag but tp_dictoffset is set",
                    type_name(tp)
                )));
            }
            let base = (*tp).tp_base;
            let gc =
                has_flag(tp, Py_TPFLAGS_HAVE_GC) || (!base.is_null() && has_flag(base, Py_TPFLAGS_HAVE_GC));
            if !gc {
                return Err(errors::system_error(&format!(
                    "type {} has the Py_TPFLAGS_MANAGED_DICT flag but not Py_TPFLAGS_HAVE_GC flag",
                    type_name(tp)
                )));
            }
        }
        let mut ml = (*tp).tp_methods;
        while !ml.is_null() && !(*ml).ml_name.is_null() {
            let flags = (*ml).ml_flags;
            if flags & METH_CLASS != 0 && flags & METH_STATIC != 0 {
                return Err(errors::value_error("method cannot be both class and static"));
            }
            if methodobject::Convention::of(flags & !(METH_CLASS | METH_STATIC | METH_COEXIST)).is_none() {
                return Err(methodobject::bad_call_flags(ml));
            }
            ml = ml.add(1);
        }
        let mut m = (*tp).tp_members;
        while !m.is_null() && !(*m).name.is_null() {
            if (*m).flags & Py_RELATIVE_OFFSET != 0 {
                return Err(errors::system_error("PyDescr_NewMember used with Py_RELATIVE_OFFSET"));
            }
            m = m.add(1);
        }
        Ok(())
    }
}

/// Fills `tp`'s dict (made if missing). Runs before inheritance: only what `tp` defines.
///
/// # Safety
/// `tp` is a type being readied; for a static type the caller redirects allocation to the
/// static heap.
pub(crate) unsafe fn fill(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let immortal = !has_flag(tp, Py_TPFLAGS_HEAPTYPE);
        if (*tp).tp_dict.is_null() {
            let d = dictobject::new()?;
            if immortal {
                gc::untrack(d);
                typeobject::immortalize(d);
            }
            (*tp).tp_dict = d;
        }
        let dict = (*tp).tp_dict;
        slotdefs::add_operators(tp, dict, immortal)?;
        let mut ml = (*tp).tp_methods;
        while !ml.is_null() && !(*ml).ml_name.is_null() {
            let flags = (*ml).ml_flags;
            let key = slotdefs::name_object(CStr::from_ptr((*ml).ml_name), immortal)?;
            let r = (|| {
                if flags & METH_CLASS != 0 && flags & METH_STATIC != 0 {
                    return Err(errors::value_error("method cannot be both class and static"));
                }
                let coexist = flags & METH_COEXIST != 0;
                if !coexist && dictobject::contains(dict, key)? {
                    return Ok(());
                }
                let value = if flags & METH_CLASS != 0 {
                    descrobject::new_method(tp, ml, true)?
                } else if flags & METH_STATIC != 0 {
                    let f = methodobject::new(ml, tp.cast(), null_mut(), null_mut())?;
                    if immortal {
                        gc::untrack(f);
                        typeobject::immortalize(f);
                    }
                    let sm = descrobject::new_funcwrapper(&raw mut descrobject::PyStaticMethod_Type, f);
                    decref(f);
                    sm?
                } else {
                    descrobject::new_method(tp, ml, false)?
                };
                put(dict, key, value, immortal, true)
            })();
            decref(key);
            r?;
            ml = ml.add(1);
        }
        let mut m = (*tp).tp_members;
        while !m.is_null() && !(*m).name.is_null() {
            if (*m).flags & Py_RELATIVE_OFFSET != 0 {
                return Err(errors::system_error("PyDescr_NewMember used with Py_RELATIVE_OFFSET"));
            }
            let key = slotdefs::name_object(CStr::from_ptr((*m).name), immortal)?;
            let r = descrobject::new_member(tp, m).and_then(|v| put(dict, key, v, immortal, false));
            decref(key);
            r?;
            m = m.add(1);
        }
        let mut g = (*tp).tp_getset;
        while !g.is_null() && !(*g).name.is_null() {
            let key = slotdefs::name_object(CStr::from_ptr((*g).name), immortal)?;
            let r = descrobject::new_getset(tp, g).and_then(|v| put(dict, key, v, immortal, false));
            decref(key);
            r?;
            g = g.add(1);
        }
        let key = slotdefs::name_object(c"__doc__", immortal)?;
        let r = (|| {
            if dictobject::contains(dict, key)? {
                return Ok(());
            }
            let doc = if (*tp).tp_doc.is_null() {
                new_ref(singletons::none())
            } else {
                let text = CStr::from_ptr((*tp).tp_doc).to_string_lossy();
                methodobject::doc_from_internal_doc(&type_name(tp), Some(&text))?
            };
            put(dict, key, doc, immortal, false)
        })();
        decref(key);
        r?;
        if (*tp).tp_version_tag == 0 {
            (*tp).tp_version_tag = attr::next_version();
        }
        Ok(())
    }
}

/// After inheritance: a type that defines equality but not hashing gets `__hash__ = None`
/// (CPython's `type_ready_set_hash`, without changing `tp_hash`).
pub(crate) unsafe fn set_hash_none(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: per caller, a type being readied (static heap redirected for static types).
    unsafe {
        if (*tp).tp_hash.is_some() || (*tp).tp_dict.is_null() {
            return Ok(());
        }
        let immortal = !has_flag(tp, Py_TPFLAGS_HEAPTYPE);
        let key = slotdefs::name_object(c"__hash__", immortal)?;
        let r = put((*tp).tp_dict, key, new_ref(singletons::none()), immortal, false);
        decref(key);
        r
    }
}

// --- attributes of every type (type's tp_getset) and of every object ---------------------------


unsafe fn ty<'a>(op: *mut PyObject) -> &'a mut PyTypeObject {
    // SAFETY: per caller, a type.
    unsafe { &mut *(op as *mut PyTypeObject) }
}

/// A static type's module: `tp_name` before its last dot, else `builtins`.
unsafe fn static_module(tp: *mut PyTypeObject) -> String {
    // SAFETY: per caller.
    let name = unsafe { type_name(tp) };
    match name.rfind('.') {
        Some(i) => name[..i].to_owned(),
        None => "builtins".to_owned(),
    }
}

unsafe extern "C" fn type_get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe { raw(unicodeobject::from_str(&short_type_name(op.cast()))) }
}

unsafe extern "C" fn type_get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            return raw(unicodeobject::from_str(&heaptype::module_and_qualname(tp).1));
        }
        raw(unicodeobject::from_str(&short_type_name(tp)))
    }
}

unsafe extern "C" fn type_get_module(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            let d = (*tp).tp_dict;
            if !d.is_null() {
                if let Ok(k) = unicodeobject::from_str("__module__") {
                    let found = dictobject::get(d, k);
                    decref(k);
                    if let Ok(Some(v)) = found {
                        return new_ref(v);
                    }
                }
            }
            return match heaptype::module_and_qualname(tp).0 {
                Some(m) => raw(unicodeobject::from_str(&m)),
                None => {
                    errors::attribute_error("__module__");
                    null_mut()
                }
            };
        }
        raw(unicodeobject::from_str(&static_module(tp)))
    }
}

/// CPython's `check_set_special_type_attr`: only heap types, and no deleting.
unsafe fn check_set_special(tp: *mut PyTypeObject, value: *mut PyObject, name: &str) -> bool {
    // SAFETY: per caller.
    unsafe {
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) || has_flag(tp, Py_TPFLAGS_IMMUTABLETYPE) {
            errors::type_error(&format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                type_name(tp)
            ));
            return false;
        }
        if value.is_null() {
            errors::type_error(&format!(
                "cannot delete '{name}' attribute of immutable type '{}'",
                type_name(tp)
            ));
            return false;
        }
        true
    }
}

/// Stores `value` under `key` in a heap type's dict (`__module__`, `__doc__` setters).
unsafe fn set_in_dict(op: *mut PyObject, value: *mut PyObject, key: &str) -> c_int {
    // SAFETY: called with a type.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if !check_set_special(tp, value, key) {
            return -1;
        }
        let Ok(k) = unicodeobject::intern::intern_str(key) else { return -1 };
        let r = dictobject::set((*tp).tp_dict, k, value);
        decref(k);
        attr::type_modified(tp);
        if r.is_ok() {
            0
        } else {
            -1
        }
    }
}

unsafe extern "C" fn type_set_module(op: *mut PyObject, value: *mut PyObject, _: *mut c_void) -> c_int {
    // SAFETY: called with a type.
    unsafe { set_in_dict(op, value, "__module__") }
}

unsafe extern "C" fn type_set_doc(op: *mut PyObject, value: *mut PyObject, _: *mut c_void) -> c_int {
    // SAFETY: called with a type.
    unsafe { set_in_dict(op, value, "__doc__") }
}

unsafe extern "C" fn type_get_mro(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe {
        let m = ty(op).tp_mro;
        new_ref(if m.is_null() { singletons::none() } else { m })
    }
}

unsafe extern "C" fn type_get_bases(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe {
        let b = ty(op).tp_bases;
        new_ref(if b.is_null() { tupleobject::empty() } else { b })
    }
}

unsafe extern "C" fn type_get_base(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe {
        let b = ty(op).tp_base;
        new_ref(if b.is_null() { singletons::none() } else { b.cast() })
    }
}

unsafe extern "C" fn type_get_dict(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe {
        let d = ty(op).tp_dict;
        if d.is_null() {
            return new_ref(singletons::none());
        }
        raw(descrobject::new_proxy(d))
    }
}

unsafe extern "C" fn type_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) && !(*tp).tp_doc.is_null() {
            let text = CStr::from_ptr((*tp).tp_doc).to_string_lossy();
            return raw(methodobject::doc_from_internal_doc(&type_name(tp), Some(&text)));
        }
        let d = (*tp).tp_dict;
        if d.is_null() {
            return new_ref(singletons::none());
        }
        let Ok(k) = unicodeobject::from_str("__doc__") else { return null_mut() };
        let found = dictobject::get(d, k);
        decref(k);
        match found {
            Ok(Some(v)) => match (*type_of(v)).tp_descr_get {
                Some(get) => get(v, null_mut(), op),
                None => new_ref(v),
            },
            Ok(None) => new_ref(singletons::none()),
            Err(_) => null_mut(),
        }
    }
}

#[allow(clippy::useless_conversion)] // c_ulong is u32 on some platforms
unsafe extern "C" fn type_get_flags(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe { raw(longobject::from_u64(u64::from(ty(op).tp_flags))) }
}

unsafe extern "C" fn type_get_basicsize(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe { raw(longobject::from_i64(ty(op).tp_basicsize as i64)) }
}

unsafe extern "C" fn type_get_itemsize(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe { raw(longobject::from_i64(ty(op).tp_itemsize as i64)) }
}

unsafe extern "C" fn type_get_dictoffset(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a type.
    unsafe { raw(longobject::from_i64(ty(op).tp_dictoffset as i64)) }
}

const fn gs(
    name: &'static CStr,
    get: unsafe extern "C" fn(*mut PyObject, *mut c_void) -> *mut PyObject,
) -> PyGetSetDef {
    PyGetSetDef { name: name.as_ptr(), get: Some(get), set: None, doc: std::ptr::null(), closure: null_mut() }
}
const GS_END: PyGetSetDef =
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() };

/// `type`'s attributes (read-only here: renaming or rebasing a class is not supported).
pub(crate) static TYPE_GETSET: ReadOnly<[PyGetSetDef; 13]> = ReadOnly([
    gs(c"__name__", type_get_name),
    gs(c"__qualname__", type_get_qualname),
    PyGetSetDef {
        name: c"__module__".as_ptr(),
        get: Some(type_get_module),
        set: Some(type_set_module),
        doc: std::ptr::null(),
        closure: null_mut(),
    },
    gs(c"__mro__", type_get_mro),
    gs(c"__bases__", type_get_bases),
    gs(c"__base__", type_get_base),
    gs(c"__dict__", type_get_dict),
    PyGetSetDef {
        name: c"__doc__".as_ptr(),
        get: Some(type_get_doc),
        set: Some(type_set_doc),
        doc: std::ptr::null(),
        closure: null_mut(),
    },
    gs(c"__flags__", type_get_flags),
    gs(c"__basicsize__", type_get_basicsize),
    gs(c"__itemsize__", type_get_itemsize),
    gs(c"__dictoffset__", type_get_dictoffset),
    GS_END,
]);

unsafe extern "C" fn object_get_class(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with an object.
    unsafe { new_ref(type_of(op).cast()) }
}

/// `object`'s attributes.
pub(crate) static OBJECT_GETSET: ReadOnly<[PyGetSetDef; 2]> =
    ReadOnly([gs(c"__class__", object_get_class), GS_END]);

const fn meth(
    name: &'static CStr,
    f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    flags: c_int,
    doc: &'static CStr,
) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: doc.as_ptr() }
}
const METH_END: PyMethodDef =
    PyMethodDef { ml_name: std::ptr::null(), ml_meth: None, ml_flags: 0, ml_doc: std::ptr::null() };

/// `object`'s methods.
pub(crate) static OBJECT_METHODS: ReadOnly<[PyMethodDef; 2]> = ReadOnly([
    meth(
        c"__dir__",
        attr::object_dir,
        METH_NOARGS,
        c"__dir__($self, /)\n--\n\nDefault dir() implementation.",
    ),
    METH_END,
]);

/// `type`'s methods.
pub(crate) static TYPE_METHODS: ReadOnly<[PyMethodDef; 3]> = ReadOnly([
    meth(
        c"__dir__",
        attr::type_dir,
        METH_NOARGS,
        c"__dir__($self, /)\n--\n\nSpecialized __dir__ implementation for types.",
    ),
    meth(
        c"__subclasses__",
        super::slotdefs::type_subclasses,
        METH_NOARGS,
        c"__subclasses__($self, /)\n--\n\nReturn a list of immediate subclasses.",
    ),
    METH_END,
]);
