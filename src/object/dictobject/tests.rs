//! Unit tests of the dict table, and a model test: random insert/delete/lookup sequences
//! against an insertion-ordered model built from a `Vec`.

use proptest::prelude::*;

use super::table::{self, Keys};
use super::*;
use crate::capi::pylifecycle::{Py_FinalizeEx, Py_Initialize};

/// Runs `f` with an initialized runtime (tests share the process-wide runtime).
fn with_runtime(f: impl FnOnce()) {
    let _g = crate::tests::lock();
    Py_Initialize();
    f();
    assert_eq!(Py_FinalizeEx(), 0);
}

fn int(v: i64) -> Owned {
    longobject::from_i64(v).unwrap()
}

fn text(s: &str) -> Owned {
    unicodeobject::from_str(s).unwrap()
}

/// An `int` with the given magnitude (any size) and sign.
fn big_int(mag: u128, negative: bool) -> Owned {
    let mut digits = Vec::new();
    let mut m = mag;
    while m != 0 {
        digits.push((m as u32) & longobject::MASK);
        m >>= longobject::SHIFT;
    }
    let op = longobject::alloc(&raw mut longobject::PyLong_Type, digits.len()).unwrap();
    unsafe {
        let d = (&raw mut (*op).long_value.ob_digit) as *mut u32;
        std::ptr::copy_nonoverlapping(digits.as_ptr(), d, digits.len());
        let sign = if digits.is_empty() {
            0
        } else if negative {
            -1
        } else {
            1
        };
        longobject::set_sign_and_size(op, sign, digits.len());
    }
    op.cast()
}

unsafe fn value_of(d: *mut PyObject, k: *mut PyObject) -> Option<i64> {
    unsafe { get(d, k).unwrap().map(|v| longobject::as_i64(v).unwrap()) }
}

#[test]
fn sizes_follow_cpython() {
    assert_eq!(table::usable_fraction(8), 5);
    assert_eq!(table::log2_keysize(0), 3);
    assert_eq!(table::log2_keysize(8), 3);
    assert_eq!(table::log2_keysize(9), 4);
    assert_eq!(table::log2_keysize(15), 4);
    assert_eq!(table::log2_keysize(300_000), 19);
    // CPython's estimate_log2_keysize: room for n entries without a resize.
    for n in [0usize, 1, 5, 6, 10, 11, 100, 1000, 100_000] {
        let size = 1usize << table::log2_keysize_for(n);
        assert!(table::usable_fraction(size) >= n, "{n}");
    }
}

#[test]
fn int_hashes_match_cpython() {
    with_runtime(|| unsafe {
        let cases: [(Owned, isize); 9] = [
            (int(0), 0),
            (int(-1), -2),
            (int(-2), -2),
            (int(1 << 40), 1 << 40),
            (big_int((1 << 61) - 1, false), 0),
            (big_int(1 << 61, false), 1),
            (big_int(1 << 61, true), -2),
            (big_int(1 << 100, false), 549755813888),
            (big_int(1 << 100, true), -549755813888),
        ];
        for (op, want) in cases {
            assert_eq!(key::hash(op).unwrap(), want);
            assert_eq!(key::hash(op).unwrap(), key::int_hash(op));
            decref(op);
        }
        assert_eq!(key::hash(longobject::from_bool(true)).unwrap(), 1);
    });
}

#[test]
fn int_equality_is_by_value() {
    with_runtime(|| unsafe {
        let (a, b) = (big_int(1 << 100, false), big_int(1 << 100, false));
        let c = big_int(1 << 100, true);
        assert_eq!(key::fast_eq(a, b), Some(true));
        assert_eq!(key::fast_eq(a, c), Some(false));
        assert_eq!(key::fast_eq(int(1), longobject::from_bool(true)), Some(true));
        assert_eq!(key::fast_eq(int(0), longobject::from_bool(false)), Some(true));
        let s = text("1");
        assert_eq!(key::fast_eq(int(1), s), None);
        for o in [a, b, c, s] {
            decref(o);
        }
    });
}

#[test]
fn str_equality_compares_text() {
    with_runtime(|| unsafe {
        let (a, b, c, e) = (text("héllo"), text("héllo"), text("hello"), text(""));
        assert_eq!(key::fast_eq(a, b), Some(true));
        assert_eq!(key::fast_eq(a, c), Some(false));
        assert_eq!(key::fast_eq(e, c), Some(false));
        assert_eq!(key::hash(a).unwrap(), key::hash(b).unwrap());
        for o in [a, b, c, e] {
            decref(o);
        }
    });
}

/// Every index width (1, 2, 4 bytes) is crossed, with deletions leaving dummies.
#[test]
fn index_widths_and_dummies() {
    with_runtime(|| unsafe {
        let d = new().unwrap();
        for i in 0..70_000i64 {
            let k = int(i * 31);
            set(d, k, k).unwrap();
            decref(k);
            if i == 100 {
                assert_eq!((*table::keys_of(d)).log2_size, 8); // 256 slots: i16 indices
            }
        }
        assert_eq!((*table::keys_of(d)).log2_size, 17); // i32 indices
        for i in (0..70_000i64).step_by(3) {
            let k = int(i * 31);
            del(d, k).unwrap();
            decref(k);
        }
        for i in 0..70_000i64 {
            let k = int(i * 31);
            assert_eq!(value_of(d, k), if i % 3 == 0 { None } else { Some(i * 31) }, "{i}");
            decref(k);
        }
        decref(d);
    });
}

/// Keys of one hash but different values all stay reachable through deletions.
#[test]
fn colliding_keys() {
    with_runtime(|| unsafe {
        let d = new().unwrap();
        // Multiples of 2**20 share their low bits: they collide in any small table.
        let keys: Vec<Owned> = (0..40).map(|i| int(i << 20)).collect();
        for &k in &keys {
            set(d, k, k).unwrap();
        }
        for &k in keys.iter().step_by(2) {
            del(d, k).unwrap();
        }
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(contains(d, k).unwrap(), i % 2 == 1);
        }
        for &k in keys.iter().step_by(2) {
            set(d, k, k).unwrap();
        }
        assert_eq!(size(d), 40);
        for k in keys {
            decref(k);
        }
        decref(d);
    });
}

#[test]
fn clear_resets_to_the_shared_empty_table() {
    with_runtime(|| unsafe {
        let d = new().unwrap();
        assert_eq!(table::keys_of(d), table::empty_keys());
        let k = text("k");
        set(d, k, k).unwrap();
        assert_ne!(table::keys_of(d), table::empty_keys());
        clear(d);
        assert_eq!(table::keys_of(d), table::empty_keys());
        assert_eq!(size(d), 0);
        assert!(get(d, k).unwrap().is_none());
        set(d, k, k).unwrap();
        assert_eq!(size(d), 1);
        decref(k);
        decref(d);
        // The shared table is never written.
        let e = table::empty_keys();
        assert_eq!(((*e).usable, (*e).nentries), (0, 0));
        assert!((0..8).all(|i| Keys::get_index(e, i) == table::EMPTY));
    });
}

#[test]
fn presized_dicts_do_not_resize() {
    with_runtime(|| unsafe {
        let d = new_presized(1000).unwrap();
        let before = table::keys_of(d);
        for i in 0..1000 {
            let k = int(i);
            set(d, k, k).unwrap();
            decref(k);
        }
        assert_eq!(table::keys_of(d), before);
        decref(d);
    });
}

/// One step of a random workload; keys are drawn from a small domain so that deletions and
/// re-insertions of the same keys are frequent.
#[derive(Debug, Clone)]
enum Op {
    Insert(u8, i64),
    Delete(u8),
    Lookup(u8),
    Clear,
    Copy,
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any::<u8>(), any::<i64>()).prop_map(|(k, v)| Op::Insert(k, v)),
        3 => any::<u8>().prop_map(Op::Delete),
        3 => any::<u8>().prop_map(Op::Lookup),
        1 => Just(Op::Clear),
        1 => Just(Op::Copy),
    ]
}

/// Key `k` as an object: ints for even numbers (some big, some colliding), strs for odd.
fn key_obj(k: u8) -> Owned {
    match k % 4 {
        0 => int(i64::from(k) << 40),
        2 => int(i64::from(k) - 128),
        _ => text(&format!("key{k}")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The dict behaves as an insertion-ordered map: same answers, same iteration order.
    #[test]
    fn dict_matches_an_ordered_model(ops in proptest::collection::vec(op_strategy(), 1..400)) {
        with_runtime(|| unsafe {
            let mut d = new().unwrap();
            let mut model: Vec<(u8, i64)> = Vec::new();
            for op in &ops {
                match *op {
                    Op::Insert(k, v) => {
                        let (ko, vo) = (key_obj(k), int(v));
                        set(d, ko, vo).unwrap();
                        decref(ko);
                        decref(vo);
                        match model.iter_mut().find(|e| e.0 == k) {
                            Some(e) => e.1 = v,
                            None => model.push((k, v)),
                        }
                    }
                    Op::Delete(k) => {
                        let ko = key_obj(k);
                        let r = pop(d, ko, true).unwrap();
                        decref(ko);
                        let pos = model.iter().position(|e| e.0 == k);
                        assert_eq!(r.is_some(), pos.is_some());
                        if let Some(v) = r {
                            assert_eq!(longobject::as_i64(v), Some(model[pos.unwrap()].1));
                            decref(v);
                            model.remove(pos.unwrap());
                        }
                    }
                    Op::Lookup(k) => {
                        let ko = key_obj(k);
                        assert_eq!(value_of(d, ko), model.iter().find(|e| e.0 == k).map(|e| e.1));
                        decref(ko);
                    }
                    Op::Clear => {
                        clear(d);
                        model.clear();
                    }
                    Op::Copy => {
                        let c = copy(d).unwrap();
                        decref(d);
                        d = c;
                    }
                }
                assert_eq!(size(d) as usize, model.len());
            }
            // Iteration order is insertion order.
            let mut pos = 0;
            let mut seen = Vec::new();
            while let Some((_, v)) = next(d, &mut pos) {
                seen.push(longobject::as_i64(v).unwrap());
            }
            assert_eq!(seen, model.iter().map(|e| e.1).collect::<Vec<_>>());
            for &(k, _) in &model {
                let ko = key_obj(k);
                assert!(contains(d, ko).unwrap());
                decref(ko);
            }
            decref(d);
        });
    }
}
