//! Unit tests of the set table, and model tests: random workloads and set algebra against
//! `BTreeSet`.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::capi::pylifecycle::{Py_FinalizeEx, Py_Initialize};

fn with_runtime(f: impl FnOnce()) {
    let _g = crate::tests::lock();
    Py_Initialize();
    f();
    assert_eq!(Py_FinalizeEx(), 0);
}

/// Element `k`: ints (some colliding in small tables) for even numbers, strs for odd.
fn elem(k: u16) -> Owned {
    if k % 2 == 0 {
        longobject::from_i64(i64::from(k) << 16).unwrap()
    } else {
        unicodeobject::from_str(&format!("e{k}")).unwrap()
    }
}

unsafe fn new_set(items: &BTreeSet<u16>) -> Owned {
    // SAFETY: a fresh set; elements are dropped after adding.
    unsafe {
        let s = make_new(&raw mut PySet_Type, std::ptr::null_mut()).unwrap();
        for &k in items {
            let o = elem(k);
            add_key(s, o).unwrap();
            decref(o);
        }
        s
    }
}

/// The set's contents, checked against the model element by element.
unsafe fn same_as(s: *mut PyObject, model: &BTreeSet<u16>) -> bool {
    // SAFETY: a set; probes are dropped after use.
    unsafe {
        if size(s) as usize != model.len() {
            return false;
        }
        let mut n = 0;
        let mut pos = 0;
        while table::next(s, &mut pos).is_some() {
            n += 1;
        }
        n == model.len()
            && model.iter().all(|&k| {
                let o = elem(k);
                let r = contains_key(s, o).unwrap();
                decref(o);
                r
            })
    }
}

#[test]
fn small_table_then_growth() {
    with_runtime(|| unsafe {
        let s = make_new(&raw mut PySet_Type, std::ptr::null_mut()).unwrap();
        assert_eq!(table::set(s).table, table::set(s).smalltable.as_mut_ptr());
        for i in 0..4 {
            let o = elem(i * 2);
            add_key(s, o).unwrap();
            decref(o);
        }
        assert_eq!(table::set(s).table, table::set(s).smalltable.as_mut_ptr(), "4 of 8 slots: still small");
        for i in 4..100 {
            let o = elem(i * 2);
            add_key(s, o).unwrap();
            decref(o);
        }
        assert_ne!(table::set(s).table, table::set(s).smalltable.as_mut_ptr());
        assert_eq!(size(s), 100);
        table::clear(s);
        assert_eq!(table::set(s).table, table::set(s).smalltable.as_mut_ptr());
        assert_eq!((table::set(s).fill, table::set(s).used, table::set(s).mask), (0, 0, 7));
        decref(s);
    });
}

#[test]
fn dummies_are_reused_and_purged() {
    with_runtime(|| unsafe {
        let s = make_new(&raw mut PySet_Type, std::ptr::null_mut()).unwrap();
        for round in 0..1000u16 {
            let o = elem(round % 7 * 2);
            add_key(s, o).unwrap();
            assert!(discard_key(s, o).unwrap());
            decref(o);
        }
        // Adds and removes never let dummies fill the table (a lookup needs an empty slot).
        let st = table::set(s);
        assert!(st.fill <= st.mask, "fill {} mask {}", st.fill, st.mask);
        assert_eq!(st.used, 0);
        decref(s);
    });
}

#[test]
fn pop_visits_every_element() {
    with_runtime(|| unsafe {
        let model: BTreeSet<u16> = (0..50).collect();
        let s = new_set(&model);
        let mut popped = 0;
        while size(s) > 0 {
            decref(pop(s).unwrap());
            popped += 1;
        }
        assert_eq!(popped, 50);
        assert!(pop(s).is_err());
        errors::clear();
        decref(s);
    });
}

#[derive(Debug, Clone)]
enum Op {
    Add(u16),
    Discard(u16),
    Contains(u16),
    Pop,
    Clear,
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u16..200).prop_map(Op::Add),
        3 => (0u16..200).prop_map(Op::Discard),
        3 => (0u16..200).prop_map(Op::Contains),
        1 => Just(Op::Pop),
        1 => Just(Op::Clear),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn set_matches_a_model(ops in proptest::collection::vec(op_strategy(), 1..400)) {
        with_runtime(|| unsafe {
            let s = make_new(&raw mut PySet_Type, std::ptr::null_mut()).unwrap();
            let mut model = BTreeSet::new();
            for op in &ops {
                match *op {
                    Op::Add(k) => {
                        let o = elem(k);
                        add_key(s, o).unwrap();
                        decref(o);
                        model.insert(k);
                    }
                    Op::Discard(k) => {
                        let o = elem(k);
                        assert_eq!(discard_key(s, o).unwrap(), model.remove(&k));
                        decref(o);
                    }
                    Op::Contains(k) => {
                        let o = elem(k);
                        assert_eq!(contains_key(s, o).unwrap(), model.contains(&k));
                        decref(o);
                    }
                    Op::Pop => match pop(s) {
                        Ok(o) => {
                            let k = model.iter().copied().find(|&k| {
                                let e = elem(k);
                                let eq = key::eq(e, o).unwrap();
                                decref(e);
                                eq
                            });
                            assert!(model.remove(&k.expect("popped an element of the set")));
                            decref(o);
                        }
                        Err(_) => {
                            assert!(model.is_empty());
                            errors::clear();
                        }
                    },
                    Op::Clear => {
                        table::clear(s);
                        model.clear();
                    }
                }
                assert_eq!(size(s) as usize, model.len());
            }
            assert!(same_as(s, &model));
            decref(s);
        });
    }

    #[test]
    fn algebra_matches_btreeset(
        a in proptest::collection::btree_set(0u16..120, 0..80),
        b in proptest::collection::btree_set(0u16..120, 0..80),
    ) {
        with_runtime(|| unsafe {
            let (x, y) = (new_set(&a), new_set(&b));
            let cases: [(Owned, BTreeSet<u16>); 4] = [
                (intersection(x, y).unwrap(), a.intersection(&b).copied().collect()),
                (difference(x, y).unwrap(), a.difference(&b).copied().collect()),
                (symmetric_difference(x, y).unwrap(), a.symmetric_difference(&b).copied().collect()),
                (copy(x).unwrap(), a.clone()),
            ];
            for (r, want) in cases {
                assert!(same_as(r, &want));
                decref(r);
            }
            let u = copy(x).unwrap();
            update(u, y).unwrap();
            assert!(same_as(u, &a.union(&b).copied().collect()));
            intersection_update(u, x).unwrap();
            assert!(same_as(u, &a));
            difference_update(u, y).unwrap();
            assert!(same_as(u, &a.difference(&b).copied().collect()));
            decref(u);
            use crate::abi::{Py_EQ, Py_LE, Py_LT};
            assert_eq!(compare(x, y, Py_LE).unwrap(), a.is_subset(&b));
            assert_eq!(compare(x, y, Py_LT).unwrap(), a.is_subset(&b) && a != b);
            assert_eq!(compare(x, y, Py_EQ).unwrap(), a == b);
            // A frozenset's hash depends on its elements only, not on how it was built.
            let f1 = make_new(&raw mut PyFrozenSet_Type, x).unwrap();
            let f2 = make_new(&raw mut PyFrozenSet_Type, std::ptr::null_mut()).unwrap();
            for &k in a.iter().rev() {
                let o = elem(k);
                add_key(f2, o).unwrap();
                decref(o);
            }
            assert_eq!(table::hash_of(f1), table::hash_of(f2));
            decref(f1);
            decref(f2);
            decref(x);
            decref(y);
        });
    }
}
