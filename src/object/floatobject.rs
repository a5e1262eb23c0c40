//! `float`: CPython's layout (`PyObject_HEAD double ob_fval`), its slots and conversions
//! with CPython 3.13's semantics and texts. Arithmetic is in `arith`.
//!
//! No free list: the interpreter's heap has a size class for 24-byte blocks, which serves
//! the same purpose.

use std::cmp::Ordering;
use std::ffi::c_int;
use std::mem::size_of;
use std::ptr::null_mut;

use super::bigint::BigInt;
use super::longobject::{self, from_bool, ordering_matches};
use super::*;
use crate::abi::{PyFloatObject, Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};

mod arith;

pub(crate) use arith::float_pow;

/// `float`.
#[unsafe(no_mangle)]
pub static mut PyFloat_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"float".as_ptr(),
    tp_basicsize: size_of::<PyFloatObject>() as Py_ssize_t,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_repr: Some(float_repr),
    tp_as_number: arith::FLOAT_AS_NUMBER.as_mut_ptr(),
    tp_hash: Some(float_hash),
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_IMMUTABLETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"Convert a string or number to a floating-point number, if possible.".as_ptr(),
    tp_richcompare: Some(float_richcompare),
    tp_new: Some(float_new),
    ..TYPE_TEMPLATE
};

/// A new `float` (`PyFloat_FromDouble`).
#[inline]
pub(crate) fn from_f64(v: f64) -> PyResult<Owned> {
    let p = alloc::malloc(size_of::<PyFloatObject>()) as *mut PyFloatObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p.cast(), &raw mut PyFloat_Type);
        (*p).ob_fval = v;
    }
    Ok(p.cast())
}

/// The value of a float (`PyFloat_AS_DOUBLE`).
///
/// # Safety
/// `op` is a float or an instance of a subclass.
#[inline]
pub(crate) unsafe fn value(op: *mut PyObject) -> f64 {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyFloatObject)).ob_fval }
}

/// `PyFloat_Check`.
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { typeobject::type_check(op, &raw mut PyFloat_Type) }
}

/// `PyFloat_CheckExact`.
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { type_of(op) == &raw mut PyFloat_Type }
}

unsafe extern "C" fn float_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract: a float.
    let text = floatrepr::repr(unsafe { value(op) });
    unicodeobject::from_str(&text).unwrap_or(null_mut())
}

/// `hash(float)`: equal to the hash of an equal int (`hash(2.0) == hash(2)`); a NaN hashes
/// by identity, as in 3.10+.
unsafe extern "C" fn float_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: slot contract.
    pyhash::hash_double_or_identity(unsafe { value(op) }, op as usize)
}

/// The binary exponent of a finite nonzero `x`: `x = m * 2**e` with `0.5 <= |m| < 1`
/// (C's `frexp`).
pub(crate) fn frexp_exponent(x: f64) -> i32 {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: the exponent of its leading bit.
        let frac = bits & ((1 << 52) - 1);
        return -1022 - (frac.leading_zeros() as i32 - 12);
    }
    biased - 1022
}

/// `float` compared with a float or an int, exactly: ints beyond 2**53 are not rounded to
/// a float first (CPython's `float_richcompare`).
unsafe extern "C" fn float_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
    if !(Py_LT..=Py_GE).contains(&op) {
        errors::bad_internal_call();
        return null_mut();
    }
    // SAFETY: slot contract: `v` is a float, `w` live.
    unsafe {
        let i = value(v);
        if check(w) {
            return from_bool(compare_f64(i, value(w), op));
        }
        if !longobject::check(w) {
            return new_ref(singletons::not_implemented());
        }
        if !i.is_finite() {
            // Infinities exceed every int; NaN compares false (or unequal) with anything.
            return from_bool(compare_f64(i, 0.0, op));
        }
        let vsign = if i == 0.0 {
            0
        } else if i < 0.0 {
            -1
        } else {
            1
        };
        let wsign = longobject::sign(w);
        if vsign != wsign {
            return from_bool(compare_f64(vsign as f64, wsign as f64, op));
        }
        let nbits = longobject::num_bits(w);
        if nbits <= 48 {
            // Exactly representable.
            return match longobject::as_f64(w) {
                Ok(j) => from_bool(compare_f64(i, j, op)),
                Err(_) => null_mut(),
            };
        }
        let exponent = frexp_exponent(i);
        if exponent < 0 || (exponent as u64) < nbits {
            return from_bool(compare_f64(0.0, i, op));
        }
        if exponent as u64 > nbits {
            return from_bool(compare_f64(i, 0.0, op));
        }
        // Same number of bits before the point: compare the integer part as ints. A
        // fractional part makes `<=` the same as `<` (and `>=` as `>`) on it.
        let intpart = i.trunc();
        let mut op = op;
        if i != intpart {
            match op {
                Py_EQ => return from_bool(false),
                Py_NE => return from_bool(true),
                Py_LT | Py_LE => op = if vsign > 0 { Py_LT } else { Py_LE },
                _ => op = if vsign > 0 { Py_GE } else { Py_GT },
            }
        }
        let vv = BigInt::from_f64(intpart).expect("finite");
        let ord: Ordering = vv.cmp(&longobject::to_bigint(w));
        from_bool(ordering_matches(ord, op))
    }
}

/// C's comparison of two doubles (NaN: only `!=` is true).
fn compare_f64(i: f64, j: f64, op: c_int) -> bool {
    match op {
        Py_EQ => i == j,
        Py_NE => i != j,
        Py_LE => i <= j,
        Py_GE => i >= j,
        Py_LT => i < j,
        _ => i > j,
    }
}

/// `PyFloat_AsDouble` for a non-NULL object: a float's value, else `__float__`
/// (`nb_float`, which must return a float), else `__index__`; TypeError "must be real
/// number, not T" otherwise.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn as_double(op: *mut PyObject) -> PyResult<f64> {
    // SAFETY: per caller.
    unsafe {
        if check(op) {
            return Ok(value(op));
        }
        let tp = type_of(op);
        let nb = (*tp).tp_as_number;
        let nb_float = if nb.is_null() { None } else { (*nb).nb_float };
        let Some(f) = nb_float else {
            if !nb.is_null() && (*nb).nb_index.is_some() {
                let r = abstract_::number::index_any(op)?;
                let v = longobject::as_f64(r);
                decref(r);
                return v;
            }
            return Err(errors::type_error(&format!("must be real number, not {}", short_name(tp))));
        };
        let r = f(op);
        if r.is_null() {
            return Err(PyErr);
        }
        float_result_value(op, r)
    }
}

/// The value of what `op.__float__()` returned (`r`, a new reference, consumed): a float
/// is read; an instance of a strict subclass of float is read after a
/// `DeprecationWarning` (which may be an error); anything else is CPython's TypeError.
///
/// # Safety
/// `op` is live; `r` is a live object whose reference the caller gives up.
pub(crate) unsafe fn float_result_value(op: *mut PyObject, r: Owned) -> PyResult<f64> {
    // SAFETY: per caller.
    unsafe {
        if !check_exact(r) {
            let (tp, rtp) = (short_name(type_of(op)), short_name(type_of(r)));
            if !check(r) {
                decref(r);
                return Err(errors::type_error(&format!("{tp}.__float__ returned non-float (type {rtp})")));
            }
            let msg = format!(
                "{tp}.__float__ returned non-float (type {rtp}).  The ability to return an instance of a \
                 strict subclass of float is deprecated, and may be removed in a future version of Python."
            );
            if let Err(e) =
                exceptions::warnings::warn(&raw mut exceptions::_PyExc_DeprecationWarning, &msg, 1)
            {
                decref(r);
                return Err(e);
            }
        }
        let v = value(r);
        decref(r);
        Ok(v)
    }
}

/// `%.50s` of a type's name, as CPython's float messages print it.
unsafe fn short_name(tp: *mut PyTypeObject) -> String {
    // SAFETY: per caller, a live type.
    unsafe { abstract_::tname(tp, 50) }
}

/// `PyFloat_FromString`: the text of a str (Unicode digits and spaces allowed, underscores
/// between digits), a bytes, a bytearray or any other buffer holding a float literal. The
/// ValueError quotes `repr(op)`.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn from_string(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        let parsed = if has_flag(tp, Py_TPFLAGS_UNICODE_SUBCLASS) {
            floatrepr::parse(unicodeobject::as_str(op)).map_err(|e| e.to_string())
        } else if has_flag(tp, Py_TPFLAGS_BYTES_SUBCLASS) {
            floatrepr::parse_bytes(bytesobject::as_slice(op)).map_err(|e| e.to_string())
        } else {
            let v = if bytearrayobject::check(op) {
                floatrepr::parse_raw(bytearrayobject::as_slice(op))
            } else if buffer::check(op) {
                match buffer::View::get(op) {
                    Ok(view) => floatrepr::parse_raw(view.bytes()),
                    Err(_) => return Err(not_a_number(tp)),
                }
            } else {
                return Err(not_a_number(tp));
            };
            match v {
                Some(v) => Ok(v),
                None => {
                    let repr = abstract_::repr(op)?;
                    let msg = format!("could not convert string to float: {}", unicodeobject::as_str(repr));
                    decref(repr);
                    Err(msg)
                }
            }
        };
        match parsed {
            Ok(v) => from_f64(v),
            Err(msg) => Err(errors::value_error(&msg)),
        }
    }
}

/// TypeError "float() argument must be a string or a real number, not 'T'".
unsafe fn not_a_number(tp: *mut PyTypeObject) -> PyErr {
    // SAFETY: per caller, a live type.
    let name = unsafe { abstract_::tname(tp, 200) };
    errors::type_error(&format!("float() argument must be a string or a real number, not '{name}'"))
}

/// `float(x)` once unpacked (CPython's `float_new_impl`).
unsafe fn float_new_impl(tp: *mut PyTypeObject, x: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if tp != &raw mut PyFloat_Type {
            // A subtype: make a float, then copy its value into the subtype's allocation.
            let x = if x.is_null() { longobject::small(0).expect("small") } else { x };
            let tmp = float_new_impl(&raw mut PyFloat_Type, x)?;
            let alloc = (*tp).tp_alloc.unwrap_or(crate::capi::typeobject::PyType_GenericAlloc);
            let new = alloc(tp, 0);
            if !new.is_null() {
                (*(new as *mut PyFloatObject)).ob_fval = value(tmp);
            }
            decref(tmp);
            return if new.is_null() { Err(PyErr) } else { Ok(new) };
        }
        if x.is_null() {
            return from_f64(0.0);
        }
        if type_of(x) == &raw mut unicodeobject::PyUnicode_Type {
            return from_string(x);
        }
        abstract_::number::float(x)
    }
}

/// `float.__new__` (`tp_new`): `float()`, `float(x)`. No keywords (unless a subtype
/// defines `__init__`), at most one argument, with CPython's texts.
unsafe extern "C" fn float_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp_new is called with a type, a tuple (or NULL) and NULL or a mapping.
    unsafe {
        let base = &raw mut PyFloat_Type;
        let init = |t: *mut PyTypeObject| (*t).tp_init.map(|f| f as usize);
        let no_kw = tp == base || init(tp) == init(base);
        if no_kw && abstract_::no_keywords("float", kwds).is_err() {
            return null_mut();
        }
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        if n > 1 {
            errors::type_error(&format!("float expected at most 1 argument, got {n}"));
            return null_mut();
        }
        let x = if n == 1 { tupleobject::get_item(args, 0) } else { null_mut() };
        float_new_impl(tp, x).unwrap_or(null_mut())
    }
}
