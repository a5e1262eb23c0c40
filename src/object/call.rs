//! The call protocol (CPython's `Objects/call.c`): `tp_call` and vectorcall (PEP 590), the
//! conversions between their two argument forms, the result check every call ends with,
//! and the C recursion limit (`Py_EnterRecursiveCall`).
//!
//! Argument forms:
//! - *tuple/dict*: a tuple of positional arguments and a dict of keyword arguments (or
//!   NULL): what `tp_call` takes.
//! - *vector*: `args[0..nargs]` positional, then one value per name in the `kwnames` tuple
//!   (or NULL); `nargsf` may carry [`PY_VECTORCALL_ARGUMENTS_OFFSET`], which lets the callee
//!   use `args[-1]` as scratch space. What a `vectorcallfunc` takes.
//!
//! A callable whose type has `Py_TPFLAGS_HAVE_VECTORCALL` keeps a `vectorcallfunc` at
//! `tp_vectorcall_offset` inside the object; NULL there means "use `tp_call`". Functions
//! here return what C returns: a new reference, or NULL with an exception set.

use std::ffi::{c_char, CStr};
use std::ptr::null_mut;

use super::*;
use crate::tstate::ThreadState;

/// CPython 3.13's `Py_C_RECURSION_LIMIT` on Linux release builds: how many nested C calls
/// `Py_EnterRecursiveCall` allows on a thread state (10,001 enter before the first refusal,
/// as CPython's `remaining-- < 0` test gives).
pub(crate) const C_RECURSION_LIMIT: i32 = 10_000;

/// What CPython passes as `where` for a call through `tp_call` or a builtin function.
pub(crate) const WHILE_CALLING: &str = " while calling a Python object";

#[inline(always)]
fn tstate<'a>() -> Option<&'a ThreadState> {
    let ts = crate::tstate::current();
    // SAFETY: the attached thread state is live and only this thread uses its cells.
    (!ts.is_null()).then(|| unsafe { &*ts })
}

// --- recursion limit --------------------------------------------------------------------------

/// `Py_EnterRecursiveCall(where)`: counts one more nested C call on the current thread
/// state; past the limit raises `RecursionError("maximum recursion depth exceeded" +
/// where)`. With no thread state attached there is nothing to count (CPython crashes).
#[inline(always)]
pub(crate) fn enter(where_: &str) -> PyResult<()> {
    enter_with(|| where_.into())
}

/// [`enter`] with the `where` text made only when the limit is hit.
#[inline(always)]
pub(crate) fn enter_with<'a>(where_: impl FnOnce() -> std::borrow::Cow<'a, str>) -> PyResult<()> {
    let Some(ts) = tstate() else { return Ok(()) };
    let left = ts.c_recursion_remaining.get();
    ts.c_recursion_remaining.set(left - 1);
    if left < 0 {
        return check_recursive_call(ts, &where_());
    }
    Ok(())
}

/// `Py_LeaveRecursiveCall`.
#[inline(always)]
pub(crate) fn leave() {
    if let Some(ts) = tstate() {
        ts.c_recursion_remaining.set(ts.c_recursion_remaining.get() + 1);
    }
}

/// CPython 3.13's `_Py_CheckRecursiveCall`, reached once the count ran out: raises
/// `RecursionError` (undoing this call's count); while one is being raised (headroom), 50
/// more calls are allowed, then the process gives up as CPython does.
#[cold]
#[inline(never)]
fn check_recursive_call(ts: &ThreadState, where_: &str) -> PyResult<()> {
    if ts.recursion_headroom.get() != 0 {
        if ts.c_recursion_remaining.get() < -50 {
            crate::fatal::fatal(Some("_Py_CheckRecursiveCall"), "Cannot recover from stack overflow.");
        }
        return Ok(());
    }
    if ts.c_recursion_remaining.get() <= 0 {
        ts.recursion_headroom.set(ts.recursion_headroom.get() + 1);
        errors::recursion_error(&format!("maximum recursion depth exceeded{where_}"));
        ts.recursion_headroom.set(ts.recursion_headroom.get() - 1);
        ts.c_recursion_remaining.set(ts.c_recursion_remaining.get() + 1);
        return Err(PyErr);
    }
    Ok(())
}

// --- the result check ---------------------------------------------------------------------------

/// `_Py_CheckFunctionResult(callable, result)`: a NULL result must come with an exception
/// and a result without one, else `SystemError` ("<repr> returned NULL without setting an
/// exception" / "<repr> returned a result with an exception set", the latter chained from
/// the stray exception). Takes ownership of `result`.
#[inline(always)]
pub(crate) unsafe fn check_result(callable: *mut PyObject, result: *mut PyObject) -> *mut PyObject {
    let exc = errors::raised();
    if result.is_null() != exc.is_null() {
        return result;
    }
    // SAFETY: per caller.
    unsafe { bad_result(callable, result) }
}

/// The same check for a NULL result only (a non-NULL result is returned untouched): what
/// the paths CPython does not check get here, for the price of a test on the error path.
#[inline(always)]
pub(crate) unsafe fn check_null_result(callable: *mut PyObject, result: *mut PyObject) -> *mut PyObject {
    if !result.is_null() || !errors::raised().is_null() {
        return result;
    }
    // SAFETY: per caller.
    unsafe { bad_result(callable, result) }
}

#[cold]
#[inline(never)]
unsafe fn bad_result(callable: *mut PyObject, result: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, live objects.
    unsafe {
        if result.is_null() {
            let shown = errors::repr_lossy(callable);
            errors::system_error(&format!("{shown} returned NULL without setting an exception"));
        } else {
            decref(result);
            let cause = errors::take_raised();
            let shown = errors::repr_lossy(callable);
            errors::system_error(&format!("{shown} returned a result with an exception set"));
            let exc = errors::raised();
            if !exc.is_null() && !cause.is_null() {
                exceptions::set_cause(exc, new_ref(cause));
                exceptions::set_context(exc, new_ref(cause));
            }
            xdecref(cause);
        }
        null_mut()
    }
}

// --- vectorcall -------------------------------------------------------------------------------

/// `PyVectorcall_Function`: the callable's `vectorcallfunc`, or `None` when its type lacks
/// `Py_TPFLAGS_HAVE_VECTORCALL` or the slot is NULL.
#[inline(always)]
pub(crate) unsafe fn vectorcall_func(callable: *mut PyObject) -> vectorcallfunc {
    // SAFETY: per caller, a live object; a type with the flag keeps the slot at the offset.
    unsafe {
        let tp = type_of(callable);
        if !has_flag(tp, Py_TPFLAGS_HAVE_VECTORCALL) {
            return None;
        }
        let offset = (*tp).tp_vectorcall_offset;
        if offset <= 0 {
            return None;
        }
        std::ptr::read_unaligned((callable as *const u8).offset(offset) as *const vectorcallfunc)
    }
}

/// `PyObject_Vectorcall`: the callable's vectorcall if it has one, else `tp_call` with the
/// arguments packed into a tuple and a dict.
///
/// # Safety
/// `callable` is live; `args[0..nargs + len(kwnames)]` are live (and `args[-1]` writable
/// when `nargsf` has [`PY_VECTORCALL_ARGUMENTS_OFFSET`]); `kwnames` is NULL or a tuple of
/// str.
#[inline(always)]
pub(crate) unsafe fn vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        match vectorcall_func(callable) {
            Some(f) => check_result(callable, f(callable, args, nargsf, kwnames)),
            None => make_tp_call(callable, args, nargs_of(nargsf), kwnames),
        }
    }
}

/// `PyVectorcall_NARGS`.
#[inline(always)]
pub(crate) fn nargs_of(nargsf: usize) -> Py_ssize_t {
    (nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET) as Py_ssize_t
}

/// `_PyObject_MakeTpCall`: calls `tp_call` with `args[0..nargs]` as a tuple and the keyword
/// arguments as a dict; `keywords` is NULL, a dict, or a tuple of names whose values follow
/// the positional ones in `args`.
pub(crate) unsafe fn make_tp_call(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    keywords: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let Some(call) = (*type_of(callable)).tp_call else {
            return not_callable(callable);
        };
        let positional = if nargs == 0 { &[][..] } else { std::slice::from_raw_parts(args, nargs as usize) };
        let Ok(argstuple) = tupleobject::pack(positional) else { return null_mut() };
        let mut kwdict = keywords;
        if !keywords.is_null() && !dictobject::check(keywords) {
            if tupleobject::size(keywords) > 0 {
                match stack_as_dict(args.add(nargs as usize), keywords) {
                    Ok(d) => kwdict = d,
                    Err(_) => {
                        decref(argstuple);
                        return null_mut();
                    }
                }
            } else {
                kwdict = null_mut();
            }
        }
        let mut result = null_mut();
        if enter(WHILE_CALLING).is_ok() {
            result = call(callable, argstuple, kwdict);
            leave();
        }
        decref(argstuple);
        if kwdict != keywords {
            decref(kwdict);
        }
        check_result(callable, result)
    }
}

/// `_PyStack_AsDict`: a dict of `kwnames[i]: values[i]` (a repeated name keeps the last
/// value).
///
/// # Safety
/// `kwnames` is a tuple; `values` has as many live items.
pub(crate) unsafe fn stack_as_dict(values: *const *mut PyObject, kwnames: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let names = tupleobject::items(kwnames);
        let d = dictobject::new_presized(names.len())?;
        for (i, &k) in names.iter().enumerate() {
            if let Err(e) = dictobject::set(d, k, *values.add(i)) {
                decref(d);
                return Err(e);
            }
        }
        Ok(d)
    }
}

/// Arguments unpacked from a tuple and a dict into the vector form (`_PyStack_UnpackDict`):
/// owns a reference to every value and to `kwnames`, and leaves slot 0 free for
/// `PY_VECTORCALL_ARGUMENTS_OFFSET`.
pub(crate) struct Unpacked {
    stack: Vec<*mut PyObject>,
    pub(crate) kwnames: *mut PyObject,
}

impl Unpacked {
    /// The arguments (`args[-1]` is the free slot).
    pub(crate) fn args(&self) -> *const *mut PyObject {
        // SAFETY: the stack has at least the free slot.
        unsafe { self.stack.as_ptr().add(1) }
    }
}

impl Drop for Unpacked {
    fn drop(&mut self) {
        // SAFETY: every slot after the first and kwnames are owned references.
        unsafe {
            for &o in &self.stack[1..] {
                decref(o);
            }
            decref(self.kwnames);
        }
    }
}

/// `_PyStack_UnpackDict`: `args[0..nargs]` followed by the values of `kwargs` (a non-empty
/// dict), with its keys as `kwnames`. Keys must be str: else `TypeError("keywords must be
/// strings")`.
pub(crate) unsafe fn unpack_dict(
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwargs: *mut PyObject,
) -> PyResult<Unpacked> {
    // SAFETY: per caller.
    unsafe {
        let nkw = dictobject::size(kwargs);
        let kwnames = tupleobject::new(nkw)?;
        let mut stack = Vec::with_capacity(1 + nargs as usize + nkw as usize);
        stack.push(null_mut());
        for i in 0..nargs as usize {
            stack.push(new_ref(*args.add(i)));
        }
        let mut pos = 0;
        let mut i = 0;
        let mut all_str = true;
        while let Some((k, v)) = dictobject::next(kwargs, &mut pos) {
            all_str &= unicodeobject::check(k);
            tupleobject::set_item(kwnames, i, new_ref(k));
            stack.push(new_ref(v));
            i += 1;
        }
        let unpacked = Unpacked { stack, kwnames };
        if !all_str {
            drop(unpacked);
            return Err(errors::type_error("keywords must be strings"));
        }
        Ok(unpacked)
    }
}

/// `_PyVectorcall_Call`: calls `func` (the callable's vectorcall) with a tuple and a dict.
pub(crate) unsafe fn vectorcall_call_with(
    func: unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, usize, *mut PyObject) -> *mut PyObject,
    callable: *mut PyObject,
    tuple: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: per caller, a tuple and NULL or a dict.
    unsafe {
        let items = tupleobject::items(tuple);
        let nargs = items.len() as Py_ssize_t;
        if kwargs.is_null() || dictobject::size(kwargs) == 0 {
            // CPython does not check this result; a NULL without an exception still gets
            // its SystemError here (it costs nothing on success).
            return check_null_result(callable, func(callable, items.as_ptr(), nargs as usize, null_mut()));
        }
        let Ok(u) = unpack_dict(items.as_ptr(), nargs, kwargs) else { return null_mut() };
        let result = func(callable, u.args(), nargs as usize | PY_VECTORCALL_ARGUMENTS_OFFSET, u.kwnames);
        drop(u);
        check_result(callable, result)
    }
}

/// `PyVectorcall_Call`: the callable's vectorcall (found by `tp_vectorcall_offset` alone,
/// without the flag) with a tuple and a dict; `TypeError` if it has none.
pub(crate) unsafe fn vectorcall_call(callable: *mut PyObject, tuple: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(callable);
        let offset = (*tp).tp_vectorcall_offset;
        let func = if offset > 0 {
            std::ptr::read_unaligned((callable as *const u8).offset(offset) as *const vectorcallfunc)
        } else {
            None
        };
        match func {
            Some(f) => vectorcall_call_with(f, callable, tuple, kwargs),
            None => {
                errors::type_error(&format!(
                    "'{}' object does not support vectorcall",
                    abstract_::oname(callable, 200)
                ));
                null_mut()
            }
        }
    }
}

/// `PyObject_Call` (`_PyObject_Call`): the vectorcall if the callable has one (the tuple
/// and dict converted), else `tp_call` inside the recursion limit.
///
/// # Safety
/// Live objects: `args` a tuple, `kwargs` NULL or a dict.
#[inline(always)]
pub(crate) unsafe fn call(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = vectorcall_func(callable) {
            return vectorcall_call_with(f, callable, args, kwargs);
        }
        let Some(call) = (*type_of(callable)).tp_call else {
            return not_callable(callable);
        };
        if enter(WHILE_CALLING).is_err() {
            return null_mut();
        }
        let result = call(callable, args, kwargs);
        leave();
        check_result(callable, result)
    }
}

/// `PyObject_VectorcallDict` (`_PyObject_FastCallDictTstate`): vector positional
/// arguments, keyword arguments in a dict (NULL for none).
pub(crate) unsafe fn vectorcall_dict(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let nargs = nargs_of(nargsf);
        let Some(func) = vectorcall_func(callable) else {
            return make_tp_call(callable, args, nargs, kwargs);
        };
        let result = if kwargs.is_null() || dictobject::size(kwargs) == 0 {
            func(callable, args, nargsf, null_mut())
        } else {
            let Ok(u) = unpack_dict(args, nargs, kwargs) else { return null_mut() };
            let r = func(callable, u.args(), nargs as usize | PY_VECTORCALL_ARGUMENTS_OFFSET, u.kwnames);
            drop(u);
            r
        };
        check_result(callable, result)
    }
}

/// `TypeError("'T' object is not callable")`; returns NULL.
#[cold]
pub(crate) unsafe fn not_callable(callable: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    let name = unsafe { abstract_::oname(callable, 200) };
    errors::type_error(&format!("'{name}' object is not callable"));
    null_mut()
}

/// The C string `where` of `Py_EnterRecursiveCall` as text (NULL as empty).
pub(crate) unsafe fn where_text<'a>(where_: *const c_char) -> std::borrow::Cow<'a, str> {
    if where_.is_null() {
        return "".into();
    }
    // SAFETY: per caller, NUL-terminated.
    unsafe { CStr::from_ptr(where_) }.to_string_lossy()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::with_runtime;

    #[test]
    fn recursion_limit_counts_per_thread_state_and_recovers() {
        with_runtime(|| {
            let mut n = 0;
            while enter(" in a test").is_ok() {
                n += 1;
                assert!(n <= C_RECURSION_LIMIT + 1, "the limit never hit");
            }
            assert_eq!(n, C_RECURSION_LIMIT + 1);
            // SAFETY: the exception just raised.
            unsafe {
                let e = errors::take_raised();
                assert_eq!(type_of(e), &raw mut exceptions::_PyExc_RecursionError);
                let s = abstract_::str(e).unwrap();
                assert_eq!(unicodeobject::as_str(s), "maximum recursion depth exceeded in a test");
                decref(s);
                decref(e);
            }
            for _ in 0..n {
                leave();
            }
            // Back to the start: the whole depth is available again.
            let mut again = 0;
            while enter("").is_ok() {
                again += 1;
            }
            errors::clear();
            for _ in 0..again {
                leave();
            }
            assert_eq!(again, n);
        });
    }
}
