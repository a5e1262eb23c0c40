//! Property tests of `int` (and float's exact comparison with ints) through the object
//! layer, with `num-bigint` as the oracle: values are made from text by the object layer's
//! parser, operated on by the slots, and read back by `repr`, so the fast `i64` tier, the
//! digit/limb conversion and the engine are all exercised across the compact/multi-digit
//! boundary.

use std::ffi::c_int;
use std::ptr::null_mut;

use num_bigint::BigInt as Num;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::*;
use crate::abi::{Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};
use crate::capi::pylifecycle::{Py_FinalizeEx, Py_Initialize};

/// Runs `f` in an initialized runtime (one at a time: tests share the process runtime).
fn with_runtime(f: impl FnOnce()) {
    let _g = crate::tests::lock();
    Py_Initialize();
    f();
    assert_eq!(Py_FinalizeEx(), 0);
}

fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

/// Ints of every size up to ~2500 bits, weighted toward the boundaries of the fast paths:
/// one digit (2**30), `i64` (2**63), a few digits beyond, and the digit-level limits.
fn arb_int() -> impl Strategy<Value = Num> {
    let near = |bits: u32| {
        (-3i64..=3, any::<bool>()).prop_map(move |(d, neg)| {
            let v = (Num::from(1) << bits) + d;
            if neg {
                -v
            } else {
                v
            }
        })
    };
    let random = |words: usize| {
        (proptest::collection::vec(any::<u32>(), 0..=words), 0u32..32, any::<bool>()).prop_map(
            |(mut v, cut, neg)| {
                if let Some(top) = v.last_mut() {
                    *top >>= cut;
                }
                let m = Num::from_slice(num_bigint::Sign::Plus, &v);
                if neg {
                    -m
                } else {
                    m
                }
            },
        )
    };
    prop_oneof![
        (-300i64..300).prop_map(Num::from),
        any::<i32>().prop_map(Num::from),
        any::<i64>().prop_map(Num::from),
        near(30),
        near(60),
        near(63),
        near(64),
        near(90),
        random(10),
        // Past the digit-level multiplication and decimal conversion (20 and 60 digits).
        random(80),
    ]
}

fn make(v: &Num) -> Owned {
    parse::from_c_str(v.to_string().as_bytes(), 10).result.expect("a valid literal")
}

/// repr of a result (owned), or `err: Type: message` for NULL; consumes it.
fn text(r: *mut PyObject) -> String {
    if r.is_null() {
        let exc = errors::take_raised();
        assert!(!exc.is_null(), "NULL without an exception");
        // SAFETY: live objects.
        unsafe {
            let s = format!("err: {}: {}", type_name(type_of(exc)), errors::repr_lossy(exc));
            decref(exc);
            return s;
        }
    }
    // SAFETY: a live result.
    unsafe {
        let s = abstract_::repr(r).expect("repr");
        let out = unicodeobject::as_str(s).to_owned();
        decref(s);
        decref(r);
        out
    }
}

fn nb() -> &'static PyNumberMethods {
    &LONG_AS_NUMBER.0
}

type Binary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

fn binop(f: Option<Binary>, a: &Num, b: &Num) -> String {
    let (x, y) = (make(a), make(b));
    // SAFETY: slots called with live ints.
    let r = unsafe { f.expect("slot")(x, y) };
    // SAFETY: owned.
    unsafe {
        decref(x);
        decref(y);
    }
    text(r)
}

fn python_hash(v: &Num) -> i64 {
    let m = Num::from((1u64 << 61) - 1);
    let r = (v.abs() % &m).to_i64().expect("fits");
    let h = if v.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

#[test]
fn arithmetic_agrees_with_num_bigint() {
    with_runtime(|| {
        run(3000, (arb_int(), arb_int()), |(a, b)| {
            prop_assert_eq!(binop(nb().nb_add, &a, &b), (&a + &b).to_string());
            prop_assert_eq!(binop(nb().nb_subtract, &a, &b), (&a - &b).to_string());
            prop_assert_eq!(binop(nb().nb_multiply, &a, &b), (&a * &b).to_string());
            prop_assert_eq!(binop(nb().nb_and, &a, &b), (&a & &b).to_string());
            prop_assert_eq!(binop(nb().nb_or, &a, &b), (&a | &b).to_string());
            prop_assert_eq!(binop(nb().nb_xor, &a, &b), (&a ^ &b).to_string());
            if b.is_zero() {
                prop_assert_eq!(
                    binop(nb().nb_floor_divide, &a, &b),
                    "err: ZeroDivisionError: ZeroDivisionError('integer division or modulo by zero')"
                );
                prop_assert_eq!(
                    binop(nb().nb_remainder, &a, &b),
                    "err: ZeroDivisionError: ZeroDivisionError('integer modulo by zero')"
                );
            } else {
                let (q, r) = a.div_mod_floor(&b);
                prop_assert_eq!(binop(nb().nb_floor_divide, &a, &b), q.to_string());
                prop_assert_eq!(binop(nb().nb_remainder, &a, &b), r.to_string());
            }
            Ok(())
        });
    });
}

#[test]
fn unary_ops_shifts_and_powers_agree_with_num_bigint() {
    with_runtime(|| {
        run(2000, (arb_int(), 0u32..130, 0u32..12), |(a, s, e)| {
            let x = make(&a);
            // SAFETY: slots called with a live int.
            unsafe {
                prop_assert_eq!(text(nb().nb_negative.expect("slot")(x)), (-&a).to_string());
                prop_assert_eq!(text(nb().nb_absolute.expect("slot")(x)), a.abs().to_string());
                prop_assert_eq!(text(nb().nb_invert.expect("slot")(x)), (-&a - Num::from(1)).to_string());
                prop_assert_eq!(nb().nb_bool.expect("slot")(x), c_int::from(!a.is_zero()));
                prop_assert_eq!(PyLong_Type.tp_hash.expect("slot")(x) as i64, python_hash(&a));
                prop_assert_eq!(num_bits(x), a.bits());
                match a.to_i64() {
                    Some(v) => prop_assert_eq!(as_i64(x), Some(v)),
                    None => prop_assert_eq!(as_i64(x), None),
                }
                prop_assert_eq!(to_bigint(x).to_string(), a.to_string());
                decref(x);
            }
            let count = Num::from(s);
            prop_assert_eq!(binop(nb().nb_lshift, &a, &count), (&a << s).to_string());
            // Python's >> floors: num-bigint's does too for negative values.
            prop_assert_eq!(binop(nb().nb_rshift, &a, &count), (&a >> s).to_string());
            let (base, exp) = (make(&a), make(&Num::from(e)));
            // SAFETY: live ints; None as the modulus.
            let r = unsafe { nb().nb_power.expect("slot")(base, exp, singletons::none()) };
            // Read through the engine: large powers exceed repr's 4300-digit limit.
            prop_assert!(!r.is_null());
            // SAFETY: a live int, owned.
            unsafe {
                prop_assert_eq!(to_bigint(r).to_string(), a.pow(e).to_string());
                decref(r);
            }
            // SAFETY: owned.
            unsafe {
                decref(base);
                decref(exp);
            }
            Ok(())
        });
    });
}

#[test]
fn modular_power_agrees_with_num_bigint() {
    with_runtime(|| {
        run(1000, (arb_int(), 0u32..200, arb_int()), |(a, e, m)| {
            if m.is_zero() {
                return Ok(());
            }
            let (x, y, z) = (make(&a), make(&Num::from(e)), make(&m));
            // SAFETY: live ints.
            let r = unsafe { nb().nb_power.expect("slot")(x, y, z) };
            // Python's result takes the modulus's sign.
            let mut want = a.modpow(&Num::from(e), &m.abs());
            if m.is_negative() && !want.is_zero() {
                want += &m;
            }
            prop_assert_eq!(text(r), want.to_string());
            // SAFETY: owned.
            unsafe {
                decref(x);
                decref(y);
                decref(z);
            }
            Ok(())
        });
    });
}

#[test]
fn comparison_agrees_with_num_bigint() {
    with_runtime(|| {
        run(3000, (arb_int(), arb_int()), |(a, b)| {
            let (x, y) = (make(&a), make(&b));
            for (op, want) in [
                (Py_LT, a < b),
                (Py_LE, a <= b),
                (Py_EQ, a == b),
                (Py_NE, a != b),
                (Py_GT, a > b),
                (Py_GE, a >= b),
            ] {
                // SAFETY: live ints.
                let r = unsafe { ops::long_richcompare(x, y, op) };
                prop_assert_eq!(r, from_bool(want), "{} {} {}", a, op, b);
            }
            // SAFETY: owned.
            unsafe {
                decref(x);
                decref(y);
            }
            Ok(())
        });
    });
}

/// The exact value of a finite float as a fraction `num / 2**shift`.
fn exact(f: f64) -> (Num, u32) {
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (mant, exp) = if biased == 0 { (frac, -1074) } else { (frac | (1 << 52), biased - 1075) };
    let m = if f.is_sign_negative() { -Num::from(mant) } else { Num::from(mant) };
    if exp >= 0 {
        (m << exp as u32, 0)
    } else {
        (m, (-exp) as u32)
    }
}

#[test]
fn float_int_comparison_is_exact() {
    let arb_float = prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        (-300i64..300).prop_map(|x| x as f64),
        (any::<i64>(), -3i32..=3).prop_map(|(x, d)| x as f64 + d as f64),
        (0u32..200, any::<bool>()).prop_map(|(e, neg)| if neg {
            -(2f64.powi(e as i32))
        } else {
            2f64.powi(e as i32)
        }),
    ];
    with_runtime(|| {
        run(3000, (arb_float, arb_int()), |(f, n)| {
            let (num, shift) = exact(f);
            let lhs = num;
            let rhs = &n << shift;
            let fo = floatobject::from_f64(f).expect("float");
            let no = make(&n);
            let cmp = unsafe { floatobject::PyFloat_Type.tp_richcompare.expect("slot") };
            for (op, want) in [
                (Py_LT, lhs < rhs),
                (Py_LE, lhs <= rhs),
                (Py_EQ, lhs == rhs),
                (Py_NE, lhs != rhs),
                (Py_GT, lhs > rhs),
                (Py_GE, lhs >= rhs),
            ] {
                // SAFETY: live objects.
                let r = unsafe { cmp(fo, no, op) };
                prop_assert_eq!(r, from_bool(want), "{:?} {} {}", f, op, n);
            }
            // hash(x) == hash(n) whenever they are equal.
            if lhs == rhs {
                // SAFETY: live objects.
                unsafe {
                    prop_assert_eq!(
                        floatobject::PyFloat_Type.tp_hash.expect("slot")(fo),
                        PyLong_Type.tp_hash.expect("slot")(no)
                    );
                }
            }
            // SAFETY: owned.
            unsafe {
                decref(fo);
                decref(no);
            }
            Ok(())
        });
    });
}

#[test]
fn byte_arrays_agree_with_num_bigint() {
    with_runtime(|| {
        run(2000, (arb_int(), 0usize..40, any::<bool>()), |(a, n, little)| {
            let x = make(&a);
            let mut buf = vec![0u8; n];
            // SAFETY: a live int.
            let r = unsafe { convert::to_byte_array(x, &mut buf, little, true) };
            let mut want = a.to_signed_bytes_le();
            let fits = want.len() <= n || (a.is_zero() && n == 0);
            if fits {
                prop_assert!(r.is_ok(), "{} into {} bytes", a, n);
                let fill = if a.is_negative() { 0xff } else { 0 };
                want.resize(n, fill);
                if !little {
                    want.reverse();
                }
                prop_assert_eq!(&buf, &want);
                let back = convert::from_byte_array(&buf, little, true).expect("int");
                prop_assert_eq!(text(back), a.to_string());
            } else {
                prop_assert_eq!(r, Err(convert::ByteArrayError::Overflow));
            }
            // SAFETY: owned.
            unsafe { decref(x) };
            Ok(())
        });
    });
}

#[test]
fn text_round_trips_and_bytes_literals() {
    with_runtime(|| {
        run(1000, arb_int(), |a| {
            for base in [2u32, 8, 10, 16, 36] {
                let digits = a.abs().to_str_radix(base);
                let lit = format!("{}{digits}", if a.is_negative() { "-" } else { "" });
                let r = parse::from_c_str(lit.as_bytes(), base as i32);
                prop_assert_eq!(r.end, Some(lit.len()));
                prop_assert_eq!(text(r.result.unwrap_or(null_mut())), a.to_string());
            }
            let r = parse::from_bytes_literal(format!(" {a}\n").as_bytes(), 10);
            prop_assert_eq!(text(r.unwrap_or(null_mut())), a.to_string());
            Ok(())
        });
        // int(bytes): the error quotes the bytes' repr, and a NUL ends nothing early.
        let t = text(parse::from_bytes_literal(b"12\x003", 10).unwrap_or(null_mut()));
        assert_eq!(
            t,
            r#"err: ValueError: ValueError("invalid literal for int() with base 10: b'12\\x003'")"#
        );
        let t = text(parse::from_bytes_literal(b"0x1f", 0).unwrap_or(null_mut()));
        assert_eq!(t, "31");
    });
}

/// Blocks the current interpreter's heap holds.
fn live_blocks() -> usize {
    // SAFETY: the attached thread state, under its GIL.
    unsafe { (*crate::tstate::current()).interp().heap_stats().live_blocks }
}

/// Every int and float slot, success and error paths, leaves the heap as it found it.
#[test]
fn slots_and_conversions_do_not_leak() {
    with_runtime(|| {
        // Second operands of shifts and powers stay small (or huge enough to fail at once).
        let values: Vec<Owned> = [
            "0",
            "1",
            "-7",
            "100",
            "-1073741824",
            "-9223372036854775809",
            "-10000000000000000000000000000000",
        ]
        .iter()
        .map(|s| make(&s.parse::<Num>().expect("number")))
        .collect();
        let floats: Vec<Owned> = [0.0, -1.5, 1e300, f64::NAN, f64::INFINITY]
            .iter()
            .map(|&f| floatobject::from_f64(f).expect("float"))
            .collect();
        let all: Vec<Owned> = values.iter().chain(floats.iter()).copied().collect();
        let round = || {
            // SAFETY: live objects throughout; every result is released.
            unsafe {
                for &a in &all {
                    let nb = &*(*type_of(a)).tp_as_number;
                    for f in
                        [nb.nb_negative, nb.nb_positive, nb.nb_absolute, nb.nb_int, nb.nb_float, nb.nb_invert]
                            .into_iter()
                            .flatten()
                    {
                        xdecref(f(a));
                    }
                    let r = abstract_::repr(a);
                    if let Ok(r) = r {
                        decref(r);
                    }
                    for &b in &all {
                        for f in [
                            nb.nb_add,
                            nb.nb_subtract,
                            nb.nb_multiply,
                            nb.nb_remainder,
                            nb.nb_divmod,
                            nb.nb_floor_divide,
                            nb.nb_true_divide,
                            nb.nb_lshift,
                            nb.nb_rshift,
                            nb.nb_and,
                            nb.nb_or,
                            nb.nb_xor,
                        ]
                        .into_iter()
                        .flatten()
                        {
                            xdecref(f(a, b));
                            errors::clear();
                        }
                        if let Some(p) = nb.nb_power {
                            xdecref(p(a, b, singletons::none()));
                            errors::clear();
                            xdecref(p(a, b, values[2]));
                            errors::clear();
                        }
                        if let Some(c) = (*type_of(a)).tp_richcompare {
                            xdecref(c(a, b, Py_LT));
                        }
                    }
                    xdecref(abstract_::number::long(a).unwrap_or(null_mut()));
                    xdecref(abstract_::number::float(a).unwrap_or(null_mut()));
                    errors::clear();
                }
            }
        };
        round(); // first use may fill caches
        let before = live_blocks();
        for _ in 0..3 {
            round();
        }
        assert_eq!(live_blocks(), before, "blocks leaked by the slots");
        for o in all {
            // SAFETY: owned.
            unsafe { decref(o) };
        }
    });
}
