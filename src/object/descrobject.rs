//! Descriptors (CPython's `Objects/descrobject.c` and the `classmethod`/`staticmethod` of
//! `funcobject.c`): `method_descriptor` (a `PyMethodDef` of a type, unbound),
//! `classmethod_descriptor` (`METH_CLASS`), `member_descriptor` (`PyMemberDef`),
//! `getset_descriptor` (`PyGetSetDef`), `wrapper_descriptor` (a type slot as a dunder,
//! see `slotdefs`), `method-wrapper` (one bound to an instance), `classmethod`,
//! `staticmethod`, and `mappingproxy` (the read-only view `type.__dict__` returns).
//!
//! Layouts are CPython's (`PyDescrObject` head: `d_type`, `d_name`, `d_qualname`), so C
//! code reading `PyDescr_NAME`/`PyDescr_TYPE` works.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::call;
use super::methodobject::{self, Convention};
use super::*;

/// `PyDescr_COMMON`.
#[repr(C)]
pub(crate) struct DescrHead {
    pub(crate) ob_base: PyObject,
    pub(crate) d_type: *mut PyTypeObject,
    pub(crate) d_name: *mut PyObject,
    pub(crate) d_qualname: *mut PyObject,
}

#[repr(C)]
pub(crate) struct MethodDescr {
    pub(crate) common: DescrHead,
    pub(crate) d_method: *mut PyMethodDef,
    pub(crate) vectorcall: vectorcallfunc,
}

#[repr(C)]
pub(crate) struct MemberDescr {
    pub(crate) common: DescrHead,
    pub(crate) d_member: *mut PyMemberDef,
}

#[repr(C)]
pub(crate) struct GetSetDescr {
    pub(crate) common: DescrHead,
    pub(crate) d_getset: *mut PyGetSetDef,
}

#[repr(C)]
pub(crate) struct WrapperDescr {
    pub(crate) common: DescrHead,
    pub(crate) d_base: *const slotdefs::SlotDef,
    /// The slot function this wraps.
    pub(crate) d_wrapped: *mut c_void,
}

/// A `wrapper_descriptor` bound to an instance (`method-wrapper`).
#[repr(C)]
struct MethodWrapper {
    ob_base: PyObject,
    descr: *mut WrapperDescr,
    self_: *mut PyObject,
}

/// `classmethod` and `staticmethod` objects.
#[repr(C)]
pub(crate) struct FuncWrapper {
    ob_base: PyObject,
    pub(crate) callable: *mut PyObject,
    dict: *mut PyObject,
}

#[repr(C)]
struct MappingProxy {
    ob_base: PyObject,
    mapping: *mut PyObject,
}

const DESCR_FLAGS: c_ulong = Py_TPFLAGS_HAVE_GC;

macro_rules! descr_type {
    ($name:ident, $text:literal, $layout:ty, $($field:ident : $value:expr),* $(,)?) => {
        #[unsafe(no_mangle)]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
            tp_name: $text.as_ptr(),
            tp_basicsize: size_of::<$layout>() as Py_ssize_t,
            tp_dealloc: Some(descr_dealloc),
            tp_traverse: Some(descr_traverse),
            tp_getattro: Some(attr::PyObject_GenericGetAttr_impl),
            $($field: $value,)*
            ..TYPE_TEMPLATE
        };
    };
}

descr_type!(PyMethodDescr_Type, c"method_descriptor", MethodDescr,
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    tp_vectorcall_offset: offset_of!(MethodDescr, vectorcall) as Py_ssize_t,
    tp_call: Some(crate::capi::call::PyVectorcall_Call),
    tp_repr: Some(method_repr),
    tp_descr_get: Some(method_get),
    tp_members: DESCR_MEMBERS.as_mut_ptr().cast(),
    tp_getset: METHOD_GETSET.as_mut_ptr().cast(),
);
descr_type!(PyClassMethodDescr_Type, c"classmethod_descriptor", MethodDescr,
    tp_flags: DESCR_FLAGS,
    tp_call: Some(classmethoddescr_call),
    tp_repr: Some(method_repr),
    tp_descr_get: Some(classmethod_get),
    tp_members: DESCR_MEMBERS.as_mut_ptr().cast(),
    tp_getset: METHOD_GETSET.as_mut_ptr().cast(),
);
descr_type!(PyMemberDescr_Type, c"member_descriptor", MemberDescr,
    tp_flags: DESCR_FLAGS,
    tp_repr: Some(member_repr),
    tp_descr_get: Some(member_get),
    tp_descr_set: Some(member_set),
    tp_members: DESCR_MEMBERS.as_mut_ptr().cast(),
    tp_getset: MEMBER_GETSET.as_mut_ptr().cast(),
);
descr_type!(PyGetSetDescr_Type, c"getset_descriptor", GetSetDescr,
    tp_flags: DESCR_FLAGS,
    tp_repr: Some(getset_repr),
    tp_descr_get: Some(getset_get),
    tp_descr_set: Some(getset_set),
    tp_members: DESCR_MEMBERS.as_mut_ptr().cast(),
    tp_getset: GETSET_GETSET.as_mut_ptr().cast(),
);
descr_type!(PyWrapperDescr_Type, c"wrapper_descriptor", WrapperDescr,
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_METHOD_DESCRIPTOR,
    tp_call: Some(wrapperdescr_call),
    tp_repr: Some(wrapperdescr_repr),
    tp_descr_get: Some(wrapperdescr_get),
    tp_members: DESCR_MEMBERS.as_mut_ptr().cast(),
    tp_getset: WRAPPER_GETSET.as_mut_ptr().cast(),
);

/// `method-wrapper`.
#[unsafe(no_mangle)]
pub static mut _PyMethodWrapper_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"method-wrapper".as_ptr(),
    tp_basicsize: size_of::<MethodWrapper>() as Py_ssize_t,
    tp_dealloc: Some(wrapper_dealloc),
    tp_traverse: Some(wrapper_traverse),
    tp_flags: DESCR_FLAGS,
    tp_repr: Some(wrapper_repr),
    tp_call: Some(wrapper_call),
    tp_getattro: Some(attr::PyObject_GenericGetAttr_impl),
    tp_getset: METHODWRAPPER_GETSET.as_mut_ptr().cast(),
    ..TYPE_TEMPLATE
};

/// `classmethod`.
#[unsafe(no_mangle)]
pub static mut PyClassMethod_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"classmethod".as_ptr(),
    tp_basicsize: size_of::<FuncWrapper>() as Py_ssize_t,
    tp_dealloc: Some(funcwrapper_dealloc),
    tp_traverse: Some(funcwrapper_traverse),
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_BASETYPE,
    tp_repr: Some(classmethod_repr),
    tp_getattro: Some(attr::PyObject_GenericGetAttr_impl),
    tp_setattro: Some(attr::PyObject_GenericSetAttr_impl),
    tp_descr_get: Some(cm_get),
    tp_dictoffset: offset_of!(FuncWrapper, dict) as Py_ssize_t,
    tp_members: FUNCWRAPPER_MEMBERS.as_mut_ptr().cast(),
    tp_getset: FUNCWRAPPER_GETSET.as_mut_ptr().cast(),
    tp_init: Some(funcwrapper_init),
    tp_new: Some(funcwrapper_new),
    ..TYPE_TEMPLATE
};

/// `staticmethod`.
#[unsafe(no_mangle)]
pub static mut PyStaticMethod_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"staticmethod".as_ptr(),
    tp_basicsize: size_of::<FuncWrapper>() as Py_ssize_t,
    tp_dealloc: Some(funcwrapper_dealloc),
    tp_traverse: Some(funcwrapper_traverse),
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_BASETYPE,
    tp_repr: Some(staticmethod_repr),
    tp_call: Some(sm_call),
    tp_getattro: Some(attr::PyObject_GenericGetAttr_impl),
    tp_setattro: Some(attr::PyObject_GenericSetAttr_impl),
    tp_descr_get: Some(sm_get),
    tp_dictoffset: offset_of!(FuncWrapper, dict) as Py_ssize_t,
    tp_members: FUNCWRAPPER_MEMBERS.as_mut_ptr().cast(),
    tp_getset: FUNCWRAPPER_GETSET.as_mut_ptr().cast(),
    tp_init: Some(funcwrapper_init),
    tp_new: Some(funcwrapper_new),
    ..TYPE_TEMPLATE
};

static PROXY_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(proxy_len),
    mp_subscript: Some(proxy_getitem),
    mp_ass_subscript: None,
});

static PROXY_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: None,
    sq_concat: None,
    sq_repeat: None,
    sq_item: None,
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(proxy_contains),
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

/// `mappingproxy`: the read-only view of a type's dict.
#[unsafe(no_mangle)]
pub static mut PyDictProxy_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"mappingproxy".as_ptr(),
    tp_basicsize: size_of::<MappingProxy>() as Py_ssize_t,
    tp_dealloc: Some(proxy_dealloc),
    tp_traverse: Some(proxy_traverse),
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_MAPPING as c_ulong,
    tp_repr: Some(proxy_repr),
    tp_str: Some(proxy_str),
    tp_as_mapping: PROXY_AS_MAPPING.as_mut_ptr(),
    tp_as_sequence: PROXY_AS_SEQUENCE.as_mut_ptr(),
    tp_iter: Some(proxy_iter),
    tp_getattro: Some(attr::PyObject_GenericGetAttr_impl),
    tp_methods: PROXY_METHODS.as_mut_ptr().cast(),
    ..TYPE_TEMPLATE
};

const fn member(name: &'static CStr, type_: c_int, offset: usize, flags: c_int) -> PyMemberDef {
    PyMemberDef { name: name.as_ptr(), type_, offset: offset as Py_ssize_t, flags, doc: std::ptr::null() }
}
const MEMBER_END: PyMemberDef =
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() };
const fn getset(
    name: &'static CStr,
    get: unsafe extern "C" fn(*mut PyObject, *mut c_void) -> *mut PyObject,
) -> PyGetSetDef {
    PyGetSetDef { name: name.as_ptr(), get: Some(get), set: None, doc: std::ptr::null(), closure: null_mut() }
}
const GETSET_END: PyGetSetDef =
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() };

static DESCR_MEMBERS: ReadOnly<[PyMemberDef; 3]> = ReadOnly([
    member(c"__objclass__", _Py_T_OBJECT, offset_of!(DescrHead, d_type), Py_READONLY),
    member(c"__name__", _Py_T_OBJECT, offset_of!(DescrHead, d_name), Py_READONLY),
    MEMBER_END,
]);
static METHOD_GETSET: ReadOnly<[PyGetSetDef; 4]> = ReadOnly([
    getset(c"__doc__", method_get_doc),
    getset(c"__qualname__", descr_get_qualname),
    getset(c"__text_signature__", method_get_text_signature),
    GETSET_END,
]);
static MEMBER_GETSET: ReadOnly<[PyGetSetDef; 3]> =
    ReadOnly([getset(c"__doc__", member_get_doc), getset(c"__qualname__", descr_get_qualname), GETSET_END]);
static GETSET_GETSET: ReadOnly<[PyGetSetDef; 3]> =
    ReadOnly([getset(c"__doc__", getset_get_doc), getset(c"__qualname__", descr_get_qualname), GETSET_END]);
static WRAPPER_GETSET: ReadOnly<[PyGetSetDef; 3]> = ReadOnly([
    getset(c"__doc__", wrapperdescr_get_doc),
    getset(c"__qualname__", descr_get_qualname),
    GETSET_END,
]);
static METHODWRAPPER_GETSET: ReadOnly<[PyGetSetDef; 5]> = ReadOnly([
    getset(c"__self__", wrapper_get_self),
    getset(c"__name__", wrapper_get_name),
    getset(c"__qualname__", wrapper_get_qualname),
    getset(c"__objclass__", wrapper_get_objclass),
    GETSET_END,
]);
static FUNCWRAPPER_MEMBERS: ReadOnly<[PyMemberDef; 3]> = ReadOnly([
    member(c"__func__", _Py_T_OBJECT, offset_of!(FuncWrapper, callable), Py_READONLY),
    member(c"__wrapped__", _Py_T_OBJECT, offset_of!(FuncWrapper, callable), Py_READONLY),
    MEMBER_END,
]);
static FUNCWRAPPER_GETSET: ReadOnly<[PyGetSetDef; 2]> = ReadOnly([
    PyGetSetDef {
        name: c"__dict__".as_ptr(),
        get: Some(crate::capi::attr::PyObject_GenericGetDict),
        set: Some(crate::capi::attr::PyObject_GenericSetDict),
        doc: std::ptr::null(),
        closure: null_mut(),
    },
    GETSET_END,
]);

const fn method(
    name: &'static CStr,
    f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    flags: c_int,
) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: std::ptr::null() }
}
const METHOD_END: PyMethodDef =
    PyMethodDef { ml_name: std::ptr::null(), ml_meth: None, ml_flags: 0, ml_doc: std::ptr::null() };

static PROXY_METHODS: ReadOnly<[PyMethodDef; 6]> = ReadOnly([
    method(c"keys", proxy_keys, METH_NOARGS),
    method(c"values", proxy_values, METH_NOARGS),
    method(c"items", proxy_items, METH_NOARGS),
    method(c"copy", proxy_copy, METH_NOARGS),
    method(c"get", proxy_get, METH_VARARGS),
    METHOD_END,
]);

/// Readies every type here (once per runtime initialization).
pub(crate) fn init_types() -> PyResult<()> {
    // SAFETY: our statics; readying writes them during initialization only.
    unsafe {
        for tp in [
            &raw mut PyMethodDescr_Type,
            &raw mut PyClassMethodDescr_Type,
            &raw mut PyMemberDescr_Type,
            &raw mut PyGetSetDescr_Type,
            &raw mut PyWrapperDescr_Type,
            &raw mut _PyMethodWrapper_Type,
            &raw mut PyClassMethod_Type,
            &raw mut PyStaticMethod_Type,
            &raw mut PyDictProxy_Type,
        ] {
            typeobject::ready(tp)?;
        }
    }
    Ok(())
}

// --- construction -----------------------------------------------------------------------------

/// A descriptor of `size` bytes of type `dtp` for the attribute `name` of `owner`. Static
/// types' descriptors are made in the static heap and made immortal by the caller.
unsafe fn alloc_descr(
    dtp: *mut PyTypeObject,
    size: usize,
    owner: *mut PyTypeObject,
    name: *const c_char,
) -> PyResult<*mut DescrHead> {
    // SAFETY: per caller, `name` is NUL-terminated.
    unsafe {
        let text = CStr::from_ptr(name).to_string_lossy();
        let d_name = if has_flag(owner, Py_TPFLAGS_HEAPTYPE) {
            unicodeobject::intern::intern_str(&text)?
        } else {
            let s = unicodeobject::from_str(&text)?;
            typeobject::immortalize(s);
            s
        };
        let op = match gc::alloc_object(size) {
            Ok(p) => p,
            Err(e) => {
                decref(d_name);
                return Err(e);
            }
        };
        typeobject::init_object(op, dtp);
        let d = op as *mut DescrHead;
        (*d).d_type = xincref_ret(owner.cast()).cast();
        (*d).d_name = d_name;
        (*d).d_qualname = null_mut();
        if has_flag(owner, Py_TPFLAGS_HEAPTYPE) {
            // A heap type's descriptors can be in a cycle with it (type → dict → descr).
            gc::track(op);
        }
        Ok(d)
    }
}

/// `PyDescr_NewMethod` (and `PyDescr_NewClassMethod` when `class` is set).
pub(crate) unsafe fn new_method(
    owner: *mut PyTypeObject,
    ml: *mut PyMethodDef,
    class: bool,
) -> PyResult<Owned> {
    // SAFETY: per caller, a live type and definition.
    unsafe {
        let flags = (*ml).ml_flags;
        if Convention::of(flags & !(METH_CLASS | METH_STATIC | METH_COEXIST)).is_none() {
            return Err(methodobject::bad_call_flags(ml));
        }
        let (dtp, vectorcall): (*mut PyTypeObject, vectorcallfunc) = if class {
            (&raw mut PyClassMethodDescr_Type, None)
        } else {
            (&raw mut PyMethodDescr_Type, Some(method_vectorcall))
        };
        let d = alloc_descr(dtp, size_of::<MethodDescr>(), owner, (*ml).ml_name)? as *mut MethodDescr;
        (*d).d_method = ml;
        (*d).vectorcall = vectorcall;
        Ok(d.cast())
    }
}

/// `PyDescr_NewMember`.
pub(crate) unsafe fn new_member(owner: *mut PyTypeObject, m: *mut PyMemberDef) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let d = alloc_descr(&raw mut PyMemberDescr_Type, size_of::<MemberDescr>(), owner, (*m).name)?
            as *mut MemberDescr;
        (*d).d_member = m;
        Ok(d.cast())
    }
}

/// `PyDescr_NewGetSet`.
pub(crate) unsafe fn new_getset(owner: *mut PyTypeObject, g: *mut PyGetSetDef) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let d = alloc_descr(&raw mut PyGetSetDescr_Type, size_of::<GetSetDescr>(), owner, (*g).name)?
            as *mut GetSetDescr;
        (*d).d_getset = g;
        Ok(d.cast())
    }
}

/// `PyDescr_NewWrapper`: the slot `wrapped` of `owner` as the dunder `base` describes.
pub(crate) unsafe fn new_wrapper(
    owner: *mut PyTypeObject,
    base: *const slotdefs::SlotDef,
    wrapped: *mut c_void,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let d = alloc_descr(
            &raw mut PyWrapperDescr_Type,
            size_of::<WrapperDescr>(),
            owner,
            (*base).name.as_ptr(),
        )? as *mut WrapperDescr;
        (*d).d_base = base;
        (*d).d_wrapped = wrapped;
        Ok(d.cast())
    }
}

/// `PyClassMethod_New` / `PyStaticMethod_New`.
pub(crate) unsafe fn new_funcwrapper(tp: *mut PyTypeObject, callable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let op = gc::alloc_object(size_of::<FuncWrapper>())?;
        typeobject::init_object(op, tp);
        let f = op as *mut FuncWrapper;
        (*f).callable = new_ref(callable);
        (*f).dict = null_mut();
        gc::track(op);
        Ok(op)
    }
}

/// `PyDictProxy_New`: a read-only view of `mapping`.
pub(crate) unsafe fn new_proxy(mapping: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let op = gc::alloc_object(size_of::<MappingProxy>())?;
        typeobject::init_object(op, &raw mut PyDictProxy_Type);
        (*(op as *mut MappingProxy)).mapping = new_ref(mapping);
        gc::track(op);
        Ok(op)
    }
}

/// Whether `op` is one of our descriptor types (`PyDescr_COMMON` layout).
unsafe fn head<'a>(op: *mut PyObject) -> &'a DescrHead {
    // SAFETY: per caller.
    unsafe { &*(op as *const DescrHead) }
}

/// `PyDescr_IsData`: the type of `op` has `__set__`.
pub(crate) unsafe fn is_data(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { (*type_of(op)).tp_descr_set.is_some() }
}

// --- shared pieces ------------------------------------------------------------------------------

unsafe fn d_name<'a>(op: *mut PyObject) -> &'a str {
    // SAFETY: per caller, a descriptor (its name is a str).
    unsafe { unicodeobject::as_str(head(op).d_name) }
}

fn trunc(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

unsafe fn dtype_name(op: *mut PyObject) -> String {
    // SAFETY: per caller.
    unsafe { trunc(&type_name(head(op).d_type), 100) }
}

/// `descr_check`: `obj` must be an instance of the descriptor's class.
unsafe fn descr_check(op: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if !typeobject::type_check(obj, head(op).d_type) {
            return Err(errors::type_error(&format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                d_name(op),
                dtype_name(op),
                trunc(&type_name(type_of(obj)), 100)
            )));
        }
    }
    Ok(())
}

/// `T.name` (the descriptor's `__qualname__`).
unsafe fn qualname_text(op: *mut PyObject) -> String {
    // SAFETY: per caller.
    unsafe {
        let tp = head(op).d_type;
        let tq = if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            heaptype::module_and_qualname(tp).1
        } else {
            short_type_name(tp).into_owned()
        };
        format!("{tq}.{}", d_name(op))
    }
}


unsafe fn c_text<'a>(p: *const c_char) -> Option<std::borrow::Cow<'a, str>> {
    // SAFETY: per caller.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy())
}

unsafe extern "C" fn descr_get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a descriptor.
    unsafe {
        let h = &mut *(op as *mut DescrHead);
        if h.d_qualname.is_null() {
            match unicodeobject::from_str(&qualname_text(op)) {
                Ok(s) => {
                    if is_immortal(op) {
                        // A static type's descriptor is shared: don't cache an object of
                        // one interpreter's heap in it.
                        return s;
                    }
                    h.d_qualname = s;
                }
                Err(_) => return null_mut(),
            }
        }
        new_ref(h.d_qualname)
    }
}

unsafe extern "C" fn descr_dealloc(op: *mut PyObject) {
    // SAFETY: called with no references left.
    unsafe {
        gc::untrack(op);
        let h = &mut *(op as *mut DescrHead);
        xdecref(h.d_type.cast());
        xdecref(h.d_name);
        xdecref(h.d_qualname);
        typeobject::object_dealloc(op);
    }
}

unsafe extern "C" fn descr_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector with a descriptor.
    unsafe {
        let Some(visit) = visit else { return 0 };
        let t = head(op).d_type;
        if t.is_null() {
            0
        } else {
            visit(t.cast(), arg)
        }
    }
}

// --- method_descriptor / classmethod_descriptor ---------------------------------------------------

unsafe fn md<'a>(op: *mut PyObject) -> &'a MethodDescr {
    // SAFETY: per caller.
    unsafe { &*(op as *const MethodDescr) }
}

unsafe extern "C" fn method_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a method descriptor.
    unsafe {
        raw(unicodeobject::from_str(&format!("<method '{}' of '{}' objects>", d_name(op), dtype_name(op))))
    }
}

/// `method.__get__(obj, type)`: the descriptor itself for no instance, else a builtin method
/// bound to `obj`.
unsafe extern "C" fn method_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a method descriptor.
    unsafe {
        if obj.is_null() {
            return new_ref(op);
        }
        if descr_check(op, obj).is_err() {
            return null_mut();
        }
        bind_method(op, obj)
    }
}

/// The builtin method `obj.name` made from a method descriptor.
pub(crate) unsafe fn bind_method(op: *mut PyObject, obj: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let d = md(op);
        let cls = if (*d.d_method).ml_flags & METH_METHOD != 0 { d.common.d_type } else { null_mut() };
        raw(methodobject::new(d.d_method, obj, null_mut(), cls))
    }
}

/// How a method descriptor names itself in call errors: `T.name()`.
unsafe fn who(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unicodeobject::from_str(&format!("{}()", unsafe { qualname_text(op) }))
}

/// Calling a method descriptor: `descr(self, *args)` calls the C function with `self`
/// directly (no bound method is made).
unsafe extern "C" fn method_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through vectorcall with a method descriptor.
    unsafe {
        let nargs = call::nargs_of(nargsf);
        if nargs < 1 {
            errors::type_error(&format!("unbound method {}() needs an argument", qualname_text(op)));
            return null_mut();
        }
        call_unbound(op, *args, args.add(1), (nargs - 1) as usize, kwnames)
    }
}

/// Calls the method descriptor `op` with `self_` and the vector `args`: CPython's
/// `method_vectorcall_*` (also `PyObject_VectorcallMethod`'s unbound fast path).
#[inline]
pub(crate) unsafe fn call_unbound(
    op: *mut PyObject,
    self_: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        if descr_check(op, self_).is_err() {
            return null_mut();
        }
        let d = md(op);
        let ml = d.d_method;
        let Some(conv) = Convention::of((*ml).ml_flags & !METH_COEXIST) else {
            methodobject::bad_call_flags(ml);
            return null_mut();
        };
        let r =
            methodobject::call_vector(conv, ml, self_, d.common.d_type, args, nargsf, kwnames, || who(op));
        call::check_result(op, r)
    }
}

/// Whether `op` is a method descriptor (exact type: what the unbound fast path may call).
#[inline]
pub(crate) unsafe fn is_method_descr(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { type_of(op) == &raw mut PyMethodDescr_Type }
}

unsafe extern "C" fn classmethod_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    tp: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called with a classmethod descriptor.
    unsafe {
        let mut tp = tp;
        if tp.is_null() {
            if obj.is_null() {
                errors::type_error(&format!(
                    "descriptor '{}' for type '{}' needs either an object or a type",
                    d_name(op),
                    dtype_name(op)
                ));
                return null_mut();
            }
            tp = type_of(obj).cast();
        }
        if !has_flag(type_of(tp), Py_TPFLAGS_TYPE_SUBCLASS) {
            errors::type_error(&format!(
                "descriptor '{}' for type '{}' needs a type, not a '{}' as arg 2",
                d_name(op),
                dtype_name(op),
                trunc(&type_name(type_of(tp)), 100)
            ));
            return null_mut();
        }
        if !typeobject::is_subtype(tp.cast(), head(op).d_type) {
            errors::type_error(&format!(
                "descriptor '{}' requires a subtype of '{}' but received '{}'",
                d_name(op),
                dtype_name(op),
                trunc(&type_name(tp.cast()), 100)
            ));
            return null_mut();
        }
        let d = md(op);
        let cls = if (*d.d_method).ml_flags & METH_METHOD != 0 { d.common.d_type } else { null_mut() };
        raw(methodobject::new(d.d_method, tp, null_mut(), cls))
    }
}

unsafe extern "C" fn classmethoddescr_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_call with a tuple and NULL or a dict.
    unsafe {
        let n = tupleobject::size(args);
        if n < 1 {
            errors::type_error(&format!(
                "descriptor '{}' of '{}' object needs an argument",
                d_name(op),
                dtype_name(op)
            ));
            return null_mut();
        }
        let self_ = tupleobject::get_item(args, 0);
        let bound = classmethod_get(op, null_mut(), self_);
        if bound.is_null() {
            return null_mut();
        }
        let Ok(rest) = tupleobject::get_slice(args, 1, n) else {
            decref(bound);
            return null_mut();
        };
        let r = call::call(bound, rest, kwds);
        decref(rest);
        decref(bound);
        r
    }
}

unsafe extern "C" fn method_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a method descriptor.
    unsafe {
        let ml = md(op).d_method;
        raw(methodobject::doc_from_internal_doc(&methodobject::ml_name(ml), c_text((*ml).ml_doc).as_deref()))
    }
}

unsafe extern "C" fn method_get_text_signature(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a method descriptor.
    unsafe {
        let ml = md(op).d_method;
        raw(methodobject::text_signature_from_internal_doc(
            &methodobject::ml_name(ml),
            c_text((*ml).ml_doc).as_deref(),
            (*ml).ml_flags,
        ))
    }
}

// --- member_descriptor ----------------------------------------------------------------------------

unsafe fn member_def(op: *mut PyObject) -> *mut PyMemberDef {
    // SAFETY: per caller.
    unsafe { (*(op as *const MemberDescr)).d_member }
}

unsafe extern "C" fn member_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a member descriptor.
    unsafe {
        raw(unicodeobject::from_str(&format!("<member '{}' of '{}' objects>", d_name(op), dtype_name(op))))
    }
}

unsafe extern "C" fn member_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a member descriptor.
    unsafe {
        if obj.is_null() {
            return new_ref(op);
        }
        if descr_check(op, obj).is_err() {
            return null_mut();
        }
        raw(structmember::get_one(obj as *const c_char, member_def(op)))
    }
}

unsafe extern "C" fn member_set(op: *mut PyObject, obj: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: called with a member descriptor.
    unsafe {
        if descr_check(op, obj).is_err() {
            return -1;
        }
        match structmember::set_one(obj as *mut c_char, member_def(op), value) {
            Ok(()) => 0,
            Err(_) => -1,
        }
    }
}

unsafe extern "C" fn member_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a member descriptor.
    unsafe { doc_or_none((*member_def(op)).doc) }
}

unsafe fn doc_or_none(doc: *const c_char) -> *mut PyObject {
    // SAFETY: per caller, NULL or NUL-terminated.
    unsafe {
        match c_text(doc) {
            None => new_ref(singletons::none()),
            Some(t) => raw(unicodeobject::from_str(&t)),
        }
    }
}

// --- getset_descriptor ----------------------------------------------------------------------------

unsafe fn getset_def(op: *mut PyObject) -> *mut PyGetSetDef {
    // SAFETY: per caller.
    unsafe { (*(op as *const GetSetDescr)).d_getset }
}

unsafe extern "C" fn getset_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a getset descriptor.
    unsafe {
        raw(unicodeobject::from_str(&format!("<attribute '{}' of '{}' objects>", d_name(op), dtype_name(op))))
    }
}

unsafe extern "C" fn getset_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a getset descriptor.
    unsafe {
        if obj.is_null() {
            return new_ref(op);
        }
        if descr_check(op, obj).is_err() {
            return null_mut();
        }
        let g = getset_def(op);
        match (*g).get {
            Some(get) => get(obj, (*g).closure),
            None => {
                errors::attribute_error(&format!(
                    "attribute '{}' of '{}' objects is not readable",
                    d_name(op),
                    dtype_name(op)
                ));
                null_mut()
            }
        }
    }
}

unsafe extern "C" fn getset_set(op: *mut PyObject, obj: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: called with a getset descriptor.
    unsafe {
        if descr_check(op, obj).is_err() {
            return -1;
        }
        let g = getset_def(op);
        match (*g).set {
            Some(set) => set(obj, value, (*g).closure),
            None => {
                errors::attribute_error(&format!(
                    "attribute '{}' of '{}' objects is not writable",
                    d_name(op),
                    dtype_name(op)
                ));
                -1
            }
        }
    }
}

unsafe extern "C" fn getset_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a getset descriptor.
    unsafe { doc_or_none((*getset_def(op)).doc) }
}

// --- wrapper_descriptor and method-wrapper --------------------------------------------------------

unsafe fn wd<'a>(op: *mut PyObject) -> &'a WrapperDescr {
    // SAFETY: per caller.
    unsafe { &*(op as *const WrapperDescr) }
}

unsafe extern "C" fn wrapperdescr_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a wrapper descriptor.
    unsafe {
        raw(unicodeobject::from_str(&format!(
            "<slot wrapper '{}' of '{}' objects>",
            d_name(op),
            dtype_name(op)
        )))
    }
}

unsafe extern "C" fn wrapperdescr_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called with a wrapper descriptor.
    unsafe {
        if obj.is_null() {
            return new_ref(op);
        }
        if descr_check(op, obj).is_err() {
            return null_mut();
        }
        raw(new_method_wrapper(op, obj))
    }
}

unsafe fn new_method_wrapper(descr: *mut PyObject, self_: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let op = gc::alloc_object(size_of::<MethodWrapper>())?;
        typeobject::init_object(op, &raw mut _PyMethodWrapper_Type);
        let w = op as *mut MethodWrapper;
        (*w).descr = new_ref(descr).cast();
        (*w).self_ = new_ref(self_);
        gc::track(op);
        Ok(op)
    }
}

/// Runs the wrapper function of `descr` on `self_` with a tuple and NULL or a dict.
unsafe fn wrapper_raw_call(
    descr: *mut PyObject,
    self_: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let d = wd(descr);
        let base = &*d.d_base;
        if !base.keywords && !kwds.is_null() && dictobject::size(kwds) != 0 {
            errors::type_error(&format!(
                "wrapper {}() takes no keyword arguments",
                base.name.to_string_lossy()
            ));
            return null_mut();
        }
        if call::enter(call::WHILE_CALLING).is_err() {
            return null_mut();
        }
        let r = (base.wrapper)(self_, args, d.d_wrapped, kwds);
        call::leave();
        raw(r)
    }
}

unsafe extern "C" fn wrapperdescr_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_call.
    unsafe {
        let n = tupleobject::size(args);
        if n < 1 {
            errors::type_error(&format!(
                "descriptor '{}' of '{}' object needs an argument",
                d_name(op),
                dtype_name(op)
            ));
            return null_mut();
        }
        let self_ = tupleobject::get_item(args, 0);
        if !typeobject::type_check(self_, head(op).d_type) {
            errors::type_error(&format!(
                "descriptor '{}' requires a '{}' object but received a '{}'",
                d_name(op),
                dtype_name(op),
                trunc(&type_name(type_of(self_)), 100)
            ));
            return null_mut();
        }
        let Ok(rest) = tupleobject::get_slice(args, 1, n) else { return null_mut() };
        let r = wrapper_raw_call(op, self_, rest, kwds);
        decref(rest);
        r
    }
}

unsafe extern "C" fn wrapperdescr_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a wrapper descriptor.
    unsafe {
        let base = &*wd(op).d_base;
        raw(unicodeobject::from_str(base.doc))
    }
}

unsafe fn mw<'a>(op: *mut PyObject) -> &'a MethodWrapper {
    // SAFETY: per caller.
    unsafe { &*(op as *const MethodWrapper) }
}

unsafe extern "C" fn wrapper_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a method-wrapper.
    unsafe {
        let w = mw(op);
        raw(unicodeobject::from_str(&format!(
            "<method-wrapper '{}' of {} object at {:p}>",
            d_name(w.descr.cast()),
            type_name(type_of(w.self_)),
            w.self_
        )))
    }
}

unsafe extern "C" fn wrapper_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_call.
    unsafe {
        let w = mw(op);
        wrapper_raw_call(w.descr.cast(), w.self_, args, kwds)
    }
}

unsafe extern "C" fn wrapper_dealloc(op: *mut PyObject) {
    // SAFETY: called with no references left.
    unsafe {
        gc::untrack(op);
        let w = mw(op);
        decref(w.descr.cast());
        decref(w.self_);
        typeobject::object_dealloc(op);
    }
}

unsafe extern "C" fn wrapper_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector.
    unsafe {
        let Some(visit) = visit else { return 0 };
        let w = mw(op);
        let r = visit(w.descr.cast(), arg);
        if r != 0 {
            return r;
        }
        visit(w.self_, arg)
    }
}

unsafe extern "C" fn wrapper_get_self(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a method-wrapper.
    unsafe { new_ref(mw(op).self_) }
}

unsafe extern "C" fn wrapper_get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a method-wrapper.
    unsafe { new_ref(head(mw(op).descr.cast()).d_name) }
}

unsafe extern "C" fn wrapper_get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a method-wrapper.
    unsafe { descr_get_qualname(mw(op).descr.cast(), null_mut()) }
}

unsafe extern "C" fn wrapper_get_objclass(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a method-wrapper.
    unsafe { new_ref(head(mw(op).descr.cast()).d_type.cast()) }
}

// --- classmethod and staticmethod -----------------------------------------------------------------

unsafe fn fw<'a>(op: *mut PyObject) -> &'a mut FuncWrapper {
    // SAFETY: per caller.
    unsafe { &mut *(op as *mut FuncWrapper) }
}

unsafe extern "C" fn funcwrapper_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kw: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new.
    unsafe {
        let Ok(op) = typeobject::generic_alloc(tp, 0) else { return null_mut() };
        fw(op).callable = new_ref(singletons::none());
        op
    }
}

unsafe extern "C" fn funcwrapper_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a tuple and NULL or a dict.
    unsafe {
        let name = short_type_name(type_of(op)).into_owned();
        if !kwds.is_null() && dictobject::size(kwds) != 0 {
            errors::type_error(&format!("{name}() takes no keyword arguments"));
            return -1;
        }
        let n = tupleobject::size(args);
        if n != 1 {
            errors::type_error(&format!("{name} expected 1 argument, got {n}"));
            return -1;
        }
        let f = fw(op);
        let old = f.callable;
        f.callable = new_ref(tupleobject::get_item(args, 0));
        xdecref(old);
        0
    }
}

unsafe extern "C" fn funcwrapper_dealloc(op: *mut PyObject) {
    // SAFETY: called with no references left.
    unsafe {
        gc::untrack(op);
        let f = fw(op);
        xdecref(f.callable);
        xdecref(f.dict);
        typeobject::object_dealloc(op);
    }
}

unsafe extern "C" fn funcwrapper_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector.
    unsafe {
        let Some(visit) = visit else { return 0 };
        let f = fw(op);
        for o in [f.callable, f.dict] {
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

unsafe fn funcwrapper_repr(op: *mut PyObject, what: &str) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let Ok(r) = abstract_::repr(fw(op).callable) else { return null_mut() };
        let text = format!("<{what}({})>", unicodeobject::as_str(r));
        decref(r);
        raw(unicodeobject::from_str(&text))
    }
}

unsafe extern "C" fn classmethod_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a classmethod.
    unsafe { funcwrapper_repr(op, "classmethod") }
}

unsafe extern "C" fn staticmethod_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a staticmethod.
    unsafe { funcwrapper_repr(op, "staticmethod") }
}

/// `classmethod.__get__`: the callable bound to the class in a bound method (CPython 3.13
/// no longer chains through the callable's own `__get__`).
unsafe extern "C" fn cm_get(op: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a classmethod.
    unsafe {
        let tp = if tp.is_null() { type_of(obj).cast() } else { tp };
        raw(super::classobject::new(fw(op).callable, tp))
    }
}

unsafe extern "C" fn sm_get(op: *mut PyObject, _obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a staticmethod.
    unsafe { new_ref(fw(op).callable) }
}

unsafe extern "C" fn sm_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_call.
    unsafe { call::call(fw(op).callable, args, kwds) }
}

// --- mappingproxy ---------------------------------------------------------------------------------

unsafe fn proxied(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { (*(op as *const MappingProxy)).mapping }
}

unsafe extern "C" fn proxy_dealloc(op: *mut PyObject) {
    // SAFETY: called with no references left.
    unsafe {
        gc::untrack(op);
        decref(proxied(op));
        typeobject::object_dealloc(op);
    }
}

unsafe extern "C" fn proxy_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector.
    unsafe {
        match visit {
            Some(v) => v(proxied(op), arg),
            None => 0,
        }
    }
}

unsafe extern "C" fn proxy_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe {
        let Ok(r) = abstract_::repr(proxied(op)) else { return null_mut() };
        let text = format!("mappingproxy({})", unicodeobject::as_str(r));
        decref(r);
        raw(unicodeobject::from_str(&text))
    }
}

unsafe extern "C" fn proxy_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe { raw(abstract_::str(proxied(op))) }
}

unsafe extern "C" fn proxy_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called with a mappingproxy.
    unsafe { abstract_::length(proxied(op)).unwrap_or(-1) }
}

unsafe extern "C" fn proxy_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe { raw(abstract_::get_item(proxied(op), key)) }
}

unsafe extern "C" fn proxy_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: called with a mappingproxy.
    unsafe {
        let m = proxied(op);
        if dictobject::check_exact(m) {
            return match dictobject::contains(m, key) {
                Ok(b) => c_int::from(b),
                Err(_) => -1,
            };
        }
        crate::capi::abstract_::sequence::PySequence_Contains(m, key)
    }
}

unsafe extern "C" fn proxy_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe { raw(abstract_::get_iter(proxied(op))) }
}

unsafe extern "C" fn proxy_keys(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe { crate::capi::abstract_::mapping::PyMapping_Keys(proxied(op)) }
}

unsafe extern "C" fn proxy_values(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe { crate::capi::abstract_::mapping::PyMapping_Values(proxied(op)) }
}

unsafe extern "C" fn proxy_items(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe { crate::capi::abstract_::mapping::PyMapping_Items(proxied(op)) }
}

unsafe extern "C" fn proxy_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy.
    unsafe {
        let m = proxied(op);
        if dictobject::check(m) {
            return raw(dictobject::copy(m));
        }
        raw(attr::call_method(m, "copy", &[]))
    }
}

unsafe extern "C" fn proxy_get(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a mappingproxy and a tuple.
    unsafe {
        let n = tupleobject::size(args);
        if !(1..=2).contains(&n) {
            errors::type_error(&format!("get expected at most 2 arguments, got {n}"));
            return null_mut();
        }
        let key = tupleobject::get_item(args, 0);
        let default = if n == 2 { tupleobject::get_item(args, 1) } else { singletons::none() };
        let m = proxied(op);
        if dictobject::check(m) {
            return match dictobject::get(m, key) {
                Ok(Some(v)) => new_ref(v),
                Ok(None) => new_ref(default),
                Err(_) => null_mut(),
            };
        }
        raw(attr::call_method(m, "get", &[key, default]))
    }
}
