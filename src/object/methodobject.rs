//! Builtin functions and methods (CPython's `Objects/methodobject.c`): the
//! `builtin_function_or_method` type (`PyCFunction_Type`) and its `METH_METHOD` subtype
//! `builtin_method` (`PyCMethod_Type`), made from a `PyMethodDef` by `PyCMethod_New`.
//!
//! The calling conventions live here as reusable pieces: [`Convention`] says how a
//! `PyMethodDef` is called, and [`call_vector`] / [`call_tuple`] call one with a `self`
//! (and a defining class) in either argument form, raising CPython's errors for wrong
//! counts and unexpected keywords. Method descriptors call the same functions with their
//! own way of naming the callee.
//!
//! A function object picks its entry point once, at creation: one `vectorcallfunc` per
//! convention (`METH_VARARGS` functions have none and go through `tp_call`, as in CPython,
//! where building the tuple directly is cheaper).

use std::ffi::{c_char, c_int, c_void, CStr};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::call::{self, WHILE_CALLING};
use super::*;

// --- the types ----------------------------------------------------------------------------------

const FUNC_FLAGS: c_ulong = Py_TPFLAGS_DEFAULT as c_ulong | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL;

/// `builtin_function_or_method`.
#[unsafe(no_mangle)]
pub static mut PyCFunction_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"builtin_function_or_method".as_ptr(),
    tp_basicsize: size_of::<PyCFunctionObject>() as Py_ssize_t,
    tp_dealloc: Some(meth_dealloc),
    tp_vectorcall_offset: offset_of!(PyCFunctionObject, vectorcall) as Py_ssize_t,
    tp_repr: Some(meth_repr),
    tp_hash: Some(meth_hash),
    tp_call: Some(cfunction_call),
    tp_flags: FUNC_FLAGS,
    tp_traverse: Some(meth_traverse),
    tp_richcompare: Some(meth_richcompare),
    tp_weaklistoffset: offset_of!(PyCFunctionObject, m_weakreflist) as Py_ssize_t,
    tp_members: MEMBERS.as_mut_ptr().cast(),
    tp_getset: GETSET.as_mut_ptr().cast(),
    ..TYPE_TEMPLATE
};

/// `builtin_method`: a `METH_METHOD` function, which also gets its defining class. Every
/// slot is spelled out (rather than inherited) so the type works before and after
/// `PyType_Ready` alike.
#[unsafe(no_mangle)]
pub static mut PyCMethod_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"builtin_method".as_ptr(),
    tp_basicsize: size_of::<PyCMethodObject>() as Py_ssize_t,
    tp_dealloc: Some(meth_dealloc),
    tp_vectorcall_offset: offset_of!(PyCFunctionObject, vectorcall) as Py_ssize_t,
    tp_repr: Some(meth_repr),
    tp_hash: Some(meth_hash),
    tp_call: Some(cfunction_call),
    tp_flags: FUNC_FLAGS,
    tp_traverse: Some(meth_traverse),
    tp_richcompare: Some(meth_richcompare),
    tp_weaklistoffset: offset_of!(PyCFunctionObject, m_weakreflist) as Py_ssize_t,
    tp_base: &raw mut PyCFunction_Type,
    ..TYPE_TEMPLATE
};

/// CPython's `_Py_T_OBJECT` member type (NULL reads as None).
const T_OBJECT: c_int = 6;

static MEMBERS: ReadOnly<[PyMemberDef; 2]> = ReadOnly([
    PyMemberDef {
        name: c"__module__".as_ptr(),
        type_: T_OBJECT,
        offset: offset_of!(PyCFunctionObject, m_module) as Py_ssize_t,
        flags: 0,
        doc: std::ptr::null(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
]);

const fn getset(name: &'static CStr, get: unsafe extern "C" fn(*mut PyObject, *mut c_void) -> *mut PyObject) -> PyGetSetDef {
    PyGetSetDef { name: name.as_ptr(), get: Some(get), set: None, doc: std::ptr::null(), closure: null_mut() }
}

static GETSET: ReadOnly<[PyGetSetDef; 6]> = ReadOnly([
    getset(c"__doc__", get_doc),
    getset(c"__name__", get_name),
    getset(c"__qualname__", get_qualname),
    getset(c"__self__", get_self),
    getset(c"__text_signature__", get_text_signature),
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() },
]);

/// Readies both types (once per runtime initialization).
pub(crate) fn init_types() -> PyResult<()> {
    // SAFETY: our statics; readying writes them during initialization only.
    unsafe {
        typeobject::ready(&raw mut PyCFunction_Type)?;
        typeobject::ready(&raw mut PyCMethod_Type)?;
    }
    Ok(())
}

/// `PyCFunction_Check`.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        tp == &raw mut PyCFunction_Type
            || tp == &raw mut PyCMethod_Type
            || typeobject::is_subtype(tp, &raw mut PyCFunction_Type)
    }
}

#[inline(always)]
unsafe fn func<'a>(op: *mut PyObject) -> &'a PyCFunctionObject {
    // SAFETY: per caller, a builtin function.
    unsafe { &*(op as *const PyCFunctionObject) }
}

/// `PyCFunction_GET_SELF`: `m_self`, or NULL for a `METH_STATIC` definition.
#[inline(always)]
pub(crate) unsafe fn self_of(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, a builtin function with a live definition.
    unsafe {
        let f = func(op);
        if (*f.m_ml).ml_flags & METH_STATIC != 0 {
            null_mut()
        } else {
            f.m_self
        }
    }
}

/// `PyCFunction_GET_CLASS`: the defining class of a `METH_METHOD` function, else NULL.
#[inline(always)]
pub(crate) unsafe fn class_of(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: per caller; METH_METHOD functions are PyCMethodObjects.
    unsafe {
        let f = func(op);
        if (*f.m_ml).ml_flags & METH_METHOD != 0 {
            (*(op as *const PyCMethodObject)).mm_class
        } else {
            null_mut()
        }
    }
}

/// The definition (`m_ml`).
#[inline]
pub(crate) unsafe fn def_of(op: *mut PyObject) -> *mut PyMethodDef {
    // SAFETY: per caller.
    unsafe { func(op).m_ml }
}

/// `__module__` (`m_module`, borrowed; NULL when unset).
pub(crate) unsafe fn module_of(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { func(op).m_module }
}

// --- conventions -----------------------------------------------------------------------------------

/// How a `PyMethodDef` is called, from its flags (`METH_CLASS`, `METH_STATIC` and
/// `METH_COEXIST` do not matter here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Convention {
    /// `METH_NOARGS`: `(self, NULL)`.
    NoArgs,
    /// `METH_O`: `(self, arg)`.
    O,
    /// `METH_VARARGS`: `(self, tuple)`.
    VarArgs,
    /// `METH_VARARGS | METH_KEYWORDS`: `(self, tuple, dict or NULL)`.
    VarArgsKeywords,
    /// `METH_FASTCALL`: `(self, args, nargs)`.
    FastCall,
    /// `METH_FASTCALL | METH_KEYWORDS`: `(self, args, nargs, kwnames)`.
    FastCallKeywords,
    /// `METH_METHOD | METH_FASTCALL | METH_KEYWORDS`: `(self, class, args, nargs, kwnames)`.
    Method,
}

impl Convention {
    /// The convention of `flags`, or `None` for a combination CPython refuses.
    pub(crate) fn of(flags: c_int) -> Option<Convention> {
        const MASK: c_int = METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD;
        Some(match flags & MASK {
            METH_VARARGS => Convention::VarArgs,
            f if f == METH_VARARGS | METH_KEYWORDS => Convention::VarArgsKeywords,
            METH_FASTCALL => Convention::FastCall,
            f if f == METH_FASTCALL | METH_KEYWORDS => Convention::FastCallKeywords,
            METH_NOARGS => Convention::NoArgs,
            METH_O => Convention::O,
            f if f == METH_METHOD | METH_FASTCALL | METH_KEYWORDS => Convention::Method,
            _ => return None,
        })
    }
}

/// `SystemError("<name>() method: bad call flags")`.
pub(crate) unsafe fn bad_call_flags(ml: *const PyMethodDef) -> PyErr {
    // SAFETY: per caller, a live definition.
    let name = unsafe { ml_name(ml) };
    errors::system_error(&format!("{name}() method: bad call flags"))
}

/// The definition's name as text.
pub(crate) unsafe fn ml_name<'a>(ml: *const PyMethodDef) -> std::borrow::Cow<'a, str> {
    // SAFETY: per caller; the name is NULL or NUL-terminated.
    unsafe {
        let n = (*ml).ml_name;
        if n.is_null() {
            "?".into()
        } else {
            CStr::from_ptr(n).to_string_lossy()
        }
    }
}

/// `%.200s` of the definition's name.
unsafe fn ml_name_200(ml: *const PyMethodDef) -> String {
    // SAFETY: per caller.
    unsafe { ml_name(ml) }.chars().take(200).collect()
}

type Meth = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
type MethKw = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
type MethFast = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;
type MethFastKw =
    unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t, *mut PyObject) -> *mut PyObject;
type MethMethod = unsafe extern "C" fn(
    *mut PyObject,
    *mut PyTypeObject,
    *const *mut PyObject,
    usize,
    *mut PyObject,
) -> *mut PyObject;

/// The C function of `ml`, or `SystemError` for a NULL `ml_meth` (CPython crashes).
#[inline(always)]
unsafe fn meth_of(ml: *const PyMethodDef) -> PyResult<Meth> {
    // SAFETY: per caller.
    match unsafe { (*ml).ml_meth } {
        Some(f) => Ok(f),
        None => Err(errors::bad_internal_call()),
    }
}

/// Raises `TypeError("<who> <what>")`, where `who` is how the caller names the callee
/// (`f()`, `mod.f()`, `T.f()`); an error from naming it wins, as in CPython.
#[cold]
#[inline(never)]
fn type_error_naming(who: impl FnOnce() -> PyResult<Owned>, what: &str) -> *mut PyObject {
    if let Ok(s) = who() {
        // SAFETY: a fresh str.
        unsafe {
            errors::type_error(&format!("{} {what}", unicodeobject::as_str(s)));
            decref(s);
        }
    }
    null_mut()
}

#[inline(always)]
unsafe fn has_keywords(kwnames: *mut PyObject) -> bool {
    // SAFETY: per caller, NULL or a tuple.
    !kwnames.is_null() && unsafe { tupleobject::size(kwnames) } != 0
}

/// Calls `ml` with `self_` (and `cls` for `METH_METHOD`) and the vector form of the
/// arguments, checking them against the convention: CPython's `cfunction_vectorcall_*`
/// (and the method descriptors' `method_vectorcall_*`). `who` names the callee in
/// messages; the call runs inside the recursion limit. `VARARGS` conventions get a tuple
/// (and a dict) built from the vector.
///
/// Returns what the C function returned (not checked: the caller runs
/// [`call::check_result`]).
///
/// # Safety
/// `ml` is a live definition whose flags give `conv`; the arguments are as for a
/// `vectorcallfunc`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn call_vector(
    conv: Convention,
    ml: *const PyMethodDef,
    self_: *mut PyObject,
    cls: *mut PyTypeObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
    who: impl FnOnce() -> PyResult<Owned>,
) -> *mut PyObject {
    let nargs = call::nargs_of(nargsf);
    // SAFETY: per caller; each convention's function pointer type is what its flags say.
    unsafe {
        if matches!(conv, Convention::NoArgs | Convention::O | Convention::FastCall) && has_keywords(kwnames) {
            return type_error_naming(who, "takes no keyword arguments");
        }
        match conv {
            Convention::NoArgs if nargs != 0 => {
                return type_error_naming(who, &format!("takes no arguments ({nargs} given)"));
            }
            Convention::O if nargs != 1 => {
                return type_error_naming(who, &format!("takes exactly one argument ({nargs} given)"));
            }
            Convention::VarArgs | Convention::VarArgsKeywords => {
                return vector_to_tuple_call(conv, ml, self_, args, nargs, kwnames, who);
            }
            _ => {}
        }
        let meth = match meth_of(ml) {
            Ok(m) => m,
            Err(_) => return null_mut(),
        };
        if call::enter(WHILE_CALLING).is_err() {
            return null_mut();
        }
        let result = match conv {
            Convention::NoArgs => meth(self_, null_mut()),
            Convention::O => meth(self_, *args),
            Convention::FastCall => std::mem::transmute::<Meth, MethFast>(meth)(self_, args, nargs),
            Convention::FastCallKeywords => {
                std::mem::transmute::<Meth, MethFastKw>(meth)(self_, args, nargs, kwnames)
            }
            Convention::Method => {
                std::mem::transmute::<Meth, MethMethod>(meth)(self_, cls, args, nargs as usize, kwnames)
            }
            Convention::VarArgs | Convention::VarArgsKeywords => unreachable!(),
        };
        call::leave();
        result
    }
}

/// The vector form turned into a tuple (and a dict) for a `VARARGS` convention.
#[inline(never)]
unsafe fn vector_to_tuple_call(
    conv: Convention,
    ml: *const PyMethodDef,
    self_: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    who: impl FnOnce() -> PyResult<Owned>,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        if conv == Convention::VarArgs && has_keywords(kwnames) {
            return type_error_naming(who, "takes no keyword arguments");
        }
        let positional = if nargs == 0 { &[][..] } else { std::slice::from_raw_parts(args, nargs as usize) };
        let Ok(tuple) = tupleobject::pack(positional) else { return null_mut() };
        let mut kwargs = null_mut();
        if has_keywords(kwnames) {
            match call::stack_as_dict(args.add(nargs as usize), kwnames) {
                Ok(d) => kwargs = d,
                Err(_) => {
                    decref(tuple);
                    return null_mut();
                }
            }
        }
        let result = call_tuple_checked(conv, ml, self_, tuple, kwargs, true);
        decref(tuple);
        xdecref(kwargs);
        result
    }
}

/// Calls `ml` with `self_` and the tuple/dict form of the arguments (`kwargs` NULL or a
/// dict), checking them against the convention; the non-`VARARGS` conventions get the
/// vector form made from the tuple and dict. `who` names the callee in messages.
///
/// A `tp_call` body: a `VARARGS` function is called without counting a level of the
/// recursion limit (whoever called `tp_call`, `PyObject_Call` or `_PyObject_MakeTpCall`,
/// counted it; CPython's `cfunction_call` does not count either). The other conventions
/// count it in [`call_vector`], as their vectorcall does.
///
/// Returns what the C function returned (not checked).
///
/// # Safety
/// `ml` is a live definition whose flags give `conv`; `args` a tuple; `kwargs` NULL or a
/// dict.
pub(crate) unsafe fn call_tuple(
    conv: Convention,
    ml: *const PyMethodDef,
    self_: *mut PyObject,
    cls: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    who: impl FnOnce() -> PyResult<Owned>,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        match conv {
            Convention::VarArgs => {
                if !kwargs.is_null() && dictobject::size(kwargs) != 0 {
                    return type_error_naming(who, "takes no keyword arguments");
                }
                call_tuple_checked(conv, ml, self_, args, null_mut(), false)
            }
            Convention::VarArgsKeywords => call_tuple_checked(conv, ml, self_, args, kwargs, false),
            _ => {
                let items = tupleobject::items(args);
                let nargs = items.len();
                if kwargs.is_null() || dictobject::size(kwargs) == 0 {
                    return call_vector(conv, ml, self_, cls, items.as_ptr(), nargs, null_mut(), who);
                }
                let Ok(u) = call::unpack_dict(items.as_ptr(), nargs as Py_ssize_t, kwargs) else {
                    return null_mut();
                };
                let nargsf = nargs | PY_VECTORCALL_ARGUMENTS_OFFSET;
                call_vector(conv, ml, self_, cls, u.args(), nargsf, u.kwnames, who)
            }
        }
    }
}

/// A `VARARGS` definition called with a tuple and a dict whose keywords are allowed;
/// `count` says whether the call counts a level of the recursion limit here.
#[inline(always)]
unsafe fn call_tuple_checked(
    conv: Convention,
    ml: *const PyMethodDef,
    self_: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    count: bool,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let meth = match meth_of(ml) {
            Ok(m) => m,
            Err(_) => return null_mut(),
        };
        if count && call::enter(WHILE_CALLING).is_err() {
            return null_mut();
        }
        let result = if conv == Convention::VarArgsKeywords {
            std::mem::transmute::<Meth, MethKw>(meth)(self_, args, kwargs)
        } else {
            meth(self_, args)
        };
        if count {
            call::leave();
        }
        result
    }
}

// --- builtin function objects ---------------------------------------------------------------------

/// `PyCMethod_New`: a builtin function for `ml` bound to `self_` (may be NULL), with
/// `__module__` `module` (may be NULL) and, for `METH_METHOD`, the defining class `cls`.
/// Errors: `SystemError` for bad call flags, `METH_METHOD` without a class, a class without
/// `METH_METHOD`.
///
/// # Safety
/// `ml` is a live definition that outlives the function; the objects are NULL or live.
pub(crate) unsafe fn new(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    module: *mut PyObject,
    cls: *mut PyTypeObject,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let flags = (*ml).ml_flags;
        let Some(conv) = Convention::of(flags) else {
            return Err(bad_call_flags(ml));
        };
        let vectorcall: vectorcallfunc = match conv {
            Convention::VarArgs | Convention::VarArgsKeywords => None,
            Convention::FastCall => Some(vectorcall_fastcall),
            Convention::FastCallKeywords => Some(vectorcall_fastcall_keywords),
            Convention::NoArgs => Some(vectorcall_noargs),
            Convention::O => Some(vectorcall_o),
            Convention::Method => Some(vectorcall_method),
        };
        let is_method = flags & METH_METHOD != 0;
        let op = if is_method {
            if cls.is_null() {
                return Err(errors::system_error(
                    "attempting to create PyCMethod with a METH_METHOD flag but no class",
                ));
            }
            let op = gc::alloc_object(size_of::<PyCMethodObject>())?;
            typeobject::init_object(op, &raw mut PyCMethod_Type);
            (*(op as *mut PyCMethodObject)).mm_class = new_ref(cls.cast()).cast();
            op
        } else {
            if !cls.is_null() {
                return Err(errors::system_error(
                    "attempting to create PyCFunction with class but no METH_METHOD flag",
                ));
            }
            let op = gc::alloc_object(size_of::<PyCFunctionObject>())?;
            typeobject::init_object(op, &raw mut PyCFunction_Type);
            op
        };
        let f = &mut *(op as *mut PyCFunctionObject);
        f.m_weakreflist = null_mut();
        f.m_ml = ml;
        f.m_self = xincref_ret(self_);
        f.m_module = xincref_ret(module);
        f.vectorcall = vectorcall;
        gc::track(op);
        Ok(op)
    }
}

/// How messages name a builtin function: `_PyObject_FunctionStr` (`mod.qualname()`, or
/// `qualname()` when `__module__` is NULL, None or `'builtins'`).
pub(crate) unsafe fn function_str(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a builtin function.
    unsafe {
        let qualname = qualname(op)?;
        let module = module_of(op);
        let mut text = None;
        if !module.is_null() && module != singletons::none() {
            let builtins = unicodeobject::from_str("builtins")?;
            let ne = abstract_::rich_compare_bool(module, builtins, Py_NE);
            decref(builtins);
            if ne? {
                let m = abstract_::str(module)?;
                text = Some(format!("{}.{}()", unicodeobject::as_str(m), qualname));
                decref(m);
            }
        }
        unicodeobject::from_str(&text.unwrap_or_else(|| format!("{qualname}()")))
    }
}

/// Whether `op` is a module (a function bound to one prints and names as a plain function).
#[inline]
unsafe fn is_module(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a live object.
    unsafe { super::moduleobject::check(op) }
}

/// The `__qualname__` of a type, as text: a heap type's own, else `tp_name` after its last
/// dot.
unsafe fn type_qualname(tp: *mut PyTypeObject) -> String {
    // SAFETY: per caller, a live type.
    unsafe {
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            heaptype::module_and_qualname(tp).1
        } else {
            short_type_name(tp).into_owned()
        }
    }
}

/// `__qualname__`: the name for a function without `self` (or bound to a module);
/// `T.name` for one bound to the type `T` or to an instance of `T`.
pub(crate) unsafe fn qualname(op: *mut PyObject) -> PyResult<String> {
    // SAFETY: per caller, a builtin function.
    unsafe {
        let f = func(op);
        let name = ml_name(f.m_ml);
        let s = f.m_self;
        if s.is_null() || is_module(s) {
            return Ok(name.into_owned());
        }
        let tp = if has_flag(type_of(s), Py_TPFLAGS_TYPE_SUBCLASS) { s.cast() } else { type_of(s) };
        Ok(format!("{}.{}", type_qualname(tp), name))
    }
}

/// The part of an internal doc string that is a signature: `name(...)` up to the
/// `)\n--\n\n` marker (CPython's `find_signature` + `skip_signature`): returns (the
/// signature from its `(` to its `)`, the doc after the marker).
fn split_signature<'a>(name: &str, doc: &'a str) -> Option<(&'a str, &'a str)> {
    let name = name.rsplit('.').next().unwrap_or(name);
    let rest = doc.strip_prefix(name)?;
    if !rest.starts_with('(') {
        return None;
    }
    const MARKER: &str = ")\n--\n\n";
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if rest[i..].starts_with(MARKER) {
            return Some((&rest[..i + 1], &rest[i + MARKER.len()..]));
        }
        if bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            return None;
        }
        i += 1;
    }
    None
}

/// `_PyType_GetDocFromInternalDoc`: the doc without its signature line; None when empty.
pub(crate) fn doc_from_internal_doc(name: &str, doc: Option<&str>) -> PyResult<Owned> {
    let Some(doc) = doc else { return Ok(new_ref_none()) };
    let text = split_signature(name, doc).map_or(doc, |(_, d)| d);
    if text.is_empty() {
        return Ok(new_ref_none());
    }
    unicodeobject::from_str(text)
}

/// `_PyType_GetTextSignatureFromInternalDoc` (CPython 3.13): the signature in the doc, else
/// one implied by the flags (`($self, /)` for `METH_NOARGS`, ...), else None.
pub(crate) fn text_signature_from_internal_doc(name: &str, doc: Option<&str>, flags: c_int) -> PyResult<Owned> {
    if let Some((sig, _)) = doc.and_then(|d| split_signature(name, d)) {
        return unicodeobject::from_str(sig);
    }
    let implied = match flags & !METH_COEXIST {
        METH_NOARGS => "($self, /)",
        f if f == METH_NOARGS | METH_CLASS => "($type, /)",
        f if f == METH_NOARGS | METH_STATIC => "()",
        METH_O => "($self, object, /)",
        f if f == METH_O | METH_CLASS => "($type, object, /)",
        f if f == METH_O | METH_STATIC => "(object, /)",
        _ => return Ok(new_ref_none()),
    };
    unicodeobject::from_str(implied)
}

fn new_ref_none() -> Owned {
    // SAFETY: None is immortal.
    unsafe { new_ref(singletons::none()) }
}

unsafe fn c_text<'a>(p: *const c_char) -> Option<std::borrow::Cow<'a, str>> {
    // SAFETY: per caller, NULL or NUL-terminated.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy())
}


// --- attributes (getters for tp_getset; attribute lookup uses them) -------------------------------

unsafe extern "C" fn get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a builtin function.
    unsafe {
        let ml = def_of(op);
        raw(doc_from_internal_doc(&ml_name(ml), c_text((*ml).ml_doc).as_deref()))
    }
}

unsafe extern "C" fn get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a builtin function.
    unsafe { raw(unicodeobject::from_str(&ml_name(def_of(op)))) }
}

unsafe extern "C" fn get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a builtin function.
    unsafe { raw(qualname(op).and_then(|q| unicodeobject::from_str(&q))) }
}

/// `__self__`: the bound object, None when there is none (or for `METH_STATIC`).
unsafe extern "C" fn get_self(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a builtin function.
    unsafe {
        let s = self_of(op);
        new_ref(if s.is_null() { singletons::none() } else { s })
    }
}

unsafe extern "C" fn get_text_signature(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: called with a builtin function.
    unsafe {
        let ml = def_of(op);
        raw(text_signature_from_internal_doc(&ml_name(ml), c_text((*ml).ml_doc).as_deref(), (*ml).ml_flags))
    }
}

// --- slots ----------------------------------------------------------------------------------------

unsafe extern "C" fn meth_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` with no references left.
    unsafe {
        gc::untrack(op);
        let f = &mut *(op as *mut PyCFunctionObject);
        if !f.m_weakreflist.is_null() {
            weakrefobject::clear_weakrefs(op);
        }
        // The class goes before `self`, which may be what keeps the definition alive.
        let cls = class_of(op);
        xdecref(cls.cast());
        xdecref(f.m_self);
        xdecref(f.m_module);
        gc::free_object(op);
    }
}

unsafe extern "C" fn meth_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by the collector with a builtin function.
    unsafe {
        let Some(visit) = visit else { return 0 };
        let f = func(op);
        for o in [class_of(op).cast(), f.m_self, f.m_module] {
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

/// `<built-in function name>`, or `<built-in method name of T object at 0x...>` when bound.
unsafe extern "C" fn meth_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a builtin function.
    unsafe {
        let f = func(op);
        let name = ml_name(f.m_ml);
        let s = f.m_self;
        let text = if s.is_null() || is_module(s) {
            format!("<built-in function {name}>")
        } else {
            format!("<built-in method {name} of {} object at {s:p}>", type_name(type_of(s)))
        };
        raw(unicodeobject::from_str(&text))
    }
}

/// Hash of `self`'s identity mixed with the C function's address.
unsafe extern "C" fn meth_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called with a builtin function.
    unsafe {
        let f = func(op);
        let meth = (*f.m_ml).ml_meth.map_or(0, |m| m as usize);
        let x = pyhash::hash_pointer(f.m_self as usize) ^ pyhash::hash_pointer(meth);
        if x == -1 {
            -2
        } else {
            x
        }
    }
}

/// `==`/`!=`: the same `self` (by identity) and the same C function.
unsafe extern "C" fn meth_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called with live objects.
    unsafe {
        if (op != Py_EQ && op != Py_NE) || !check(a) || !check(b) {
            return new_ref(singletons::not_implemented());
        }
        let (fa, fb) = (func(a), func(b));
        let ma = (*fa.m_ml).ml_meth.map(|m| m as usize);
        let mb = (*fb.m_ml).ml_meth.map(|m| m as usize);
        let eq = fa.m_self == fb.m_self && ma == mb;
        new_ref(longobject::from_bool(eq == (op == Py_EQ)))
    }
}

/// `tp_call`: `METH_VARARGS` functions directly (they have no vectorcall), the others
/// through their vectorcall.
unsafe extern "C" fn cfunction_call(op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a builtin function, a tuple and NULL or a dict.
    unsafe {
        let f = func(op);
        let ml = f.m_ml;
        let flags = (*ml).ml_flags;
        if flags & METH_VARARGS == 0 {
            return match f.vectorcall {
                Some(v) => call::vectorcall_call_with(v, op, args, kwargs),
                None => call::vectorcall_call(op, args, kwargs),
            };
        }
        // CPython names the function by its definition alone here ("f() takes no keyword
        // arguments"), not by module and qualname as the vectorcall paths do.
        let conv = if flags & METH_KEYWORDS != 0 { Convention::VarArgsKeywords } else { Convention::VarArgs };
        let result = call_tuple(conv, ml, self_of(op), null_mut(), args, kwargs, || {
            unicodeobject::from_str(&format!("{}()", ml_name_200(ml)))
        });
        call::check_result(op, result)
    }
}

macro_rules! entry_point {
    ($name:ident, $conv:expr) => {
        unsafe extern "C" fn $name(
            op: *mut PyObject,
            args: *const *mut PyObject,
            nargsf: usize,
            kwnames: *mut PyObject,
        ) -> *mut PyObject {
            // SAFETY: installed only on builtin functions whose flags give this convention.
            unsafe {
                call_vector($conv, def_of(op), self_of(op), class_of_fast(op, $conv), args, nargsf, kwnames, || {
                    function_str(op)
                })
            }
        }
    };
}

/// The defining class, read only for the convention that passes it.
#[inline(always)]
unsafe fn class_of_fast(op: *mut PyObject, conv: Convention) -> *mut PyTypeObject {
    if conv == Convention::Method {
        // SAFETY: METH_METHOD functions are PyCMethodObjects.
        unsafe { (*(op as *const PyCMethodObject)).mm_class }
    } else {
        null_mut()
    }
}

entry_point!(vectorcall_noargs, Convention::NoArgs);
entry_point!(vectorcall_o, Convention::O);
entry_point!(vectorcall_fastcall, Convention::FastCall);
entry_point!(vectorcall_fastcall_keywords, Convention::FastCallKeywords);
entry_point!(vectorcall_method, Convention::Method);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventions_follow_cpython_flag_table() {
        assert_eq!(Convention::of(METH_NOARGS), Some(Convention::NoArgs));
        assert_eq!(Convention::of(METH_O | METH_COEXIST), Some(Convention::O));
        assert_eq!(Convention::of(METH_VARARGS | METH_CLASS), Some(Convention::VarArgs));
        assert_eq!(Convention::of(METH_VARARGS | METH_KEYWORDS), Some(Convention::VarArgsKeywords));
        assert_eq!(Convention::of(METH_FASTCALL | METH_STATIC), Some(Convention::FastCall));
        assert_eq!(Convention::of(METH_FASTCALL | METH_KEYWORDS), Some(Convention::FastCallKeywords));
        assert_eq!(Convention::of(METH_METHOD | METH_FASTCALL | METH_KEYWORDS), Some(Convention::Method));
        for bad in [0, METH_KEYWORDS, METH_NOARGS | METH_O, METH_O | METH_KEYWORDS, METH_METHOD | METH_FASTCALL, METH_NOARGS | METH_METHOD] {
            assert_eq!(Convention::of(bad), None, "flags {bad:#x}");
        }
    }

    #[test]
    fn signatures_split_like_cpython() {
        assert_eq!(split_signature("f", "f(a, b)\n--\n\ndoc"), Some(("(a, b)", "doc")));
        assert_eq!(split_signature("m.f", "f()\n--\n\n"), Some(("()", "")));
        assert_eq!(split_signature("f", "g(a)\n--\n\ndoc"), None);
        assert_eq!(split_signature("f", "f(a)\n\nno marker"), None);
        assert_eq!(split_signature("f", "fa(a)\n--\n\n"), None);
    }
}
