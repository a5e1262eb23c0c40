//! Unit tests of the protocol helpers C tests cannot build inputs for: ints of several
//! digits (no C constructor for them exists yet), and the text helpers.

use super::number::to_base;
use super::*;
use crate::tests::with_runtime;
use longobject::format as format_int;

/// An int from its magnitude's 30-bit digits (least significant first) and sign.
unsafe fn int_from_digits(digits: &[u32], sign: i32) -> Owned {
    let op = longobject::alloc(&raw mut longobject::PyLong_Type, digits.len()).unwrap();
    // SAFETY: fresh, with room for the digits.
    unsafe {
        let d = (&raw mut (*op).long_value.ob_digit) as *mut digit;
        std::ptr::copy_nonoverlapping(digits.as_ptr(), d, digits.len());
        longobject::set_sign_and_size(op, sign, digits.len());
    }
    op.cast()
}

#[test]
fn ints_of_several_digits_format_in_every_base() {
    with_runtime(|| unsafe {
        // 2**100 = digits [0, 0, 0, 1 << 10].
        let big = int_from_digits(&[0, 0, 0, 1 << 10], 1);
        assert_eq!(format_int(big, 16).unwrap(), "0x10000000000000000000000000");
        assert_eq!(format_int(big, 10).unwrap(), "1267650600228229401496703205376");
        assert_eq!(format_int(big, 8).unwrap(), format!("0o{}", "2".to_owned() + &"0".repeat(33)));
        assert_eq!(format_int(big, 2).unwrap(), format!("0b1{}", "0".repeat(100)));
        let neg = int_from_digits(&[5, 7], -1);
        assert_eq!(format_int(neg, 10).unwrap(), format!("-{}", 7u64 * (1 << 30) + 5));
        assert_eq!(format_int(neg, 16).unwrap(), format!("-{:#x}", 7u64 * (1 << 30) + 5));
        let s = to_base(big, 16).unwrap();
        assert_eq!(unicodeobject::as_str(s), "0x10000000000000000000000000");
        for o in [big, neg, s] {
            decref(o);
        }
    });
}

#[test]
fn decimal_conversion_stops_at_the_digit_limit() {
    with_runtime(|| unsafe {
        // 476 digits of 30 bits: 4299 decimal digits, allowed. 478: 4317, refused after
        // converting; 480: refused before (CPython's two checks).
        let fits = int_from_digits(&vec![(1 << 30) - 1; 476], 1);
        assert_eq!(format_int(fits, 10).unwrap().len(), 4299);
        decref(fits);
        let over = int_from_digits(&vec![(1 << 30) - 1; 478], 1);
        assert!(format_int(over, 10).is_err());
        errors::clear();
        decref(over);
        let huge = int_from_digits(&vec![(1 << 30) - 1; 480], 1);
        assert!(format_int(huge, 10).is_err());
        let e = errors::take_raised();
        assert!(typeobject::type_check(e, &raw mut exceptions::_PyExc_ValueError));
        let msg = abstract_::str(e).unwrap();
        assert_eq!(
            unicodeobject::as_str(msg),
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to \
             increase the limit"
        );
        assert!(format_int(huge, 16).is_ok());
        for o in [huge, e, msg] {
            decref(o);
        }
    });
}

#[test]
fn ascii_escapes_like_backslashreplace() {
    assert_eq!(escape_non_ascii("a\u{e9}\u{20ac}\u{1f600}"), "a\\xe9\\u20ac\\U0001f600");
    assert_eq!(escape_non_ascii("plain"), "plain");
}

#[test]
fn iterating_a_list_sees_it_change() {
    with_runtime(|| unsafe {
        let (a, b) = (longobject::from_i64(1).unwrap(), longobject::from_i64(2).unwrap());
        let l = listobject::from_vec(vec![new_ref(a)]).unwrap();
        let mut it = Iter::new(l).unwrap();
        let first = it.next().unwrap().unwrap();
        listobject::append(l, b).unwrap();
        let second = it.next().unwrap().unwrap();
        assert!(first == a && second == b);
        assert!(it.next().unwrap().is_none());
        drop(it);
        assert_eq!(sequence::tuple(l).map(|t| tupleobject::size(t)).unwrap(), 2);
        decref(l);
    });
}
