//! Property tests against `num-bigint` as the oracle, and a table of results taken from
//! CPython 3.13 (`cpython_table.py` generates `cpython_table.rs`).

use super::*;
use num_bigint::BigInt as Num;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use proptest::prelude::*;

#[allow(clippy::type_complexity)]
#[path = "cpython_table.rs"]
#[rustfmt::skip]
mod cpython_table;

fn to_num(x: &BigInt) -> Num {
    let digits: Vec<u32> = x.mag().iter().flat_map(|&l| [l as u32, (l >> 32) as u32]).collect();
    let m = Num::from_slice(num_bigint::Sign::Plus, &digits);
    if x.neg {
        -m
    } else {
        m
    }
}

fn from_num(x: &Num) -> BigInt {
    let (sign, digits) = x.to_u64_digits();
    BigInt::from_mag_vec(sign == num_bigint::Sign::Minus, digits)
}

fn int(s: &str) -> BigInt {
    BigInt::from_str_radix(s, 0, 0).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

/// Values of 0..=2000 bits (and a few more), both signs, with the shapes that break
/// carries and normalization: runs of ones, powers of two and their neighbours.
fn arb_bigint(max_limbs: usize) -> impl Strategy<Value = BigInt> {
    let random = (proptest::collection::vec(any::<u64>(), 0..=max_limbs), 0u32..64, any::<bool>()).prop_map(
        |(mut v, cut, neg)| {
            if let Some(top) = v.last_mut() {
                *top >>= cut;
            }
            BigInt::from_mag_vec(neg, v)
        },
    );
    let edge = (0..max_limbs as u64 * 64, -3i64..=3, any::<bool>(), any::<bool>()).prop_map(
        |(k, delta, ones, neg)| {
            let p = BigInt::from(1u64).shl(k).unwrap();
            let v = if ones { p.sub(&BigInt::from(1u64)) } else { p.add(&BigInt::from(delta)) };
            if neg {
                v.neg()
            } else {
                v
            }
        },
    );
    let small = any::<i64>().prop_map(BigInt::from);
    let sparse = (
        proptest::collection::vec(prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()], 0..=max_limbs),
        any::<bool>(),
    )
        .prop_map(|(v, neg)| BigInt::from_mag_vec(neg, v));
    prop_oneof![3 => random, 2 => edge, 1 => small, 1 => sparse]
}

fn arb() -> impl Strategy<Value = BigInt> {
    arb_bigint(32)
}

/// True iff `f` is `n / d` (`d > 0`) correctly rounded, round-half-even; checked exactly in
/// integers, so it is an oracle independent of the code under test.
fn is_correctly_rounded(n: &Num, d: &Num, f: f64) -> bool {
    if f == 0.0 {
        // Zero is right when |n/d| <= 2^-1075 (the tie goes to the even zero).
        return (n.abs() << 1075usize) <= *d;
    }
    if (f < 0.0) != n.is_negative() {
        return false;
    }
    let bits = f.abs().to_bits();
    let (exp, frac) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | (1 << 52), exp - 1075) };
    // |f| = m * 2^e and its ulp is 2^e, except just below a power of two, where the next
    // float down is only 2^(e-1) away. Scale by d * 2^s so everything is an integer.
    let s = (2 - e).max(0);
    let x = n.abs() << s as usize;
    let y = (Num::from(m) * d) << (e + s) as usize;
    let half = d.clone() << (e + s - 1) as usize;
    let quarter = d.clone() << (e + s - 2) as usize;
    let (dist, lim) =
        if x >= y { (x - y, half) } else { (y - x, if m == 1 << 52 && exp > 1 { quarter } else { half }) };
    dist < lim || (dist == lim && m % 2 == 0)
}

fn check_float(n: &Num, d: &Num, f: f64) {
    assert!(is_correctly_rounded(n, d, f), "{n} / {d} gave {f:e}");
}

// failure_persistence: None keeps proptest from writing regression files outside this
// module; a failure it finds becomes an explicit case here instead.
proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn add_sub_mul(a in arb(), b in arb()) {
        let (na, nb) = (to_num(&a), to_num(&b));
        prop_assert_eq!(to_num(&a.add(&b)), &na + &nb);
        prop_assert_eq!(to_num(&a.sub(&b)), &na - &nb);
        prop_assert_eq!(to_num(&a.mul(&b)), &na * &nb);
        prop_assert_eq!(to_num(&a.mul(&a)), &na * &na);
        prop_assert_eq!(to_num(&a.mul(&a.clone())), &na * &na);
        prop_assert_eq!(to_num(&a.neg()), -&na);
        prop_assert_eq!(to_num(&a.abs()), na.abs());
        prop_assert_eq!(a.cmp(&b), na.cmp(&nb));
        prop_assert_eq!(a == b, na == nb);
        prop_assert_eq!(a.bit_length(), na.bits());
        prop_assert_eq!(a.signum(), if na.is_negative() { -1 } else if na.is_zero() { 0 } else { 1 });
    }

    #[test]
    fn floor_division(a in arb(), b in arb()) {
        let (na, nb) = (to_num(&a), to_num(&b));
        if b.is_zero() {
            prop_assert_eq!(a.divmod_floor(&b), Err(BigIntError::ZeroDivision));
            prop_assert_eq!(a.mod_floor(&b), Err(BigIntError::ZeroDivision));
            return Ok(());
        }
        let (q, r) = a.divmod_floor(&b).unwrap();
        let (nq, nr) = na.div_mod_floor(&nb);
        prop_assert_eq!(to_num(&q), nq);
        prop_assert_eq!(to_num(&r), nr.clone());
        // Python's rules spelled out: a == q*b + r, the remainder has the divisor's sign
        // and is smaller than it.
        prop_assert_eq!(to_num(&q) * &nb + &nr, na.clone());
        prop_assert!(nr.is_zero() || nr.is_negative() == nb.is_negative());
        prop_assert!(nr.abs() < nb.abs());
        prop_assert_eq!(a.div_floor(&b).unwrap(), q);
        prop_assert_eq!(a.mod_floor(&b).unwrap(), r);
    }

    #[test]
    fn true_division(a in arb(), b in arb()) {
        let (na, nb) = (to_num(&a), to_num(&b));
        match a.true_div(&b) {
            Err(BigIntError::ZeroDivision) => prop_assert!(b.is_zero()),
            Err(BigIntError::DivisionTooLargeForFloat) => {
                // Overflow only if the rounded quotient reaches 2^1024.
                let lim = (Num::one() << 1024usize) - (Num::one() << 970usize);
                prop_assert!(na.abs() >= lim * nb.abs());
            }
            Err(e) => prop_assert!(false, "{:?}", e),
            Ok(f) => {
                let (n, d) = if nb.is_negative() { (-na, -nb) } else { (na, nb) };
                check_float(&n, &d, f);
                if f == 0.0 {
                    prop_assert_eq!(f.is_sign_negative(), a.is_negative() != b.is_negative());
                }
            }
        }
    }

    #[test]
    fn float_conversions(a in arb(), bits in any::<u64>()) {
        let na = to_num(&a);
        match a.to_f64() {
            Ok(f) => check_float(&na, &Num::one(), f),
            Err(e) => {
                prop_assert_eq!(e, BigIntError::TooLargeForFloat);
                prop_assert!(na.abs() >= (Num::one() << 1024usize) - (Num::one() << 970usize));
            }
        }
        let x = f64::from_bits(bits);
        match BigInt::from_f64(x) {
            Ok(v) => prop_assert_eq!(to_num(&v), num_traits::FromPrimitive::from_f64(x.trunc()).unwrap()),
            Err(e) => prop_assert_eq!(e, if x.is_nan() { BigIntError::FloatNaN } else { BigIntError::FloatInfinity }),
        }
    }

    #[test]
    fn small_conversions(a in arb(), x in any::<i128>()) {
        let na = to_num(&a);
        prop_assert_eq!(a.to_i64(), na.to_i64());
        prop_assert_eq!(a.to_u64(), na.to_u64());
        prop_assert_eq!(a.to_i128(), na.to_i128());
        prop_assert_eq!(a.to_u128(), na.to_u128());
        let mask = (Num::one() << 64usize) - 1u32;
        let low = ((na.clone() % (Num::one() << 64usize)) + (Num::one() << 64usize)) & mask;
        prop_assert_eq!(a.low_u64_wrapping(), low.to_u64().unwrap());
        prop_assert_eq!(to_num(&BigInt::from(x)), Num::from(x));
        prop_assert_eq!(to_num(&BigInt::from(x as u128)), Num::from(x as u128));
        prop_assert_eq!(to_num(&BigInt::from(x as i64)), Num::from(x as i64));
        prop_assert_eq!(to_num(&BigInt::from(x as u64)), Num::from(x as u64));
        prop_assert_eq!(BigInt::from(x).to_i128(), Some(x));
    }

    #[test]
    fn bitwise_and_shifts(a in arb(), b in arb(), s in 0u64..300) {
        let (na, nb) = (to_num(&a), to_num(&b));
        prop_assert_eq!(to_num(&a.and(&b)), &na & &nb);
        prop_assert_eq!(to_num(&a.or(&b)), &na | &nb);
        prop_assert_eq!(to_num(&a.xor(&b)), &na ^ &nb);
        prop_assert_eq!(to_num(&a.invert()), !&na);
        prop_assert_eq!(to_num(&a.shl(s).unwrap()), &na << s as usize);
        // num-bigint's >> on negatives rounds toward minus infinity, like Python.
        prop_assert_eq!(to_num(&a.shr(s)), &na >> s as usize);
        prop_assert_eq!(to_num(&a.shr(s)), na.div_floor(&(Num::one() << s as usize)));
        prop_assert_eq!(a.bit_count(), na.magnitude().count_ones());
        prop_assert_eq!(a.trailing_zeros(), na.trailing_zeros().unwrap_or(0));
    }

    #[test]
    fn pow_and_gcd(a in arb_bigint(4), e in 0u64..40, b in arb()) {
        let na = to_num(&a);
        prop_assert_eq!(to_num(&a.pow_u64(e).unwrap()), num_traits::pow(na.clone(), e as usize));
        prop_assert_eq!(to_num(&a.pow(&BigInt::from(e)).unwrap()), num_traits::pow(na.clone(), e as usize));
        prop_assert_eq!(to_num(&a.gcd(&b)), na.gcd(&to_num(&b)));
    }

    #[test]
    fn gcd_with_common_factors(a in arb(), b in arb(), c in arb_bigint(12)) {
        // Random pairs are nearly always coprime; a shared factor makes the answer big.
        let (x, y) = (a.mul(&c), b.mul(&c));
        prop_assert_eq!(to_num(&x.gcd(&y)), to_num(&x).gcd(&to_num(&y)));
        prop_assert_eq!(to_num(&x.gcd(&c)), to_num(&x).gcd(&to_num(&c)));
    }

    #[test]
    fn pow_modular(a in arb(), e in arb_bigint(4), m in arb_bigint(20)) {
        let (na, ne, nm) = (to_num(&a), to_num(&e), to_num(&m));
        let r = a.pow_mod(&e, &m);
        if m.is_zero() {
            prop_assert_eq!(r, Err(BigIntError::ZeroModulus));
            return Ok(());
        }
        let am = nm.abs();
        if am.is_one() {
            prop_assert_eq!(r, Ok(BigInt::ZERO));
            return Ok(());
        }
        let base = na.mod_floor(&am);
        if !e.is_negative() {
            let want = base.modpow(&ne, &am);
            let want = if nm.is_negative() && !want.is_zero() { want - &am } else { want };
            prop_assert_eq!(to_num(&r.unwrap()), want);
        } else if base.gcd(&am).is_one() {
            // pow(a, -e, m) == pow(inverse(a), e, m); check it undoes pow(a, e, m).
            let r = to_num(&r.unwrap());
            let in_range = if nm.is_negative() { r <= Num::zero() && r > nm } else { r >= Num::zero() && r < nm };
            prop_assert!(in_range);
            let fwd = base.modpow(&-ne, &am);
            prop_assert!((r * fwd).mod_floor(&am).is_one());
        } else {
            prop_assert_eq!(r, Err(BigIntError::NotInvertible));
        }
    }

    #[test]
    fn hash_matches_formula(a in arb()) {
        let na = to_num(&a);
        let m = Num::from(HASH_MODULUS);
        let r = (na.abs() % &m).to_i64().unwrap();
        let h = if na.is_negative() { -r } else { r };
        prop_assert_eq!(a.py_hash(), if h == -1 { -2 } else { h });
    }

    #[test]
    fn text_round_trips(a in arb(), base in 2u32..=36) {
        let na = to_num(&a);
        let s = a.to_str_radix(base, 0).unwrap();
        prop_assert_eq!(&s, &na.to_str_radix(base));
        prop_assert_eq!(BigInt::from_str_radix(&s, base, 0).unwrap(), a.clone());
        prop_assert_eq!(BigInt::from_str_radix(&s.to_uppercase(), base, 0).unwrap(), a.clone());
        // Underscores between digits, surrounding whitespace and a prefix are accepted.
        let digits = s.trim_start_matches('-');
        let sign = if a.is_negative() { "-" } else { "+" };
        let spaced: String = digits.chars().enumerate()
            .flat_map(|(i, c)| if i > 0 && i % 3 == 0 { vec!['_', c] } else { vec![c] }).collect();
        let text = format!(" \t{sign}{spaced}\n ");
        prop_assert_eq!(BigInt::from_str_radix(&text, base, 0).unwrap(), a.clone());
        prop_assert_eq!(BigInt::from_ascii_radix(text.as_bytes(), base, 0).unwrap(), a.clone());
        let prefix = match base { 2 => "0b", 8 => "0o", 16 => "0x", _ => "" };
        if !prefix.is_empty() {
            let t = format!("{sign}{prefix}_{spaced}");
            prop_assert_eq!(BigInt::from_str_radix(&t, base, 0).unwrap(), a.clone());
            prop_assert_eq!(BigInt::from_str_radix(&t, 0, 0).unwrap(), a.clone());
        }
        if base == 10 && !digits.starts_with('0') {
            prop_assert_eq!(BigInt::from_str_radix(&text, 0, 0).unwrap(), a.clone());
        }
    }

    #[test]
    fn byte_round_trips(a in arb(), extra in 0usize..10, little in any::<bool>()) {
        let na = to_num(&a);
        let mut want = na.to_signed_bytes_le();
        let sign_byte = if na.is_negative() { 0xff } else { 0 };
        want.resize(want.len() + extra, sign_byte);
        let mut buf = vec![0u8; want.len()];
        a.to_bytes(&mut buf, true, true).unwrap();
        prop_assert_eq!(&buf, &want);
        if !little { want.reverse(); }
        a.to_bytes(&mut buf, little, true).unwrap();
        prop_assert_eq!(&buf, &want);
        prop_assert_eq!(BigInt::from_bytes(&buf, little, true), a.clone());
        // One byte less than the minimal signed width must overflow.
        let minimal = na.to_signed_bytes_le().len();
        let mut short = vec![0u8; minimal - 1];
        // (0 and -1 fit in zero bytes in CPython: b''.)
        if !na.is_zero() && na != -Num::one() {
            prop_assert_eq!(a.to_bytes(&mut short, little, true), Err(BigIntError::TooBigForBytes));
        }
        // Unsigned.
        if a.is_negative() {
            prop_assert_eq!(a.to_bytes(&mut buf, little, false), Err(BigIntError::NegativeToUnsigned));
        } else {
            let mut u = na.to_bytes_le().1;
            if na.is_zero() { u.clear(); }
            let n = u.len();
            u.resize(n + extra, 0);
            let mut out = vec![0u8; u.len()];
            a.to_bytes(&mut out, true, false).unwrap();
            prop_assert_eq!(&out, &u);
            prop_assert_eq!(BigInt::from_bytes(&out, true, false), a.clone());
            if n > 0 {
                prop_assert_eq!(a.to_bytes(&mut out[..n - 1], true, false), Err(BigIntError::TooBigForBytes));
            }
        }
    }
}

proptest! {
    // Operands large enough for Karatsuba recursion, Burnikel–Ziegler and the divide and
    // conquer radix conversion; fewer cases to keep the suite fast.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn large_operands(a in arb_bigint(700), b in arb_bigint(300)) {
        let (na, nb) = (to_num(&a), to_num(&b));
        prop_assert_eq!(to_num(&a.mul(&b)), &na * &nb);
        prop_assert_eq!(to_num(&a.mul(&a)), &na * &na);
        if !b.is_zero() {
            let (q, r) = a.divmod_floor(&b).unwrap();
            let (nq, nr) = na.div_mod_floor(&nb);
            prop_assert_eq!(to_num(&q), nq);
            prop_assert_eq!(to_num(&r), nr);
        }
        let s = a.to_str_radix(10, 0).unwrap();
        prop_assert_eq!(&s, &na.to_str_radix(10));
        prop_assert_eq!(BigInt::from_str_radix(&s, 10, 0).unwrap(), a.clone());
        let s7 = b.to_str_radix(7, 0).unwrap();
        prop_assert_eq!(&s7, &nb.to_str_radix(7));
        prop_assert_eq!(BigInt::from_str_radix(&s7, 7, 0).unwrap(), b.clone());
    }
}

#[test]
fn division_shapes() {
    // Divisors and dividends straddling the Burnikel–Ziegler threshold, with quotient
    // limbs that force the add-back and clamped-estimate paths.
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for &(la, lb) in &[(100, 48), (97, 49), (200, 96), (400, 130), (1000, 333), (300, 150), (150, 50)] {
        for kind in 0..4 {
            let mut a: Vec<u64> = (0..la).map(|_| rnd()).collect();
            let mut b: Vec<u64> = (0..lb).map(|_| rnd()).collect();
            match kind {
                1 => b.iter_mut().for_each(|x| *x = u64::MAX),
                2 => {
                    b[lb - 1] = 1 << 63;
                    b[..lb - 1].iter_mut().for_each(|x| *x = 0);
                }
                3 => a.iter_mut().for_each(|x| *x = u64::MAX),
                _ => {}
            }
            let (a, b) = (BigInt::from_mag_vec(false, a), BigInt::from_mag_vec(false, b));
            let (q, r) = a.divmod_floor(&b).unwrap();
            let (nq, nr) = to_num(&a).div_mod_floor(&to_num(&b));
            assert_eq!(to_num(&q), nq, "{la}/{lb} kind {kind}");
            assert_eq!(to_num(&r), nr, "{la}/{lb} kind {kind}");
        }
    }
}

#[test]
fn cpython_values() {
    for &(v, hash, float, reprs) in cpython_table::VALUES {
        let x = int(v);
        assert_eq!(x.py_hash(), hash, "hash({v})");
        match float {
            Some(bits) => assert_eq!(x.to_f64().map(f64::to_bits), Ok(bits), "float({v})"),
            None => assert_eq!(x.to_f64(), Err(BigIntError::TooLargeForFloat), "float({v})"),
        }
        for (base, want) in [2, 3, 8, 10, 16, 36].into_iter().zip(reprs) {
            assert_eq!(x.to_str_radix(base, 0).unwrap(), want, "{v} in base {base}");
            assert_eq!(BigInt::from_str_radix(want, base, 0).unwrap(), x);
        }
        assert_eq!(x.to_str_radix(10, DEFAULT_MAX_STR_DIGITS).unwrap(), reprs[3]);
    }
}

#[test]
fn cpython_divisions() {
    for &(a, b, div, floor, modulo) in cpython_table::DIVISIONS {
        let (x, y) = (int(a), int(b));
        match div {
            Some(bits) => {
                let f = x.true_div(&y).unwrap();
                assert_eq!(f.to_bits(), bits, "{a} / {b} = {f:e}");
            }
            None => assert_eq!(x.true_div(&y), Err(BigIntError::DivisionTooLargeForFloat), "{a} / {b}"),
        }
        assert_eq!(x.div_floor(&y).unwrap(), int(floor), "{a} // {b}");
        assert_eq!(x.mod_floor(&y).unwrap(), int(modulo), "{a} % {b}");
    }
    for &(a, e, m, want) in cpython_table::POW_MODS {
        assert_eq!(int(a).pow_mod(&int(e), &int(m)).unwrap(), int(want), "pow({a}, {e}, {m})");
    }
}

fn python_repr(s: &str) -> String {
    // Python's repr() of the ASCII and control characters used in the table.
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[test]
fn cpython_parsing() {
    for &(text, base, ref want) in cpython_table::PARSES {
        if text.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
            continue; // non-ASCII digits are transformed by the caller
        }
        let got = BigInt::from_str_radix(text, base, DEFAULT_MAX_STR_DIGITS);
        match (want, got) {
            (Ok(v), Ok(x)) => assert_eq!(x, int(v), "int({text:?}, {base})"),
            (Err(msg), Err(e)) => {
                let ours = match &e {
                    BigIntError::InvalidLiteral => invalid_literal_message(base, &python_repr(text)),
                    e => e.message(),
                };
                assert_eq!(e.kind(), ErrorKind::ValueError);
                assert_eq!(&ours, msg, "int({text:?}, {base})");
            }
            (w, g) => panic!("int({text:?}, {base}): want {w:?}, got {g:?}"),
        }
        if text.is_ascii() {
            let b = BigInt::from_ascii_radix(text.as_bytes(), base, DEFAULT_MAX_STR_DIGITS);
            let s = BigInt::from_str_radix(text, base, DEFAULT_MAX_STR_DIGITS);
            assert_eq!(b, s, "bytes {text:?}");
        }
    }
    // bytes accept only ASCII whitespace.
    assert_eq!(BigInt::from_ascii_radix(b"\xc2\xa012", 10, 0), Err(BigIntError::InvalidLiteral));
    // 0 is no limit.
    assert!(BigInt::from_str_radix(&"1".repeat(5000), 10, 0).is_ok());
}

#[test]
fn cpython_bytes_and_limits() {
    for &(v, n, little, signed, ref want) in cpython_table::TO_BYTES {
        let mut buf = vec![0u8; n];
        let got = int(v).to_bytes(&mut buf, little, signed);
        match want {
            Ok(hex) => {
                got.unwrap_or_else(|e| {
                    panic!("({v}).to_bytes({n}, little={little}, signed={signed}): {e:?}")
                });
                let h: String = buf.iter().map(|b| format!("{b:02x}")).collect();
                assert_eq!(&h, hex, "({v}).to_bytes({n}, little={little}, signed={signed})");
            }
            Err(msg) => assert_eq!(&got.unwrap_err().message(), msg, "({v}).to_bytes({n})"),
        }
    }
    for &(hex, little, signed, want) in cpython_table::FROM_BYTES {
        let bytes: Vec<u8> =
            (0..hex.len() / 2).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).collect();
        assert_eq!(BigInt::from_bytes(&bytes, little, signed), int(want), "from_bytes({hex})");
    }
    let ten = BigInt::from(10u64);
    for &(expr, ref want) in cpython_table::FORMAT_LIMITS {
        let x = match expr {
            "10**4299" => ten.pow_u64(4299).unwrap(),
            "10**4300" => ten.pow_u64(4300).unwrap(),
            "-(10**4299)" => ten.pow_u64(4299).unwrap().neg(),
            "10**4300-1" => ten.pow_u64(4300).unwrap().sub(&BigInt::from(1u64)),
            "-(10**4300)" => ten.pow_u64(4300).unwrap().neg(),
            _ => unreachable!(),
        };
        match (want, x.to_str_radix(10, DEFAULT_MAX_STR_DIGITS)) {
            (Ok(len), Ok(s)) => assert_eq!(s.len(), *len, "{expr}"),
            (Err(msg), Err(e)) => assert_eq!(&e.message(), msg, "{expr}"),
            (w, g) => panic!("str({expr}): want {w:?}, got {g:?}"),
        }
        // The limit is for decimal-like bases only.
        assert!(x.to_str_radix(16, DEFAULT_MAX_STR_DIGITS).is_ok());
    }
    // Far above the limit is refused before converting.
    let huge = ten.pow_u64(100_000).unwrap();
    assert_eq!(huge.to_str_radix(10, 4300), Err(BigIntError::FormatDigitLimit { limit: 4300 }));
}

#[test]
fn cpython_errors() {
    let e = |x: Result<BigInt, BigIntError>| x.unwrap_err();
    let got = [
        ("int(float(\"nan\"))", e(BigInt::from_f64(f64::NAN))),
        ("int(float(\"inf\"))", e(BigInt::from_f64(f64::INFINITY))),
        ("int(float(\"-inf\"))", e(BigInt::from_f64(f64::NEG_INFINITY))),
        ("float(2**1024)", BigInt::from(1u64).shl(1024).unwrap().to_f64().unwrap_err()),
        ("2**2000/3", BigInt::from(1u64).shl(2000).unwrap().true_div(&BigInt::from(3u64)).unwrap_err()),
        ("1//0", e(BigInt::from(1u64).div_floor(&BigInt::ZERO))),
        ("divmod(1, 0)", BigInt::from(1u64).divmod_floor(&BigInt::ZERO).unwrap_err()),
        ("pow(2, -1, 4)", e(BigInt::from(2u64).pow_mod(&BigInt::from(-1i64), &BigInt::from(4u64)))),
        ("pow(2, 3, 0)", e(BigInt::from(2u64).pow_mod(&BigInt::from(3u64), &BigInt::ZERO))),
        ("int(\"1\", 37)", e(BigInt::from_str_radix("1", 37, 0))),
    ];
    for (expr, err) in got {
        let &(_, ty, msg) = cpython_table::ERRORS.iter().find(|r| r.0 == expr).expect(expr);
        assert_eq!(err.message(), msg, "{expr}");
        let kind = match ty {
            "ValueError" => ErrorKind::ValueError,
            "OverflowError" => ErrorKind::OverflowError,
            "ZeroDivisionError" => ErrorKind::ZeroDivisionError,
            _ => unreachable!(),
        };
        assert_eq!(err.kind(), kind, "{expr}");
    }
    // `%` and `/` by zero: same variant, the caller words it (see BigIntError::ZeroDivision).
    assert_eq!(BigInt::from(1u64).mod_floor(&BigInt::ZERO), Err(BigIntError::ZeroDivision));
    assert_eq!(BigInt::from(1u64).true_div(&BigInt::ZERO), Err(BigIntError::ZeroDivision));
    assert_eq!(BigInt::from(2u64).pow(&BigInt::from(-1i64)), Err(BigIntError::NegativeExponent));
    assert_eq!(BigInt::from(2u64).pow(&BigInt::from(u128::MAX)), Err(BigIntError::OutOfMemory));
    assert_eq!(BigInt::from(-1i64).pow(&BigInt::from(u128::MAX)), Ok(BigInt::from(-1i64)));
    assert_eq!(BigInt::from(1u64).shl(u64::MAX), Err(BigIntError::OutOfMemory));
    assert_eq!(BigInt::from(-5i64).shr(u64::MAX), BigInt::from(-1i64));
}

#[test]
fn cpython_float_hashes() {
    for &(bits, mant, exp, want) in cpython_table::FLOAT_HASHES {
        let f = f64::from_bits(bits);
        assert_eq!(hash_float_parts(f < 0.0, mant, exp), want, "hash({f:e})");
        if f.fract() == 0.0 {
            // Integral floats hash like the equal int.
            assert_eq!(BigInt::from_f64(f).unwrap().py_hash(), want, "hash(int({f:e}))");
        }
    }
}

#[test]
fn small_values_stay_inline() {
    for v in
        [BigInt::from(u128::MAX), BigInt::from(i64::MIN), BigInt::from(u64::MAX).mul(&BigInt::from(u64::MAX))]
    {
        assert!(matches!(v.mag, Limbs::Inline(..)));
    }
    // Results that fit inline stay inline even when the operands needed a spare limb.
    let a = BigInt::from(u128::MAX).shl(60).unwrap();
    for v in
        [a.add(&a.neg().add(&BigInt::from(1u64))), a.mul(&BigInt::from(1u64)), a.xor(&a.neg()), a.sub(&a)]
    {
        assert!(matches!(v.mag, Limbs::Inline(..)), "{v}");
    }
    let big = BigInt::from(1u64).shl(300).unwrap();
    let back = big.shr(200);
    assert!(matches!(back.mag, Limbs::Inline(..)));
    assert!(std::mem::size_of::<BigInt>() <= 40);
}

/// Timings behind the thresholds in nat.rs and radix.rs, and numbers to compare with
/// CPython. Run: cargo test --release --lib object::bigint::tests::bench -- --ignored --nocapture
#[cfg(test)]
mod bench {
    use super::*;
    use std::hint::black_box;
    use std::time::Instant;

    fn limbs(n: usize, seed: u64) -> Vec<u64> {
        let mut s = seed | 1;
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                s
            })
            .collect()
    }

    fn time<F: FnMut()>(mut f: F) -> f64 {
        // Repeat until 50 ms have passed; nanoseconds per call.
        let mut reps = 1u64;
        loop {
            let t = Instant::now();
            for _ in 0..reps {
                f();
            }
            let e = t.elapsed().as_secs_f64();
            if e > 0.05 {
                return e * 1e9 / reps as f64;
            }
            reps *= 2;
        }
    }

    #[test]
    #[ignore]
    fn bench_mul_threshold() {
        for n in [8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 80, 96] {
            let (a, b) = (limbs(n, 1), limbs(n, 2));
            let mut out = vec![0u64; 2 * n];
            let school = time(|| {
                out.fill(0);
                nat::schoolbook_for_bench(&mut out, black_box(&a), black_box(&b));
            });
            let kara = time(|| {
                out.fill(0);
                nat::karatsuba_for_bench(&mut out, black_box(&a), black_box(&b));
            });
            let sq = time(|| {
                out.fill(0);
                nat::schoolbook_sqr_for_bench(&mut out, black_box(&a));
            });
            let ksq = time(|| {
                out.fill(0);
                nat::karatsuba_sqr_for_bench(&mut out, black_box(&a));
            });
            println!(
                "{n:3} limbs: schoolbook {school:7.0} ns, one Karatsuba level {kara:7.0} ns; \
                 squaring: schoolbook {sq:7.0} ns, one Karatsuba level {ksq:7.0} ns"
            );
        }
    }

    #[test]
    #[ignore]
    fn bench_div_threshold() {
        for n in [16, 24, 32, 48, 64, 96, 128, 256, 512] {
            let a = BigInt::from_mag_vec(false, limbs(2 * n, 3));
            let b = BigInt::from_mag_vec(false, limbs(n, 4));
            let mut t = [0.0; 2];
            for (i, bz) in [false, true].into_iter().enumerate() {
                nat::FORCE_BZ.with(|f| f.set(Some(bz)));
                t[i] = time(|| {
                    black_box(a.divmod_floor(black_box(&b)).unwrap());
                });
            }
            nat::FORCE_BZ.with(|f| f.set(None));
            println!("{:4} / {n:3} limbs: Knuth {:9.0} ns, Burnikel-Ziegler {:9.0} ns", 2 * n, t[0], t[1]);
        }
    }

    #[test]
    #[ignore]
    fn bench_against_cpython() {
        // The same operations as bench_bigint.py, for side-by-side numbers.
        let small_a = BigInt::from(12345678901234567i64);
        let small_b = BigInt::from(987654321i64);
        let two_limb = BigInt::from(u128::MAX / 3);
        println!("small add      {:10.1} ns", time(|| drop(black_box(black_box(&small_a).add(&small_b)))));
        println!("small mul      {:10.1} ns", time(|| drop(black_box(black_box(&small_a).mul(&small_b)))));
        println!(
            "small divmod   {:10.1} ns",
            time(|| drop(black_box(black_box(&small_a).divmod_floor(&small_b))))
        );
        println!("2-limb mul     {:10.1} ns", time(|| drop(black_box(black_box(&two_limb).mul(&two_limb)))));
        println!(
            "2-limb str     {:10.1} ns",
            time(|| drop(black_box(black_box(&two_limb).to_str_radix(10, 4300))))
        );
        let m = BigInt::from(1u64).shl(2048).unwrap().sub(&BigInt::from(159u64));
        let base = BigInt::from(3u64).pow_u64(1000).unwrap();
        let e = BigInt::from(1u64).shl(2047).unwrap().sub(&BigInt::from(1u64));
        println!(
            "pow(3**1000, 2**2047-1, 2**2048-159) {:9.3} ms",
            time(|| drop(black_box(base.pow_mod(&e, &m)))) / 1e6
        );
        println!(
            "3**100000               {:9.3} ms",
            time(|| drop(black_box(BigInt::from(3u64).pow_u64(100_000)))) / 1e6
        );
        let (g1, g2) = (BigInt::from(3u64).pow_u64(3000).unwrap(), BigInt::from(6u64).pow_u64(2000).unwrap());
        println!("gcd(3**3000, 6**2000)   {:9.3} ms", time(|| drop(black_box(g1.gcd(&g2)))) / 1e6);
        for digits in [1000usize, 10_000, 100_000, 1_000_000] {
            let text: String = (0..digits).map(|i| (b'1' + (i * 7 % 9) as u8) as char).collect();
            let x = BigInt::from_str_radix(&text, 10, 0).unwrap();
            let y = BigInt::from_str_radix(&text[..digits / 2], 10, 0).unwrap();
            let p = time(|| drop(black_box(BigInt::from_str_radix(black_box(&text), 10, 0))));
            let s = time(|| drop(black_box(black_box(&x).to_str_radix(10, 0))));
            let m = time(|| drop(black_box(black_box(&x).mul(&x))));
            let d = time(|| drop(black_box(black_box(&x).divmod_floor(&y))));
            println!(
                "{digits:8} digits: int(s) {:9.3} ms, str {:9.3} ms, x*x {:9.3} ms, divmod(x, y) {:9.3} ms",
                p / 1e6,
                s / 1e6,
                m / 1e6,
                d / 1e6
            );
        }
    }
}
