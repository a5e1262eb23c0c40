#!/usr/bin/env python3
"""Writes c-tests/parity_cases.h: objects of every built-in type with what CPython 3.13
says their hash(), repr(), str() and ascii() are under PYTHONHASHSEED=0.

Run with CPython 3.13 (the header records the version):
    PYTHONHASHSEED=0 python3.13 tools/gen_parity_cases.py > c-tests/parity_cases.h

Each object is written as a small prefix program that c-tests/test_parity.c builds with the
C API (so the same objects exist in both runtimes):
    N T F E I        None True False Ellipsis NotImplemented
    i<decimal>       int                 f<repr>      float (PyFloat_FromString)
    s<hex>           str from UTF-8      b<hex>       bytes        a<hex>  bytearray
    t<n> l<n>        tuple/list of the next n objects
    d<n>             dict of the next n key, value pairs (inserted in that order)
    S<n> Z<n>        set/frozenset of the next n objects (added in that order)
    r<a>,<b>,<c>     range(a, b, c)      c            slice of the next 3 objects
"""
import math
import os
import sys


class Ordered:
    """A set or frozenset built by adding `items` in this order."""

    def __init__(self, kind, items):
        self.kind, self.items = kind, list(items)

    def value(self):
        s = set()
        for x in self.items:
            s.add(value(x))
        return s if self.kind == "S" else frozenset(s)


def value(o):
    if isinstance(o, Ordered):
        return o.value()
    if isinstance(o, tuple):
        return tuple(value(x) for x in o)
    if isinstance(o, list):
        return [value(x) for x in o]
    if isinstance(o, dict):
        return {value(k): value(v) for k, v in o.items()}
    return o


def spec(o):
    if o is None:
        return "N"
    if o is True:
        return "T"
    if o is False:
        return "F"
    if o is ...:
        return "E"
    if o is NotImplemented:
        return "I"
    if isinstance(o, int):
        return "i%d" % o
    if isinstance(o, float):
        return "f" + repr(o)
    if isinstance(o, str):
        return "s" + o.encode("utf-8").hex()
    if isinstance(o, bytes):
        return "b" + o.hex()
    if isinstance(o, bytearray):
        return "a" + bytes(o).hex()
    if isinstance(o, tuple):
        return " ".join(["t%d" % len(o)] + [spec(x) for x in o])
    if isinstance(o, list):
        return " ".join(["l%d" % len(o)] + [spec(x) for x in o])
    if isinstance(o, dict):
        parts = ["d%d" % len(o)]
        for k, v in o.items():
            parts += [spec(k), spec(v)]
        return " ".join(parts)
    if isinstance(o, Ordered):
        return " ".join(["%s%d" % (o.kind, len(o.items))] + [spec(x) for x in o.items])
    if isinstance(o, range):
        return "r%d,%d,%d" % (o.start, o.stop, o.step)
    if isinstance(o, slice):
        return " ".join(["c", spec(o.start), spec(o.stop), spec(o.step)])
    raise TypeError(type(o))


def c_string(s):
    out = []
    for byte in s.encode("utf-8"):
        ch = chr(byte)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif 32 <= byte < 127 and ch != "?":
            out.append(ch)
        else:
            out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'


def address_based(v):
    """hash() values CPython derives from the object's address (not reproducible)."""
    if v is ... or v is NotImplemented:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, (tuple, frozenset)):
        return any(address_based(x) for x in v)
    if isinstance(v, slice):
        return any(address_based(x) for x in (v.start, v.stop, v.step))
    return False


CASES = [
    None, True, False, ..., NotImplemented,
    0, 1, -1, -2, 7, 255, 256, -5, -6, 2**30 - 1, 2**30, 2**31, 2**32, 2**60, 2**61 - 2,
    2**61 - 1, 2**61, 2**62, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64 - 1, 2**64, 10**20,
    -10**20, 2**100, -(2**100) + 1, 3**200, 10**50 + 7, -(2**61 - 1), -(2**61),
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -2.5, 0.1, 0.1 + 0.2, 1 / 3, 2.0**53, 2.0**53 + 2, 1e16,
    1e15, 123456789012345678.0, 1e-4, 1e-5, 123456789.125, 1e300, -1e-300, 5e-324,
    1.7976931348623157e308, math.inf, -math.inf, math.nan, 2.0**61, 2.0**62 + 2.0**40,
    3.141592653589793, 1e22, 1e23, 9007199254740993.0, 0.3, 100.0, 1.25e-310,
    "", "a", "hello world", "it's", 'say "hi"', "both ' and \"", "tab\there\nnewline\r",
    "\x00\x01\x1f\x7f\x80\x9f\xa0\xff", "\\", "é", "héllo", "Ω≈ç", "日本語", "😀", "a😀b",
    "\u2028\u2029", "\u00ad", "\ufeff", "\U000e0001", "\U0010ffff", "a" * 100,
    "mixed ĀāĂ 日本 😀 " * 20,
    b"", b"a", b"abc\x00\xff", b"'", b'"', b"'\"", b"\t\n\r\\", bytes(range(256)),
    bytearray(b""), bytearray(b"xy\x00'"),
    (), (1,), (1, 2), ("a", 1, 2.5, None), ((1, 2), (3, (4,))), (b"x", "y", True),
    (0.0, -0.0), (2**64, -1), ("日本", "é"),
    [], [1], [1, "a", [2, 3]], [None, 1.5, b"z"], [(), []],
    {}, {1: "a"}, {"a": 1, "b": [1, 2]}, {(1, 2): None, 3.5: "x"}, {"é": {"k": ()}},
    Ordered("S", []), Ordered("S", [1, 2, 3]), Ordered("S", ["a", "b", "c", "d"]),
    Ordered("S", [3, 2, 1, 100, -7]), Ordered("S", ["x", 1, 2.5, (1, 2)]),
    Ordered("Z", []), Ordered("Z", [1, 2]), Ordered("Z", ["x", "y", "z"]),
    Ordered("Z", [(1, 2), 3, "q"]), Ordered("Z", [Ordered("Z", [1]), Ordered("Z", [])]),
    range(10), range(1, 10, 2), range(0), range(-5, 5, 3), range(10, 0, -3), range(5, 5),
    slice(1, 2, 3), slice(None, None, None), slice("a", 2.5, None),
]


def main():
    if sys.version_info[:2] != (3, 13) or os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("run with CPython 3.13 and PYTHONHASHSEED=0")
    print("/* Generated by tools/gen_parity_cases.py with CPython %s, PYTHONHASHSEED=0."
          % sys.version.split()[0])
    print("   Do not edit. */")
    print("typedef struct {")
    print("    const char *spec;   /* the object, built by test_parity.c */")
    print("    int hash_kind;      /* 0 hash is `hash`, 1 unhashable (TypeError), 2 address-based */")
    print("    long long hash;")
    print("    const char *repr, *str, *ascii;")
    print("} parity_case;")
    print()
    print("static const parity_case PARITY_CASES[] = {")
    for o in CASES:
        v = value(o)
        try:
            h = hash(v)
            kind = 2 if address_based(v) else 0
        except TypeError:
            h, kind = 0, 1
        if kind == 2:
            h = 0
        print("    {%s, %d, (long long)0x%xULL," % (c_string(spec(o)), kind, h & (2**64 - 1)))
        print("     %s," % c_string(repr(v)))
        print("     %s," % c_string(str(v)))
        print("     %s}," % c_string(ascii(v)))
    print("};")


main()
