//! Slots and dunders (CPython's `slotdefs` table in `typeobject.c`), both ways:
//!
//! - **slot → dunder**: [`add_operators`] puts a `wrapper_descriptor` in a type's dict for
//!   each slot the type defines itself (`__repr__` for `tp_repr`, `__add__` and `__radd__` for
//!   `nb_add`, ...), and `__new__` as a builtin method; calling it checks the arguments as
//!   CPython's `wrap_*` functions do ("expected 1 argument, got 0").
//! - **dunder → slot**: [`fixup_slot_dispatchers`] (for a new heap type) and [`update_slot`]
//!   (when `type_setattro` sets or deletes a dunder of a heap type) point the slot at a
//!   dispatcher that looks the dunder up on the type and calls it (CPython's `slot_tp_repr`
//!   family); a dunder that is our own wrapper of the same slot restores the wrapped
//!   function, and a deleted one the base's slot. The sub-tables (`tp_as_number`, ...) are
//!   written only when the type owns them (they lie inside its type object, as in a
//!   `PyHeapTypeObject`); a type sharing its base's table keeps it. A change reaches the
//!   heap subclasses that inherit the dunder (recorded in `tp_subclasses`).
//! - **classes made by `type()`**: [`type_new_layout`] gives them CPython's instance layout
//!   (GC, managed `__dict__` and weak references, `subtype_traverse`/`subtype_clear`).

use std::ffi::{c_int, c_void, CStr};
use std::mem::offset_of;
use std::ptr::null_mut;

use super::*;

/// Where a slot lives.
#[derive(Clone, Copy)]
pub(crate) enum Slot {
    Tp(usize),
    Nb(usize),
    Sq(usize),
    Mp(usize),
    Am(usize),
}

/// How a wrapper calls the slot: `(self, args tuple, slot function, kwargs)`.
pub(crate) type Wrapper =
    unsafe fn(*mut PyObject, *mut PyObject, *mut c_void, *mut PyObject) -> PyResult<Owned>;

pub(crate) struct SlotDef {
    pub(crate) name: &'static CStr,
    pub(crate) slot: Slot,
    pub(crate) wrapper: Wrapper,
    pub(crate) doc: &'static str,
    pub(crate) keywords: bool,
    /// The `slot_*` dispatcher a heap type defining this dunder gets (None: not supported).
    dispatcher: Option<usize>,
}

// SAFETY: the table is immutable.
unsafe impl Sync for SlotDef {}

/// The table's entry for `def`'s address (descriptors keep a pointer into the table).
unsafe fn slot_ptr(tp: *mut PyTypeObject, slot: Slot) -> *mut *mut c_void {
    // SAFETY: per caller, a live type; the sub-table pointers are NULL or live.
    unsafe {
        let (base, off): (*mut u8, usize) = match slot {
            Slot::Tp(o) => (tp.cast(), o),
            Slot::Nb(o) => ((*tp).tp_as_number.cast(), o),
            Slot::Sq(o) => ((*tp).tp_as_sequence.cast(), o),
            Slot::Mp(o) => ((*tp).tp_as_mapping.cast(), o),
            Slot::Am(o) => ((*tp).tp_as_async.cast(), o),
        };
        if base.is_null() {
            null_mut()
        } else {
            base.add(off).cast()
        }
    }
}

/// Whether the sub-table holding `slot` belongs to `tp` itself (lies inside its type
/// object), so writing it changes no other type.
unsafe fn owns_table(tp: *mut PyTypeObject, slot: Slot) -> bool {
    // SAFETY: per caller.
    unsafe {
        let p = match slot {
            Slot::Tp(_) => return true,
            Slot::Nb(_) => (*tp).tp_as_number as usize,
            Slot::Sq(_) => (*tp).tp_as_sequence as usize,
            Slot::Mp(_) => (*tp).tp_as_mapping as usize,
            Slot::Am(_) => (*tp).tp_as_async as usize,
        };
        let start = tp as usize;
        let size = (*type_of(tp.cast())).tp_basicsize.max(std::mem::size_of::<PyTypeObject>() as Py_ssize_t);
        p > start && p < start + size as usize
    }
}

// --- argument checks and wrappers -----------------------------------------------------------------

fn check_num_args(args: *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    // SAFETY: a tuple.
    let got = unsafe { tupleobject::size(args) };
    if got == n {
        return Ok(());
    }
    let s = if n == 1 { "" } else { "s" };
    Err(errors::type_error(&format!("expected {n} argument{s}, got {got}")))
}

fn arg(args: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: a tuple with at least i+1 items (checked by the caller).
    unsafe { tupleobject::get_item(args, i) }
}

fn ok(r: *mut PyObject) -> PyResult<Owned> {
    if r.is_null() {
        Err(PyErr)
    } else {
        Ok(r)
    }
}

fn none() -> Owned {
    // SAFETY: None is immortal.
    unsafe { new_ref(singletons::none()) }
}

type Unary = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
type Binary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
type Ternary = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
type Inquiry = unsafe extern "C" fn(*mut PyObject) -> c_int;
type Len = unsafe extern "C" fn(*mut PyObject) -> Py_ssize_t;
type Hash = unsafe extern "C" fn(*mut PyObject) -> Py_hash_t;
type ObjObj = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> c_int;
type ObjObjArg = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
type SsizeArg = unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject;
type RichCmp = unsafe extern "C" fn(*mut PyObject, *mut PyObject, c_int) -> *mut PyObject;

unsafe fn w_unary(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 0)?;
    // SAFETY: the slot has this type.
    ok(unsafe { std::mem::transmute::<*mut c_void, Unary>(f)(s) })
}

unsafe fn w_next(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 0)?;
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, Unary>(f)(s) };
    if r.is_null() && errors::occurred().is_null() {
        // SAFETY: a static exception type.
        unsafe { errors::set_object((&raw mut exceptions::_PyExc_StopIteration).cast(), null_mut()) };
    }
    ok(r)
}

unsafe fn w_inquiry(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 0)?;
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, Inquiry>(f)(s) };
    if r < 0 {
        return Err(PyErr);
    }
    // SAFETY: bools are immortal.
    Ok(unsafe { new_ref(longobject::from_bool(r != 0)) })
}

unsafe fn w_len(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 0)?;
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, Len>(f)(s) };
    if r < 0 && !errors::occurred().is_null() {
        return Err(PyErr);
    }
    longobject::from_i64(r as i64)
}

unsafe fn w_hash(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 0)?;
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, Hash>(f)(s) };
    if r == -1 && !errors::occurred().is_null() {
        return Err(PyErr);
    }
    longobject::from_i64(r as i64)
}

unsafe fn w_call(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, k: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the slot has this type.
    ok(unsafe { std::mem::transmute::<*mut c_void, Ternary>(f)(s, a, k) })
}

unsafe fn w_init(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, k: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, ObjObjArg>(f)(s, a, k) };
    if r < 0 {
        return Err(PyErr);
    }
    Ok(none())
}

unsafe fn w_binary_l(
    s: *mut PyObject,
    a: *mut PyObject,
    f: *mut c_void,
    _: *mut PyObject,
) -> PyResult<Owned> {
    check_num_args(a, 1)?;
    // SAFETY: the slot has this type.
    ok(unsafe { std::mem::transmute::<*mut c_void, Binary>(f)(s, arg(a, 0)) })
}

unsafe fn w_binary_r(
    s: *mut PyObject,
    a: *mut PyObject,
    f: *mut c_void,
    _: *mut PyObject,
) -> PyResult<Owned> {
    check_num_args(a, 1)?;
    // SAFETY: the slot has this type.
    ok(unsafe { std::mem::transmute::<*mut c_void, Binary>(f)(arg(a, 0), s) })
}

unsafe fn w_ternary(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a tuple.
    let n = unsafe { tupleobject::size(a) };
    if !(1..=2).contains(&n) {
        return Err(errors::type_error(&format!("expected 1 or 2 arguments, got {n}")));
    }
    let z = if n == 2 { arg(a, 1) } else { singletons::none() };
    // SAFETY: the slot has this type.
    ok(unsafe { std::mem::transmute::<*mut c_void, Ternary>(f)(s, arg(a, 0), z) })
}

unsafe fn w_ternary_r(
    s: *mut PyObject,
    a: *mut PyObject,
    f: *mut c_void,
    _: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: a tuple.
    let n = unsafe { tupleobject::size(a) };
    if !(1..=2).contains(&n) {
        return Err(errors::type_error(&format!("expected 1 or 2 arguments, got {n}")));
    }
    let z = if n == 2 { arg(a, 1) } else { singletons::none() };
    // SAFETY: the slot has this type.
    ok(unsafe { std::mem::transmute::<*mut c_void, Ternary>(f)(arg(a, 0), s, z) })
}

unsafe fn w_objobj(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 1)?;
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, ObjObj>(f)(s, arg(a, 0)) };
    if r < 0 {
        return Err(PyErr);
    }
    // SAFETY: bools are immortal.
    Ok(unsafe { new_ref(longobject::from_bool(r != 0)) })
}

unsafe fn w_setitem(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 2)?;
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, ObjObjArg>(f)(s, arg(a, 0), arg(a, 1)) };
    if r < 0 {
        return Err(PyErr);
    }
    Ok(none())
}

unsafe fn w_delitem(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 1)?;
    // SAFETY: the slot has this type.
    let r = unsafe { std::mem::transmute::<*mut c_void, ObjObjArg>(f)(s, arg(a, 0), null_mut()) };
    if r < 0 {
        return Err(PyErr);
    }
    Ok(none())
}

unsafe fn w_setattr(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, k: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 2)?;
    // SAFETY: as w_setitem.
    unsafe { w_setitem(s, a, f, k) }
}

unsafe fn w_delattr(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, k: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: as w_delitem.
    unsafe { w_delitem(s, a, f, k) }
}

/// `__getitem__` of an `sq_item` slot (CPython's wrap_sq_item): a negative index counts
/// from the end when the type has `sq_length`, as `getindex` does.
unsafe fn w_sq_item(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 1)?;
    // SAFETY: the slot has this type; `s` is a live instance of the slot's type.
    unsafe {
        let mut i = abstract_::number::as_ssize_t(arg(a, 0), (&raw mut exceptions::_PyExc_OverflowError).cast())?;
        let sq = (*type_of(s)).tp_as_sequence;
        if i < 0 && !sq.is_null() {
            if let Some(len) = (*sq).sq_length {
                let n = len(s);
                if n < 0 {
                    return Err(PyErr);
                }
                i += n;
            }
        }
        ok(std::mem::transmute::<*mut c_void, SsizeArg>(f)(s, i))
    }
}

unsafe fn w_indexarg(
    s: *mut PyObject,
    a: *mut PyObject,
    f: *mut c_void,
    _: *mut PyObject,
) -> PyResult<Owned> {
    check_num_args(a, 1)?;
    // SAFETY: the slot has this type.
    unsafe {
        let i = abstract_::number::as_ssize_t(arg(a, 0), (&raw mut exceptions::_PyExc_OverflowError).cast())?;
        ok(std::mem::transmute::<*mut c_void, SsizeArg>(f)(s, i))
    }
}

unsafe fn w_descr_get(
    s: *mut PyObject,
    a: *mut PyObject,
    f: *mut c_void,
    _: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: a tuple.
    let n = unsafe { tupleobject::size(a) };
    if !(1..=2).contains(&n) {
        return Err(errors::type_error(&format!("expected 1 or 2 arguments, got {n}")));
    }
    let none = singletons::none();
    let obj = if arg(a, 0) == none { null_mut() } else { arg(a, 0) };
    let tp = if n == 2 && arg(a, 1) != none { arg(a, 1) } else { null_mut() };
    if obj.is_null() && tp.is_null() {
        return Err(errors::type_error("__get__(None, None) is invalid"));
    }
    // SAFETY: the slot has this type.
    ok(unsafe { std::mem::transmute::<*mut c_void, Ternary>(f)(s, obj, tp) })
}

unsafe fn w_descr_set(
    s: *mut PyObject,
    a: *mut PyObject,
    f: *mut c_void,
    k: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: as w_setitem.
    unsafe { w_setitem(s, a, f, k) }
}

unsafe fn w_descr_delete(
    s: *mut PyObject,
    a: *mut PyObject,
    f: *mut c_void,
    k: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: as w_delitem.
    unsafe { w_delitem(s, a, f, k) }
}

unsafe fn w_del(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
    check_num_args(a, 0)?;
    // SAFETY: the slot has this type.
    unsafe { std::mem::transmute::<*mut c_void, unsafe extern "C" fn(*mut PyObject)>(f)(s) };
    Ok(none())
}

macro_rules! richcmp_wrapper {
    ($($name:ident = $op:expr),*) => {$(
        unsafe fn $name(s: *mut PyObject, a: *mut PyObject, f: *mut c_void, _: *mut PyObject) -> PyResult<Owned> {
            check_num_args(a, 1)?;
            // SAFETY: the slot has this type.
            ok(unsafe { std::mem::transmute::<*mut c_void, RichCmp>(f)(s, arg(a, 0), $op) })
        }
    )*};
}
richcmp_wrapper!(w_lt = Py_LT, w_le = Py_LE, w_eq = Py_EQ, w_ne = Py_NE, w_gt = Py_GT, w_ge = Py_GE);

// --- the table ------------------------------------------------------------------------------------

macro_rules! tp {
    ($f:ident) => {
        Slot::Tp(offset_of!(PyTypeObject, $f))
    };
}
macro_rules! nb {
    ($f:ident) => {
        Slot::Nb(offset_of!(PyNumberMethods, $f))
    };
}
macro_rules! sq {
    ($f:ident) => {
        Slot::Sq(offset_of!(PySequenceMethods, $f))
    };
}
macro_rules! am {
    ($f:ident) => {
        Slot::Am(offset_of!(PyAsyncMethods, $f))
    };
}
macro_rules! mp {
    ($f:ident) => {
        Slot::Mp(offset_of!(PyMappingMethods, $f))
    };
}

const fn def(name: &'static CStr, slot: Slot, wrapper: Wrapper, doc: &'static str) -> SlotDef {
    SlotDef { name, slot, wrapper, doc, keywords: false, dispatcher: None }
}
const fn dis(name: &'static CStr, slot: Slot, wrapper: Wrapper, doc: &'static str, d: usize) -> SlotDef {
    SlotDef { name, slot, wrapper, doc, keywords: false, dispatcher: Some(d) }
}
const fn kw(name: &'static CStr, slot: Slot, wrapper: Wrapper, doc: &'static str, d: usize) -> SlotDef {
    SlotDef { name, slot, wrapper, doc, keywords: true, dispatcher: Some(d) }
}

macro_rules! binops {
    ($($slot:ident, $l:literal, $r:literal, $ldoc:literal, $rdoc:literal);* $(;)?) => {
        [$(
            dis($l, nb!($slot), w_binary_l, $ldoc, NB_DISPATCH),
            dis($r, nb!($slot), w_binary_r, $rdoc, NB_DISPATCH),
        )*]
    };
}

/// `dispatcher` index of the number slots: the dispatcher is found by the slot's offset.
const NB_DISPATCH: usize = 100;

/// The slots with their dunders (CPython's order within each group, so a type's dict is
/// filled in the same order).
pub(crate) static SLOTDEFS: [SlotDef; 35] = [
    dis(c"__getattribute__", tp!(tp_getattro), w_binary_l, "Return getattr(self, name).", 0),
    dis(c"__setattr__", tp!(tp_setattro), w_setattr, "Implement setattr(self, name, value).", 0),
    dis(c"__delattr__", tp!(tp_setattro), w_delattr, "Implement delattr(self, name).", 0),
    dis(c"__repr__", tp!(tp_repr), w_unary, "Return repr(self).", 1),
    dis(c"__hash__", tp!(tp_hash), w_hash, "Return hash(self).", 2),
    kw(c"__call__", tp!(tp_call), w_call, "Call self as a function.", 3),
    dis(c"__str__", tp!(tp_str), w_unary, "Return str(self).", 4),
    dis(c"__lt__", tp!(tp_richcompare), w_lt, "Return self<value.", 5),
    dis(c"__le__", tp!(tp_richcompare), w_le, "Return self<=value.", 5),
    dis(c"__eq__", tp!(tp_richcompare), w_eq, "Return self==value.", 5),
    dis(c"__ne__", tp!(tp_richcompare), w_ne, "Return self!=value.", 5),
    dis(c"__gt__", tp!(tp_richcompare), w_gt, "Return self>value.", 5),
    dis(c"__ge__", tp!(tp_richcompare), w_ge, "Return self>=value.", 5),
    dis(c"__iter__", tp!(tp_iter), w_unary, "Implement iter(self).", 6),
    dis(c"__next__", tp!(tp_iternext), w_next, "Implement next(self).", 7),
    dis(
        c"__get__",
        tp!(tp_descr_get),
        w_descr_get,
        "Return an attribute of instance, which is of type owner.",
        13,
    ),
    dis(c"__set__", tp!(tp_descr_set), w_descr_set, "Set an attribute of instance to value.", 14),
    dis(c"__delete__", tp!(tp_descr_set), w_descr_delete, "Delete an attribute of instance.", 14),
    kw(
        c"__init__",
        tp!(tp_init),
        w_init,
        "Initialize self.  See help(type(self)) for accurate signature.",
        8,
    ),
    dis(c"__len__", mp!(mp_length), w_len, "Return len(self).", 9),
    dis(c"__getitem__", mp!(mp_subscript), w_binary_l, "Return self[key].", 10),
    dis(c"__setitem__", mp!(mp_ass_subscript), w_setitem, "Set self[key] to value.", 11),
    dis(c"__delitem__", mp!(mp_ass_subscript), w_delitem, "Delete self[key].", 11),
    dis(c"__len__", sq!(sq_length), w_len, "Return len(self).", 9),
    def(c"__getitem__", sq!(sq_item), w_sq_item, "Return self[key]."),
    def(c"__mul__", sq!(sq_repeat), w_indexarg, "Return self*value."),
    def(c"__rmul__", sq!(sq_repeat), w_indexarg, "Return value*self."),
    dis(c"__contains__", sq!(sq_contains), w_objobj, "Return bool(key in self).", 12),
    dis(c"__neg__", nb!(nb_negative), w_unary, "-self", NB_DISPATCH),
    dis(c"__pos__", nb!(nb_positive), w_unary, "+self", NB_DISPATCH),
    dis(c"__abs__", nb!(nb_absolute), w_unary, "abs(self)", NB_DISPATCH),
    dis(c"__bool__", nb!(nb_bool), w_inquiry, "True if self else False", 16),
    dis(c"__invert__", nb!(nb_invert), w_unary, "~self", NB_DISPATCH),
    dis(c"__int__", nb!(nb_int), w_unary, "int(self)", NB_DISPATCH),
    dis(c"__float__", nb!(nb_float), w_unary, "float(self)", NB_DISPATCH),
];

/// The number protocol's binary operators and their reflections.
pub(crate) static NUMBER_BINOPS: [SlotDef; 26] = binops![
    nb_add, c"__add__", c"__radd__", "Return self+value.", "Return value+self.";
    nb_subtract, c"__sub__", c"__rsub__", "Return self-value.", "Return value-self.";
    nb_multiply, c"__mul__", c"__rmul__", "Return self*value.", "Return value*self.";
    nb_remainder, c"__mod__", c"__rmod__", "Return self%value.", "Return value%self.";
    nb_divmod, c"__divmod__", c"__rdivmod__", "Return divmod(self, value).", "Return divmod(value, self).";
    nb_lshift, c"__lshift__", c"__rlshift__", "Return self<<value.", "Return value<<self.";
    nb_rshift, c"__rshift__", c"__rrshift__", "Return self>>value.", "Return value>>self.";
    nb_and, c"__and__", c"__rand__", "Return self&value.", "Return value&self.";
    nb_xor, c"__xor__", c"__rxor__", "Return self^value.", "Return value^self.";
    nb_or, c"__or__", c"__ror__", "Return self|value.", "Return value|self.";
    nb_floor_divide, c"__floordiv__", c"__rfloordiv__", "Return self//value.", "Return value//self.";
    nb_true_divide, c"__truediv__", c"__rtruediv__", "Return self/value.", "Return value/self.";
    nb_matrix_multiply, c"__matmul__", c"__rmatmul__", "Return self@value.", "Return value@self.";
];

/// `__pow__`/`__rpow__`, `__index__` and the in-place operators.
pub(crate) static NUMBER_OTHER: [SlotDef; 16] = [
    dis(c"__pow__", nb!(nb_power), w_ternary, "Return pow(self, value, mod).", 17),
    dis(c"__rpow__", nb!(nb_power), w_ternary_r, "Return pow(value, self, mod).", 17),
    dis(
        c"__index__",
        nb!(nb_index),
        w_unary,
        "Return self converted to an integer, if self is suitable for use as an index into a list.",
        NB_DISPATCH,
    ),
    dis(c"__iadd__", nb!(nb_inplace_add), w_binary_l, "Return self+=value.", NB_DISPATCH),
    dis(c"__isub__", nb!(nb_inplace_subtract), w_binary_l, "Return self-=value.", NB_DISPATCH),
    dis(c"__imul__", nb!(nb_inplace_multiply), w_binary_l, "Return self*=value.", NB_DISPATCH),
    dis(c"__imod__", nb!(nb_inplace_remainder), w_binary_l, "Return self%=value.", NB_DISPATCH),
    dis(c"__ipow__", nb!(nb_inplace_power), w_ternary, "Return self**=value.", 19),
    dis(c"__ilshift__", nb!(nb_inplace_lshift), w_binary_l, "Return self<<=value.", NB_DISPATCH),
    dis(c"__irshift__", nb!(nb_inplace_rshift), w_binary_l, "Return self>>=value.", NB_DISPATCH),
    dis(c"__iand__", nb!(nb_inplace_and), w_binary_l, "Return self&=value.", NB_DISPATCH),
    dis(c"__ixor__", nb!(nb_inplace_xor), w_binary_l, "Return self^=value.", NB_DISPATCH),
    dis(c"__ior__", nb!(nb_inplace_or), w_binary_l, "Return self|=value.", NB_DISPATCH),
    dis(c"__ifloordiv__", nb!(nb_inplace_floor_divide), w_binary_l, "Return self//=value.", NB_DISPATCH),
    dis(c"__itruediv__", nb!(nb_inplace_true_divide), w_binary_l, "Return self/=value.", NB_DISPATCH),
    dis(c"__imatmul__", nb!(nb_inplace_matrix_multiply), w_binary_l, "Return self@=value.", NB_DISPATCH),
];

/// `tp_finalize` and the async slots.
pub(crate) static MORE_SLOTDEFS: [SlotDef; 4] = [
    dis(c"__del__", tp!(tp_finalize), w_del, "Called when the instance is about to be destroyed.", 15),
    dis(c"__await__", am!(am_await), w_unary, "Return an iterator to be used in await expression.", 18),
    dis(c"__aiter__", am!(am_aiter), w_unary, "Return an awaitable, that resolves in asynchronous iterator.", 18),
    dis(c"__anext__", am!(am_anext), w_unary, "Return a value or raise StopAsyncIteration.", 18),
];

fn all_defs() -> impl Iterator<Item = &'static SlotDef> {
    SLOTDEFS.iter().chain(NUMBER_BINOPS.iter()).chain(NUMBER_OTHER.iter()).chain(MORE_SLOTDEFS.iter())
}

/// Whether `f` is `PyObject_HashNotImplemented` (an unhashable type's `tp_hash`).
fn is_hash_not_implemented(f: *mut c_void) -> bool {
    let h: unsafe extern "C" fn(*mut PyObject) -> Py_hash_t =
        crate::capi::object::PyObject_HashNotImplemented;
    let l: unsafe extern "C" fn(*mut PyObject) -> Py_hash_t = listobject::hash_not_implemented;
    let b: unsafe extern "C" fn(*mut PyObject) -> Py_hash_t = bytearrayobject::hash_not_implemented;
    f == h as *mut c_void || f == l as *mut c_void || f == b as *mut c_void
}

/// `add_operators`: a wrapper descriptor in `dict` for each slot `tp` defines (and
/// `__hash__ = None` for an unhashable type). Runs before inheritance, so only the type's own
/// slots count. Objects made here are immortalized when `immortal`.
pub(crate) unsafe fn add_operators(
    tp: *mut PyTypeObject,
    dict: *mut PyObject,
    immortal: bool,
) -> PyResult<()> {
    // SAFETY: per caller, a type being readied and its dict.
    unsafe {
        for d in all_defs() {
            let p = slot_ptr(tp, d.slot);
            if p.is_null() || (*p).is_null() {
                continue;
            }
            let key = name_object(d.name, immortal)?;
            if dictobject::contains(dict, key)? {
                decref(key);
                continue;
            }
            let value = if is_hash_not_implemented(*p) {
                new_ref(singletons::none())
            } else {
                match descrobject::new_wrapper(tp, d, *p) {
                    Ok(v) => v,
                    Err(e) => {
                        decref(key);
                        return Err(e);
                    }
                }
            };
            if immortal {
                typeobject::immortalize(value);
            }
            let r = dictobject::set(dict, key, value);
            decref(key);
            decref(value);
            r?;
        }
        if (*tp).tp_new.is_some() {
            let key = name_object(c"__new__", immortal)?;
            if !dictobject::contains(dict, key)? {
                let f = methodobject::new(TP_NEW_DEF.as_mut_ptr(), tp.cast(), null_mut(), null_mut())?;
                if immortal {
                    typeobject::immortalize(f);
                }
                let r = dictobject::set(dict, key, f);
                decref(f);
                if r.is_err() {
                    decref(key);
                    return r;
                }
            }
            decref(key);
        }
        Ok(())
    }
}

/// A key for a type's dict: interned in the interpreter for heap types, an immortal string
/// for static ones (shared by every interpreter, so in no one's intern table).
pub(crate) fn name_object(name: &CStr, immortal: bool) -> PyResult<Owned> {
    let text = name.to_string_lossy();
    if immortal {
        let s = unicodeobject::from_str(&text)?;
        // SAFETY: a fresh string.
        unsafe { typeobject::immortalize(s) };
        Ok(s)
    } else {
        unicodeobject::intern::intern_str(&text)
    }
}

static TP_NEW_DEF: ReadOnly<PyMethodDef> = ReadOnly(PyMethodDef {
    ml_name: c"__new__".as_ptr(),
    ml_meth: Some(unsafe { std::mem::transmute::<Ternary, Binary>(tp_new_wrapper) }),
    ml_flags: METH_VARARGS | METH_KEYWORDS,
    ml_doc: c"__new__($type, *args, **kwargs)\n--\n\nCreate and return a new object.  See help(type) for accurate signature.".as_ptr(),
});

/// `T.__new__(S, *args)`: CPython's `tp_new_wrapper` checks.
unsafe extern "C" fn tp_new_wrapper(
    self_: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called as a METH_VARARGS|METH_KEYWORDS method bound to a type.
    unsafe {
        let tp = self_ as *mut PyTypeObject;
        let n = tupleobject::size(args);
        let tname = type_name(tp);
        if n < 1 {
            errors::type_error(&format!("{tname}.__new__(): not enough arguments"));
            return null_mut();
        }
        let arg0 = tupleobject::get_item(args, 0);
        if !has_flag(type_of(arg0), Py_TPFLAGS_TYPE_SUBCLASS) {
            errors::type_error(&format!(
                "{tname}.__new__(X): X is not a type object ({})",
                type_name(type_of(arg0))
            ));
            return null_mut();
        }
        let sub = arg0 as *mut PyTypeObject;
        if !typeobject::is_subtype(sub, tp) {
            errors::type_error(&format!(
                "{tname}.__new__({}): {} is not a subtype of {tname}",
                type_name(sub),
                type_name(sub)
            ));
            return null_mut();
        }
        let Some(new) = (*tp).tp_new else { return null_mut() };
        let Ok(rest) = tupleobject::get_slice(args, 1, n) else { return null_mut() };
        let r = new(sub, rest, kwds);
        decref(rest);
        r
    }
}

// --- dunder → slot --------------------------------------------------------------------------------

/// Looks `name` up on `type(obj)` and calls it with `obj` first (`lookup_maybe_method` +
/// call). `Ok(None)` when the type has no such attribute.
unsafe fn call_dunder(obj: *mut PyObject, name: &CStr, args: &[*mut PyObject]) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        let n = unicodeobject::intern::intern_str(&name.to_string_lossy())?;
        let f = attr::lookup(type_of(obj), n);
        decref(n);
        if f.is_null() {
            return Ok(None);
        }
        call_found(f, obj, args).map(Some)
    }
}

/// Calls `f` (found on `type(obj)`) as a method of `obj` (`call_unbound`).
unsafe fn call_found(f: *mut PyObject, obj: *mut PyObject, args: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: per caller, `f` borrowed from the type's MRO.
    unsafe {
        incref(f);
        let r = if descrobject::is_method_descr(f) || has_flag(type_of(f), Py_TPFLAGS_METHOD_DESCRIPTOR) {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(obj);
            v.extend_from_slice(args);
            call::vectorcall(f, v.as_ptr(), v.len(), null_mut())
        } else if let Some(get) = (*type_of(f)).tp_descr_get {
            let bound = get(f, obj, type_of(obj).cast());
            if bound.is_null() {
                null_mut()
            } else {
                let r = call::vectorcall(bound, args.as_ptr(), args.len(), null_mut());
                decref(bound);
                r
            }
        } else {
            call::vectorcall(f, args.as_ptr(), args.len(), null_mut())
        };
        decref(f);
        ok(r)
    }
}

unsafe fn dunder_or_attr_error(obj: *mut PyObject, name: &CStr, args: &[*mut PyObject]) -> *mut PyObject {
    // SAFETY: per caller.
    match unsafe { call_dunder(obj, name, args) } {
        Ok(Some(r)) => r,
        Ok(None) => {
            errors::attribute_error(&name.to_string_lossy());
            null_mut()
        }
        Err(_) => null_mut(),
    }
}

unsafe extern "C" fn slot_tp_repr(s: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe { dunder_or_attr_error(s, c"__repr__", &[]) }
}

unsafe extern "C" fn slot_tp_str(s: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe { dunder_or_attr_error(s, c"__str__", &[]) }
}

unsafe extern "C" fn slot_tp_hash(s: *mut PyObject) -> Py_hash_t {
    // SAFETY: a live object.
    unsafe {
        let r = dunder_or_attr_error(s, c"__hash__", &[]);
        if r.is_null() {
            return -1;
        }
        if !longobject::check(r) {
            errors::type_error("__hash__ method should return an integer");
            decref(r);
            return -1;
        }
        let h = match longobject::as_i64(r) {
            Some(v) => v as Py_hash_t,
            None => crate::capi::object::PyObject_Hash(r),
        };
        decref(r);
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

unsafe extern "C" fn slot_tp_call(
    s: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe {
        let f = match attr::lookup_special(s, "__call__") {
            Ok(Some(f)) => f,
            Ok(None) => {
                errors::attribute_error("__call__");
                return null_mut();
            }
            Err(_) => return null_mut(),
        };
        let r = call::call(f, args, kwds);
        decref(f);
        r
    }
}

unsafe extern "C" fn slot_tp_richcompare(s: *mut PyObject, o: *mut PyObject, op: c_int) -> *mut PyObject {
    const NAMES: [&CStr; 6] = [c"__lt__", c"__le__", c"__eq__", c"__ne__", c"__gt__", c"__ge__"];
    // SAFETY: live objects.
    unsafe {
        match call_dunder(s, NAMES[op as usize], &[o]) {
            Ok(Some(r)) => r,
            Ok(None) => new_ref(singletons::not_implemented()),
            Err(_) => null_mut(),
        }
    }
}

unsafe extern "C" fn slot_tp_iter(s: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe {
        match call_dunder(s, c"__iter__", &[]) {
            Ok(Some(r)) => r,
            Ok(None) => {
                errors::type_error(&format!("'{}' object is not iterable", abstract_::oname(s, 200)));
                null_mut()
            }
            Err(_) => null_mut(),
        }
    }
}

unsafe extern "C" fn slot_tp_iternext(s: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe { dunder_or_attr_error(s, c"__next__", &[]) }
}

unsafe extern "C" fn slot_tp_init(s: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: a live object.
    unsafe {
        let f = match attr::lookup_special(s, "__init__") {
            Ok(Some(f)) => f,
            Ok(None) => return 0,
            Err(_) => return -1,
        };
        let r = call::call(f, args, kwds);
        decref(f);
        if r.is_null() {
            return -1;
        }
        if r != singletons::none() {
            errors::type_error(&format!("__init__() should return None, not '{}'", abstract_::oname(r, 200)));
            decref(r);
            return -1;
        }
        decref(r);
        0
    }
}

/// A setter slot: `__set__`-style dunder `set(key, value)`, or `del(key)` for a NULL value.
unsafe fn set_or_del(s: *mut PyObject, key: *mut PyObject, value: *mut PyObject, set: &CStr, del: &CStr) -> c_int {
    // SAFETY: per caller, live objects.
    unsafe {
        let r = if value.is_null() {
            dunder_or_attr_error(s, del, &[key])
        } else {
            dunder_or_attr_error(s, set, &[key, value])
        };
        if r.is_null() {
            return -1;
        }
        decref(r);
        0
    }
}

unsafe extern "C" fn slot_getattro(s: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object and a str.
    unsafe { dunder_or_attr_error(s, c"__getattribute__", &[name]) }
}

unsafe extern "C" fn slot_setattro(s: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: live objects.
    unsafe { set_or_del(s, name, value, c"__setattr__", c"__delattr__") }
}

unsafe extern "C" fn slot_length(s: *mut PyObject) -> Py_ssize_t {
    // SAFETY: a live object.
    unsafe {
        let r = dunder_or_attr_error(s, c"__len__", &[]);
        if r.is_null() {
            return -1;
        }
        let n = abstract_::number::as_ssize_t(r, (&raw mut exceptions::_PyExc_OverflowError).cast());
        decref(r);
        match n {
            Ok(n) if n < 0 => {
                errors::value_error("__len__() should return >= 0");
                -1
            }
            Ok(n) => n,
            Err(_) => -1,
        }
    }
}

unsafe extern "C" fn slot_getitem(s: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects.
    unsafe { dunder_or_attr_error(s, c"__getitem__", &[key]) }
}

unsafe extern "C" fn slot_ass_subscript(s: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: live objects.
    unsafe { set_or_del(s, key, value, c"__setitem__", c"__delitem__") }
}

unsafe extern "C" fn slot_contains(s: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: live objects.
    unsafe {
        match call_dunder(s, c"__contains__", &[value]) {
            Ok(Some(r)) => {
                let b = abstract_::is_true(r);
                decref(r);
                match b {
                    Ok(b) => c_int::from(b),
                    Err(_) => -1,
                }
            }
            Ok(None) => {
                errors::type_error(&format!(
                    "argument of type '{}' is not iterable",
                    abstract_::oname(s, 200)
                ));
                -1
            }
            Err(_) => -1,
        }
    }
}

/// `self.<name>(*args)` looked up on the type; NotImplemented when the type lacks it.
unsafe fn call_or_not_implemented(obj: *mut PyObject, name: &CStr, args: &[*mut PyObject]) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        match call_dunder(obj, name, args) {
            Ok(Some(r)) => r,
            Ok(None) => new_ref(singletons::not_implemented()),
            Err(_) => null_mut(),
        }
    }
}

/// CPython's `SLOT1BINFULL`: `self.__op__(other)`, with `other.__rop__(self)` first when
/// `other`'s type is a proper subtype using the same dispatcher, and as the fallback.
unsafe fn binary_dispatch(
    s: *mut PyObject,
    o: *mut PyObject,
    off: usize,
    me: *mut c_void,
    lname: &CStr,
    rname: &CStr,
) -> *mut PyObject {
    // SAFETY: per caller, live objects.
    unsafe {
        let uses_me = |t: *mut PyTypeObject| {
            let nb = (*t).tp_as_number;
            !nb.is_null() && *((nb as *mut u8).add(off) as *const *mut c_void) == me
        };
        let (ts, to) = (type_of(s), type_of(o));
        let mut do_other = ts != to && uses_me(to);
        let ni = singletons::not_implemented();
        if uses_me(ts) {
            if do_other && typeobject::is_subtype(to, ts) {
                let r = call_or_not_implemented(o, rname, &[s]);
                if r != ni {
                    return r;
                }
                decref(r);
                do_other = false;
            }
            let r = call_or_not_implemented(s, lname, &[o]);
            if r != ni || ts == to {
                return r;
            }
            decref(r);
        }
        if do_other {
            return call_or_not_implemented(o, rname, &[s]);
        }
        new_ref(ni)
    }
}

macro_rules! binary_dispatchers {
    ($($name:ident, $slot:ident, $l:literal, $r:literal);* $(;)?) => {
        $(
            unsafe extern "C" fn $name(s: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
                // SAFETY: called through the number slot with live objects.
                unsafe { binary_dispatch(s, o, offset_of!(PyNumberMethods, $slot), $name as *mut c_void, $l, $r) }
            }
        )*
        static BINARY_DISPATCHERS: [(usize, Binary); [$(stringify!($name)),*].len()] =
            [$((offset_of!(PyNumberMethods, $slot), $name as Binary)),*];
    };
}

binary_dispatchers! {
    slot_nb_add, nb_add, c"__add__", c"__radd__";
    slot_nb_subtract, nb_subtract, c"__sub__", c"__rsub__";
    slot_nb_multiply, nb_multiply, c"__mul__", c"__rmul__";
    slot_nb_remainder, nb_remainder, c"__mod__", c"__rmod__";
    slot_nb_divmod, nb_divmod, c"__divmod__", c"__rdivmod__";
    slot_nb_lshift, nb_lshift, c"__lshift__", c"__rlshift__";
    slot_nb_rshift, nb_rshift, c"__rshift__", c"__rrshift__";
    slot_nb_and, nb_and, c"__and__", c"__rand__";
    slot_nb_xor, nb_xor, c"__xor__", c"__rxor__";
    slot_nb_or, nb_or, c"__or__", c"__ror__";
    slot_nb_floor_divide, nb_floor_divide, c"__floordiv__", c"__rfloordiv__";
    slot_nb_true_divide, nb_true_divide, c"__truediv__", c"__rtruediv__";
    slot_nb_matrix_multiply, nb_matrix_multiply, c"__matmul__", c"__rmatmul__";
}

macro_rules! unary_dispatchers {
    ($($name:ident, $slot:ident, $dunder:literal);* $(;)?) => {
        $(
            unsafe extern "C" fn $name(s: *mut PyObject) -> *mut PyObject {
                // SAFETY: called through the number slot with a live object.
                unsafe { dunder_or_attr_error(s, $dunder, &[]) }
            }
        )*
        static UNARY_DISPATCHERS: [(usize, Unary); [$(stringify!($name)),*].len()] =
            [$((offset_of!(PyNumberMethods, $slot), $name as Unary)),*];
    };
}

unary_dispatchers! {
    slot_nb_negative, nb_negative, c"__neg__";
    slot_nb_positive, nb_positive, c"__pos__";
    slot_nb_absolute, nb_absolute, c"__abs__";
    slot_nb_invert, nb_invert, c"__invert__";
    slot_nb_int, nb_int, c"__int__";
    slot_nb_float, nb_float, c"__float__";
    slot_nb_index, nb_index, c"__index__";
}

macro_rules! inplace_dispatchers {
    ($($name:ident, $slot:ident, $dunder:literal);* $(;)?) => {
        $(
            unsafe extern "C" fn $name(s: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
                // SAFETY: called through the number slot with live objects.
                unsafe { dunder_or_attr_error(s, $dunder, &[o]) }
            }
        )*
        static INPLACE_DISPATCHERS: [(usize, Binary); [$(stringify!($name)),*].len()] =
            [$((offset_of!(PyNumberMethods, $slot), $name as Binary)),*];
    };
}

inplace_dispatchers! {
    slot_nb_inplace_add, nb_inplace_add, c"__iadd__";
    slot_nb_inplace_subtract, nb_inplace_subtract, c"__isub__";
    slot_nb_inplace_multiply, nb_inplace_multiply, c"__imul__";
    slot_nb_inplace_remainder, nb_inplace_remainder, c"__imod__";
    slot_nb_inplace_lshift, nb_inplace_lshift, c"__ilshift__";
    slot_nb_inplace_rshift, nb_inplace_rshift, c"__irshift__";
    slot_nb_inplace_and, nb_inplace_and, c"__iand__";
    slot_nb_inplace_xor, nb_inplace_xor, c"__ixor__";
    slot_nb_inplace_or, nb_inplace_or, c"__ior__";
    slot_nb_inplace_floor_divide, nb_inplace_floor_divide, c"__ifloordiv__";
    slot_nb_inplace_true_divide, nb_inplace_true_divide, c"__itruediv__";
    slot_nb_inplace_matrix_multiply, nb_inplace_matrix_multiply, c"__imatmul__";
}

/// `slot_nb_inplace_power`: `self.__ipow__(other)` (the modulus is not passed, as in CPython).
unsafe extern "C" fn slot_nb_inplace_power(s: *mut PyObject, o: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects.
    unsafe { dunder_or_attr_error(s, c"__ipow__", &[o]) }
}

/// `slot_nb_power`: two-argument `pow` follows the binary-operator rules with
/// `__pow__`/`__rpow__`; three-argument `pow` calls only `self.__pow__(other, mod)` (and only
/// when `self`'s type uses this dispatcher), as CPython does.
unsafe extern "C" fn slot_nb_power(s: *mut PyObject, o: *mut PyObject, m: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects.
    unsafe {
        let me = slot_nb_power as Ternary as *mut c_void;
        if m == singletons::none() {
            return binary_dispatch(s, o, offset_of!(PyNumberMethods, nb_power), me, c"__pow__", c"__rpow__");
        }
        let nb = (*type_of(s)).tp_as_number;
        if !nb.is_null() && (*nb).nb_power.is_some_and(|f| f as *mut c_void == me) {
            return dunder_or_attr_error(s, c"__pow__", &[o, m]);
        }
        new_ref(singletons::not_implemented())
    }
}

/// `slot_nb_bool`: `__bool__` (which must return a bool), else `__len__`, else true.
unsafe extern "C" fn slot_nb_bool(s: *mut PyObject) -> c_int {
    // SAFETY: a live object.
    unsafe {
        let (r, using_len) = match call_dunder(s, c"__bool__", &[]) {
            Ok(Some(r)) => (r, false),
            Ok(None) => match call_dunder(s, c"__len__", &[]) {
                Ok(Some(r)) => (r, true),
                Ok(None) => return 1,
                Err(_) => return -1,
            },
            Err(_) => return -1,
        };
        let res = if using_len || type_of(r) == &raw mut longobject::PyBool_Type {
            match abstract_::is_true(r) {
                Ok(b) => c_int::from(b),
                Err(_) => -1,
            }
        } else {
            errors::type_error(&format!("__bool__ should return bool, returned {}", abstract_::oname(r, 200)));
            -1
        };
        decref(r);
        res
    }
}

/// `slot_tp_descr_get`: `type(self).__get__(self, obj or None, type or None)`; `self` when
/// the type has no `__get__` any more.
unsafe extern "C" fn slot_tp_descr_get(s: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects (obj and tp may be NULL).
    unsafe {
        let none = singletons::none();
        let obj = if obj.is_null() { none } else { obj };
        let tp = if tp.is_null() { none } else { tp };
        match call_dunder(s, c"__get__", &[obj, tp]) {
            Ok(Some(r)) => r,
            Ok(None) => new_ref(s),
            Err(_) => null_mut(),
        }
    }
}

/// `slot_tp_descr_set`: `__set__(obj, value)`, or `__delete__(obj)` when value is NULL.
unsafe extern "C" fn slot_tp_descr_set(s: *mut PyObject, obj: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: live objects.
    unsafe { set_or_del(s, obj, value, c"__set__", c"__delete__") }
}

/// `slot_tp_finalize`: calls `__del__`, reporting (not raising) its error, with the
/// current exception saved around the call.
unsafe extern "C" fn slot_tp_finalize(s: *mut PyObject) {
    // SAFETY: a live object.
    unsafe {
        let saved = errors::take_raised();
        let Ok(n) = unicodeobject::intern::intern_str("__del__") else {
            errors::clear();
            if !saved.is_null() {
                errors::set_raised(saved);
            }
            return;
        };
        let f = attr::lookup(type_of(s), n);
        decref(n);
        if !f.is_null() {
            incref(f);
            match call_found(f, s, &[]) {
                Ok(r) => decref(r),
                Err(_) => crate::object::exceptions::display::write_unraisable(f),
            }
            decref(f);
        }
        if !saved.is_null() {
            errors::set_raised(saved);
        }
    }
}

/// The async slots: `__await__`, `__aiter__`, `__anext__`.
macro_rules! async_dispatchers {
    ($($name:ident, $slot:ident, $dunder:literal);* $(;)?) => {
        $(
            unsafe extern "C" fn $name(s: *mut PyObject) -> *mut PyObject {
                // SAFETY: called through the async slot with a live object.
                unsafe {
                    match call_dunder(s, $dunder, &[]) {
                        Ok(Some(r)) => r,
                        Ok(None) => {
                            errors::attribute_error(&format!(
                                "object {} does not have {} method",
                                abstract_::oname(s, 50),
                                $dunder.to_string_lossy()
                            ));
                            null_mut()
                        }
                        Err(_) => null_mut(),
                    }
                }
            }
        )*
        static ASYNC_DISPATCHERS: [(usize, Unary); [$(stringify!($name)),*].len()] =
            [$((offset_of!(PyAsyncMethods, $slot), $name as Unary)),*];
    };
}

async_dispatchers! {
    slot_am_await, am_await, c"__await__";
    slot_am_aiter, am_aiter, c"__aiter__";
    slot_am_anext, am_anext, c"__anext__";
}

/// `slot_tp_getattr_hook`: `__getattribute__` (the generic one called directly), then, on
/// AttributeError, `__getattr__`.
unsafe extern "C" fn slot_tp_getattr_hook(s: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object and a str.
    unsafe {
        let tp = type_of(s);
        let Ok(gn) = unicodeobject::intern::intern_str("__getattr__") else { return null_mut() };
        let getattr = attr::lookup(tp, gn);
        decref(gn);
        if getattr.is_null() {
            return slot_getattro(s, name);
        }
        incref(getattr);
        let Ok(an) = unicodeobject::intern::intern_str("__getattribute__") else {
            decref(getattr);
            return null_mut();
        };
        let getattribute = attr::lookup(tp, an);
        decref(an);
        let generic: Binary = attr::PyObject_GenericGetAttr_impl;
        let r = if getattribute.is_null()
            || (type_of(getattribute) == &raw mut descrobject::PyWrapperDescr_Type
                && (*(getattribute as *mut descrobject::WrapperDescr)).d_wrapped == generic as *mut c_void)
        {
            generic(s, name)
        } else {
            call_found(getattribute, s, &[name]).unwrap_or(null_mut())
        };
        let r = if r.is_null() && errors::matches(&raw mut exceptions::_PyExc_AttributeError) {
            errors::clear();
            call_found(getattr, s, &[name]).unwrap_or(null_mut())
        } else {
            r
        };
        decref(getattr);
        r
    }
}

/// `slot_tp_new`: `type.__new__(type, *args, **kwds)` with `__new__` found by attribute
/// lookup on the type.
unsafe extern "C" fn slot_tp_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live type, an args tuple and NULL or a dict.
    unsafe {
        let Ok(n) = unicodeobject::intern::intern_str("__new__") else { return null_mut() };
        let f = attr::get_attr(tp.cast(), n);
        decref(n);
        let Ok(f) = f else { return null_mut() };
        let mut v = Vec::with_capacity(tupleobject::size(args) as usize + 1);
        v.push(tp.cast());
        v.extend_from_slice(tupleobject::items(args));
        let r = match tupleobject::pack(&v) {
            Ok(a) => {
                let r = call::call(f, a, kwds);
                decref(a);
                r
            }
            Err(_) => null_mut(),
        };
        decref(f);
        r
    }
}

/// Points `tp_new` of `tp` at what its `__new__` now is: the wrapped `tp_new` for a
/// builtin `__new__` made by [`add_operators`], else [`slot_tp_new`]; the base's when none.
unsafe fn fix_new(tp: *mut PyTypeObject) {
    // SAFETY: per caller, a heap type.
    unsafe {
        let Ok(n) = unicodeobject::intern::intern_str("__new__") else {
            errors::clear();
            return;
        };
        let found = attr::lookup(tp, n);
        decref(n);
        (*tp).tp_new = if found.is_null() {
            let base = (*tp).tp_base;
            if base.is_null() {
                None
            } else {
                (*base).tp_new
            }
        } else if methodobject::check(found) && methodobject::def_of(found) == TP_NEW_DEF.as_mut_ptr() {
            let owner = methodobject::self_of(found) as *mut PyTypeObject;
            (*owner).tp_new
        } else {
            Some(slot_tp_new)
        };
    }
}

/// The dispatcher for a table entry's `dispatcher` index.
fn dispatcher(d: &SlotDef) -> Option<*mut c_void> {
    let p: *mut c_void = match d.dispatcher? {
        0 => match d.name.to_bytes() {
            b"__getattribute__" => slot_getattro as *mut c_void,
            _ => slot_setattro as *mut c_void,
        },
        1 => slot_tp_repr as *mut c_void,
        2 => slot_tp_hash as *mut c_void,
        3 => slot_tp_call as *mut c_void,
        4 => slot_tp_str as *mut c_void,
        5 => slot_tp_richcompare as *mut c_void,
        6 => slot_tp_iter as *mut c_void,
        7 => slot_tp_iternext as *mut c_void,
        8 => slot_tp_init as *mut c_void,
        9 => slot_length as *mut c_void,
        10 => slot_getitem as *mut c_void,
        11 => slot_ass_subscript as *mut c_void,
        12 => slot_contains as *mut c_void,
        13 => slot_tp_descr_get as *mut c_void,
        14 => slot_tp_descr_set as *mut c_void,
        15 => slot_tp_finalize as *mut c_void,
        16 => slot_nb_bool as *mut c_void,
        17 => slot_nb_power as *mut c_void,
        18 => {
            let Slot::Am(off) = d.slot else { return None };
            return ASYNC_DISPATCHERS.iter().find(|(o, _)| *o == off).map(|&(_, f)| f as *mut c_void);
        }
        19 => slot_nb_inplace_power as *mut c_void,
        NB_DISPATCH => {
            let Slot::Nb(off) = d.slot else { return None };
            let b = BINARY_DISPATCHERS.iter().find(|(o, _)| *o == off).map(|&(_, f)| f as *mut c_void);
            let u = UNARY_DISPATCHERS.iter().find(|(o, _)| *o == off).map(|&(_, f)| f as *mut c_void);
            let i = INPLACE_DISPATCHERS.iter().find(|(o, _)| *o == off).map(|&(_, f)| f as *mut c_void);
            return b.or(u).or(i);
        }
        _ => return None,
    };
    Some(p)
}

/// Recomputes the slot(s) for the dunder `name` of the heap type `tp` after its dict
/// changed (CPython's `update_slot`), then those of its heap subclasses that inherit it.
pub(crate) unsafe fn update_slot(tp: *mut PyTypeObject, name: *mut PyObject) {
    // SAFETY: per caller, a heap type and a str.
    unsafe {
        let text = unicodeobject::as_bytes(name);
        if !(text.starts_with(b"__") && text.ends_with(b"__")) {
            return;
        }
        fix_name(tp, text);
        update_subclasses(tp, name, text, 0);
    }
}

// --- subclasses --------------------------------------------------------------------------------

/// The key of `tp` in its bases' `tp_subclasses` (its address, as CPython's `id`).
fn subclass_key(tp: *mut PyTypeObject) -> PyResult<Owned> {
    longobject::from_i64(tp as usize as i64)
}

/// The heap types among `tp`'s direct bases (whose `tp_subclasses` record it).
unsafe fn heap_bases(tp: *mut PyTypeObject) -> Vec<*mut PyTypeObject> {
    // SAFETY: per caller, a live type.
    unsafe {
        let bases = (*tp).tp_bases;
        let all: Vec<*mut PyTypeObject> = if bases.is_null() {
            if (*tp).tp_base.is_null() {
                vec![]
            } else {
                vec![(*tp).tp_base]
            }
        } else {
            tupleobject::items(bases).iter().map(|&b| b as *mut PyTypeObject).collect()
        };
        all.into_iter().filter(|&b| has_flag(b, Py_TPFLAGS_HEAPTYPE)).collect()
    }
}

/// Records the heap type `tp` in the `tp_subclasses` of each of its heap bases (a dict
/// `{address: address}`, as CPython's keyed by `id`; static bases, shared by every
/// interpreter, record nothing). [`remove_subclass`] undoes it when `tp` is freed, so every
/// recorded address is a live type.
///
/// # Safety
/// `tp` is a heap type whose bases are set.
pub(crate) unsafe fn add_subclass(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        for b in heap_bases(tp) {
            if (*b).tp_subclasses.is_null() {
                (*b).tp_subclasses = dictobject::new()?.cast();
            }
            let k = subclass_key(tp)?;
            let r = dictobject::set((*b).tp_subclasses.cast(), k, k);
            decref(k);
            r?;
        }
        Ok(())
    }
}

/// Removes `tp` from its heap bases' `tp_subclasses` and frees its own (type deallocation).
///
/// # Safety
/// `tp` is a heap type being freed, its bases still set.
pub(crate) unsafe fn remove_subclass(tp: *mut PyTypeObject) {
    // SAFETY: per caller.
    unsafe {
        for b in heap_bases(tp) {
            let d: *mut PyObject = (*b).tp_subclasses.cast();
            if d.is_null() {
                continue;
            }
            // A type freed while an exception is pending (a failed type_new) keeps it: no
            // lookup here may raise (int keys; absent keys are skipped).
            let Ok(k) = subclass_key(tp) else { continue };
            if dictobject::contains(d, k).unwrap_or(false) {
                let _ = dictobject::del(d, k);
            }
            decref(k);
        }
        xdecref(std::mem::replace(&mut (*tp).tp_subclasses, null_mut()).cast());
    }
}

/// The live direct subclasses recorded for `tp` (new references).
pub(crate) unsafe fn subclasses(tp: *mut PyTypeObject) -> Vec<Owned> {
    // SAFETY: per caller, a live type; recorded addresses are live types.
    unsafe {
        let d: *mut PyObject = (*tp).tp_subclasses.cast();
        if d.is_null() {
            return vec![];
        }
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((_, v)) = dictobject::next(d, &mut pos) {
            if let Some(a) = longobject::as_i64(v) {
                out.push(new_ref(a as usize as *mut PyObject));
            }
        }
        out
    }
}

/// `type.__subclasses__()`: a list of the live direct subclasses. Only heap types record
/// their subclasses (static types are shared by every interpreter), so a static type's list
/// is empty.
pub(crate) unsafe extern "C" fn type_subclasses(obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: called as a METH_NOARGS method of a type.
    unsafe { listobject::from_vec(subclasses(obj.cast())).unwrap_or(null_mut()) }
}

/// CPython's `update_subclasses`: the slots for `text` of each heap subclass that inherits
/// the dunder (does not define it itself), recursively.
unsafe fn update_subclasses(tp: *mut PyTypeObject, name: *mut PyObject, text: &[u8], depth: usize) {
    // SAFETY: per caller, a heap type and a str.
    unsafe {
        if depth > 1000 {
            return;
        }
        for sub in subclasses(tp) {
            let st = sub as *mut PyTypeObject;
            let d = (*st).tp_dict;
            let own = !d.is_null() && dictobject::contains(d, name).unwrap_or(false);
            if !own {
                fix_name(st, text);
                update_subclasses(st, name, text, depth + 1);
            }
            decref(sub);
        }
    }
}

/// Recomputes the slots of `tp` that the dunder `text` drives.
unsafe fn fix_name(tp: *mut PyTypeObject, text: &[u8]) {
    // SAFETY: per caller, a heap type.
    unsafe {
        match text {
            b"__new__" => return fix_new(tp),
            b"__getattr__" => return fix_one(tp, &SLOTDEFS[0]),
            _ => {}
        }
        for d in all_defs().filter(|d| d.name.to_bytes() == text) {
            fix_one(tp, d);
        }
    }
}

/// Points `d`'s slot of `tp` at what the MRO now says.
unsafe fn fix_one(tp: *mut PyTypeObject, d: &'static SlotDef) {
    // SAFETY: per caller.
    unsafe {
        if !owns_table(tp, d.slot) {
            return;
        }
        let p = slot_ptr(tp, d.slot);
        if p.is_null() {
            return;
        }
        let Ok(n) = unicodeobject::intern::intern_str(&d.name.to_string_lossy()) else {
            errors::clear();
            return;
        };
        let found = attr::lookup(tp, n);
        decref(n);
        let new: *mut c_void = if found.is_null() {
            // Deleted: what the base has.
            let base = (*tp).tp_base;
            let bp = if base.is_null() { null_mut() } else { slot_ptr(base, d.slot) };
            if bp.is_null() {
                null_mut()
            } else {
                *bp
            }
        } else if found == singletons::none() && d.name == c"__hash__" {
            crate::capi::object::PyObject_HashNotImplemented as *mut c_void
        } else if type_of(found) == &raw mut descrobject::PyWrapperDescr_Type
            && std::ptr::eq((*(found as *mut descrobject::WrapperDescr)).d_base, d)
        {
            (*(found as *mut descrobject::WrapperDescr)).d_wrapped
        } else {
            match dispatcher(d) {
                Some(f) => f,
                None => return,
            }
        };
        let new = if d.name == c"__getattribute__" && has_getattr(tp) {
            slot_tp_getattr_hook as *mut c_void
        } else {
            new
        };
        *p = new;
    }
}

/// Whether `tp`'s MRO defines `__getattr__`.
unsafe fn has_getattr(tp: *mut PyTypeObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let Ok(n) = unicodeobject::intern::intern_str("__getattr__") else {
            errors::clear();
            return false;
        };
        let found = !attr::lookup(tp, n).is_null();
        decref(n);
        found
    }
}

/// `fixup_slot_dispatchers`: for a new heap type, every dunder its dict defines gets the
/// matching slot dispatcher. The heap-type constructor calls this once the type is ready.
///
/// # Safety
/// `tp` is a ready heap type.
pub(crate) unsafe fn fixup_slot_dispatchers(tp: *mut PyTypeObject) {
    // SAFETY: per caller.
    unsafe {
        let dict = (*tp).tp_dict;
        if dict.is_null() {
            return;
        }
        for d in all_defs() {
            let key = d.name.to_string_lossy();
            let Ok(k) = unicodeobject::from_str(&key) else {
                errors::clear();
                return;
            };
            let present = dictobject::contains(dict, k).unwrap_or(false);
            decref(k);
            if present {
                fix_one(tp, d);
            }
        }
        for name in ["__new__", "__getattr__"] {
            let Ok(k) = unicodeobject::from_str(name) else {
                errors::clear();
                return;
            };
            let present = dictobject::contains(dict, k).unwrap_or(false);
            decref(k);
            if present {
                fix_name(tp, name.as_bytes());
            }
        }
    }
}

// --- instances of classes made by type() --------------------------------------------------------

/// The nearest base of `tp` whose `tp_traverse` is not [`subtype_traverse`] (NULL if none).
unsafe fn solid_traverse_base(tp: *mut PyTypeObject) -> *mut PyTypeObject {
    // SAFETY: per caller, a live type.
    unsafe {
        let me: traverseproc = Some(subtype_traverse);
        let mut b = tp;
        while !b.is_null() && (*b).tp_traverse.map(|f| f as usize) == me.map(|f| f as usize) {
            b = (*b).tp_base;
        }
        b
    }
}

fn has_dict_of(tp: *mut PyTypeObject) -> bool {
    // SAFETY: a live type.
    unsafe { (*tp).tp_dictoffset != 0 || (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT as c_ulong != 0 }
}

/// `subtype_traverse` (CPython's): the instance dict the class added, the heap type itself
/// (when the base is not a heap type, which would visit it), then the base's traverse.
pub(crate) unsafe extern "C" fn subtype_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by a collector with a live instance.
    unsafe {
        let Some(v) = visit else { return 0 };
        let r = for_each_slot(op, |p| if (*p).is_null() { 0 } else { v(*p, arg) });
        if r != 0 {
            return r;
        }
        let tp = type_of(op);
        let base = solid_traverse_base(tp);
        if has_dict_of(tp) && (base.is_null() || !has_dict_of(base)) {
            let d = *attr::dict_ptr(op);
            if !d.is_null() {
                let r = v(d, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) && (base.is_null() || !has_flag(base, Py_TPFLAGS_HEAPTYPE)) {
            let r = v(tp.cast(), arg);
            if r != 0 {
                return r;
            }
        }
        match if base.is_null() { None } else { (*base).tp_traverse } {
            Some(t) => t(op, visit, arg),
            None => 0,
        }
    }
}

/// `subtype_clear` (CPython's): drops the instance dict the class added, then the base's
/// clear.
pub(crate) unsafe extern "C" fn subtype_clear(op: *mut PyObject) -> c_int {
    // SAFETY: called by a collector with a live instance.
    unsafe {
        let tp = type_of(op);
        let me: inquiry = Some(subtype_clear);
        let mut base = tp;
        while !base.is_null() && (*base).tp_clear.map(|f| f as usize) == me.map(|f| f as usize) {
            base = (*base).tp_base;
        }
        clear_slots(op);
        if has_dict_of(tp) && (base.is_null() || !has_dict_of(base)) {
            let p = attr::dict_ptr(op);
            xdecref(std::mem::replace(&mut *p, null_mut()));
        }
        match if base.is_null() { None } else { (*base).tp_clear } {
            Some(c) => c(op),
            None => 0,
        }
    }
}

unsafe extern "C" fn subtype_get_dict(op: *mut PyObject, c: *mut c_void) -> *mut PyObject {
    // SAFETY: a getset of a type with an instance dict.
    unsafe { crate::capi::attr::PyObject_GenericGetDict(op, c) }
}

/// `o.__dict__ = d` (a dict), or `del o.__dict__`: a class made by `type()` allows it (CPython's
/// subtype_setdict), and a fresh dict appears on the next use.
unsafe extern "C" fn subtype_set_dict(op: *mut PyObject, value: *mut PyObject, c: *mut c_void) -> c_int {
    // SAFETY: a getset of a type with an instance dict.
    unsafe {
        if value.is_null() {
            let p = super::attr::dict_ptr(op);
            if !p.is_null() {
                xdecref(std::mem::replace(&mut *p, null_mut()));
            }
            return 0;
        }
        crate::capi::attr::PyObject_GenericSetDict(op, value, c)
    }
}

/// `__weakref__`: the first weak reference to the object, or None.
unsafe extern "C" fn subtype_get_weakref(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: a getset of a type with weak reference support.
    unsafe {
        let head = *super::weakrefobject::weaklist_ptr(op);
        new_ref(if head.is_null() { singletons::none() } else { head })
    }
}

const DICT_GETSET: PyGetSetDef = PyGetSetDef {
    name: c"__dict__".as_ptr(),
    get: Some(subtype_get_dict),
    set: Some(subtype_set_dict),
    doc: c"dictionary for instance variables".as_ptr(),
    closure: null_mut(),
};
const WEAKREF_GETSET: PyGetSetDef = PyGetSetDef {
    name: c"__weakref__".as_ptr(),
    get: Some(subtype_get_weakref),
    set: None,
    doc: c"list of weak references to the object".as_ptr(),
    closure: null_mut(),
};
const GETSET_END: PyGetSetDef =
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() };

/// CPython's `subtype_getsets_full`, `subtype_getsets_dict_only`, `subtype_getsets_weakref_only`.
static SUBTYPE_GETSETS_FULL: ReadOnly<[PyGetSetDef; 3]> = ReadOnly([DICT_GETSET, WEAKREF_GETSET, GETSET_END]);
static SUBTYPE_GETSETS_DICT_ONLY: ReadOnly<[PyGetSetDef; 2]> = ReadOnly([DICT_GETSET, GETSET_END]);
static SUBTYPE_GETSETS_WEAKREF_ONLY: ReadOnly<[PyGetSetDef; 2]> = ReadOnly([WEAKREF_GETSET, GETSET_END]);

/// A class's parsed `__slots__` (CPython's `type_new_slots`).
pub(crate) struct SlotsSpec {
    /// The `__slots__` names as a tuple (kept as `ht_slots`, whose strings name the members).
    pub(crate) names: Owned,
    /// The names that become member descriptors (borrowed from `names`).
    members: Vec<*mut PyObject>,
    add_dict: bool,
    add_weak: bool,
}

impl SlotsSpec {
    /// How many member slots instances get.
    pub(crate) fn count(&self) -> usize {
        self.members.len()
    }
}

/// Parses `__slots__` (a str or an iterable of str) of a class with best base `base` and
/// namespace `dict`, with CPython's checks and error texts. (Private names are not mangled.)
///
/// # Safety
/// Live arguments.
pub(crate) unsafe fn parse_slots(
    slots: *mut PyObject,
    base: *mut PyTypeObject,
    dict: *mut PyObject,
) -> PyResult<SlotsSpec> {
    // SAFETY: per caller.
    unsafe {
        let names = if unicodeobject::check(slots) {
            tupleobject::pack(&[slots])?
        } else {
            abstract_::sequence::tuple(slots)?
        };
        let mut spec = SlotsSpec { names, members: Vec::new(), add_dict: false, add_weak: false };
        match fill_slots(&mut spec, base, dict) {
            Ok(()) => Ok(spec),
            Err(e) => {
                decref(spec.names);
                Err(e)
            }
        }
    }
}

unsafe fn fill_slots(spec: &mut SlotsSpec, base: *mut PyTypeObject, dict: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller (parse_slots).
    unsafe {
        for &n in tupleobject::items(spec.names) {
            if !unicodeobject::check(n) {
                return Err(errors::type_error(&format!(
                    "__slots__ items must be strings, not '{}'",
                    abstract_::oname(n, 200)
                )));
            }
            match unicodeobject::as_bytes(n) {
                b"__dict__" => {
                    if spec.add_dict || has_dict_of(base) {
                        return Err(errors::type_error("__dict__ slot disallowed: we already got one"));
                    }
                    spec.add_dict = true;
                }
                b"__weakref__" => {
                    if spec.add_weak || super::weakrefobject::supports_weakrefs(base) {
                        return Err(errors::type_error("__weakref__ slot disallowed: we already got one"));
                    }
                    spec.add_weak = true;
                }
                _ => {
                    if dictobject::contains(dict, n)? {
                        return Err(errors::value_error(&format!(
                            "'{}' in __slots__ conflicts with class variable",
                            String::from_utf8_lossy(unicodeobject::as_bytes(n))
                        )));
                    }
                    spec.members.push(n);
                }
            }
        }
        if !spec.members.is_empty() && (*base).tp_itemsize != 0 {
            return Err(errors::type_error(&format!(
                "nonempty __slots__ not supported for subtype of '{}'",
                type_name(base)
            )));
        }
        Ok(())
    }
}

/// What `type_new` gives a class before it is readied (CPython's `type_new_alloc` and
/// `type_new_descriptors`): a GC type with [`subtype_traverse`]/[`subtype_clear`]; a
/// managed `__dict__` and managed weak references when the base has none (with `__slots__`:
/// only if named there), with the matching `__dict__`/`__weakref__` getsets; a member
/// descriptor (`Py_T_OBJECT_EX`) per other `__slots__` name, stored after the base's
/// fields, the `PyMemberDef`s in the room `members` left after the type object.
///
/// # Safety
/// `tp` is a heap type being built (not ready) with room for `slots.count()` members at
/// `members`, `base` its best base.
pub(crate) unsafe fn type_new_layout(
    tp: *mut PyTypeObject,
    base: *mut PyTypeObject,
    slots: Option<&SlotsSpec>,
    members: *mut PyMemberDef,
) {
    // SAFETY: per caller.
    unsafe {
        (*tp).tp_flags |= Py_TPFLAGS_HAVE_GC;
        (*tp).tp_traverse = Some(subtype_traverse);
        (*tp).tp_clear = Some(subtype_clear);
        let (add_dict, add_weak) = match slots {
            Some(s) => (s.add_dict, s.add_weak),
            None => (!has_dict_of(base), !super::weakrefobject::supports_weakrefs(base)),
        };
        if let Some(s) = slots {
            if !s.members.is_empty() {
                let word = std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
                for (i, &n) in s.members.iter().enumerate() {
                    *members.add(i) = PyMemberDef {
                        name: crate::capi::unicodeobject::PyUnicode_AsUTF8(n),
                        type_: Py_T_OBJECT_EX,
                        offset: (*tp).tp_basicsize + i as Py_ssize_t * word,
                        flags: 0,
                        doc: std::ptr::null(),
                    };
                }
                (*tp).tp_basicsize += s.members.len() as Py_ssize_t * word;
                (*tp).tp_members = members;
            }
        }
        if add_dict {
            (*tp).tp_flags |= Py_TPFLAGS_MANAGED_DICT as c_ulong;
        }
        if add_weak {
            (*tp).tp_flags |= Py_TPFLAGS_MANAGED_WEAKREF as c_ulong;
        }
        (*tp).tp_getset = match (add_dict, add_weak) {
            (true, true) => SUBTYPE_GETSETS_FULL.as_mut_ptr().cast(),
            (true, false) => SUBTYPE_GETSETS_DICT_ONLY.as_mut_ptr().cast(),
            (false, true) => SUBTYPE_GETSETS_WEAKREF_ONLY.as_mut_ptr().cast(),
            (false, false) => null_mut(),
        };
    }
}

/// The `__slots__` members (`Py_T_OBJECT_EX` fields) the classes between `tp` and its
/// nearest base not using `subtype_traverse` added: calls `f` on each field's address.
unsafe fn for_each_slot(op: *mut PyObject, mut f: impl FnMut(*mut *mut PyObject) -> c_int) -> c_int {
    // SAFETY: per caller, a live instance.
    unsafe {
        let me: traverseproc = Some(subtype_traverse);
        let mut t = type_of(op);
        while !t.is_null() && (*t).tp_traverse.map(|f| f as usize) == me.map(|f| f as usize) {
            let mut m = (*t).tp_members;
            while !m.is_null() && !(*m).name.is_null() {
                if (*m).type_ == Py_T_OBJECT_EX && (*m).flags & Py_READONLY == 0 {
                    let r = f((op as *mut u8).add((*m).offset as usize).cast());
                    if r != 0 {
                        return r;
                    }
                }
                m = m.add(1);
            }
            t = (*t).tp_base;
        }
        0
    }
}

/// Drops the `__slots__` fields of `op` (CPython's `clear_slots`, from `subtype_dealloc`).
///
/// # Safety
/// `op` is an instance being deallocated or cleared.
pub(crate) unsafe fn clear_slots(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        for_each_slot(op, |p| {
            xdecref(std::mem::replace(&mut *p, null_mut()));
            0
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::abstract_::number::{self, BinOp};

    /// A heap type that owns its number table (laid out after the type object, as in a
    /// `PyHeapTypeObject`), under a metatype whose instances are that big.
    #[repr(C)]
    struct Combo {
        tp: PyTypeObject,
        nb: PyNumberMethods,
    }

    unsafe extern "C" fn first_arg_tagged(_: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
        tupleobject::pack(&[arg]).unwrap_or(null_mut())
    }

    #[test]
    fn number_dunders_of_a_heap_type_get_dispatchers() {
        crate::tests::with_runtime(|| unsafe {
            let meta: &mut PyTypeObject =
                Box::leak(Box::new(std::ptr::read(&raw const typeobject::PyType_Type)));
            meta.tp_basicsize = std::mem::size_of::<Combo>() as Py_ssize_t;
            let combo: &mut Combo = Box::leak(Box::new(std::mem::zeroed::<Combo>()));
            let tp = &raw mut combo.tp;
            (*tp).ob_base.ob_base.ob_type = meta;
            typeobject::immortalize(tp.cast());
            (*tp).tp_name = c"T".as_ptr();
            (*tp).tp_basicsize = std::mem::size_of::<PyObject>() as Py_ssize_t;
            (*tp).tp_flags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE;
            (*tp).tp_as_number = &raw mut combo.nb;
            let ml: &'static mut PyMethodDef = Box::leak(Box::new(PyMethodDef {
                ml_name: c"f".as_ptr(),
                ml_meth: Some(first_arg_tagged),
                ml_flags: METH_O,
                ml_doc: std::ptr::null(),
            }));
            let f = methodobject::new(ml, null_mut(), null_mut(), null_mut()).unwrap();
            let d = dictobject::new().unwrap();
            for name in ["__add__", "__radd__"] {
                let k = unicodeobject::intern::intern_str(name).unwrap();
                dictobject::set(d, k, f).unwrap();
                decref(k);
            }
            (*tp).tp_dict = d;
            typeobject::ready(tp).unwrap();
            fixup_slot_dispatchers(tp);
            let add: Binary = slot_nb_add;
            assert!(combo.nb.nb_add.is_some_and(|g| std::ptr::fn_addr_eq(g, add)));
            let inst = typeobject::generic_alloc(tp, 0).unwrap();
            let one = longobject::from_i64(1).unwrap();
            // inst + 1 → T.__add__(1); 1 + inst → T.__radd__(1) (int's add gives up).
            let r = number::binary(inst, one, BinOp::Add).unwrap();
            assert_eq!(tupleobject::items(r), &[one]);
            decref(r);
            let r = number::binary(one, inst, BinOp::Add).unwrap();
            assert_eq!(tupleobject::items(r), &[one]);
            decref(r);
            // Deleting the dunder restores the base's slot (object has none).
            let k = unicodeobject::intern::intern_str("__add__").unwrap();
            dictobject::del(d, k).unwrap();
            attr::type_modified(tp);
            update_slot(tp, k);
            assert!(combo.nb.nb_add.is_none());
            decref(k);
            decref(one);
            decref(inst);
            decref(f);
        });
    }
}
