//! Bound methods (CPython's `Objects/classobject.c`): `method` (`PyMethod_Type`, what
//! `types.MethodType` is: a callable bound to an instance, called with the instance
//! prepended) and `instancemethod` (`PyInstanceMethod_Type`: wraps a callable so that it
//! binds like a Python function when found on a class).
//!
//! A `classmethod` binds through `method` as well (CPython 3.13: `MethodType(f, cls)`).

use std::ffi::{c_int, c_void};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::*;
use crate::abi::{visitproc, PyGetSetDef, PyInstanceMethodObject, PyMemberDef, PyMethodObject, Py_TPFLAGS_HAVE_VECTORCALL};

const READONLY: c_int = 1;
const T_OBJECT: c_int = 6;

static METHOD_MEMBERS: ReadOnly<[PyMemberDef; 3]> = ReadOnly([
    PyMemberDef {
        name: c"__func__".as_ptr(),
        type_: T_OBJECT,
        offset: offset_of!(PyMethodObject, im_func) as Py_ssize_t,
        flags: READONLY,
        doc: c"the function (or other callable) implementing a method".as_ptr(),
    },
    PyMemberDef {
        name: c"__self__".as_ptr(),
        type_: T_OBJECT,
        offset: offset_of!(PyMethodObject, im_self) as Py_ssize_t,
        flags: READONLY,
        doc: c"the instance to which a method is bound".as_ptr(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
]);

static INSTANCEMETHOD_MEMBERS: ReadOnly<[PyMemberDef; 2]> = ReadOnly([
    PyMemberDef {
        name: c"__func__".as_ptr(),
        type_: T_OBJECT,
        offset: offset_of!(PyInstanceMethodObject, func) as Py_ssize_t,
        flags: READONLY,
        doc: c"the function (or other callable) implementing a method".as_ptr(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
]);

/// `__doc__` of a bound method or an instancemethod: the wrapped callable's.
static METHOD_GETSET: ReadOnly<[PyGetSetDef; 2]> = ReadOnly([
    PyGetSetDef { name: c"__doc__".as_ptr(), get: Some(get_doc), set: None, doc: std::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() },
]);

/// `method`: a callable bound to an instance.
#[unsafe(no_mangle)]
pub static mut PyMethod_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"method".as_ptr(),
    tp_basicsize: size_of::<PyMethodObject>() as Py_ssize_t,
    tp_dealloc: Some(method_dealloc),
    tp_vectorcall_offset: offset_of!(PyMethodObject, vectorcall) as Py_ssize_t,
    tp_repr: Some(method_repr),
    tp_hash: Some(method_hash),
    tp_call: Some(method_call),
    tp_getattro: Some(method_getattro),
    tp_setattro: Some(attr::PyObject_GenericSetAttr_impl),
    tp_flags: Py_TPFLAGS_DEFAULT as std::ffi::c_ulong | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_doc: c"Create a bound instance method object.".as_ptr(),
    tp_traverse: Some(method_traverse),
    tp_richcompare: Some(method_richcompare),
    tp_weaklistoffset: offset_of!(PyMethodObject, im_weakreflist) as Py_ssize_t,
    tp_members: METHOD_MEMBERS.as_mut_ptr().cast(),
    tp_getset: METHOD_GETSET.as_mut_ptr().cast(),
    tp_descr_get: Some(method_descr_get),
    tp_new: Some(method_new),
    ..TYPE_TEMPLATE
};

/// `instancemethod`: binds the callable it wraps like a Python function does.
#[unsafe(no_mangle)]
pub static mut PyInstanceMethod_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"instancemethod".as_ptr(),
    tp_basicsize: size_of::<PyInstanceMethodObject>() as Py_ssize_t,
    tp_dealloc: Some(instancemethod_dealloc),
    tp_repr: Some(instancemethod_repr),
    tp_call: Some(instancemethod_call),
    tp_getattro: Some(instancemethod_getattro),
    tp_setattro: Some(attr::PyObject_GenericSetAttr_impl),
    tp_flags: Py_TPFLAGS_DEFAULT as std::ffi::c_ulong | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"Bind a function to a class.".as_ptr(),
    tp_traverse: Some(instancemethod_traverse),
    tp_richcompare: Some(instancemethod_richcompare),
    tp_members: INSTANCEMETHOD_MEMBERS.as_mut_ptr().cast(),
    tp_getset: METHOD_GETSET.as_mut_ptr().cast(),
    tp_descr_get: Some(instancemethod_descr_get),
    tp_new: Some(instancemethod_new),
    ..TYPE_TEMPLATE
};

/// Readies both types (once per runtime initialization).
pub(crate) fn init_types() -> PyResult<()> {
    // SAFETY: our statics, written only while the runtime initializes.
    unsafe {
        typeobject::ready(&raw mut PyMethod_Type)?;
        typeobject::ready(&raw mut PyInstanceMethod_Type)?;
    }
    Ok(())
}

#[inline(always)]
unsafe fn meth<'a>(op: *mut PyObject) -> &'a mut PyMethodObject {
    // SAFETY: per caller, a bound method.
    unsafe { &mut *op.cast::<PyMethodObject>() }
}

#[inline(always)]
unsafe fn imeth<'a>(op: *mut PyObject) -> &'a mut PyInstanceMethodObject {
    // SAFETY: per caller, an instancemethod.
    unsafe { &mut *op.cast::<PyInstanceMethodObject>() }
}

/// `PyMethod_Check`: exactly a bound method (CPython's test: no subclasses exist).
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a live object.
    unsafe { type_of(op) == &raw mut PyMethod_Type }
}

/// `PyInstanceMethod_Check`.
#[inline]
pub(crate) unsafe fn check_instancemethod(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a live object.
    unsafe { type_of(op) == &raw mut PyInstanceMethod_Type }
}

/// The function and instance of a bound method.
///
/// # Safety
/// `op` is a bound method.
pub(crate) unsafe fn parts(op: *mut PyObject) -> (*mut PyObject, *mut PyObject) {
    // SAFETY: per caller.
    unsafe { (meth(op).im_func, meth(op).im_self) }
}

/// The callable an instancemethod wraps.
///
/// # Safety
/// `op` is an instancemethod.
pub(crate) unsafe fn instancemethod_function(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { imeth(op).func }
}

/// `PyMethod_New(func, self)`: `func` bound to `self` (both non-NULL; the caller checks).
///
/// # Safety
/// Live objects, under the GIL of the interpreter that will own the method.
pub(crate) unsafe fn new(func: *mut PyObject, self_: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a fresh GC object of our layout, fully written before it is tracked.
    unsafe {
        let op = gc::alloc_object(size_of::<PyMethodObject>())?;
        typeobject::init_object(op, &raw mut PyMethod_Type);
        let m = meth(op);
        m.im_func = new_ref(func);
        m.im_self = new_ref(self_);
        m.im_weakreflist = null_mut();
        m.vectorcall = Some(method_vectorcall);
        gc::track(op);
        Ok(op)
    }
}

/// `PyInstanceMethod_New(func)`.
///
/// # Safety
/// `func` is live; under the GIL of the interpreter that will own the wrapper.
pub(crate) unsafe fn new_instancemethod(func: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a fresh GC object of our layout.
    unsafe {
        let op = gc::alloc_object(size_of::<PyInstanceMethodObject>())?;
        typeobject::init_object(op, &raw mut PyInstanceMethod_Type);
        imeth(op).func = new_ref(func);
        gc::track(op);
        Ok(op)
    }
}

unsafe extern "C" fn get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a bound method or an instancemethod.
    unsafe {
        let func = if check(op) { meth(op).im_func } else { imeth(op).func };
        let key = match unicodeobject::from_str("__doc__") {
            Ok(k) => k,
            Err(_) => return null_mut(),
        };
        let r = attr::get_attr(func, key);
        decref(key);
        raw(r)
    }
}

// --- method ---------------------------------------------------------------------------------

/// Calls `im_func(im_self, *args)`: in place when the caller lent `args[-1]`
/// (`PY_VECTORCALL_ARGUMENTS_OFFSET`), else through a copy with the instance in front.
unsafe extern "C" fn method_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through the vectorcall protocol with a bound method and its arguments.
    unsafe {
        let (func, self_) = parts(op);
        let nargs = call::nargs_of(nargsf) as usize;
        if nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET != 0 {
            // The slot before args[0] is ours for the call; put it back after.
            let slot = (args as *mut *mut PyObject).sub(1);
            let saved = *slot;
            *slot = self_;
            let r = call::vectorcall(func, slot, nargs + 1, kwnames);
            *slot = saved;
            return r;
        }
        let nkw = if kwnames.is_null() { 0 } else { tupleobject::size(kwnames) as usize };
        let total = nargs + nkw;
        let mut stack: [*mut PyObject; 8] = [null_mut(); 8];
        let mut heap: Vec<*mut PyObject> = Vec::new();
        let buf: *mut *mut PyObject = if total < stack.len() {
            stack.as_mut_ptr()
        } else {
            heap.resize(total + 1, null_mut());
            heap.as_mut_ptr()
        };
        *buf = self_;
        if total > 0 {
            std::ptr::copy_nonoverlapping(args, buf.add(1), total);
        }
        call::vectorcall(func, buf, (nargs + 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames)
    }
}

unsafe extern "C" fn method_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_call.
    unsafe { call::vectorcall_call(op, args, kwds) }
}

unsafe extern "C" fn method_dealloc(op: *mut PyObject) {
    // SAFETY: called with no references left.
    unsafe {
        gc::untrack(op);
        let m = meth(op);
        if !m.im_weakreflist.is_null() {
            weakrefobject::clear_weakrefs(op);
        }
        xdecref(std::mem::replace(&mut m.im_func, null_mut()));
        xdecref(std::mem::replace(&mut m.im_self, null_mut()));
        gc::free_object(op);
    }
}

unsafe extern "C" fn method_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector with a bound method.
    unsafe {
        let Some(visit) = visit else { return 0 };
        for o in [meth(op).im_func, meth(op).im_self] {
            if !o.is_null() {
                let r = visit(o, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

/// The function's `__qualname__`, else its `__name__`, else "?" (CPython's method repr).
unsafe fn func_name(func: *mut PyObject) -> PyResult<String> {
    // SAFETY: per caller, a live object.
    unsafe {
        for name in ["__qualname__", "__name__"] {
            let key = unicodeobject::from_str(name)?;
            let r = attr::get_optional_attr(func, key);
            decref(key);
            if let Some(v) = r? {
                let s = if unicodeobject::check(v) { Some(unicodeobject::as_str(v).to_owned()) } else { None };
                decref(v);
                if let Some(s) = s {
                    return Ok(s);
                }
            }
        }
        Ok("?".to_owned())
    }
}

/// `<bound method NAME of SELF!r>`.
unsafe extern "C" fn method_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a bound method.
    unsafe {
        let (func, self_) = parts(op);
        let Ok(name) = func_name(func) else { return null_mut() };
        let Ok(r) = abstract_::repr(self_) else { return null_mut() };
        let text = format!("<bound method {name} of {}>", unicodeobject::as_str(r));
        decref(r);
        raw(unicodeobject::from_str(&text))
    }
}

/// `hash(self) identity ^ hash(func)` (CPython: the instance is compared by identity).
unsafe extern "C" fn method_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called with a bound method.
    unsafe {
        let (func, self_) = parts(op);
        let x = pyhash::hash_pointer(self_ as usize);
        match abstract_::hash(func) {
            Ok(y) => {
                let h = x ^ y;
                if h == -1 { -2 } else { h }
            }
            Err(_) => -1,
        }
    }
}

/// `==`/`!=`: the same instance (identity) and equal functions.
unsafe extern "C" fn method_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called with live objects, `a` a bound method.
    unsafe {
        if (op != Py_EQ && op != Py_NE) || !check(a) || !check(b) {
            return new_ref(singletons::not_implemented());
        }
        let (fa, sa) = parts(a);
        let (fb, sb) = parts(b);
        let eq = if sa != sb {
            false
        } else {
            match abstract_::rich_compare_bool(fa, fb, Py_EQ) {
                Ok(v) => v,
                Err(_) => return null_mut(),
            }
        };
        new_ref(longobject::from_bool(eq == (op == Py_EQ)))
    }
}

/// The type's descriptors first (`__func__`, `__self__`, `__doc__`...), then the wrapped
/// callable's attributes: a bound method or an instancemethod shows its function's
/// `__name__`, `__qualname__` and the rest.
unsafe fn getattr_then_func(op: *mut PyObject, name: *mut PyObject, func: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, live objects.
    unsafe {
        if !unicodeobject::check(name) {
            return raw(attr::get_attr(op, name));
        }
        let descr = attr::lookup(type_of(op), name);
        if !descr.is_null() {
            if let Some(get) = (*type_of(descr)).tp_descr_get {
                incref(descr);
                let r = get(descr, op, type_of(op).cast());
                decref(descr);
                return r;
            }
            return new_ref(descr);
        }
        raw(attr::get_attr(func, name))
    }
}

unsafe extern "C" fn method_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_getattro with a bound method.
    unsafe { getattr_then_func(op, name, meth(op).im_func) }
}

/// A bound method binds no further (CPython returns it unchanged).
unsafe extern "C" fn method_descr_get(op: *mut PyObject, _obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a bound method.
    unsafe { new_ref(op) }
}

/// `method(function, instance)`.
unsafe extern "C" fn method_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_new with live arguments.
    unsafe {
        if !kwds.is_null() && dictobject::size(kwds) != 0 {
            errors::type_error("method() takes no keyword arguments");
            return null_mut();
        }
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        if n != 2 {
            errors::type_error(&format!("method expected 2 arguments, got {n}"));
            return null_mut();
        }
        let (func, self_) = (tupleobject::get_item(args, 0), tupleobject::get_item(args, 1));
        if !abstract_::callable_check(func) {
            errors::type_error("first argument must be callable");
            return null_mut();
        }
        if self_ == singletons::none() {
            errors::type_error("instance must not be None");
            return null_mut();
        }
        raw(new(func, self_))
    }
}

// --- instancemethod ---------------------------------------------------------------------------

unsafe extern "C" fn instancemethod_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_call.
    unsafe { call::call(imeth(op).func, args, kwds) }
}

unsafe extern "C" fn instancemethod_dealloc(op: *mut PyObject) {
    // SAFETY: called with no references left.
    unsafe {
        gc::untrack(op);
        xdecref(std::mem::replace(&mut imeth(op).func, null_mut()));
        gc::free_object(op);
    }
}

unsafe extern "C" fn instancemethod_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector.
    unsafe {
        match visit {
            Some(v) if !imeth(op).func.is_null() => v(imeth(op).func, arg),
            _ => 0,
        }
    }
}

/// `<instancemethod NAME at 0x...>`.
unsafe extern "C" fn instancemethod_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with an instancemethod.
    unsafe {
        let func = imeth(op).func;
        let key = match unicodeobject::from_str("__name__") {
            Ok(k) => k,
            Err(_) => return null_mut(),
        };
        let r = attr::get_optional_attr(func, key);
        decref(key);
        let name = match r {
            Ok(Some(v)) => {
                let s = unicodeobject::check(v).then(|| unicodeobject::as_str(v).to_owned());
                decref(v);
                s.unwrap_or_else(|| "?".to_owned())
            }
            Ok(None) => "?".to_owned(),
            Err(_) => return null_mut(),
        };
        raw(unicodeobject::from_str(&format!("<instancemethod {name} at {op:p}>")))
    }
}

/// `==`/`!=` compare the wrapped callables.
unsafe extern "C" fn instancemethod_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called with live objects.
    unsafe {
        if (op != Py_EQ && op != Py_NE) || !check_instancemethod(a) || !check_instancemethod(b) {
            return new_ref(singletons::not_implemented());
        }
        match abstract_::rich_compare_bool(imeth(a).func, imeth(b).func, Py_EQ) {
            Ok(eq) => new_ref(longobject::from_bool(eq == (op == Py_EQ))),
            Err(_) => null_mut(),
        }
    }
}

unsafe extern "C" fn instancemethod_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_getattro with an instancemethod.
    unsafe { getattr_then_func(op, name, imeth(op).func) }
}

/// Found on a class: the callable itself; on an instance: a bound method.
unsafe extern "C" fn instancemethod_descr_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called with an instancemethod.
    unsafe {
        let func = imeth(op).func;
        if obj.is_null() {
            return new_ref(func);
        }
        raw(new(func, obj))
    }
}

/// `instancemethod(function)`.
unsafe extern "C" fn instancemethod_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with live arguments.
    unsafe {
        if !kwds.is_null() && dictobject::size(kwds) != 0 {
            errors::type_error("instancemethod() takes no keyword arguments");
            return null_mut();
        }
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        if n != 1 {
            errors::type_error(&format!("instancemethod expected 1 argument, got {n}"));
            return null_mut();
        }
        let func = tupleobject::get_item(args, 0);
        if !abstract_::callable_check(func) {
            errors::type_error("first argument must be callable");
            return null_mut();
        }
        raw(new_instancemethod(func))
    }
}
