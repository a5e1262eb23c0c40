//! Tests of the sequence types through the core (a running runtime, objects made and
//! inspected from Rust): list operations against a `Vec` model, sorting against Rust's
//! stable sort, slice arithmetic against a brute-force definition, range's `int` helpers,
//! the repr guard and `iter()`'s fallback to `sq_item`.

use std::ptr::null_mut;

use proptest::prelude::*;

use super::*;
use crate::abi::{Py_EQ, Py_LE};

/// Runs `f` with an initialized runtime (one at a time: the runtime is process-wide).
fn with_python<R>(f: impl FnOnce() -> R) -> R {
    let _g = crate::tests::lock();
    crate::capi::pylifecycle::Py_Initialize();
    let r = f();
    assert!(errors::occurred().is_null(), "an exception was left set");
    assert_eq!(crate::capi::pylifecycle::Py_FinalizeEx(), 0);
    r
}

fn int(v: i64) -> Owned {
    longobject::from_i64(v).expect("int")
}

/// The values of a list of ints.
unsafe fn values(l: *mut PyObject) -> Vec<i64> {
    // SAFETY: per caller, a list of ints.
    unsafe { listobject::items(l).iter().map(|&o| longobject::as_i64(o).expect("fits")).collect() }
}

fn list_of(vals: &[i64]) -> Owned {
    listobject::from_vec(vals.iter().map(|&v| int(v)).collect()).expect("list")
}

fn slice_obj(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Owned {
    let part = |v: Option<i64>| v.map_or(null_mut(), int);
    let (a, b, c) = (part(start), part(stop), part(step));
    // SAFETY: NULL or fresh ints, released after.
    unsafe {
        let s = sliceobject::new(a, b, c).expect("slice");
        xdecref(a);
        xdecref(b);
        xdecref(c);
        s
    }
}

/// The indices `seq[start:stop:step]` selects, by Python's definition.
fn model_indices(n: i64, start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<i64> {
    let norm = |x: i64, lo: i64, hi: i64| (if x < 0 { x + n } else { x }).clamp(lo, hi);
    if step > 0 {
        let a = start.map_or(0, |x| norm(x, 0, n));
        let b = stop.map_or(n, |x| norm(x, 0, n));
        (a..b.max(a)).step_by(step as usize).collect()
    } else {
        let a = start.map_or(n - 1, |x| norm(x, -1, n - 1));
        let b = stop.map_or(-1, |x| norm(x, -1, n - 1));
        let mut out = Vec::new();
        let mut i = a;
        while i > b {
            out.push(i);
            i += step;
        }
        out
    }
}

#[test]
fn adjust_indices_selects_what_python_selects() {
    for n in 0..7i64 {
        let bounds: Vec<Option<i64>> = std::iter::once(None).chain((-n - 3..n + 3).map(Some)).collect();
        for &start in &bounds {
            for &stop in &bounds {
                for step in [-3i64, -2, -1, 1, 2, 3] {
                    let mut a = start.unwrap_or(if step < 0 { isize::MAX as i64 } else { 0 }) as isize;
                    let mut b =
                        stop.unwrap_or(if step < 0 { isize::MIN as i64 } else { isize::MAX as i64 }) as isize;
                    let len = sliceobject::adjust_indices(n as isize, &mut a, &mut b, step as isize);
                    let got: Vec<i64> = (0..len).map(|k| (a + k * step as isize) as i64).collect();
                    assert_eq!(got, model_indices(n, start, stop, step), "n={n} {start:?}:{stop:?}:{step}");
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Append(i64),
    Insert(i64, i64),
    SetSlice(i64, i64, Vec<i64>),
    DelSlice(i64, i64),
    SetExtended(Option<i64>, Option<i64>, i64),
    DelExtended(Option<i64>, Option<i64>, i64),
    SetIndex(i64, i64),
    Reverse,
    Repeat(i64),
    ExtendSelf,
}

fn op() -> impl Strategy<Value = Op> {
    let b = -12i64..12;
    let ob = proptest::option::of(-12i64..12);
    let step = prop_oneof![-3i64..=-1, 1i64..=3];
    prop_oneof![
        (0i64..100).prop_map(Op::Append),
        (b.clone(), 0i64..100).prop_map(|(i, v)| Op::Insert(i, v)),
        (b.clone(), b.clone(), proptest::collection::vec(0i64..100, 0..5))
            .prop_map(|(a, c, v)| Op::SetSlice(a, c, v)),
        (b.clone(), b.clone()).prop_map(|(a, c)| Op::DelSlice(a, c)),
        (ob.clone(), ob.clone(), step.clone()).prop_map(|(a, c, s)| Op::SetExtended(a, c, s)),
        (ob.clone(), ob, step).prop_map(|(a, c, s)| Op::DelExtended(a, c, s)),
        (b, 0i64..100).prop_map(|(i, v)| Op::SetIndex(i, v)),
        Just(Op::Reverse),
        (-1i64..3).prop_map(Op::Repeat),
        Just(Op::ExtendSelf),
    ]
}

/// Applies `op` to the list and to the model; both must succeed or fail together.
unsafe fn apply(l: *mut PyObject, model: &mut Vec<i64>, op: &Op) {
    let n = model.len() as i64;
    // SAFETY: `l` is a list of ints; the objects made here are released.
    unsafe {
        match op {
            Op::Append(v) => {
                let o = int(*v);
                listobject::append(l, o).unwrap();
                decref(o);
                model.push(*v);
            }
            Op::Insert(i, v) => {
                let o = int(*v);
                listobject::insert(l, *i as isize, o).unwrap();
                decref(o);
                let at = if *i < 0 { (i + n).max(0) } else { (*i).min(n) };
                model.insert(at as usize, *v);
            }
            Op::SetSlice(a, b, vals) => {
                let src = list_of(vals);
                listslice::ass_slice(l, *a as isize, *b as isize, src).unwrap();
                decref(src);
                let lo = (*a).clamp(0, n) as usize;
                let hi = (*b).clamp(lo as i64, n) as usize;
                model.splice(lo..hi, vals.iter().copied());
            }
            Op::DelSlice(a, b) => {
                listslice::ass_slice(l, *a as isize, *b as isize, null_mut()).unwrap();
                let lo = (*a).clamp(0, n) as usize;
                let hi = (*b).clamp(lo as i64, n) as usize;
                model.drain(lo..hi);
            }
            Op::SetExtended(a, b, s) => {
                let idx = model_indices(n, *a, *b, *s);
                let vals: Vec<i64> = (0..idx.len() as i64).map(|k| 1000 + k).collect();
                let src = list_of(&vals);
                let key = slice_obj(*a, *b, Some(*s));
                let f = (*listobject::PyList_Type.tp_as_mapping).mp_ass_subscript.unwrap();
                assert_eq!(f(l, key, src), 0);
                for (k, &i) in idx.iter().enumerate() {
                    model[i as usize] = vals[k];
                }
                decref(key);
                decref(src);
            }
            Op::DelExtended(a, b, s) => {
                let mut idx = model_indices(n, *a, *b, *s);
                let key = slice_obj(*a, *b, Some(*s));
                let f = (*listobject::PyList_Type.tp_as_mapping).mp_ass_subscript.unwrap();
                assert_eq!(f(l, key, null_mut()), 0);
                decref(key);
                idx.sort_unstable();
                for &i in idx.iter().rev() {
                    model.remove(i as usize);
                }
            }
            Op::SetIndex(i, v) => {
                let key = int(*i);
                let o = int(*v);
                let f = (*listobject::PyList_Type.tp_as_mapping).mp_ass_subscript.unwrap();
                let r = f(l, key, o);
                decref(key);
                decref(o);
                let at = if *i < 0 { i + n } else { *i };
                if (0..n).contains(&at) {
                    assert_eq!(r, 0);
                    model[at as usize] = *v;
                } else {
                    assert_eq!(r, -1);
                    assert!(errors::matches(&raw mut exceptions::_PyExc_IndexError));
                    errors::clear();
                }
            }
            Op::Reverse => {
                listobject::reverse(l);
                model.reverse();
            }
            Op::Repeat(k) => {
                listobject::inplace_repeat(l, *k as isize).unwrap();
                let copy = model.clone();
                model.clear();
                for _ in 0..(*k).max(0) {
                    model.extend_from_slice(&copy);
                }
            }
            Op::ExtendSelf => {
                listobject::extend(l, l).unwrap();
                let copy = model.clone();
                model.extend(copy);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn list_operations_agree_with_a_vec(
        init in proptest::collection::vec(0i64..100, 0..10),
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        with_python(|| {
            let l = list_of(&init);
            let mut model = init.clone();
            for op in &ops {
                // SAFETY: a list of ints made here.
                unsafe { apply(l, &mut model, op) };
                if model.len() > 2000 {
                    break;
                }
                // SAFETY: as above.
                assert_eq!(unsafe { values(l) }, model, "after {op:?}");
            }
            // SAFETY: owned.
            unsafe { decref(l) };
        });
    }

    #[test]
    fn list_sort_agrees_with_rust_stable_sort(
        vals in proptest::collection::vec(
            prop_oneof![-40i64..40, any::<i64>(), -(1i64 << 35)..(1i64 << 35)],
            0..400,
        ),
        reverse in any::<bool>(),
    ) {
        with_python(|| {
            // Distinct objects for equal values (beyond the small ints), so stability is
            // visible as identity.
            let objs: Vec<Owned> = vals.iter().map(|&v| int(v)).collect();
            // SAFETY: live objects, released below.
            let l = listobject::from_slice(&objs).unwrap();
            let mut want: Vec<(i64, usize)> = vals.iter().copied().zip(0..).collect();
            if reverse {
                want.sort_by_key(|x| std::cmp::Reverse(x.0));
            } else {
                want.sort_by_key(|p| p.0);
            }
            // SAFETY: a list.
            unsafe { listsort::sort(l, reverse).unwrap() };
            // SAFETY: as above.
            let got = unsafe { listobject::items(l) }.to_vec();
            for (k, &(_, i)) in want.iter().enumerate() {
                assert_eq!(got[k], objs[i], "position {k}");
            }
            // SAFETY: owned.
            unsafe {
                decref(l);
                for o in objs {
                    decref(o);
                }
            }
        });
    }

    #[test]
    fn str_sort_is_code_point_order(words in proptest::collection::vec("[a-cé€😀]{0,4}", 0..60)) {
        with_python(|| {
            let objs: Vec<Owned> = words.iter().map(|w| unicodeobject::from_str(w).unwrap()).collect();
            let l = listobject::from_vec(objs).unwrap();
            // SAFETY: a list of strs.
            unsafe { listsort::sort(l, false).unwrap() };
            let mut want = words.clone();
            want.sort_by(|a, b| a.chars().cmp(b.chars()));
            // SAFETY: as above.
            let got: Vec<String> = unsafe {
                listobject::items(l).iter().map(|&o| unicodeobject::as_str(o).to_owned()).collect()
            };
            assert_eq!(got, want);
            // SAFETY: owned.
            unsafe { decref(l) };
        });
    }
}

#[test]
fn range_int_helpers_round_trip_and_hash_as_cpython() {
    with_python(|| {
        for v in [
            0i128,
            1,
            -1,
            255,
            1 << 30,
            -(1 << 30),
            i64::MAX as i128,
            i64::MIN as i128,
            1 << 100,
            -(1 << 125),
            i128::MAX,
            i128::MIN + 1,
        ] {
            let o = longobject::from_i128(v).unwrap();
            // SAFETY: a fresh int.
            unsafe {
                assert_eq!(longobject::as_i128(o), Some(v));
                decref(o);
            }
        }
        // From `hash(...)` in CPython 3.13.
        assert_eq!(rangeobject::hash_i128((1 << 61) - 1), 0);
        assert_eq!(rangeobject::hash_i128(-1), -2);
        assert_eq!(rangeobject::hash_i128(1 << 61), 1);
        assert_eq!(rangeobject::hash_i128(-(1 << 61)), -2);
        assert_eq!(rangeobject::hash_i128(1 << 100), 549755813888);
        assert_eq!(rangeobject::hash_i128(-(1 << 100)), -549755813888);
        assert_eq!(rangeobject::hash_i128((1 << 126) + 12345), 12361);
    });
}

#[test]
fn repr_guard_sees_nesting_per_object() {
    with_python(|| {
        let (a, b) = (int(1 << 40), int(1 << 41));
        // SAFETY: fresh, owned ints.
        let before = unsafe { (*a).ob_refcnt };
        assert_eq!(reprenter::enter(a), Ok(false));
        // SAFETY: as above; an entry holds a reference, as CPython's list does.
        assert_eq!(unsafe { (*a).ob_refcnt }, before + 1);
        assert_eq!(reprenter::enter(b), Ok(false));
        assert_eq!(reprenter::enter(a), Ok(true));
        reprenter::leave(b);
        assert_eq!(reprenter::enter(b), Ok(false));
        reprenter::leave(b);
        reprenter::leave(a);
        assert_eq!(reprenter::enter(a), Ok(false));
        reprenter::leave(a);
        // SAFETY: as above.
        unsafe {
            assert_eq!((*a).ob_refcnt, before);
            decref(a);
            decref(b);
        }
    });
}

/// A sequence with only `sq_item` (0, 1, 2, then IndexError).
unsafe extern "C" fn three_items(_: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if i >= 3 {
        errors::index_error("done");
        return null_mut();
    }
    int(i as i64)
}

static THREE_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: None,
    sq_concat: None,
    sq_repeat: None,
    sq_item: Some(three_items),
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: None,
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

#[test]
fn iter_falls_back_to_sq_item() {
    with_python(|| {
        // A type object that lives for the test only (never readied: not needed here).
        let tp = Box::into_raw(Box::new(PyTypeObject {
            tp_name: c"three".as_ptr(),
            tp_basicsize: std::mem::size_of::<PyObject>() as Py_ssize_t,
            tp_as_sequence: THREE_AS_SEQUENCE.as_mut_ptr(),
            ..TYPE_TEMPLATE
        }));
        let mut obj = PyObject { ob_refcnt: _Py_IMMORTAL_REFCNT, ob_type: tp };
        let op: *mut PyObject = &mut obj;
        // SAFETY: `op` lives on this stack frame for the whole test; the iterator holds
        // it only until exhausted.
        unsafe {
            let it = abstract_::get_iter(op).unwrap();
            assert_eq!(type_of(it), &raw mut iterobject::PySeqIter_Type);
            let mut got = Vec::new();
            while let Some(x) = abstract_::iter_next(it).unwrap() {
                got.push(longobject::as_i64(x).unwrap());
                decref(x);
            }
            assert_eq!(got, [0, 1, 2]);
            decref(it);
            // A dict-like type with sq_item is not iterated that way (CPython's rule).
            (*tp).tp_flags |= Py_TPFLAGS_DICT_SUBCLASS;
            assert!(abstract_::get_iter(op).is_err());
            assert!(errors::matches(&raw mut exceptions::_PyExc_TypeError));
            errors::clear();
            drop(Box::from_raw(tp));
        }
    });
}

#[test]
fn comparisons_and_membership_of_lists() {
    with_python(|| {
        let (a, b) = (list_of(&[1, 2, 3]), list_of(&[1, 2, 4]));
        let c = list_of(&[1, 2, 3]);
        // SAFETY: fresh lists of small ints (shared objects: equal values are identical).
        unsafe {
            assert!(!abstract_::rich_compare_bool(a, b, Py_EQ).unwrap());
            assert!(abstract_::rich_compare_bool(a, c, Py_EQ).unwrap());
            assert!(abstract_::rich_compare_bool(a, c, Py_LE).unwrap());
            decref(c);
            let f = (*listobject::PyList_Type.tp_as_sequence).sq_contains.unwrap();
            let three = int(3);
            assert_eq!(f(a, three), 1);
            assert_eq!(f(b, three), 0);
            decref(a);
            decref(b);
        }
    });
}
