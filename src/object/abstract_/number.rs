//! The number protocol (CPython's `abstract.c`): binary operators with CPython's dispatch
//! (`binary_op1`: the right operand's slot first when its type is a proper subtype of the
//! left's and overrides the slot; `NotImplemented` passes to the other side), `pow()` with
//! the third operand (`ternary_op`), in-place operators (the in-place slot, then the binary
//! one), the sequence fallbacks of `+` and `*`, unary operators, and the conversions
//! (`__index__`, `int()`, `float()`, `PyNumber_AsSsize_t`, `PyNumber_ToBase`).
//!
//! Slot functions are always called as `slot(v, w)`, whichever side they come from: C
//! number slots check both operands' types themselves.

use super::*;

type BinSlot = fn(&PyNumberMethods) -> binaryfunc;
type TernSlot = fn(&PyNumberMethods) -> ternaryfunc;

/// The binary operators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    FloorDiv,
    TrueDiv,
    Rem,
    Divmod,
    Lshift,
    Rshift,
    And,
    Xor,
    Or,
}

impl BinOp {
    fn slot(self) -> BinSlot {
        match self {
            BinOp::Add => |m| m.nb_add,
            BinOp::Sub => |m| m.nb_subtract,
            BinOp::Mul => |m| m.nb_multiply,
            BinOp::MatMul => |m| m.nb_matrix_multiply,
            BinOp::FloorDiv => |m| m.nb_floor_divide,
            BinOp::TrueDiv => |m| m.nb_true_divide,
            BinOp::Rem => |m| m.nb_remainder,
            BinOp::Divmod => |m| m.nb_divmod,
            BinOp::Lshift => |m| m.nb_lshift,
            BinOp::Rshift => |m| m.nb_rshift,
            BinOp::And => |m| m.nb_and,
            BinOp::Xor => |m| m.nb_xor,
            BinOp::Or => |m| m.nb_or,
        }
    }

    /// The in-place slot (`divmod` has none).
    fn islot(self) -> Option<BinSlot> {
        Some(match self {
            BinOp::Add => |m| m.nb_inplace_add,
            BinOp::Sub => |m| m.nb_inplace_subtract,
            BinOp::Mul => |m| m.nb_inplace_multiply,
            BinOp::MatMul => |m| m.nb_inplace_matrix_multiply,
            BinOp::FloorDiv => |m| m.nb_inplace_floor_divide,
            BinOp::TrueDiv => |m| m.nb_inplace_true_divide,
            BinOp::Rem => |m| m.nb_inplace_remainder,
            BinOp::Divmod => return None,
            BinOp::Lshift => |m| m.nb_inplace_lshift,
            BinOp::Rshift => |m| m.nb_inplace_rshift,
            BinOp::And => |m| m.nb_inplace_and,
            BinOp::Xor => |m| m.nb_inplace_xor,
            BinOp::Or => |m| m.nb_inplace_or,
        })
    }

    /// The operator as CPython's messages spell it.
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::FloorDiv => "//",
            BinOp::TrueDiv => "/",
            BinOp::Rem => "%",
            BinOp::Divmod => "divmod()",
            BinOp::Lshift => "<<",
            BinOp::Rshift => ">>",
            BinOp::And => "&",
            BinOp::Xor => "^",
            BinOp::Or => "|",
        }
    }

    fn isymbol(self) -> &'static str {
        match self {
            BinOp::Add => "+=",
            BinOp::Sub => "-=",
            BinOp::Mul => "*=",
            BinOp::MatMul => "@=",
            BinOp::FloorDiv => "//=",
            BinOp::TrueDiv => "/=",
            BinOp::Rem => "%=",
            BinOp::Divmod => "divmod()",
            BinOp::Lshift => "<<=",
            BinOp::Rshift => ">>=",
            BinOp::And => "&=",
            BinOp::Xor => "^=",
            BinOp::Or => "|=",
        }
    }
}

/// A slot's result: NULL is an error, `NotImplemented` is `None`.
#[inline]
unsafe fn slot_result(r: *mut PyObject) -> PyResult<Option<Owned>> {
    if r.is_null() {
        Err(PyErr)
    } else if r == singletons::not_implemented() {
        // SAFETY: the slot returned a reference (to an immortal object, but still ours).
        unsafe { decref(r) };
        Ok(None)
    } else {
        Ok(Some(r))
    }
}

/// CPython's `binary_op1`: `Ok(None)` when both sides returned `NotImplemented`.
pub(crate) unsafe fn binary_op1(
    v: *mut PyObject,
    w: *mut PyObject,
    slot: BinSlot,
) -> PyResult<Option<Owned>> {
    // SAFETY: per caller, live objects.
    unsafe {
        let slotv = nb(v).and_then(slot);
        let mut slotw = None;
        if type_of(w) != type_of(v) {
            slotw = nb(w).and_then(slot);
            if slotw.map(|f| f as usize) == slotv.map(|f| f as usize) {
                slotw = None;
            }
        }
        if let Some(fv) = slotv {
            if let Some(fw) = slotw {
                if typeobject::is_subtype(type_of(w), type_of(v)) {
                    if let Some(r) = slot_result(fw(v, w))? {
                        return Ok(Some(r));
                    }
                    slotw = None;
                }
            }
            if let Some(r) = slot_result(fv(v, w))? {
                return Ok(Some(r));
            }
        }
        if let Some(fw) = slotw {
            return slot_result(fw(v, w));
        }
        Ok(None)
    }
}

/// CPython's `binary_iop1`: the in-place slot of `v`, then [`binary_op1`].
unsafe fn binary_iop1(v: *mut PyObject, w: *mut PyObject, op: BinOp) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        if let (Some(m), Some(islot)) = (nb(v), op.islot()) {
            if let Some(f) = islot(m) {
                if let Some(r) = slot_result(f(v, w))? {
                    return Ok(Some(r));
                }
            }
        }
        binary_op1(v, w, op.slot())
    }
}

unsafe fn binop_type_error(v: *mut PyObject, w: *mut PyObject, symbol: &str) -> PyErr {
    // SAFETY: per caller.
    unsafe {
        errors::type_error(&format!(
            "unsupported operand type(s) for {symbol}: '{}' and '{}'",
            oname(v, 100),
            oname(w, 100)
        ))
    }
}

/// `v <op> w` (`PyNumber_Add`, `PyNumber_Subtract`, ...). `+` falls back to `sq_concat` of
/// `v`, and `*` to `sq_repeat` of either operand.
pub(crate) unsafe fn binary(v: *mut PyObject, w: *mut PyObject, op: BinOp) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(r) = binary_op1(v, w, op.slot())? {
            return Ok(r);
        }
        match op {
            BinOp::Add => {
                if let Some(f) = sq(v).and_then(|m| m.sq_concat) {
                    let r = f(v, w);
                    return if r.is_null() { Err(PyErr) } else { Ok(r) };
                }
            }
            BinOp::Mul => {
                if let Some(f) = sq(v).and_then(|m| m.sq_repeat) {
                    return sequence_repeat(f, v, w);
                }
                if let Some(f) = sq(w).and_then(|m| m.sq_repeat) {
                    return sequence_repeat(f, w, v);
                }
            }
            _ => {}
        }
        Err(binop_type_error(v, w, op.symbol()))
    }
}

/// `v <op>= w` (`PyNumber_InPlaceAdd`, ...): the in-place slot, then the binary dispatch;
/// `+=` falls back to `sq_inplace_concat`/`sq_concat` of `v`, and `*=` to
/// `sq_inplace_repeat`/`sq_repeat` of `v`, or `sq_repeat` of `w` only if `v` has no sequence
/// methods at all (CPython's order).
pub(crate) unsafe fn in_place(v: *mut PyObject, w: *mut PyObject, op: BinOp) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(r) = binary_iop1(v, w, op)? {
            return Ok(r);
        }
        match op {
            BinOp::Add => {
                if let Some(f) = sq(v).and_then(|m| m.sq_inplace_concat.or(m.sq_concat)) {
                    let r = f(v, w);
                    return if r.is_null() { Err(PyErr) } else { Ok(r) };
                }
            }
            BinOp::Mul => match sq(v) {
                Some(m) => {
                    if let Some(f) = m.sq_inplace_repeat.or(m.sq_repeat) {
                        return sequence_repeat(f, v, w);
                    }
                }
                None => {
                    // The right operand is not mutated, so its in-place repeat is not used.
                    if let Some(f) = sq(w).and_then(|m| m.sq_repeat) {
                        return sequence_repeat(f, w, v);
                    }
                }
            },
            _ => {}
        }
        Err(binop_type_error(v, w, op.isymbol()))
    }
}

/// `seq * n` through a repeat slot: `n` must have `__index__`.
unsafe fn sequence_repeat(
    f: unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject,
    seq: *mut PyObject,
    n: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if !index_check(n) {
            return Err(errors::type_error(&format!(
                "can't multiply sequence by non-int of type '{}'",
                oname(n, 200)
            )));
        }
        let count = as_ssize_t(n, (&raw mut exceptions::_PyExc_OverflowError).cast())?;
        let r = f(seq, count);
        if r.is_null() {
            Err(PyErr)
        } else {
            Ok(r)
        }
    }
}

/// CPython's `ternary_op`: `v`'s and `w`'s slots as in [`binary_op1`], then `z`'s.
unsafe fn ternary_op(
    v: *mut PyObject,
    w: *mut PyObject,
    z: *mut PyObject,
    slot: TernSlot,
    symbol: &str,
) -> PyResult<Owned> {
    // SAFETY: per caller, live objects.
    unsafe {
        let slotv = nb(v).and_then(slot);
        let mut slotw = None;
        if type_of(w) != type_of(v) {
            slotw = nb(w).and_then(slot);
            if slotw.map(|f| f as usize) == slotv.map(|f| f as usize) {
                slotw = None;
            }
        }
        if let Some(fv) = slotv {
            if let Some(fw) = slotw {
                if typeobject::is_subtype(type_of(w), type_of(v)) {
                    if let Some(r) = slot_result(fw(v, w, z))? {
                        return Ok(r);
                    }
                    slotw = None;
                }
            }
            if let Some(r) = slot_result(fv(v, w, z))? {
                return Ok(r);
            }
        }
        if let Some(fw) = slotw {
            if let Some(r) = slot_result(fw(v, w, z))? {
                return Ok(r);
            }
        }
        if let Some(fz) = nb(z).and_then(slot) {
            let same =
                |f: Option<unsafe extern "C" fn(_, _, _) -> _>| f.map(|f| f as usize) == Some(fz as usize);
            if !same(slotv) && !same(slotw) {
                if let Some(r) = slot_result(fz(v, w, z))? {
                    return Ok(r);
                }
            }
        }
        Err(if z == singletons::none() {
            binop_type_error(v, w, symbol)
        } else {
            errors::type_error(&format!(
                "unsupported operand type(s) for {symbol}: '{}', '{}', '{}'",
                oname(v, 100),
                oname(w, 100),
                oname(z, 100)
            ))
        })
    }
}

/// `pow(v, w, z)` (`PyNumber_Power`; `z` is `None` for two-argument `pow`).
pub(crate) unsafe fn power(v: *mut PyObject, w: *mut PyObject, z: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe { ternary_op(v, w, z, |m| m.nb_power, "** or pow()") }
}

/// `v **= w` (`PyNumber_InPlacePower`): `nb_inplace_power`, then [`power`]'s dispatch.
pub(crate) unsafe fn in_place_power(v: *mut PyObject, w: *mut PyObject, z: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if let Some(f) = nb(v).and_then(|m| m.nb_inplace_power) {
            if let Some(r) = slot_result(f(v, w, z))? {
                return Ok(r);
            }
        }
        ternary_op(v, w, z, |m| m.nb_power, "**=")
    }
}

/// The unary operators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum UnaryOp {
    Negative,
    Positive,
    Absolute,
    Invert,
}

/// `-o`, `+o`, `abs(o)`, `~o`.
pub(crate) unsafe fn unary(o: *mut PyObject, op: UnaryOp) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let (f, what) = match op {
            UnaryOp::Negative => (nb(o).and_then(|m| m.nb_negative), "unary -"),
            UnaryOp::Positive => (nb(o).and_then(|m| m.nb_positive), "unary +"),
            UnaryOp::Absolute => (nb(o).and_then(|m| m.nb_absolute), "abs()"),
            UnaryOp::Invert => (nb(o).and_then(|m| m.nb_invert), "unary ~"),
        };
        match f {
            Some(f) => {
                let r = f(o);
                if r.is_null() {
                    Err(PyErr)
                } else {
                    Ok(r)
                }
            }
            None => Err(errors::type_error(&format!("bad operand type for {what}: '{}'", oname(o, 200)))),
        }
    }
}

/// `PyNumber_Check`: `__index__`, `__int__` or `__float__` (or a complex, whose check
/// joins this when `complex` comes with the numbers).
pub(crate) unsafe fn check(o: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        is_int(o) || nb(o).is_some_and(|m| m.nb_index.is_some() || m.nb_int.is_some() || m.nb_float.is_some())
    }
}

/// `PyIndex_Check`: the type has `nb_index`. Every `int` has it in CPython (subclasses
/// inherit it): the flag test says so before the numbers give the core `int` its slots, and
/// is the fast path after.
#[inline]
pub(crate) unsafe fn index_check(o: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { is_int(o) || nb(o).is_some_and(|m| m.nb_index.is_some()) }
}

#[inline]
unsafe fn is_int(o: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { has_flag(type_of(o), Py_TPFLAGS_LONG_SUBCLASS) }
}

#[inline]
unsafe fn is_exact_int(o: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { type_of(o) == &raw mut longobject::PyLong_Type }
}

/// CPython's `_PyNumber_Index`: an `int` (or instance of a subclass) for `o`. The one
/// implementation of `__index__`: `PyNumber_Index`, `PyNumber_AsSsize_t`, the `PyLong_As*`
/// functions, slicing, `range()` and `float()` all come through here.
///
/// Errors: `TypeError` "'T' object cannot be interpreted as an integer" or "__index__
/// returned non-int (type T)"; a `DeprecationWarning` (which may be an error) when
/// `__index__` returns an instance of a strict subclass of `int`.
pub(crate) unsafe fn index_any(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if is_int(o) {
            return Ok(new_ref(o));
        }
        let Some(f) = nb(o).and_then(|m| m.nb_index) else {
            return Err(errors::type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                oname(o, 200)
            )));
        };
        check_int_result(f(o), "__index__")
    }
}

/// What `__index__` or `__int__` returned: an exact `int` passes; an instance of a strict
/// subclass passes with a `DeprecationWarning`; anything else is a `TypeError`.
unsafe fn check_int_result(r: *mut PyObject, what: &str) -> PyResult<Owned> {
    // SAFETY: per caller, NULL or a new reference.
    unsafe {
        if r.is_null() || is_exact_int(r) {
            return if r.is_null() { Err(PyErr) } else { Ok(r) };
        }
        if !is_int(r) {
            let e = errors::type_error(&format!("{what} returned non-int (type {})", oname(r, 200)));
            decref(r);
            return Err(e);
        }
        let msg = format!(
            "{what} returned non-int (type {}).  The ability to return an instance of a strict \
             subclass of int is deprecated, and may be removed in a future version of Python.",
            oname(r, 200)
        );
        if let Err(e) = exceptions::warnings::warn(&raw mut exceptions::_PyExc_DeprecationWarning, &msg, 1) {
            decref(r);
            return Err(e);
        }
        Ok(r)
    }
}

/// An exact `int` for an `int` result (`_PyLong_Copy` of a subclass instance).
unsafe fn exact(r: Owned) -> PyResult<Owned> {
    // SAFETY: per caller, an owned int.
    unsafe {
        if is_exact_int(r) {
            return Ok(r);
        }
        let c = longobject::long_long(r);
        decref(r);
        c
    }
}

/// `operator.index(o)` (`PyNumber_Index`): always an exact `int`.
pub(crate) unsafe fn index(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe { exact(index_any(o)?) }
}

/// `PyNumber_AsSsize_t(o, exc)`: `o.__index__()` as `Py_ssize_t`. Out of range: raises
/// `exc` ("cannot fit 'T' into an index-sized integer"), or clamps when `exc` is NULL.
pub(crate) unsafe fn as_ssize_t(o: *mut PyObject, exc: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        if is_exact_int(o) {
            // The common case (subscripts, repeat counts): no reference to take.
            if let Some(x) = longobject::as_i64(o) {
                return Ok(x as Py_ssize_t);
            }
        }
        let v = index_any(o)?;
        let r = longobject::as_i64(v);
        let negative = longobject::sign(v) < 0;
        decref(v);
        match r {
            Some(x) => Ok(x as Py_ssize_t),
            None if exc.is_null() => Ok(if negative { Py_ssize_t::MIN } else { Py_ssize_t::MAX }),
            None => Err(errors::set_string(
                exc.cast(),
                &format!("cannot fit '{}' into an index-sized integer", oname(o, 200)),
            )),
        }
    }
}

/// `int(o)` (`PyNumber_Long`, and `int.__new__` with one argument): `__int__` (an `int`
/// subclass result is copied, with a `DeprecationWarning`), `__index__`, then the text of a
/// `str`, `bytes`, `bytearray` or any other buffer (copied to `bytes` first, as CPython) in
/// base 10. `__trunc__` is a special method looked up by name, which needs attribute lookup
/// (issue 4): an object with only `__trunc__` gets the `TypeError`.
pub(crate) unsafe fn long(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if is_exact_int(o) {
            return Ok(new_ref(o));
        }
        if let Some(m) = nb(o) {
            if let Some(f) = m.nb_int {
                return exact(check_int_result(f(o), "__int__")?);
            }
            if m.nb_index.is_some() {
                return index(o);
            }
        }
        let tp = type_of(o);
        if has_flag(tp, Py_TPFLAGS_UNICODE_SUBCLASS) {
            return longobject::parse::from_unicode(o, 10);
        }
        if has_flag(tp, Py_TPFLAGS_BYTES_SUBCLASS) {
            return longobject::parse::from_bytes_literal(bytesobject::as_slice(o), 10);
        }
        if bytearrayobject::check(o) {
            return longobject::parse::from_bytes_literal(bytearrayobject::as_slice(o), 10);
        }
        if buffer::check(o) {
            let view = buffer::View::get(o)?;
            return longobject::parse::from_bytes_literal(view.bytes(), 10);
        }
        Err(errors::type_error(&format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            oname(o, 200)
        )))
    }
}

/// `float(o)` (`PyNumber_Float`, and `float.__new__` with one argument): `__float__` (a
/// `float` subclass result is copied, with a `DeprecationWarning`), `__index__`, a `float`
/// subclass's value, then the text of a `str`, `bytes`, `bytearray` or other buffer
/// (`PyFloat_FromString`).
pub(crate) unsafe fn float(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if floatobject::check_exact(o) {
            return Ok(new_ref(o));
        }
        if let Some(m) = nb(o) {
            if let Some(f) = m.nb_float {
                let r = f(o);
                if r.is_null() || floatobject::check_exact(r) {
                    return if r.is_null() { Err(PyErr) } else { Ok(r) };
                }
                return floatobject::from_f64(floatobject::float_result_value(o, r)?);
            }
            if m.nb_index.is_some() {
                let r = index_any(o)?;
                let v = longobject::as_f64(r);
                decref(r);
                return floatobject::from_f64(v?);
            }
        }
        if floatobject::check(o) {
            return floatobject::from_f64(floatobject::value(o));
        }
        floatobject::from_string(o)
    }
}

/// `PyNumber_ToBase(n, base)`: `bin()`, `oct()`, `hex()` or `str()` of `n.__index__()`.
pub(crate) unsafe fn to_base(n: *mut PyObject, base: i32) -> PyResult<Owned> {
    if !matches!(base, 2 | 8 | 10 | 16) {
        return Err(errors::system_error("PyNumber_ToBase: base must be 2, 8, 10 or 16"));
    }
    // SAFETY: per caller.
    unsafe {
        let v = index_any(n)?;
        let text = longobject::format(v, base as u32);
        decref(v);
        unicodeobject::from_str(&text?)
    }
}
