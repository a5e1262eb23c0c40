//! The attribute protocol: `_PyType_Lookup` with a per-interpreter method cache,
//! `PyObject_GenericGetAttr`/`GenericSetAttr` (descriptors, then the instance dict),
//! `type`'s own `tp_getattro`/`tp_setattro`, instance dicts (`tp_dictoffset` and
//! `Py_TPFLAGS_MANAGED_DICT`), and `_PyObject_GetMethod` for calling methods without
//! making bound methods.
//!
//! **Method cache.** CPython's type attribute cache: 4096 entries per interpreter keyed by
//! (type version tag, interned name pointer), remembering what the MRO walk found (also
//! "nothing"). Version tags come from a runtime counter and are assigned at `PyType_Ready`;
//! static types never change (their dicts are immutable), so their entries stay valid. A
//! heap type that changes (`type_setattro`, `PyType_Modified`) gets a new tag and its
//! interpreter's whole cache is cleared, which also covers its subclasses (heap types live in
//! one interpreter, so no other cache can hold them). An entry holds a reference to its name,
//! so a name's address is never reused while cached.

use std::cell::UnsafeCell;
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;
use std::sync::atomic::Ordering;

use super::*;

const CACHE_BITS: usize = 12;
const CACHE_SIZE: usize = 1 << CACHE_BITS;

#[derive(Clone, Copy)]
struct Entry {
    version: u32,
    name: *mut PyObject,
    value: *mut PyObject,
}

const EMPTY: Entry = Entry { version: 0, name: null_mut(), value: null_mut() };

/// An interpreter's type attribute cache (allocated on first use).
pub(crate) struct TypeCache(UnsafeCell<Option<Box<[Entry; CACHE_SIZE]>>>);

impl TypeCache {
    pub(crate) const fn new() -> TypeCache {
        TypeCache(UnsafeCell::new(None))
    }
}

#[inline(always)]
fn cache_index(version: u32, name: *mut PyObject) -> usize {
    ((version as usize) ^ ((name as usize) >> 4)) & (CACHE_SIZE - 1)
}

/// The calling thread's interpreter's cache table, if a thread state is attached.
#[inline(always)]
fn cache_table<'a>() -> Option<&'a mut [Entry; CACHE_SIZE]> {
    let ts = crate::tstate::current();
    if ts.is_null() {
        return None;
    }
    // SAFETY: the attached thread state holds its interpreter's GIL, which guards the cache.
    unsafe {
        let slot = &mut *(*ts).interp().type_cache.0.get();
        if slot.is_none() {
            *slot = Some(Box::new([EMPTY; CACHE_SIZE]));
        }
        slot.as_deref_mut()
    }
}

/// A fresh version tag (never 0, never reused).
pub(crate) fn next_version() -> u32 {
    crate::runtime::RUNTIME.next_type_version.fetch_add(1, Ordering::Relaxed)
}

/// `PyType_Modified`: `tp` changed; cached lookups through it (and its subclasses) are
/// forgotten.
pub(crate) unsafe fn type_modified(tp: *mut PyTypeObject) {
    // SAFETY: per caller.
    unsafe {
        if (*tp).tp_version_tag != 0 {
            (*tp).tp_version_tag = next_version();
        }
    }
    if let Some(t) = cache_table() {
        t.fill(EMPTY);
    }
}

/// Looks `name` up along `tp`'s MRO without the cache (borrowed; NULL if absent). Lookup
/// errors (an unhashable key cannot occur for a `str`) are swallowed, as CPython's.
unsafe fn find_name_in_mro(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, a ready type and a str.
    unsafe {
        let mro = (*tp).tp_mro;
        let one = [tp as *mut PyObject];
        let bases: &[*mut PyObject] = if mro.is_null() { &one } else { tupleobject::items(mro) };
        for &b in bases {
            let d = (*(b as *mut PyTypeObject)).tp_dict;
            if d.is_null() {
                continue;
            }
            match dictobject::get(d, name) {
                Ok(Some(v)) => return v,
                Ok(None) => {}
                Err(_) => {
                    errors::clear();
                    return null_mut();
                }
            }
        }
        null_mut()
    }
}

/// `_PyType_Lookup`: `name` in the dicts along `tp`'s MRO (a borrowed reference; NULL, with
/// no exception set, if absent).
///
/// # Safety
/// `tp` is a live type, `name` a `str`.
#[inline]
pub(crate) unsafe fn lookup(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let version = (*tp).tp_version_tag;
        if version != 0 && unicodeobject::interned_state(name) != 0 {
            if let Some(t) = cache_table() {
                let e = &mut t[cache_index(version, name)];
                if e.version == version && e.name == name {
                    return e.value;
                }
                let v = find_name_in_mro(tp, name);
                let old = e.name;
                *e = Entry { version, name: new_ref(name), value: v };
                xdecref(old);
                return v;
            }
        }
        find_name_in_mro(tp, name)
    }
}

/// [`lookup`] by text (for slot dispatchers and Rust callers): makes an interned name.
pub(crate) unsafe fn lookup_str(tp: *mut PyTypeObject, name: &str) -> PyResult<*mut PyObject> {
    let n = unicodeobject::intern::intern_str(name)?;
    // SAFETY: per caller, a live type; `n` is a str.
    unsafe {
        let r = lookup(tp, n);
        decref(n);
        Ok(r)
    }
}

// --- instance dicts -------------------------------------------------------------------------------

/// Where `obj` keeps its instance dict, or NULL if its type gives it none: the managed
/// dict slot of the pre-header (`Py_TPFLAGS_MANAGED_DICT`), else `tp_dictoffset` (negative:
/// from the end of a variable-size object, as CPython).
#[inline]
pub(crate) unsafe fn dict_ptr(obj: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: per caller, a live object.
    unsafe {
        let tp = type_of(obj);
        if (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT as c_ulong != 0 {
            return preheader::dict_slot(obj);
        }
        let mut off = (*tp).tp_dictoffset;
        if off == 0 {
            return null_mut();
        }
        if off < 0 {
            let n = (*(obj as *mut PyVarObject)).ob_size.unsigned_abs() as Py_ssize_t;
            let size = typeobject::var_size(tp, n).unwrap_or(0) as Py_ssize_t;
            off += size;
        }
        (obj as *mut u8).offset(off) as *mut *mut PyObject
    }
}

/// `__dict__` of `obj`, made on first use (a new reference); `AttributeError("This object
/// has no __dict__")` if its type gives it none.
pub(crate) unsafe fn get_dict(obj: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let p = dict_ptr(obj);
        if p.is_null() {
            return Err(errors::attribute_error("This object has no __dict__"));
        }
        if (*p).is_null() {
            *p = dictobject::new()?;
        }
        Ok(new_ref(*p))
    }
}

/// At deallocation (`object_dealloc`): drops a managed dict, or the dict of a heap type
/// instance at `tp_dictoffset` (a static type's own `tp_dealloc` clears its dict, as in
/// CPython).
#[inline(always)]
pub(crate) unsafe fn clear_instance_dict(op: *mut PyObject) {
    // SAFETY: per caller, an object being deallocated.
    unsafe {
        let tp = type_of(op);
        // One test on the hot path (every object_dealloc): neither flag, nothing to do.
        if (*tp).tp_flags & (Py_TPFLAGS_MANAGED_DICT as c_ulong | Py_TPFLAGS_HEAPTYPE) == 0 {
            return;
        }
        drop_instance_dict(op, tp);
    }
}

#[inline(never)]
unsafe fn drop_instance_dict(op: *mut PyObject, tp: *mut PyTypeObject) {
    // SAFETY: per caller.
    unsafe {
        let managed = (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT as c_ulong != 0;
        if !managed && (*tp).tp_dictoffset == 0 {
            return;
        }
        let p = dict_ptr(op);
        if !p.is_null() {
            let d = std::mem::replace(&mut *p, null_mut());
            xdecref(d);
        }
    }
}

/// `PyObject_GenericSetDict`.
pub(crate) unsafe fn set_dict(obj: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let p = dict_ptr(obj);
        if p.is_null() {
            return Err(errors::attribute_error("This object has no __dict__"));
        }
        if value.is_null() {
            return Err(errors::type_error("cannot delete __dict__"));
        }
        if !dictobject::check(value) {
            return Err(errors::type_error(&format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                abstract_::oname(value, 200)
            )));
        }
        let old = *p;
        *p = new_ref(value);
        xdecref(old);
        Ok(())
    }
}

// --- generic get/set ------------------------------------------------------------------------------

fn tname100(tp: *mut PyTypeObject) -> String {
    // SAFETY: a live type.
    unsafe { abstract_::tname(tp, 100) }
}

#[cold]
unsafe fn no_attribute(obj: *mut PyObject, name: *mut PyObject) -> PyErr {
    // SAFETY: per caller.
    unsafe {
        errors::attribute_error(&format!(
            "'{}' object has no attribute '{}'",
            tname100(type_of(obj)),
            unicodeobject::as_str(name)
        ))
    }
}

/// `_PyObject_GenericGetAttrWithDict`: descriptors of the type (data descriptors first),
/// then the instance dict (or `dict` when given), then non-data descriptors and plain
/// class attributes. With `suppress`, a missing attribute gives `Ok(None)` and no
/// exception.
pub(crate) unsafe fn generic_getattr(
    obj: *mut PyObject,
    name: *mut PyObject,
    dict: *mut PyObject,
    suppress: bool,
) -> PyResult<Option<Owned>> {
    // SAFETY: per caller, live objects; `name` a str.
    unsafe {
        if !unicodeobject::check(name) {
            return Err(errors::type_error(&format!(
                "attribute name must be string, not '{}'",
                abstract_::oname(name, 200)
            )));
        }
        let tp = type_of(obj);
        let descr = lookup(tp, name);
        let mut f: descrgetfunc = None;
        if !descr.is_null() {
            incref(descr);
            f = (*type_of(descr)).tp_descr_get;
            if let Some(get) = f {
                if descrobject::is_data(descr) {
                    let r = get(descr, obj, tp.cast());
                    decref(descr);
                    return finish(r, suppress);
                }
            }
        }
        let dict = if dict.is_null() {
            let p = dict_ptr(obj);
            if p.is_null() {
                null_mut()
            } else {
                *p
            }
        } else {
            dict
        };
        if !dict.is_null() {
            incref(dict);
            let found = dictobject::get(dict, name);
            decref(dict);
            match found {
                Ok(Some(v)) => {
                    xdecref(descr);
                    return Ok(Some(new_ref(v)));
                }
                Ok(None) => {}
                Err(e) => {
                    xdecref(descr);
                    return Err(e);
                }
            }
        }
        if let Some(get) = f {
            let r = get(descr, obj, tp.cast());
            decref(descr);
            return finish(r, suppress);
        }
        if !descr.is_null() {
            return Ok(Some(descr));
        }
        if suppress {
            return Ok(None);
        }
        Err(no_attribute(obj, name))
    }
}

/// A descriptor's result: NULL with an `AttributeError` is "absent" when suppressing.
unsafe fn finish(r: *mut PyObject, suppress: bool) -> PyResult<Option<Owned>> {
    if !r.is_null() {
        return Ok(Some(r));
    }
    // SAFETY: a static exception type.
    if suppress && unsafe { errors::matches(&raw mut exceptions::_PyExc_AttributeError) } {
        errors::clear();
        return Ok(None);
    }
    Err(PyErr)
}

/// `_PyObject_GenericSetAttrWithDict` (`value` NULL deletes).
pub(crate) unsafe fn generic_setattr(
    obj: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
    dict: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if !unicodeobject::check(name) {
            return Err(errors::type_error(&format!(
                "attribute name must be string, not '{}'",
                abstract_::oname(name, 200)
            )));
        }
        let tp = type_of(obj);
        let descr = lookup(tp, name);
        if !descr.is_null() {
            if let Some(set) = (*type_of(descr)).tp_descr_set {
                incref(descr);
                let r = set(descr, obj, value);
                decref(descr);
                return if r < 0 { Err(PyErr) } else { Ok(()) };
            }
        }
        let target = if dict.is_null() {
            let p = dict_ptr(obj);
            if p.is_null() {
                let n = unicodeobject::as_str(name);
                return Err(if descr.is_null() {
                    errors::attribute_error(&format!(
                        "'{}' object has no attribute '{n}' and no __dict__ for setting new attributes",
                        tname100(tp)
                    ))
                } else {
                    errors::attribute_error(&format!(
                        "'{}' object attribute '{n}' is read-only",
                        tname100(tp)
                    ))
                });
            }
            if (*p).is_null() {
                if value.is_null() {
                    return Err(no_attribute(obj, name));
                }
                *p = dictobject::new()?;
            }
            *p
        } else {
            dict
        };
        incref(target);
        let r = if value.is_null() {
            match dictobject::del(target, name) {
                Err(_) if errors::matches(&raw mut exceptions::_PyExc_KeyError) => {
                    errors::clear();
                    if has_flag(tp, Py_TPFLAGS_TYPE_SUBCLASS) {
                        Err(errors::attribute_error(&format!(
                            "type object '{}' has no attribute '{}'",
                            abstract_::tname(obj.cast(), 50),
                            unicodeobject::as_str(name)
                        )))
                    } else {
                        Err(no_attribute(obj, name))
                    }
                }
                other => other,
            }
        } else {
            dictobject::set(target, name, value)
        };
        decref(target);
        r
    }
}

/// `PyObject_GenericGetAttr` as a slot.
pub(crate) unsafe extern "C" fn PyObject_GenericGetAttr_impl(
    obj: *mut PyObject,
    name: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_getattro.
    match unsafe { generic_getattr(obj, name, null_mut(), false) } {
        Ok(Some(v)) => v,
        _ => null_mut(),
    }
}

/// `PyObject_GenericSetAttr` as a slot.
pub(crate) unsafe extern "C" fn PyObject_GenericSetAttr_impl(
    obj: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: called through tp_setattro.
    match unsafe { generic_setattr(obj, name, value, null_mut()) } {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

/// Whether a `tp_getattro` is the generic one: ours, or the exported
/// `PyObject_GenericGetAttr` that C types name in their definitions.
#[inline(always)]
fn is_generic_getattr(f: getattrofunc) -> bool {
    let g: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject = PyObject_GenericGetAttr_impl;
    let c: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject =
        crate::capi::attr::PyObject_GenericGetAttr;
    f.is_some_and(|f| std::ptr::fn_addr_eq(f, g) || std::ptr::fn_addr_eq(f, c))
}

// --- type objects ---------------------------------------------------------------------------------

/// `type.__getattribute__`: data descriptors of the metatype, then the MRO of the type
/// (descriptors called with no instance), then the metatype's other attributes.
pub(crate) unsafe fn type_getattr(
    tp: *mut PyTypeObject,
    name: *mut PyObject,
    suppress: bool,
) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        if !unicodeobject::check(name) {
            return Err(errors::type_error(&format!(
                "attribute name must be string, not '{}'",
                abstract_::oname(name, 200)
            )));
        }
        let meta = type_of(tp.cast());
        let meta_attr = lookup(meta, name);
        let mut meta_get: descrgetfunc = None;
        if !meta_attr.is_null() {
            incref(meta_attr);
            meta_get = (*type_of(meta_attr)).tp_descr_get;
            if let Some(get) = meta_get {
                if descrobject::is_data(meta_attr) {
                    let r = get(meta_attr, tp.cast(), meta.cast());
                    decref(meta_attr);
                    return finish(r, suppress);
                }
            }
        }
        let attribute = lookup(tp, name);
        if !attribute.is_null() {
            incref(attribute);
            xdecref(meta_attr);
            if let Some(get) = (*type_of(attribute)).tp_descr_get {
                let r = get(attribute, null_mut(), tp.cast());
                decref(attribute);
                return finish(r, suppress);
            }
            return Ok(Some(attribute));
        }
        if let Some(get) = meta_get {
            let r = get(meta_attr, tp.cast(), meta.cast());
            decref(meta_attr);
            return finish(r, suppress);
        }
        if !meta_attr.is_null() {
            return Ok(Some(meta_attr));
        }
        if suppress {
            return Ok(None);
        }
        Err(errors::attribute_error(&format!(
            "type object '{}' has no attribute '{}'",
            tname100(tp),
            unicodeobject::as_str(name)
        )))
    }
}

pub(crate) unsafe extern "C" fn type_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_getattro with a type.
    match unsafe { type_getattr(op.cast(), name, false) } {
        Ok(Some(v)) => v,
        _ => null_mut(),
    }
}

/// `type.__setattr__`: static types (shared by every interpreter) and immutable types
/// refuse; a heap type's dict changes, its slots follow its dunders, and caches forget it.
pub(crate) unsafe extern "C" fn type_setattro(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: called through tp_setattro with a type.
    unsafe {
        let tp = op as *mut PyTypeObject;
        if !has_flag(tp, Py_TPFLAGS_HEAPTYPE) || has_flag(tp, Py_TPFLAGS_IMMUTABLETYPE) {
            let Ok(r) = abstract_::repr(name) else { return -1 };
            errors::type_error(&format!(
                "cannot set {} attribute of immutable type '{}'",
                unicodeobject::as_str(r),
                type_name(tp)
            ));
            decref(r);
            return -1;
        }
        if !unicodeobject::check(name) {
            errors::type_error(&format!(
                "attribute name must be string, not '{}'",
                abstract_::oname(name, 200)
            ));
            return -1;
        }
        let mut name = new_ref(name);
        unicodeobject::intern::intern_in_place(&mut name);
        if (*tp).tp_dict.is_null() {
            match dictobject::new() {
                Ok(d) => (*tp).tp_dict = d,
                Err(_) => {
                    decref(name);
                    return -1;
                }
            }
        }
        let r = generic_setattr(op, name, value, (*tp).tp_dict);
        type_modified(tp);
        if r.is_ok() {
            slotdefs::update_slot(tp, name);
        }
        decref(name);
        if r.is_ok() {
            0
        } else {
            -1
        }
    }
}

// --- the dispatching entry points -----------------------------------------------------------------

#[cold]
unsafe fn not_string(name: *mut PyObject) -> PyErr {
    // SAFETY: per caller.
    errors::type_error(&format!("attribute name must be string, not '{}'", unsafe {
        abstract_::oname(name, 200)
    }))
}

/// `PyObject_GetAttr`.
pub(crate) unsafe fn get_attr(v: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if !unicodeobject::check(name) {
            return Err(not_string(name));
        }
        let tp = type_of(v);
        if is_generic_getattr((*tp).tp_getattro) {
            return match generic_getattr(v, name, null_mut(), false)? {
                Some(r) => Ok(r),
                None => Err(PyErr),
            };
        }
        if let Some(f) = (*tp).tp_getattro {
            let r = f(v, name);
            return if r.is_null() { Err(PyErr) } else { Ok(r) };
        }
        if let Some(f) = (*tp).tp_getattr {
            let c =
                std::ffi::CString::new(unicodeobject::as_str(name)).map_err(|_| errors::bad_argument())?;
            let r = f(v, c.as_ptr() as *mut c_char);
            return if r.is_null() { Err(PyErr) } else { Ok(r) };
        }
        Err(errors::attribute_error(&format!(
            "'{}' object has no attribute '{}'",
            tname100(tp),
            unicodeobject::as_str(name)
        )))
    }
}

/// `PyObject_GetOptionalAttr`: `Ok(None)` (no exception) when the attribute is missing.
pub(crate) unsafe fn get_optional_attr(v: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        if !unicodeobject::check(name) {
            return Err(not_string(name));
        }
        let tp = type_of(v);
        let getattro = (*tp).tp_getattro;
        if is_generic_getattr(getattro) {
            return generic_getattr(v, name, null_mut(), true);
        }
        let tg: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject = type_getattro;
        if getattro.is_some_and(|f| std::ptr::fn_addr_eq(f, tg)) {
            return type_getattr(v.cast(), name, true);
        }
        match get_attr(v, name) {
            Ok(r) => Ok(Some(r)),
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_AttributeError) {
                    errors::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// `PyObject_SetAttr` (`value` NULL deletes).
pub(crate) unsafe fn set_attr(v: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if !unicodeobject::check(name) {
            return Err(not_string(name));
        }
        let tp = type_of(v);
        if let Some(f) = (*tp).tp_setattro {
            let mut n = new_ref(name);
            unicodeobject::intern::intern_in_place(&mut n);
            let r = f(v, n, value);
            decref(n);
            return if r < 0 { Err(PyErr) } else { Ok(()) };
        }
        if let Some(f) = (*tp).tp_setattr {
            let c =
                std::ffi::CString::new(unicodeobject::as_str(name)).map_err(|_| errors::bad_argument())?;
            let r = f(v, c.as_ptr() as *mut c_char, value);
            return if r < 0 { Err(PyErr) } else { Ok(()) };
        }
        let what = if value.is_null() { "del" } else { "assign to" };
        let n = unicodeobject::as_str(name);
        Err(if (*tp).tp_getattro.is_none() && (*tp).tp_getattr.is_none() {
            errors::type_error(&format!("'{}' object has no attributes ({what} .{n})", tname100(tp)))
        } else {
            errors::type_error(&format!(
                "'{}' object has only read-only attributes ({what} .{n})",
                tname100(tp)
            ))
        })
    }
}

/// A C attribute name as an interned `str` (what `PyObject_GetAttrString` and friends use,
/// so their lookups hit the method cache).
pub(crate) unsafe fn name_from_c(name: *const c_char) -> PyResult<Owned> {
    // SAFETY: per caller, NUL-terminated.
    let bytes = unsafe { CStr::from_ptr(name) };
    match bytes.to_str() {
        Ok(s) => unicodeobject::intern::intern_str(s),
        Err(_) => {
            // Invalid UTF-8: let the decoder raise CPython's UnicodeDecodeError.
            // SAFETY: a NUL-terminated string.
            let r = unsafe { crate::capi::unicodeobject::PyUnicode_FromString(name) };
            if r.is_null() {
                Err(PyErr)
            } else {
                Ok(r)
            }
        }
    }
}

// --- methods --------------------------------------------------------------------------------------

/// What `_PyObject_GetMethod` found.
pub(crate) enum Method {
    /// A method descriptor (or other `Py_TPFLAGS_METHOD_DESCRIPTOR` object) of the type:
    /// call it with `self` prepended.
    Unbound(Owned),
    /// Anything else: call it as is.
    Bound(Owned),
}

/// `_PyObject_GetMethod`: `obj.name` without making a bound method when the type's
/// attribute is a method descriptor not shadowed by the instance dict.
pub(crate) unsafe fn get_method(obj: *mut PyObject, name: *mut PyObject) -> PyResult<Method> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(obj);
        if !is_generic_getattr((*tp).tp_getattro) || !unicodeobject::check(name) {
            return get_attr(obj, name).map(Method::Bound);
        }
        let descr = lookup(tp, name);
        let mut f: descrgetfunc = None;
        let mut method = false;
        if !descr.is_null() {
            if has_flag(type_of(descr), Py_TPFLAGS_METHOD_DESCRIPTOR) {
                method = true;
            } else {
                f = (*type_of(descr)).tp_descr_get;
                if let Some(get) = f {
                    if descrobject::is_data(descr) {
                        incref(descr);
                        let r = get(descr, obj, tp.cast());
                        decref(descr);
                        return if r.is_null() { Err(PyErr) } else { Ok(Method::Bound(r)) };
                    }
                }
            }
        }
        let p = dict_ptr(obj);
        if !p.is_null() && !(*p).is_null() {
            let dict = *p;
            incref(dict);
            let found = dictobject::get(dict, name);
            decref(dict);
            if let Some(v) = found? {
                return Ok(Method::Bound(new_ref(v)));
            }
        }
        if method {
            return Ok(Method::Unbound(new_ref(descr)));
        }
        if let Some(get) = f {
            incref(descr);
            let r = get(descr, obj, tp.cast());
            decref(descr);
            return if r.is_null() { Err(PyErr) } else { Ok(Method::Bound(r)) };
        }
        if !descr.is_null() {
            return Ok(Method::Bound(new_ref(descr)));
        }
        Err(no_attribute(obj, name))
    }
}

/// `PyObject_VectorcallMethod`: `args[0]` is `self`; `nargsf` counts it.
pub(crate) unsafe fn vectorcall_method(
    name: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: per caller, `args` holds at least `self`.
    unsafe {
        let self_ = *args;
        match get_method(self_, name) {
            Err(_) => null_mut(),
            Ok(Method::Unbound(m)) => {
                let r = if descrobject::is_method_descr(m) {
                    let nargs = call::nargs_of(nargsf) as usize;
                    descrobject::call_unbound(m, self_, args.add(1), nargs - 1, kwnames)
                } else {
                    call::vectorcall(m, args, nargsf, kwnames)
                };
                decref(m);
                r
            }
            Ok(Method::Bound(m)) => {
                let r = call::vectorcall(m, args.add(1), nargsf - 1, kwnames);
                decref(m);
                r
            }
        }
    }
}

/// `obj.name(*args)` for Rust callers.
pub(crate) unsafe fn call_method(obj: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let n = unicodeobject::intern::intern_str(name)?;
        let mut v: Vec<*mut PyObject> = Vec::with_capacity(args.len() + 1);
        v.push(obj);
        v.extend_from_slice(args);
        let r = vectorcall_method(n, v.as_ptr(), v.len(), null_mut());
        decref(n);
        if r.is_null() {
            Err(PyErr)
        } else {
            Ok(r)
        }
    }
}

/// `_PyObject_LookupSpecial`: `name` looked up on the type only, bound through `__get__`
/// (`Ok(None)` if absent).
pub(crate) unsafe fn lookup_special(obj: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        let r = lookup_str(type_of(obj), name)?;
        if r.is_null() {
            return Ok(None);
        }
        if let Some(get) = (*type_of(r)).tp_descr_get {
            incref(r);
            let b = get(r, obj, type_of(obj).cast());
            decref(r);
            return if b.is_null() { Err(PyErr) } else { Ok(Some(b)) };
        }
        Ok(Some(new_ref(r)))
    }
}

/// `PyObject_Dir`: `type(obj).__dir__(obj)` as a sorted list.
pub(crate) unsafe fn dir(obj: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let Some(f) = lookup_special(obj, "__dir__")? else {
            return Err(errors::type_error("object does not provide __dir__"));
        };
        let r = call::call(f, tupleobject::empty(), null_mut());
        decref(f);
        if r.is_null() {
            return Err(PyErr);
        }
        let list = crate::capi::abstract_::sequence::PySequence_List(r);
        decref(r);
        if list.is_null() {
            return Err(PyErr);
        }
        if crate::capi::listobject::PyList_Sort(list) < 0 {
            decref(list);
            return Err(PyErr);
        }
        Ok(list)
    }
}

/// Adds the keys of `tp`'s dict and its bases' (recursively) to `acc` (CPython's
/// `merge_class_dict`).
unsafe fn merge_class_dict(acc: *mut PyObject, tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let d = (*tp).tp_dict;
        if !d.is_null() {
            dictobject::merge(acc, d, 1)?;
        }
        let bases = (*tp).tp_bases;
        if !bases.is_null() {
            for &b in tupleobject::items(bases) {
                merge_class_dict(acc, b.cast())?;
            }
        }
        Ok(())
    }
}

/// `object.__dir__`: the instance dict's keys and the class's attributes.
pub(crate) unsafe extern "C" fn object_dir(obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: called as a METH_NOARGS method.
    unsafe {
        let run = || -> PyResult<Owned> {
            let p = dict_ptr(obj);
            let acc = if !p.is_null() && !(*p).is_null() && dictobject::check(*p) {
                dictobject::copy(*p)?
            } else {
                dictobject::new()?
            };
            if let Err(e) = merge_class_dict(acc, type_of(obj)) {
                decref(acc);
                return Err(e);
            }
            let keys = dictobject::to_list(acc, dictobject::Part::Keys);
            decref(acc);
            keys
        };
        run().unwrap_or(null_mut())
    }
}

/// `type.__dir__`: the attributes of the class and its bases.
pub(crate) unsafe extern "C" fn type_dir(obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: called as a METH_NOARGS method of a type.
    unsafe {
        let run = || -> PyResult<Owned> {
            let acc = dictobject::new()?;
            if let Err(e) = merge_class_dict(acc, obj.cast()) {
                decref(acc);
                return Err(e);
            }
            let keys = dictobject::to_list(acc, dictobject::Part::Keys);
            decref(acc);
            keys
        };
        run().unwrap_or(null_mut())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_lookup_agrees_with_the_mro_walk_and_forgets_changes() {
        crate::tests::with_runtime(|| unsafe {
            let list = &raw mut listobject::PyList_Type;
            let len = unicodeobject::intern::intern_str("__len__").unwrap();
            let missing = unicodeobject::intern::intern_str("no_such_attribute").unwrap();
            let walked = find_name_in_mro(list, len);
            assert!(!walked.is_null());
            assert_eq!(lookup(list, len), walked, "first lookup fills the cache");
            assert_eq!(lookup(list, len), walked, "second lookup hits it");
            assert!(lookup(list, missing).is_null());
            assert!(lookup(list, missing).is_null(), "misses are cached too");
            // A heap type: a class attribute change is seen at once.
            let bases = tupleobject::new(0).unwrap();
            let tp = heaptype::new_type("C", "m", bases, None, std::ptr::null_mut()).unwrap() as *mut PyTypeObject;
            decref(bases);
            assert!(lookup(tp, missing).is_null());
            let one = longobject::from_i64(1).unwrap();
            assert_eq!(type_setattro(tp.cast(), missing, one), 0);
            assert_eq!(lookup(tp, missing), one);
            assert_eq!(type_setattro(tp.cast(), missing, null_mut()), 0);
            assert!(lookup(tp, missing).is_null());
            decref(one);
            decref(len);
            decref(missing);
        });
    }

    #[test]
    fn static_type_dicts_and_descriptors_are_immortal() {
        crate::tests::with_runtime(|| unsafe {
            let list = &raw mut listobject::PyList_Type;
            assert!(is_immortal(list.cast()));
            let d = (*list).tp_dict;
            assert!(!d.is_null() && is_immortal(d));
            let mut pos = 0;
            while let Some((k, v)) = dictobject::next(d, &mut pos) {
                assert!(is_immortal(k), "key {}", unicodeobject::as_str(k));
                assert!(is_immortal(v), "value of {}", unicodeobject::as_str(k));
            }
        });
    }
}
