//! Weak references (CPython's `Objects/weakrefobject.c`): `weakref.ReferenceType`
//! (`_PyWeakref_RefType`), `weakref.ProxyType` and `weakref.CallableProxyType`.
//!
//! An object that supports weak references has one list head, found by [`weaklist_ptr`]:
//! a `PyObject *` slot at `tp_weaklistoffset` (as C extension types declare it), or, for
//! `Py_TPFLAGS_MANAGED_WEAKREF` types, the pre-header word 4 pointers before the object
//! (CPython 3.13's `MANAGED_WEAKREF_OFFSET`). The list is doubly linked through
//! `wr_prev`/`wr_next`, and ordered as CPython orders it: the shared callback-less
//! reference first, then the shared callback-less proxy, then every other reference,
//! newest first. The referent holds no count on its references and they hold none on it;
//! [`clear_ref`] is the only code that unlinks.
//!
//! When the referent dies its `tp_dealloc` calls `PyObject_ClearWeakRefs` ([`clear_weakrefs`]):
//! every reference is cleared first (it then reads as dead: `wr_object` is `None`), then the
//! callbacks run in list order (newest registration first), each with its dead reference;
//! a callback that raises is reported as unraisable and never propagates, and an exception
//! set before the call survives it.
//!
//! The cycle collector does it in two steps (CPython's `handle_weakrefs`): [`gc_detach`]
//! clears every reference to an unreachable object without calling anything, and hands
//! back the references whose callbacks must run; [`run_callback`] runs them once the
//! garbage is gone.

use std::ffi::c_int;
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

use super::*;

// --- the types ----------------------------------------------------------------------------------

/// `weakref.ReferenceType`: calling it returns the referent or None.
#[unsafe(no_mangle)]
pub static mut _PyWeakref_RefType: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"weakref.ReferenceType".as_ptr(),
    tp_basicsize: size_of::<PyWeakReference>() as Py_ssize_t,
    tp_dealloc: Some(weakref_dealloc),
    tp_vectorcall_offset: offset_of!(PyWeakReference, vectorcall) as Py_ssize_t,
    tp_call: Some(crate::capi::call::PyVectorcall_Call),
    tp_repr: Some(weakref_repr),
    tp_hash: Some(weakref_hash),
    tp_flags: Py_TPFLAGS_DEFAULT as c_ulong
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_HAVE_VECTORCALL
        | Py_TPFLAGS_BASETYPE as c_ulong,
    tp_traverse: Some(weakref_traverse),
    tp_clear: Some(weakref_clear),
    tp_richcompare: Some(weakref_richcompare),
    tp_members: MEMBERS.as_mut_ptr().cast(),
    tp_init: Some(weakref_init),
    tp_alloc: Some(crate::capi::typeobject::PyType_GenericAlloc),
    tp_new: Some(weakref_new),
    tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
    ..TYPE_TEMPLATE
};

/// `weakref.ProxyType`: forwards the object protocols to a live referent.
#[unsafe(no_mangle)]
pub static mut _PyWeakref_ProxyType: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"weakref.ProxyType".as_ptr(),
    ..PROXY_TEMPLATE
};

/// `weakref.CallableProxyType`: a proxy to a callable, itself callable.
#[unsafe(no_mangle)]
pub static mut _PyWeakref_CallableProxyType: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"weakref.CallableProxyType".as_ptr(),
    tp_call: Some(proxy_call),
    ..PROXY_TEMPLATE
};

/// What both proxy types share. No `tp_hash` (proxies are unhashable: the referent's hash
/// could change when it dies) and no `tp_weaklistoffset`, as in CPython.
const PROXY_TEMPLATE: PyTypeObject = PyTypeObject {
    tp_basicsize: size_of::<PyWeakReference>() as Py_ssize_t,
    tp_dealloc: Some(weakref_dealloc),
    tp_repr: Some(proxy_repr),
    tp_as_number: PROXY_NUMBER.as_mut_ptr(),
    tp_as_sequence: PROXY_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: PROXY_MAPPING.as_mut_ptr(),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_str: Some(proxy_str),
    tp_getattro: Some(proxy_getattr),
    tp_setattro: Some(proxy_setattr),
    tp_flags: Py_TPFLAGS_DEFAULT as c_ulong | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(weakref_traverse),
    tp_clear: Some(weakref_clear),
    tp_richcompare: Some(proxy_richcompare),
    tp_iter: Some(proxy_iter),
    tp_iternext: Some(proxy_iternext),
    tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
    ..TYPE_TEMPLATE
};

/// CPython's `Py_T_OBJECT` member type (NULL reads as None) and `Py_READONLY`.
const T_OBJECT: c_int = 6;
const READONLY: c_int = 1;

static MEMBERS: ReadOnly<[PyMemberDef; 2]> = ReadOnly([
    PyMemberDef {
        name: c"__callback__".as_ptr(),
        type_: T_OBJECT,
        offset: offset_of!(PyWeakReference, wr_callback) as Py_ssize_t,
        flags: READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
]);

/// Readies the three types (once per runtime initialization).
pub(crate) fn init_types() -> PyResult<()> {
    // SAFETY: our statics; readying writes them during initialization only.
    unsafe {
        typeobject::ready(&raw mut _PyWeakref_RefType)?;
        typeobject::ready(&raw mut _PyWeakref_ProxyType)?;
        typeobject::ready(&raw mut _PyWeakref_CallableProxyType)?;
    }
    Ok(())
}

// --- checks and the list head ---------------------------------------------------------------

/// `PyWeakref_CheckRef`: a reference (or a subtype's instance).
#[inline]
pub(crate) unsafe fn check_ref(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        tp == &raw mut _PyWeakref_RefType || typeobject::is_subtype(tp, &raw mut _PyWeakref_RefType)
    }
}

/// `PyWeakref_CheckProxy`: either proxy type.
#[inline]
pub(crate) unsafe fn check_proxy(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        tp == &raw mut _PyWeakref_ProxyType || tp == &raw mut _PyWeakref_CallableProxyType
    }
}

/// `PyWeakref_Check`: a reference or a proxy.
#[inline]
pub(crate) unsafe fn is_weakref(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { check_proxy(op) || check_ref(op) }
}

/// `_PyType_SUPPORTS_WEAKREFS`: instances of `tp` have a weak reference list (a
/// `tp_weaklistoffset`, or the managed pre-header slot).
#[inline]
pub(crate) unsafe fn supports_weakrefs(tp: *mut PyTypeObject) -> bool {
    // SAFETY: per caller, a live type.
    unsafe { (*tp).tp_weaklistoffset != 0 || (*tp).tp_flags & Py_TPFLAGS_MANAGED_WEAKREF as c_ulong != 0 }
}

/// The address of `op`'s weak reference list head (`_PyObject_GET_WEAKREFS_LISTPTR`):
/// for `Py_TPFLAGS_MANAGED_WEAKREF` types the pre-header slot 4 words before the object
/// (CPython 3.13's `MANAGED_WEAKREF_OFFSET`, which CPython also stores as the type's
/// `tp_weaklistoffset`), else the slot at `tp_weaklistoffset`; for a static type object
/// (shared by every interpreter, so its `tp_weaklist` is never written) the current
/// interpreter's list for it. The caller has checked [`supports_weakrefs`].
#[inline]
pub(crate) unsafe fn weaklist_ptr(op: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: per caller, `op`'s type supports weak references, so the slot exists.
    unsafe {
        let tp = type_of(op);
        if (*tp).tp_flags & Py_TPFLAGS_TYPE_SUBCLASS != 0
            && (*op.cast::<PyTypeObject>()).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
        {
            return static_type_weaklist(op);
        }
        if (*tp).tp_flags & Py_TPFLAGS_MANAGED_WEAKREF as c_ulong != 0 {
            op.cast::<*mut PyObject>().sub(4)
        } else {
            op.cast::<u8>().offset((*tp).tp_weaklistoffset).cast()
        }
    }
}

/// The calling interpreter's list head for the static type `op`.
#[cold]
unsafe fn static_type_weaklist(op: *mut PyObject) -> *mut *mut PyObject {
    let ts = crate::tstate::current();
    if ts.is_null() {
        // No interpreter attached breaks the API's contract; the type's own slot is the
        // least harmful answer.
        // SAFETY: `op` is a type object.
        return unsafe { &raw mut (*op.cast::<PyTypeObject>()).tp_weaklist };
    }
    // SAFETY: the attached thread state keeps its interpreter alive; we hold its GIL.
    unsafe { (*ts).interp().static_type_weaklist(op as usize) }
}

#[inline(always)]
unsafe fn wr<'a>(op: *mut PyObject) -> &'a mut PyWeakReference {
    // SAFETY: per caller, a weak reference.
    unsafe { &mut *op.cast::<PyWeakReference>() }
}

/// `_PyWeakref_GET_REF`: the referent with a new reference, or NULL when it is gone
/// (cleared, or being deallocated: its count is 0).
#[inline]
pub(crate) unsafe fn get_ref(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, a weak reference; a live `wr_object` is a live object.
    unsafe {
        let obj = wr(op).wr_object;
        if obj == singletons::none() || (*obj).ob_refcnt == 0 {
            return null_mut();
        }
        new_ref(obj)
    }
}

// --- creating ---------------------------------------------------------------------------------

/// Which kind of weak reference to make.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Ref,
    Proxy,
}

/// The shared callback-less reference and proxy at the head of a list (`get_basic_refs`).
unsafe fn basic_refs(head: *mut PyObject) -> (*mut PyObject, *mut PyObject) {
    // SAFETY: per caller, `head` is NULL or a weak reference in a live list.
    unsafe {
        let mut head = head;
        let (mut r, mut p) = (null_mut(), null_mut());
        if !head.is_null() && wr(head).wr_callback.is_null() {
            if type_of(head) == &raw mut _PyWeakref_RefType {
                r = head;
                head = wr(head).wr_next.cast();
            }
            if !head.is_null() && wr(head).wr_callback.is_null() && check_proxy(head) {
                p = head;
            }
        }
        (r, p)
    }
}

/// `PyWeakref_NewRef` / `PyWeakref_NewProxy`: a weak reference to `ob`, calling `callback`
/// (NULL or None for none) when `ob` dies. Without a callback, the one existing reference
/// (or proxy) is shared.
pub(crate) unsafe fn new(kind: Kind, ob: *mut PyObject, callback: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: forwarded.
    unsafe { new_of_type(kind, &raw mut _PyWeakref_RefType, ob, callback) }
}

/// [`new`], with `rtype` (`weakref.ReferenceType` or a subtype) the type of a `Kind::Ref`
/// (`weakref___new__`). Only exact references are shared.
unsafe fn new_of_type(
    kind: Kind,
    rtype: *mut PyTypeObject,
    ob: *mut PyObject,
    callback: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: per caller, `ob` and `callback` (NULL or live) are live objects.
    unsafe {
        let exact = kind == Kind::Proxy || rtype == &raw mut _PyWeakref_RefType;
        let tp = type_of(ob);
        if !supports_weakrefs(tp) {
            return Err(errors::type_error(&format!(
                "cannot create weak reference to '{}' object",
                type_name(tp)
            )));
        }
        let callback = if callback == singletons::none() { null_mut() } else { callback };
        let list = weaklist_ptr(ob);
        let reuse = |list: *mut *mut PyObject| -> Option<Owned> {
            if !callback.is_null() || !exact {
                return None;
            }
            let (r, p) = basic_refs(*list);
            let cand = if kind == Kind::Ref { r } else { p };
            (!cand.is_null()).then(|| new_ref(cand))
        };
        if let Some(shared) = reuse(list) {
            return Ok(shared);
        }
        let wtp = match kind {
            Kind::Ref => rtype,
            Kind::Proxy if abstract_::callable_check(ob) => &raw mut _PyWeakref_CallableProxyType,
            Kind::Proxy => &raw mut _PyWeakref_ProxyType,
        };
        let op = if exact {
            let op = gc::alloc_object(size_of::<PyWeakReference>())?;
            typeobject::init_object(op, wtp);
            op
        } else {
            // A subtype: its own allocator (`tp_alloc`), which may track it already.
            let op = match (*rtype).tp_alloc {
                Some(alloc) => alloc(rtype, 0),
                None => typeobject::generic_alloc(rtype, 0).unwrap_or(null_mut()),
            };
            if op.is_null() {
                return Err(PyErr);
            }
            op
        };
        let w = wr(op);
        w.wr_object = ob;
        w.wr_callback = xincref_ret(callback);
        w.hash = -1;
        w.wr_prev = null_mut();
        w.wr_next = null_mut();
        w.vectorcall = Some(weakref_vectorcall);
        // The allocation may (once the collector runs on allocation) have run code that
        // made a shared reference meanwhile; CPython checks again too.
        if let Some(shared) = reuse(list) {
            w.wr_object = singletons::none();
            decref(op);
            return Ok(shared);
        }
        let (r, p) = basic_refs(*list);
        // `get_prev`: a basic ref goes first, a basic proxy after the basic ref, anything
        // else after both (so newer callback references come before older ones).
        let basic = callback.is_null() && exact;
        let prev = match kind {
            Kind::Ref if basic => null_mut(),
            Kind::Proxy if basic => r,
            _ if p.is_null() => r,
            _ => p,
        };
        if prev.is_null() {
            let next = *list;
            w.wr_next = next.cast();
            if !next.is_null() {
                wr(next).wr_prev = op.cast();
            }
            *list = op;
        } else {
            let pw = wr(prev);
            w.wr_prev = prev.cast();
            w.wr_next = pw.wr_next;
            if !pw.wr_next.is_null() {
                (*pw.wr_next).wr_prev = op.cast();
            }
            pw.wr_next = op.cast();
        }
        gc::track(op);
        Ok(op)
    }
}

// --- clearing ---------------------------------------------------------------------------------

/// Unlinks `op` from its referent's list and marks it dead (`wr_object = None`), keeping its
/// callback (CPython's `_PyWeakref_ClearRef`). Nothing is called and nothing is freed, so
/// the collector may use it on objects it is about to destroy; the reference's own
/// deallocation releases the callback later. Clearing a dead reference does nothing.
pub(crate) unsafe fn clear_ref(op: *mut PyObject) {
    // SAFETY: per caller, a weak reference; a live `wr_object` has a list containing it.
    unsafe {
        let w = wr(op);
        let obj = w.wr_object;
        if obj == singletons::none() || obj.is_null() {
            return;
        }
        let list = weaklist_ptr(obj);
        if *list == op {
            *list = w.wr_next.cast();
        }
        w.wr_object = singletons::none();
        if !w.wr_prev.is_null() {
            (*w.wr_prev).wr_next = w.wr_next;
        }
        if !w.wr_next.is_null() {
            (*w.wr_next).wr_prev = w.wr_prev;
        }
        w.wr_prev = null_mut();
        w.wr_next = null_mut();
    }
}

/// `clear_weakref`: [`clear_ref`] and drop the callback (which may run arbitrary code).
unsafe fn clear_with_callback(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        clear_ref(op);
        let w = wr(op);
        let cb = std::mem::replace(&mut w.wr_callback, null_mut());
        xdecref(cb);
    }
}

/// Clears every weak reference to `op` without calling any callback (CPython 3.13's
/// `PyUnstable_Object_ClearWeakRefsNoCallbacks` and `_PyWeakref_ClearWeakRefsExceptCallbacks`).
/// The references keep their callbacks until they die themselves. For the collector: use
/// it on unreachable objects whose callbacks must not run, or before `tp_clear`.
pub(crate) unsafe fn clear_weakrefs_no_callbacks(op: *mut PyObject) {
    // SAFETY: per caller, `op` is a live object (possibly being destroyed).
    unsafe {
        if !supports_weakrefs(type_of(op)) {
            return;
        }
        let list = weaklist_ptr(op);
        while !(*list).is_null() {
            clear_ref(*list);
        }
    }
}

/// For the cycle collector (CPython's `handle_weakrefs`, first half), on each object of the
/// unreachable set: clears every weak reference to `op` (callbacks kept, nothing called) and
/// pushes onto `to_call`, each with a new reference, those that have a callback and are not
/// themselves garbage (`is_garbage(weakref)` false). Call [`run_callback`] on each once the
/// collector may run code again. A weak reference that is itself in the unreachable set
/// must also be cleared ([`clear_ref`]) before `tp_clear` runs, so its callback cannot see
/// half-cleared objects: `gc_detach` does that too when `op` is one.
// Used by the cycle collector (branch `gcc`) once merged.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) unsafe fn gc_detach(
    op: *mut PyObject,
    mut is_garbage: impl FnMut(*mut PyObject) -> bool,
    to_call: &mut Vec<Owned>,
) {
    // SAFETY: per caller, `op` is a live object in the unreachable set.
    unsafe {
        if is_weakref(op) {
            clear_ref(op);
        }
        if !supports_weakrefs(type_of(op)) {
            return;
        }
        let list = weaklist_ptr(op);
        while !(*list).is_null() {
            let w = *list;
            clear_ref(w);
            if wr(w).wr_callback.is_null() || is_garbage(w) {
                continue;
            }
            to_call.push(new_ref(w));
        }
    }
}

/// Calls `weakref`'s callback with it (`handle_callback`), reporting an exception as
/// unraisable (naming the callback), then releases `weakref` (the collector's reference
/// from [`gc_detach`]). The callback stays set: the reference releases it when it dies.
// Used by the cycle collector (branch `gcc`) once merged.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) unsafe fn run_callback(weakref: Owned) {
    // SAFETY: per caller, an owned weak reference.
    unsafe {
        let cb = wr(weakref).wr_callback;
        if !cb.is_null() {
            incref(cb);
            call_callback(weakref, cb);
            decref(cb);
        }
        decref(weakref);
    }
}

/// `handle_callback`: `callback(weakref)`, an exception reported as unraisable.
unsafe fn call_callback(weakref: *mut PyObject, callback: *mut PyObject) {
    // SAFETY: per caller, both live.
    unsafe {
        let args = [weakref];
        let r = call::vectorcall(callback, args.as_ptr(), 1, null_mut());
        if r.is_null() {
            exceptions::display::write_unraisable(callback);
        } else {
            decref(r);
        }
    }
}

/// `PyObject_ClearWeakRefs(op)`, called by `tp_dealloc` with `op`'s count at 0: clears every
/// weak reference to `op` (the callback-less shared ones first), then calls the callbacks,
/// in list order (newest registration first), each with its now dead reference. References
/// being deallocated themselves (count 0) are cleared but not called. An exception raised
/// by a callback is reported as unraisable; one set before the call is kept.
pub(crate) unsafe fn clear_weakrefs(op: *mut PyObject) {
    // SAFETY: per caller, `op`'s type supports weak references and `op` is being destroyed.
    unsafe {
        let list = weaklist_ptr(op);
        // The shared callback-less reference and proxy are at the head.
        for _ in 0..2 {
            let head = *list;
            if !head.is_null() && wr(head).wr_callback.is_null() {
                clear_with_callback(head);
            }
        }
        let head = *list;
        if head.is_null() {
            return;
        }
        let saved = errors::take_raised();
        if wr(head).wr_next.is_null() {
            // One reference: the common case, no list to build.
            let cb = std::mem::replace(&mut wr(head).wr_callback, null_mut());
            clear_ref(head);
            if !cb.is_null() {
                if (*head).ob_refcnt > 0 {
                    call_callback(head, cb);
                }
                decref(cb);
            }
        } else {
            let mut pending: Vec<(Owned, Owned)> = Vec::new();
            let mut cur = head;
            while !cur.is_null() {
                let next: *mut PyObject = wr(cur).wr_next.cast();
                let cb = std::mem::replace(&mut wr(cur).wr_callback, null_mut());
                clear_ref(cur);
                if (*cur).ob_refcnt > 0 {
                    if !cb.is_null() {
                        pending.push((new_ref(cur), cb));
                    }
                } else {
                    xdecref(cb);
                }
                cur = next;
            }
            for (w, cb) in pending {
                call_callback(w, cb);
                decref(cb);
                decref(w);
            }
        }
        if !saved.is_null() {
            errors::set_raised(saved);
        }
    }
}

// --- reference slots -----------------------------------------------------------------------------

unsafe extern "C" fn weakref_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` with no references left.
    unsafe {
        gc::untrack(op);
        clear_with_callback(op);
        let tp = type_of(op);
        match (*tp).tp_free {
            // Subtypes of `weakref.ref` free the way they were allocated.
            Some(free) if tp != &raw mut _PyWeakref_RefType && !check_proxy(op) => free(op.cast()),
            _ => gc::free_object(op),
        }
    }
}

unsafe extern "C" fn weakref_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut std::ffi::c_void,
) -> c_int {
    // SAFETY: called by the collector with a weak reference.
    unsafe {
        let cb = wr(op).wr_callback;
        match visit {
            Some(visit) if !cb.is_null() => visit(cb, arg),
            _ => 0,
        }
    }
}

unsafe extern "C" fn weakref_clear(op: *mut PyObject) -> c_int {
    // SAFETY: called by the collector with a weak reference.
    unsafe { clear_with_callback(op) };
    0
}

/// `PyArg_UnpackTuple(args, func, 1, 2, &ob, &callback)`: `(ob, callback or NULL)`.
unsafe fn unpack_ref_args(func: &str, args: *mut PyObject) -> PyResult<(*mut PyObject, *mut PyObject)> {
    // SAFETY: per caller, a tuple.
    unsafe {
        let n = tupleobject::size(args);
        if n < 1 {
            return Err(errors::type_error(&format!("{func} expected at least 1 argument, got {n}")));
        }
        if n > 2 {
            return Err(errors::type_error(&format!("{func} expected at most 2 arguments, got {n}")));
        }
        let cb = if n == 2 { tupleobject::get_item(args, 1) } else { null_mut() };
        Ok((tupleobject::get_item(args, 0), cb))
    }
}

/// `weakref.ref(ob, callback=None)` (`tp_new`; keywords are left to `tp_init`).
unsafe extern "C" fn weakref_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    _kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: `tp_new` with a ref type and an argument tuple.
    unsafe {
        match unpack_ref_args("__new__", args) {
            Ok((ob, cb)) => new_of_type(Kind::Ref, tp, ob, cb).unwrap_or(null_mut()),
            Err(_) => null_mut(),
        }
    }
}

/// `tp_init`: checks the arguments again (the work was done by `tp_new`).
unsafe extern "C" fn weakref_init(_op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> c_int {
    // SAFETY: `tp_init` with an argument tuple and NULL or a dict.
    unsafe {
        if !kwargs.is_null() && dictobject::size(kwargs) > 0 {
            errors::type_error("ref() takes no keyword arguments");
            return -1;
        }
        if unpack_ref_args("__init__", args).is_err() {
            -1
        } else {
            0
        }
    }
}

unsafe extern "C" fn weakref_vectorcall(
    op: *mut PyObject,
    _args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called with a weak reference and a valid vectorcall.
    unsafe {
        if !kwnames.is_null() && tupleobject::size(kwnames) > 0 {
            errors::type_error("weakref() takes no keyword arguments");
            return null_mut();
        }
        let nargs = call::nargs_of(nargsf);
        if nargs != 0 {
            errors::type_error(&format!("weakref expected 0 arguments, got {nargs}"));
            return null_mut();
        }
        let obj = get_ref(op);
        if obj.is_null() {
            new_ref(singletons::none())
        } else {
            obj
        }
    }
}

unsafe extern "C" fn weakref_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called with a weak reference.
    unsafe {
        let w = wr(op);
        if w.hash != -1 {
            return w.hash;
        }
        let obj = get_ref(op);
        if obj.is_null() {
            errors::type_error("weak object has gone away");
            return -1;
        }
        let h = abstract_::hash(obj);
        decref(obj);
        match h {
            Ok(h) => {
                wr(op).hash = h;
                h
            }
            Err(_) => -1,
        }
    }
}

/// The referent's `__name__` for the repr (`_PyObject_LookupSpecial(obj, "__name__")`), if
/// it is a `str`; a failing lookup is forgotten, as CPython's repr does.
unsafe fn referent_name(obj: *mut PyObject) -> Option<String> {
    // SAFETY: per caller, a live object.
    unsafe {
        match super::attr::lookup_special(obj, "__name__") {
            Ok(Some(n)) => {
                let r = unicodeobject::check(n).then(|| unicodeobject::as_str(n).to_owned());
                decref(n);
                r
            }
            Ok(None) => None,
            Err(_) => {
                errors::clear();
                None
            }
        }
    }
}

unsafe extern "C" fn weakref_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a weak reference.
    unsafe {
        let obj = get_ref(op);
        let text = if obj.is_null() {
            format!("<weakref at {op:p}; dead>")
        } else {
            let tn = type_name(type_of(obj));
            let t = match referent_name(obj) {
                Some(name) => format!("<weakref at {op:p}; to '{tn}' at {obj:p} ({name})>"),
                None => format!("<weakref at {op:p}; to '{tn}' at {obj:p}>"),
            };
            decref(obj);
            t
        };
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}

unsafe extern "C" fn weakref_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called with live objects.
    unsafe {
        if (op != Py_EQ && op != Py_NE) || !is_weakref(a) || !is_weakref(b) {
            return new_ref(singletons::not_implemented());
        }
        let x = get_ref(a);
        let y = get_ref(b);
        if x.is_null() || y.is_null() {
            xdecref(x);
            xdecref(y);
            return longobject::from_bool((a == b) == (op == Py_EQ));
        }
        let r = abstract_::rich_compare(x, y, op);
        decref(x);
        decref(y);
        r.unwrap_or(null_mut())
    }
}

// --- proxies ----------------------------------------------------------------------------------

/// The live referent of a proxy (new reference), or `ReferenceError` (`proxy_check_ref`).
unsafe fn referent(proxy: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a proxy.
    let obj = unsafe { get_ref(proxy) };
    if obj.is_null() {
        return Err(errors::set_string(
            &raw mut exceptions::_PyExc_ReferenceError,
            "weakly-referenced object no longer exists",
        ));
    }
    Ok(obj)
}

/// `UNWRAP`: a proxy's live referent, anything else itself (new references both).
unsafe fn unwrap(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a live object.
    unsafe {
        if check_proxy(o) {
            referent(o)
        } else {
            Ok(new_ref(o))
        }
    }
}

/// Runs `f` on the unwrapped operands, releasing them after.
unsafe fn with_unwrapped<const N: usize, R>(
    ops: [*mut PyObject; N],
    err: R,
    f: impl FnOnce([*mut PyObject; N]) -> R,
) -> R {
    // SAFETY: per caller, live objects.
    unsafe {
        let mut got = [null_mut(); N];
        for i in 0..N {
            match unwrap(ops[i]) {
                Ok(o) => got[i] = o,
                Err(_) => {
                    got[..i].iter().for_each(|&o| decref(o));
                    return err;
                }
            }
        }
        let r = f(got);
        got.iter().for_each(|&o| decref(o));
        r
    }
}

macro_rules! proxy_unary {
    ($($name:ident => $f:path),* $(,)?) => {$(
        unsafe extern "C" fn $name(a: *mut PyObject) -> *mut PyObject {
            // SAFETY: a slot called with a live object.
            unsafe { with_unwrapped([a], null_mut(), |[a]| $f(a)) }
        }
    )*};
}

macro_rules! proxy_binary {
    ($($name:ident => $f:path),* $(,)?) => {$(
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            // SAFETY: a slot called with live objects.
            unsafe { with_unwrapped([a, b], null_mut(), |[a, b]| $f(a, b)) }
        }
    )*};
}

macro_rules! proxy_ternary {
    ($($name:ident => $f:path),* $(,)?) => {$(
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
            // SAFETY: a slot called with live objects (`c` may be NULL).
            unsafe {
                if c.is_null() {
                    with_unwrapped([a, b], null_mut(), |[a, b]| $f(a, b, null_mut()))
                } else {
                    with_unwrapped([a, b, c], null_mut(), |[a, b, c]| $f(a, b, c))
                }
            }
        }
    )*};
}

use crate::capi::abstract_::number as n;

proxy_unary! {
    proxy_str => crate::capi::object::PyObject_Str,
    proxy_neg => n::PyNumber_Negative,
    proxy_pos => n::PyNumber_Positive,
    proxy_abs => n::PyNumber_Absolute,
    proxy_invert => n::PyNumber_Invert,
    proxy_int => n::PyNumber_Long,
    proxy_float => n::PyNumber_Float,
    proxy_index => n::PyNumber_Index,
}

proxy_binary! {
    proxy_add => n::PyNumber_Add,
    proxy_sub => n::PyNumber_Subtract,
    proxy_mul => n::PyNumber_Multiply,
    proxy_floor_div => n::PyNumber_FloorDivide,
    proxy_true_div => n::PyNumber_TrueDivide,
    proxy_mod => n::PyNumber_Remainder,
    proxy_divmod => n::PyNumber_Divmod,
    proxy_lshift => n::PyNumber_Lshift,
    proxy_rshift => n::PyNumber_Rshift,
    proxy_and => n::PyNumber_And,
    proxy_xor => n::PyNumber_Xor,
    proxy_or => n::PyNumber_Or,
    proxy_matmul => n::PyNumber_MatrixMultiply,
    proxy_iadd => n::PyNumber_InPlaceAdd,
    proxy_isub => n::PyNumber_InPlaceSubtract,
    proxy_imul => n::PyNumber_InPlaceMultiply,
    proxy_ifloor_div => n::PyNumber_InPlaceFloorDivide,
    proxy_itrue_div => n::PyNumber_InPlaceTrueDivide,
    proxy_imod => n::PyNumber_InPlaceRemainder,
    proxy_ilshift => n::PyNumber_InPlaceLshift,
    proxy_irshift => n::PyNumber_InPlaceRshift,
    proxy_iand => n::PyNumber_InPlaceAnd,
    proxy_ixor => n::PyNumber_InPlaceXor,
    proxy_ior => n::PyNumber_InPlaceOr,
    proxy_imatmul => n::PyNumber_InPlaceMatrixMultiply,
    proxy_getitem => crate::capi::abstract_::PyObject_GetItem,
}

proxy_ternary! {
    proxy_pow => n::PyNumber_Power,
    proxy_ipow => n::PyNumber_InPlacePower,
    proxy_call_inner => crate::capi::call::PyObject_Call,
}

unsafe extern "C" fn proxy_call(
    a: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: `tp_call` with a callable proxy, a tuple and NULL or a dict.
    unsafe { proxy_call_inner(a, args, kwargs) }
}

unsafe extern "C" fn proxy_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: a slot called with live objects.
    unsafe {
        with_unwrapped([a, b], null_mut(), |[a, b]| abstract_::rich_compare(a, b, op).unwrap_or(null_mut()))
    }
}

unsafe extern "C" fn proxy_bool(p: *mut PyObject) -> c_int {
    // SAFETY: a slot called with a proxy.
    unsafe {
        let Ok(o) = referent(p) else { return -1 };
        let r = abstract_::is_true(o);
        decref(o);
        match r {
            Ok(b) => b as c_int,
            Err(_) => -1,
        }
    }
}

unsafe extern "C" fn proxy_length(p: *mut PyObject) -> Py_ssize_t {
    // SAFETY: a slot called with a proxy.
    unsafe {
        let Ok(o) = referent(p) else { return -1 };
        let r = abstract_::length(o);
        decref(o);
        r.unwrap_or(-1)
    }
}

unsafe extern "C" fn proxy_contains(p: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: a slot called with a proxy and a live object.
    unsafe {
        let Ok(o) = referent(p) else { return -1 };
        let r = abstract_::sequence::contains(o, value);
        decref(o);
        match r {
            Ok(b) => b as c_int,
            Err(_) => -1,
        }
    }
}

unsafe extern "C" fn proxy_setitem(p: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: a slot called with a proxy, a key and NULL (delete) or a value.
    unsafe {
        let Ok(o) = referent(p) else { return -1 };
        let r = if value.is_null() {
            crate::capi::abstract_::PyObject_DelItem(o, key)
        } else {
            crate::capi::abstract_::PyObject_SetItem(o, key, value)
        };
        decref(o);
        r
    }
}

unsafe extern "C" fn proxy_iter(p: *mut PyObject) -> *mut PyObject {
    // SAFETY: a slot called with a proxy.
    unsafe {
        let Ok(o) = referent(p) else { return null_mut() };
        let r = abstract_::get_iter(o);
        decref(o);
        r.unwrap_or(null_mut())
    }
}

unsafe extern "C" fn proxy_iternext(p: *mut PyObject) -> *mut PyObject {
    // SAFETY: a slot called with a proxy.
    unsafe {
        let Ok(o) = referent(p) else { return null_mut() };
        let r = if !abstract_::iter_check(o) {
            errors::type_error(&format!(
                "Weakref proxy referenced a non-iterator '{}' object",
                abstract_::oname(o, 200)
            ));
            null_mut()
        } else {
            crate::capi::abstract_::PyIter_Next(o)
        };
        decref(o);
        r
    }
}

unsafe extern "C" fn proxy_repr(p: *mut PyObject) -> *mut PyObject {
    // SAFETY: called with a proxy.
    unsafe {
        let obj = get_ref(p);
        let text = if obj.is_null() {
            format!("<weakproxy at {p:p}; dead>")
        } else {
            let t = format!("<weakproxy at {p:p}; to '{}' at {obj:p}>", type_name(type_of(obj)));
            decref(obj);
            t
        };
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}

/// `PyObject_GetAttr(obj, name)` for the proxies.
unsafe fn get_attr(obj: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, live objects.
    unsafe { super::attr::get_attr(obj, name).unwrap_or(null_mut()) }
}

/// `PyObject_SetAttr(obj, name, value)` (NULL value: delete) for the proxies.
unsafe fn set_attr(obj: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: per caller, live objects.
    match unsafe { super::attr::set_attr(obj, name, value) } {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

unsafe extern "C" fn proxy_getattr(p: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: a slot called with a proxy and a name.
    unsafe { with_unwrapped([p, name], null_mut(), |[o, name]| get_attr(o, name)) }
}

unsafe extern "C" fn proxy_setattr(p: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: a slot called with a proxy, a name and NULL or a value.
    unsafe {
        let Ok(o) = referent(p) else { return -1 };
        let r = set_attr(o, name, value);
        decref(o);
        r
    }
}

static PROXY_NUMBER: ReadOnly<PyNumberMethods> = ReadOnly(PyNumberMethods {
    nb_add: Some(proxy_add),
    nb_subtract: Some(proxy_sub),
    nb_multiply: Some(proxy_mul),
    nb_remainder: Some(proxy_mod),
    nb_divmod: Some(proxy_divmod),
    nb_power: Some(proxy_pow),
    nb_negative: Some(proxy_neg),
    nb_positive: Some(proxy_pos),
    nb_absolute: Some(proxy_abs),
    nb_bool: Some(proxy_bool),
    nb_invert: Some(proxy_invert),
    nb_lshift: Some(proxy_lshift),
    nb_rshift: Some(proxy_rshift),
    nb_and: Some(proxy_and),
    nb_xor: Some(proxy_xor),
    nb_or: Some(proxy_or),
    nb_int: Some(proxy_int),
    nb_reserved: null_mut(),
    nb_float: Some(proxy_float),
    nb_inplace_add: Some(proxy_iadd),
    nb_inplace_subtract: Some(proxy_isub),
    nb_inplace_multiply: Some(proxy_imul),
    nb_inplace_remainder: Some(proxy_imod),
    nb_inplace_power: Some(proxy_ipow),
    nb_inplace_lshift: Some(proxy_ilshift),
    nb_inplace_rshift: Some(proxy_irshift),
    nb_inplace_and: Some(proxy_iand),
    nb_inplace_xor: Some(proxy_ixor),
    nb_inplace_or: Some(proxy_ior),
    nb_floor_divide: Some(proxy_floor_div),
    nb_true_divide: Some(proxy_true_div),
    nb_inplace_floor_divide: Some(proxy_ifloor_div),
    nb_inplace_true_divide: Some(proxy_itrue_div),
    nb_index: Some(proxy_index),
    nb_matrix_multiply: Some(proxy_matmul),
    nb_inplace_matrix_multiply: Some(proxy_imatmul),
});

static PROXY_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(proxy_length),
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

static PROXY_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(proxy_length),
    mp_subscript: Some(proxy_getitem),
    mp_ass_subscript: Some(proxy_setitem),
});

#[cfg(test)]
mod tests;
