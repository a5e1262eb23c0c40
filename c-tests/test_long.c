/* int: the slots against a table of results measured on CPython 3.13 (num_cases.h), the
   C conversion functions at their edges with CPython's texts, text to int, native bytes,
   int() itself, and reference counts. */
#include "num_util.h"
#include "num_cases.h"

static int same(const char *got, const char *want, const char *what, const char *a, const char *b) {
    if (strcmp(got, want) == 0) { t_passed++; return 1; }
    t_failed++;
    fprintf(stderr, "FAIL %s(%s, %s): got \"%.300s\", expected \"%.300s\"\n", what, a, b ? b : "", got, want);
    return 0;
}

static void test_unary_table(void) {
    for (int i = 0; i < N_INTS; i++) {
        const int_unary *u = &INT_UNARY[i];
        PyObject *v = int_of(INT_VALUES[i]);
        PyObject *r = Py_TYPE(v)->tp_repr(v);
        CHECK_STR(PyUnicode_AsUTF8(r), u->repr);
        Py_DECREF(r);
        CHECK_INT(Py_TYPE(v)->tp_hash(v), u->hash);
        same(describe(nb(v)->nb_negative(v)), u->neg, "neg", u->repr, NULL);
        same(describe(nb(v)->nb_absolute(v)), u->abs, "abs", u->repr, NULL);
        same(describe(nb(v)->nb_invert(v)), u->invert, "invert", u->repr, NULL);
        same(describe(nb(v)->nb_float(v)), u->flt, "float", u->repr, NULL);
        CHECK_INT(_PyLong_NumBits(v), u->bits);
        CHECK_INT(nb(v)->nb_bool(v), strcmp(u->repr, "0") != 0);
        CHECK_INT(_PyLong_Sign(v), u->repr[0] == '-' ? -1 : strcmp(u->repr, "0") == 0 ? 0 : 1);
        /* nb_int, nb_index, nb_positive give an exact int back: itself. */
        Py_ssize_t rc = Py_REFCNT(v);
        PyObject *same_v = nb(v)->nb_index(v);
        CHECK(same_v == v);
        if (!_Py_IsImmortal(v)) CHECK_INT(Py_REFCNT(v), rc + 1);
        Py_DECREF(same_v);
        same_v = nb(v)->nb_int(v);
        CHECK(same_v == v);
        Py_DECREF(same_v);
        same_v = nb(v)->nb_positive(v);
        CHECK(same_v == v);
        Py_DECREF(same_v);
        Py_DECREF(v);
    }
}

static void test_binary_table(void) {
    for (int i = 0; i < N_INTS; i++) {
        PyObject *a = int_of(INT_VALUES[i]);
        for (int j = 0; j < N_INTS; j++) {
            PyObject *b = int_of(INT_VALUES[j]);
            const int_binary *e = &INT_BINARY[i][j];
            const char *x = INT_VALUES[i], *y = INT_VALUES[j];
            same(describe(nb(a)->nb_add(a, b)), e->add, "add", x, y);
            same(describe(nb(a)->nb_subtract(a, b)), e->sub, "sub", x, y);
            same(describe(nb(a)->nb_multiply(a, b)), e->mul, "mul", x, y);
            same(describe(nb(a)->nb_floor_divide(a, b)), e->floordiv, "floordiv", x, y);
            same(describe(nb(a)->nb_remainder(a, b)), e->mod, "mod", x, y);
            same(describe_pair(nb(a)->nb_divmod(a, b)), e->divmod, "divmod", x, y);
            same(describe(nb(a)->nb_true_divide(a, b)), e->truediv, "truediv", x, y);
            same(describe(nb(a)->nb_and(a, b)), e->and_, "and", x, y);
            same(describe(nb(a)->nb_or(a, b)), e->or_, "or", x, y);
            same(describe(nb(a)->nb_xor(a, b)), e->xor_, "xor", x, y);
            same(cmp6(Py_TYPE(a)->tp_richcompare, a, b), e->cmp, "cmp", x, y);
            Py_DECREF(b);
        }
        Py_DECREF(a);
    }
}

static void test_pow_and_shift_tables(void) {
    for (int i = 0; i < N_INTS; i++) {
        PyObject *a = int_of(INT_VALUES[i]);
        for (int k = 0; k < N_POW_EXPONENTS; k++) {
            PyObject *e = PyLong_FromLongLong(POW_EXPONENTS[k]);
            same(describe(nb(a)->nb_power(a, e, Py_None)), INT_POW[i][k], "pow", INT_VALUES[i], describe(PyLong_FromLongLong(POW_EXPONENTS[k])));
            Py_DECREF(e);
        }
        for (int m = 0; m < N_POW_MODULI; m++) {
            PyObject *mod = int_of(POW_MODULI[m]);
            for (int k = 0; k < N_POW_MOD_EXPONENTS; k++) {
                PyObject *e = PyLong_FromLongLong(POW_MOD_EXPONENTS[k]);
                same(describe(nb(a)->nb_power(a, e, mod)), INT_POW_MOD[i][m][k], "powmod", INT_VALUES[i], POW_MODULI[m]);
                Py_DECREF(e);
            }
            Py_DECREF(mod);
        }
        for (int k = 0; k < N_SHIFTS; k++) {
            PyObject *s = PyLong_FromLongLong(SHIFTS[k]);
            same(describe(nb(a)->nb_lshift(a, s)), INT_SHIFT[i][k].lshift, "lshift", INT_VALUES[i], NULL);
            same(describe(nb(a)->nb_rshift(a, s)), INT_SHIFT[i][k].rshift, "rshift", INT_VALUES[i], NULL);
            Py_DECREF(s);
        }
        Py_DECREF(a);
    }
}

static void test_slot_errors(void) {
    PyObject *one = PyLong_FromLong(1), *zero = PyLong_FromLong(0), *neg = PyLong_FromLong(-1);
    PyObject *big = int_of("123456789012345678901234567890"), *f = PyFloat_FromDouble(2.5);
    PyObject *s = PyUnicode_FromString("x");
    /* Non-int operands: NotImplemented from every binary slot, either side. */
    binaryfunc ops[] = {nb(one)->nb_add, nb(one)->nb_subtract, nb(one)->nb_multiply, nb(one)->nb_remainder,
                        nb(one)->nb_divmod, nb(one)->nb_lshift, nb(one)->nb_rshift, nb(one)->nb_and,
                        nb(one)->nb_xor, nb(one)->nb_or, nb(one)->nb_floor_divide, nb(one)->nb_true_divide};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        PyObject *r = ops[k](one, f);
        CHECK(r == Py_NotImplemented);
        Py_XDECREF(r);
        r = ops[k](s, big);
        CHECK(r == Py_NotImplemented);
        Py_XDECREF(r);
    }
    PyObject *r = nb(one)->nb_power(one, f, Py_None);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    r = nb(one)->nb_power(one, one, f);     /* a float modulus: not int's business */
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    r = PyLong_Type.tp_richcompare(one, f, Py_EQ);   /* float's slot compares int with float */
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);

    /* The ZeroDivisionError texts differ by operator. */
    CHECK_EXC(nb(one)->nb_floor_divide(one, zero), PyExc_ZeroDivisionError, "integer division or modulo by zero");
    CHECK_EXC(nb(big)->nb_floor_divide(big, zero), PyExc_ZeroDivisionError, "integer division or modulo by zero");
    CHECK_EXC(nb(one)->nb_divmod(one, zero), PyExc_ZeroDivisionError, "integer division or modulo by zero");
    CHECK_EXC(nb(big)->nb_divmod(big, zero), PyExc_ZeroDivisionError, "integer division or modulo by zero");
    CHECK_EXC(nb(one)->nb_remainder(one, zero), PyExc_ZeroDivisionError, "integer modulo by zero");
    CHECK_EXC(nb(big)->nb_remainder(big, zero), PyExc_ZeroDivisionError, "integer modulo by zero");
    CHECK_EXC(nb(one)->nb_true_divide(one, zero), PyExc_ZeroDivisionError, "division by zero");
    CHECK_EXC(nb(big)->nb_true_divide(big, zero), PyExc_ZeroDivisionError, "division by zero");
    CHECK_EXC(nb(one)->nb_lshift(one, neg), PyExc_ValueError, "negative shift count");
    CHECK_EXC(nb(big)->nb_rshift(big, neg), PyExc_ValueError, "negative shift count");
    CHECK_EXC(nb(one)->nb_power(one, one, zero), PyExc_ValueError, "pow() 3rd argument cannot be 0");
    CHECK_EXC(nb(zero)->nb_power(zero, neg, Py_None), PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    PyObject *two = PyLong_FromLong(2), *four = PyLong_FromLong(4);
    CHECK_EXC(nb(two)->nb_power(two, neg, four), PyExc_ValueError, "base is not invertible for the given modulus");
    PyObject *huge = int_of("18446744073709551616");   /* 2**64 */
    CHECK_EXC(nb(one)->nb_lshift(one, huge), PyExc_MemoryError, "");
    r = nb(big)->nb_rshift(big, huge);
    CHECK_STR(describe(r), "0");
    r = nb(neg)->nb_rshift(neg, huge);
    CHECK_STR(describe(r), "-1");
    r = nb(zero)->nb_lshift(zero, huge);
    CHECK_STR(describe(r), "0");
    /* A negative exponent gives a float (float's nb_power). */
    r = nb(two)->nb_power(two, neg, Py_None);
    CHECK(r != NULL && PyFloat_CheckExact(r));
    CHECK_STR(describe(r), "0.5");
    /* int -> float overflow texts. */
    PyObject *e400 = int_of("1"), *ten = PyLong_FromLong(10), *p400 = PyLong_FromLong(400);
    Py_DECREF(e400);
    e400 = nb(ten)->nb_power(ten, p400, Py_None);
    CHECK_EXC(nb(e400)->nb_float(e400), PyExc_OverflowError, "int too large to convert to float");
    CHECK_EXC(nb(e400)->nb_true_divide(e400, one), PyExc_OverflowError, "integer division result too large for a float");
    CHECK(PyLong_AsDouble(e400) == -1.0);
    CHECK_ERR(PyExc_OverflowError, "int too large to convert to float");
    /* sys.int_max_str_digits: 4300 digits by default. */
    PyObject *p4299 = PyLong_FromLong(4299), *p4300 = PyLong_FromLong(4300);
    PyObject *d4300 = nb(ten)->nb_power(ten, p4299, Py_None), *d4301 = nb(ten)->nb_power(ten, p4300, Py_None);
    r = PyObject_Repr(d4300);
    CHECK(r != NULL && PyUnicode_GetLength(r) == 4300);
    Py_XDECREF(r);
    PyObject *negd = nb(d4300)->nb_negative(d4300);
    r = PyObject_Repr(negd);                 /* the sign does not count */
    CHECK(r != NULL && PyUnicode_GetLength(r) == 4301);
    Py_XDECREF(r);
    CHECK_EXC(PyObject_Repr(d4301), PyExc_ValueError,
              "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
    CHECK_EXC(PyObject_Str(d4301), PyExc_ValueError,
              "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
    Py_DECREF(negd); Py_DECREF(d4300); Py_DECREF(d4301); Py_DECREF(p4299); Py_DECREF(p4300);
    Py_DECREF(e400); Py_DECREF(ten); Py_DECREF(p400);
    Py_DECREF(huge); Py_DECREF(two); Py_DECREF(four);
    Py_DECREF(one); Py_DECREF(zero); Py_DECREF(neg); Py_DECREF(big); Py_DECREF(f); Py_DECREF(s);
}

static void test_hash_and_compare(void) {
    /* hash(-1) == -2; compact values are their own hash; 2**61-1 hashes to 0. */
    PyObject *m1 = PyLong_FromLong(-1), *m2 = PyLong_FromLong(-2);
    CHECK_INT(PyLong_Type.tp_hash(m1), -2);
    CHECK_INT(PyLong_Type.tp_hash(m2), -2);
    PyObject *mod = int_of("2305843009213693951"), *mod1 = int_of("2305843009213693952");
    CHECK_INT(PyLong_Type.tp_hash(mod), 0);
    CHECK_INT(PyLong_Type.tp_hash(mod1), 1);
    PyObject *negmod1 = nb(mod1)->nb_negative(mod1);
    CHECK_INT(PyLong_Type.tp_hash(negmod1), -2);        /* -(2**61) hashes to -1, then -2 */
    /* hash(True) is hash(1). */
    CHECK_INT(PyBool_Type.tp_hash(Py_True), 1);
    /* An object compared with itself takes the identity fast path. */
    PyObject *r = PyLong_Type.tp_richcompare(mod, mod, Py_LE);
    CHECK(r == Py_True);
    Py_XDECREF(r);
    r = PyLong_Type.tp_richcompare(Py_True, m1, Py_GT);   /* bools are ints */
    CHECK(r == Py_True);
    Py_XDECREF(r);
    Py_DECREF(m1); Py_DECREF(m2); Py_DECREF(mod); Py_DECREF(mod1); Py_DECREF(negmod1);
}

static void test_from_c(void) {
    PyObject *v;
    CHECK_STR(describe(PyLong_FromLong(LONG_MIN)), "-9223372036854775808");
    CHECK_STR(describe(PyLong_FromLong(LONG_MAX)), "9223372036854775807");
    CHECK_STR(describe(PyLong_FromUnsignedLong(ULONG_MAX)), "18446744073709551615");
    CHECK_STR(describe(PyLong_FromLongLong(LLONG_MIN)), "-9223372036854775808");
    CHECK_STR(describe(PyLong_FromUnsignedLongLong(ULLONG_MAX)), "18446744073709551615");
    CHECK_STR(describe(PyLong_FromSsize_t(PY_SSIZE_T_MIN)), "-9223372036854775808");
    CHECK_STR(describe(PyLong_FromSize_t((size_t)-1)), "18446744073709551615");
    CHECK_STR(describe(PyLong_FromLong(1 << 30)), "1073741824");
    CHECK_STR(describe(PyLong_FromLong(-(1 << 30) + 1)), "-1073741823");
    CHECK_STR(describe(PyLong_FromDouble(-2.75)), "-2");
    CHECK_STR(describe(PyLong_FromDouble(1e20)), "100000000000000000000");
    CHECK_STR(describe(PyLong_FromDouble(-0.5)), "0");
    CHECK_STR(describe(PyLong_FromDouble(9007199254740993.0)), "9007199254740992");
    CHECK_STR(describe(PyLong_FromDouble(1.7976931348623157e308)),
              "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368");
    CHECK_EXC(PyLong_FromDouble(INFINITY), PyExc_OverflowError, "cannot convert float infinity to integer");
    CHECK_EXC(PyLong_FromDouble(-INFINITY), PyExc_OverflowError, "cannot convert float infinity to integer");
    CHECK_EXC(PyLong_FromDouble(NAN), PyExc_ValueError, "cannot convert float NaN to integer");
    int x = 0;
    v = PyLong_FromVoidPtr(&x);
    CHECK(PyLong_AsVoidPtr(v) == &x);
    Py_DECREF(v);
    v = PyLong_FromVoidPtr(NULL);
    CHECK(v == PyLong_FromLong(0));           /* the small int 0 */
    CHECK(PyLong_AsVoidPtr(v) == NULL && !PyErr_Occurred());
    Py_DECREF(v);
    v = PyLong_FromLong(-1);                   /* negative values convert as C would */
    CHECK(PyLong_AsVoidPtr(v) == (void *)(intptr_t)-1 && !PyErr_Occurred());
    Py_DECREF(v);
}

static void test_as_c(void) {
    PyObject *max = PyLong_FromLong(LONG_MAX), *min = PyLong_FromLong(LONG_MIN);
    PyObject *over = int_of("9223372036854775808"), *under = int_of("-9223372036854775809");
    PyObject *umax = int_of("18446744073709551615"), *uover = int_of("18446744073709551616");
    PyObject *m1 = PyLong_FromLong(-1), *huge = int_of("-123456789012345678901234567890123");
    PyObject *f = PyFloat_FromDouble(3.5), *s = PyUnicode_FromString("7");
    int overflow = 7;

    CHECK(PyLong_AsLong(max) == LONG_MAX && PyLong_AsLong(min) == LONG_MIN && !PyErr_Occurred());
    CHECK_INT(PyLong_AsLong(over), -1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C long");
    CHECK_INT(PyLong_AsLong(under), -1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C long");
    CHECK_INT(PyLong_AsLong(f), -1);           /* 3.10+: no __int__, only __index__ */
    CHECK_ERR(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    CHECK_INT(PyLong_AsLong(s), -1);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyLong_AsLong(Py_True), 1);

    CHECK_INT(PyLong_AsLongAndOverflow(over, &overflow), -1);
    CHECK(overflow == 1 && !PyErr_Occurred());
    CHECK_INT(PyLong_AsLongAndOverflow(huge, &overflow), -1);
    CHECK(overflow == -1 && !PyErr_Occurred());
    CHECK(PyLong_AsLongAndOverflow(min, &overflow) == LONG_MIN && overflow == 0);
    CHECK_INT(PyLong_AsLongAndOverflow(m1, &overflow), -1);
    CHECK(overflow == 0 && !PyErr_Occurred());
    overflow = 5;
    CHECK_INT(PyLong_AsLongAndOverflow(f, &overflow), -1);
    CHECK_INT(overflow, 0);
    CHECK_ERR(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    CHECK(PyLong_AsLongLongAndOverflow(under, &overflow) == -1 && overflow == -1 && !PyErr_Occurred());
    CHECK(PyLong_AsLongLongAndOverflow(max, &overflow) == LLONG_MAX && overflow == 0);

    CHECK(PyLong_AsLongLong(min) == LLONG_MIN && !PyErr_Occurred());
    CHECK_INT(PyLong_AsLongLong(over), -1);
    CHECK_ERR(PyExc_OverflowError, "int too big to convert");
    CHECK_INT(PyLong_AsLongLong(f), -1);
    CHECK_ERR(PyExc_TypeError, "'float' object cannot be interpreted as an integer");

    PyObject *imax = PyLong_FromLong(INT_MAX), *iover = PyLong_FromLong((long)INT_MAX + 1);
    PyObject *iunder = PyLong_FromLong((long)INT_MIN - 1);
    CHECK_INT(PyLong_AsInt(imax), INT_MAX);
    CHECK_INT(PyLong_AsInt(iover), -1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C int");
    CHECK_INT(PyLong_AsInt(iunder), -1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C int");
    CHECK_INT(PyLong_AsInt(over), -1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C int");
    CHECK_INT(PyLong_AsInt(m1), -1);
    CHECK(!PyErr_Occurred());

    CHECK(PyLong_AsSsize_t(min) == PY_SSIZE_T_MIN && !PyErr_Occurred());
    CHECK_INT(PyLong_AsSsize_t(over), -1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
    CHECK_INT(PyLong_AsSsize_t(f), -1);        /* no __index__ here */
    CHECK_ERR(PyExc_TypeError, "an integer is required");

    CHECK(PyLong_AsSize_t(umax) == (size_t)-1 && !PyErr_Occurred());
    CHECK(PyLong_AsSize_t(uover) == (size_t)-1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C size_t");
    CHECK(PyLong_AsSize_t(m1) == (size_t)-1);
    CHECK_ERR(PyExc_OverflowError, "can't convert negative value to size_t");
    CHECK(PyLong_AsSize_t(f) == (size_t)-1);
    CHECK_ERR(PyExc_TypeError, "an integer is required");

    CHECK(PyLong_AsUnsignedLong(umax) == ULONG_MAX && !PyErr_Occurred());
    CHECK(PyLong_AsUnsignedLong(uover) == (unsigned long)-1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C unsigned long");
    CHECK(PyLong_AsUnsignedLong(m1) == (unsigned long)-1);
    CHECK_ERR(PyExc_OverflowError, "can't convert negative value to unsigned int");
    CHECK(PyLong_AsUnsignedLong(huge) == (unsigned long)-1);
    CHECK_ERR(PyExc_OverflowError, "can't convert negative value to unsigned int");
    CHECK(PyLong_AsUnsignedLong(s) == (unsigned long)-1);
    CHECK_ERR(PyExc_TypeError, "an integer is required");

    CHECK(PyLong_AsUnsignedLongLong(umax) == ULLONG_MAX && !PyErr_Occurred());
    CHECK(PyLong_AsUnsignedLongLong(uover) == (unsigned long long)-1);
    CHECK_ERR(PyExc_OverflowError, "int too big to convert");
    CHECK(PyLong_AsUnsignedLongLong(m1) == (unsigned long long)-1);
    CHECK_ERR(PyExc_OverflowError, "can't convert negative int to unsigned");
    CHECK(PyLong_AsUnsignedLongLong(f) == (unsigned long long)-1);
    CHECK_ERR(PyExc_TypeError, "an integer is required");

    CHECK(PyLong_AsUnsignedLongMask(m1) == ULONG_MAX && !PyErr_Occurred());
    CHECK(PyLong_AsUnsignedLongMask(uover) == 0);
    CHECK(PyLong_AsUnsignedLongLongMask(under) == 0x7fffffffffffffffULL && !PyErr_Occurred());
    CHECK(PyLong_AsUnsignedLongLongMask(Py_True) == 1);
    CHECK(PyLong_AsUnsignedLongMask(f) == (unsigned long)-1);
    CHECK_ERR(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    {
        /* The low 64 bits of -123456789012345678901234567890123 in two's complement. */
        unsigned long long want = 0;
        PyObject *mask = PyLong_FromUnsignedLongLong(ULLONG_MAX);
        PyObject *low = nb(huge)->nb_and(huge, mask);
        want = PyLong_AsUnsignedLongLong(low);
        CHECK(PyLong_AsUnsignedLongLongMask(huge) == want && !PyErr_Occurred());
        Py_DECREF(mask); Py_DECREF(low);
    }

    CHECK(PyLong_AsDouble(umax) == 18446744073709551616.0);
    CHECK(PyLong_AsDouble(m1) == -1.0 && !PyErr_Occurred());
    CHECK(PyLong_AsDouble(f) == -1.0);
    CHECK_ERR(PyExc_TypeError, "an integer is required");
    {
        PyObject *odd = int_of("9007199254740993");        /* 2**53 + 1: ties to even */
        CHECK(PyLong_AsDouble(odd) == 9007199254740992.0);
        Py_DECREF(odd);
        odd = int_of("9007199254740995");                  /* 2**53 + 3: ties to even, up */
        CHECK(PyLong_AsDouble(odd) == 9007199254740996.0);
        Py_DECREF(odd);
    }

    /* NULL arguments: SystemError where CPython checks (and where it would crash). */
    CHECK_INT(PyLong_AsLong(NULL), -1);
    CHECK_BAD_CALL();
    CHECK(PyLong_AsUnsignedLongMask(NULL) == (unsigned long)-1);
    CHECK_BAD_CALL();
    CHECK(PyLong_AsDouble(NULL) == -1.0);
    CHECK_BAD_CALL();
    CHECK(PyLong_AsSsize_t(NULL) == -1);
    CHECK_BAD_CALL();
    CHECK(PyLong_AsLongLong(NULL) == -1);
    CHECK_BAD_CALL();
#ifdef SUBINTERP
    /* CPython writes *overflow before checking anything and crashes on NULL. */
    CHECK_INT(PyLong_AsLongAndOverflow(max, NULL), -1);
    CHECK_BAD_CALL();
    CHECK(PyLong_FromString(NULL, NULL, 10) == NULL);
    CHECK_BAD_CALL();
    CHECK(PyLong_FromUnicodeObject(NULL, 10) == NULL);
    CHECK_BAD_CALL();
#endif

    Py_DECREF(imax); Py_DECREF(iover); Py_DECREF(iunder);
    Py_DECREF(max); Py_DECREF(min); Py_DECREF(over); Py_DECREF(under); Py_DECREF(umax); Py_DECREF(uover);
    Py_DECREF(m1); Py_DECREF(huge); Py_DECREF(f); Py_DECREF(s);
}

/* PyLong_FromString with pend: the result or error, and where parsing stopped. */
static void check_parse(const char *s, int base, const char *want, long end) {
    char *pend = (char *)"untouched";
    const char *before = pend;
    PyObject *r = PyLong_FromString(s, &pend, base);
    const char *got = describe(r);
    if (strcmp(got, want) == 0) t_passed++;
    else { t_failed++; fprintf(stderr, "FAIL PyLong_FromString(\"%s\", %d) = \"%s\", expected \"%s\"\n", s, base, got, want); }
    long got_end = pend == before ? -1 : (long)(pend - s);
    if (got_end == end) t_passed++;
    else { t_failed++; fprintf(stderr, "FAIL PyLong_FromString(\"%s\", %d): pend at %ld, expected %ld\n", s, base, got_end, end); }
}

static void test_from_string(void) {
    check_parse("0", 10, "0", 1);
    check_parse("  -12_345  ", 10, "-12345", 11);
    check_parse("\t+7\n", 0, "7", 4);
    check_parse("0x_ff", 0, "255", 5);
    check_parse("0XfF", 16, "255", 4);
    check_parse("ff", 16, "255", 2);
    check_parse("0o17", 0, "15", 4);
    check_parse("0b101", 0, "5", 5);
    check_parse("0b101", 16, "45313", 5);                 /* b is a hex digit */
    check_parse("z", 36, "35", 1);
    check_parse("00", 0, "0", 2);
    check_parse("-0", 10, "0", 2);
    check_parse("123456789012345678901234567890", 10, "123456789012345678901234567890", 30);
    check_parse("-0x8000000000000000", 0, "-9223372036854775808", 19);
    check_parse("18446744073709551616", 10, "18446744073709551616", 20);
    check_parse("010", 0, "!ValueError(\"invalid literal for int() with base 0: '010'\")", 3);
    check_parse("010x", 0, "!ValueError(\"invalid literal for int() with base 10: '010x'\")", 3);
    check_parse("0x", 0, "!ValueError(\"invalid literal for int() with base 16: '0x'\")", 2);
    check_parse("12a", 10, "!ValueError(\"invalid literal for int() with base 10: '12a'\")", 2);
    check_parse("12 3", 10, "!ValueError(\"invalid literal for int() with base 10: '12 3'\")", 3);
    check_parse("1__0", 10, "!ValueError(\"invalid literal for int() with base 10: '1__0'\")", 1);
    check_parse("_10", 10, "!ValueError(\"invalid literal for int() with base 10: '_10'\")", 0);
    check_parse("10_", 10, "!ValueError(\"invalid literal for int() with base 10: '10_'\")", 2);
    check_parse("", 10, "!ValueError(\"invalid literal for int() with base 10: ''\")", 0);
    check_parse("   ", 10, "!ValueError(\"invalid literal for int() with base 10: '   '\")", 3);
    check_parse("-", 10, "!ValueError(\"invalid literal for int() with base 10: '-'\")", 1);
    check_parse("9", 8, "!ValueError(\"invalid literal for int() with base 8: '9'\")", 0);
    check_parse("1", 1, "!ValueError('int() arg 2 must be >= 2 and <= 36')", -1);
    check_parse("1", 37, "!ValueError('int() arg 2 must be >= 2 and <= 36')", -1);
    check_parse("1", -1, "!ValueError('int() arg 2 must be >= 2 and <= 36')", -1);
    check_parse("it's", 10, "!ValueError('invalid literal for int() with base 10: \"it\\'s\"')", 0);
    /* The limit applies above 4300 digits in bases that are not powers of two. */
    {
        static char digits[5002];
        memset(digits, '7', 5000);
        digits[5000] = '\0';
        check_parse(digits, 10, "!ValueError('Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit')", -1);
        digits[4300] = '\0';
        PyObject *r = PyLong_FromString(digits, NULL, 10);
        CHECK(r != NULL && _PyLong_NumBits(r) > 14000);
        Py_XDECREF(r);
        memset(digits, 'f', 5000);
        digits[5000] = '\0';
        r = PyLong_FromString(digits, NULL, 16);          /* no limit for base 16 */
        CHECK(r != NULL && _PyLong_NumBits(r) == 20000);
        Py_XDECREF(r);
    }

    /* From a str: Unicode digits and spaces; the error quotes repr(u) and the given base. */
    PyObject *u = PyUnicode_FromString("\xd9\xa1\xd9\xa2\xd9\xa3");           /* ١٢٣ */
    CHECK_STR(describe(PyLong_FromUnicodeObject(u, 10)), "123");
    Py_DECREF(u);
    u = PyUnicode_FromString("\xe3\x80\x80\xef\xbc\x94\xef\xbc\x92\xe3\x80\x80");   /* ideographic spaces, ４２ */
    CHECK_STR(describe(PyLong_FromUnicodeObject(u, 0)), "42");
    Py_DECREF(u);
    u = PyUnicode_FromString("0x");
    CHECK_EXC(PyLong_FromUnicodeObject(u, 0), PyExc_ValueError, "invalid literal for int() with base 0: '0x'");
    Py_DECREF(u);
    u = PyUnicode_FromString("12\xc3\xa9");                               /* 12é */
    CHECK_EXC(PyLong_FromUnicodeObject(u, 10), PyExc_ValueError, "invalid literal for int() with base 10: '12\xc3\xa9'");
    Py_DECREF(u);
    u = PyUnicode_FromStringAndSize("12\0" "3", 4);                       /* an embedded NUL */
    CHECK_EXC(PyLong_FromUnicodeObject(u, 10), PyExc_ValueError, "invalid literal for int() with base 10: '12\\x003'");
    Py_DECREF(u);
    u = PyUnicode_FromString("5");
    CHECK_EXC(PyLong_FromUnicodeObject(u, 99), PyExc_ValueError, "int() arg 2 must be >= 2 and <= 36");
    Py_DECREF(u);
}

static void test_native_bytes(void) {
    unsigned char buf[16];
    PyObject *v = PyLong_FromLong(0x1234);
    memset(buf, 0xAA, sizeof buf);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 4, Py_ASNATIVEBYTES_BIG_ENDIAN), 4);
    CHECK(buf[0] == 0 && buf[1] == 0 && buf[2] == 0x12 && buf[3] == 0x34 && buf[4] == 0xAA);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 4, Py_ASNATIVEBYTES_LITTLE_ENDIAN), 4);
    CHECK(buf[0] == 0x34 && buf[1] == 0x12 && buf[2] == 0 && buf[3] == 0);
    CHECK_INT(PyLong_AsNativeBytes(v, NULL, 0, -1), 8);            /* size query: compact values say 8 */
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 1, Py_ASNATIVEBYTES_BIG_ENDIAN), 8);   /* does not fit */
    CHECK_INT(buf[0], 0x34);
    Py_DECREF(v);
    v = PyLong_FromLong(255);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 1, Py_ASNATIVEBYTES_BIG_ENDIAN), 2);   /* needs a sign bit */
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 1, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER), 1);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 1, -1), 1);
    CHECK_INT(buf[0], 0xff);
    Py_DECREF(v);
    v = PyLong_FromLong(-128);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 1, 0), 1);
    CHECK_INT(buf[0], 0x80);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 1, Py_ASNATIVEBYTES_REJECT_NEGATIVE), -1);
    CHECK_ERR(PyExc_ValueError, "Cannot convert negative int");
    memset(buf, 0, sizeof buf);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 12, Py_ASNATIVEBYTES_LITTLE_ENDIAN), 8);
    CHECK(buf[0] == 0x80 && buf[1] == 0xff && buf[11] == 0xff);
    Py_DECREF(v);
    v = int_of("-9223372036854775808");        /* not compact: 3 digits */
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 8, Py_ASNATIVEBYTES_BIG_ENDIAN), 8);
    CHECK(buf[0] == 0x80 && buf[7] == 0);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 4, Py_ASNATIVEBYTES_BIG_ENDIAN), 9);
    Py_DECREF(v);
    v = int_of("18446744073709551615");        /* 2**64 - 1 */
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 8, Py_ASNATIVEBYTES_BIG_ENDIAN), 9);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 8, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER), 8);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 8, -1), 8);
    CHECK(buf[0] == 0xff && buf[7] == 0xff);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 0, -1), 9);
    CHECK_INT(PyLong_AsNativeBytes(v, buf, 16, Py_ASNATIVEBYTES_BIG_ENDIAN), 9);
    CHECK(buf[0] == 0 && buf[7] == 0 && buf[8] == 0xff && buf[15] == 0xff);
    Py_DECREF(v);
    PyObject *f = PyFloat_FromDouble(1.0);
    CHECK_INT(PyLong_AsNativeBytes(f, buf, 8, -1), -1);
    CHECK_ERR(PyExc_TypeError, "expect int, got float");
    CHECK_INT(PyLong_AsNativeBytes(f, buf, 8, Py_ASNATIVEBYTES_ALLOW_INDEX), -1);
    CHECK_ERR(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    CHECK_INT(PyLong_AsNativeBytes(Py_True, buf, 1, 0), 1);
    CHECK_INT(buf[0], 1);
    CHECK_INT(PyLong_AsNativeBytes(Py_True, buf, -1, 0), -1);
    CHECK_BAD_CALL();
    Py_DECREF(f);

    unsigned char be[3] = {0xff, 0xff, 0xfe}, le9[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0x80};
    CHECK_STR(describe(PyLong_FromNativeBytes(be, 3, Py_ASNATIVEBYTES_BIG_ENDIAN)), "-2");
    CHECK_STR(describe(PyLong_FromNativeBytes(be, 3, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER)), "16777214");
    CHECK_STR(describe(PyLong_FromUnsignedNativeBytes(be, 3, Py_ASNATIVEBYTES_BIG_ENDIAN)), "16777214");
    CHECK_STR(describe(PyLong_FromNativeBytes(le9, 9, Py_ASNATIVEBYTES_LITTLE_ENDIAN)), "-2361183241434822606847");
    CHECK_STR(describe(PyLong_FromUnsignedNativeBytes(le9, 9, Py_ASNATIVEBYTES_LITTLE_ENDIAN)), "2361183241434822606849");
    CHECK_STR(describe(PyLong_FromNativeBytes(be, 0, -1)), "0");
    long long native = -5;
    CHECK_STR(describe(PyLong_FromNativeBytes(&native, sizeof native, -1)), "-5");
    CHECK(PyLong_FromNativeBytes(NULL, 0, -1) == NULL);
    CHECK_BAD_CALL();

    /* _PyLong_AsByteArray / _PyLong_FromByteArray (3.13 signature). */
    v = PyLong_FromLong(-129);
    CHECK_INT(_PyLong_AsByteArray((PyLongObject *)v, buf, 2, 0, 1, 1), 0);
    CHECK(buf[0] == 0xff && buf[1] == 0x7f);
    CHECK_INT(_PyLong_AsByteArray((PyLongObject *)v, buf, 1, 0, 1, 1), -1);
    CHECK_ERR(PyExc_OverflowError, "int too big to convert");
    CHECK_INT(_PyLong_AsByteArray((PyLongObject *)v, buf, 1, 0, 1, 0), -1);
    CHECK(!PyErr_Occurred());
    CHECK_INT(_PyLong_AsByteArray((PyLongObject *)v, buf, 4, 1, 0, 1), -1);
    CHECK_ERR(PyExc_OverflowError, "can't convert negative int to unsigned");
    Py_DECREF(v);
    CHECK_STR(describe(_PyLong_FromByteArray(buf + 0, 0, 1, 1)), "0");
    unsigned char b2[2] = {0xff, 0x7f};
    CHECK_STR(describe(_PyLong_FromByteArray(b2, 2, 0, 1)), "-129");
    CHECK_STR(describe(_PyLong_FromByteArray(b2, 2, 1, 1)), "32767");
    CHECK_STR(describe(_PyLong_FromByteArray(b2, 2, 0, 0)), "65407");
}

static void test_int_new(void) {
    newfunc new_ = PyLong_Type.tp_new;
    PyObject *args, *a, *b;
    args = PyTuple_New(0);
    CHECK_STR(describe(new_(&PyLong_Type, args, NULL)), "0");
    Py_DECREF(args);
    a = PyUnicode_FromString(" -0b1_01 ");
    b = PyLong_FromLong(0);
    args = PyTuple_Pack(2, a, b);
    CHECK_STR(describe(new_(&PyLong_Type, args, NULL)), "-5");
    Py_DECREF(args); Py_DECREF(a); Py_DECREF(b);
    a = PyFloat_FromDouble(-3.99);
    args = PyTuple_Pack(1, a);
    CHECK_STR(describe(new_(&PyLong_Type, args, NULL)), "-3");
    Py_DECREF(args);
    b = PyLong_FromLong(10);
    args = PyTuple_Pack(2, a, b);
    CHECK_EXC(new_(&PyLong_Type, args, NULL), PyExc_TypeError, "int() can't convert non-string with explicit base");
    Py_DECREF(args); Py_DECREF(a); Py_DECREF(b);
    a = PyUnicode_FromString("z");
    b = PyLong_FromLong(37);
    args = PyTuple_Pack(2, a, b);
    CHECK_EXC(new_(&PyLong_Type, args, NULL), PyExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    Py_DECREF(args); Py_DECREF(b);
    args = PyTuple_Pack(3, a, a, a);
    CHECK_EXC(new_(&PyLong_Type, args, NULL), PyExc_TypeError, "int() takes at most 2 arguments (3 given)");
    Py_DECREF(args);
    args = PyTuple_Pack(1, a);
    CHECK_EXC(new_(&PyLong_Type, args, NULL), PyExc_ValueError, "invalid literal for int() with base 10: 'z'");
    Py_DECREF(args); Py_DECREF(a);
    args = PyTuple_Pack(1, Py_None);
    CHECK_EXC(new_(&PyLong_Type, args, NULL), PyExc_TypeError,
              "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
    Py_DECREF(args);
    args = PyTuple_Pack(1, Py_True);
    PyObject *r = new_(&PyLong_Type, args, NULL);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 1);   /* an exact int */
    Py_XDECREF(r);
    Py_DECREF(args);
    a = PyFloat_FromDouble(INFINITY);
    args = PyTuple_Pack(1, a);
    CHECK_EXC(new_(&PyLong_Type, args, NULL), PyExc_OverflowError, "cannot convert float infinity to integer");
    Py_DECREF(args); Py_DECREF(a);
    args = PyTuple_New(0);
    b = PyLong_FromLong(16);
    Py_DECREF(args);
    args = PyTuple_Pack(1, b);
    r = new_(&PyLong_Type, args, NULL);
    CHECK(r == b);                               /* an exact int comes back as itself */
    Py_XDECREF(r);
    Py_DECREF(args); Py_DECREF(b);
}

static void test_refcounts(void) {
    PyObject *a = PyLong_FromLong(256), *b = PyLong_FromLong(256);
    CHECK(a == b && _Py_IsImmortal(a));           /* -5..256 are shared */
    a = PyLong_FromLong(-5);
    CHECK(a == PyLong_FromLong(-5));
    a = PyLong_FromLong(257);
    b = PyLong_FromLong(257);
    CHECK(a != b && Py_REFCNT(a) == 1 && Py_REFCNT(b) == 1);
    PyObject *sum = nb(a)->nb_add(a, b);
    CHECK(Py_REFCNT(sum) == 1 && Py_REFCNT(a) == 1 && Py_REFCNT(b) == 1);
    Py_DECREF(sum);
    PyObject *neg5 = PyLong_FromLong(-5), *five = PyLong_FromLong(5);
    PyObject *r = nb(five)->nb_negative(five);
    CHECK(r == neg5);                             /* results in range are the shared ones */
    Py_DECREF(r);
    PyObject *big = int_of("100000000000000000000000");
    PyObject *q = nb(big)->nb_floor_divide(big, big);
    CHECK(q == PyLong_FromLong(1));
    Py_DECREF(q);
    PyObject *t = nb(big)->nb_divmod(big, five);
    CHECK(Py_REFCNT(t) == 1 && Py_REFCNT(PyTuple_GET_ITEM(t, 0)) == 1);
    CHECK(PyTuple_GET_ITEM(t, 1) == PyLong_FromLong(0));
    Py_DECREF(t);
    CHECK(Py_REFCNT(big) == 1);
    Py_DECREF(big);
    Py_DECREF(a);
    Py_DECREF(b);
    /* PyUnstable_Long_IsCompact / CompactValue (inline in CPython's headers, too). */
    CHECK(PyUnstable_Long_IsCompact((PyLongObject *)five));
    CHECK_INT(PyUnstable_Long_CompactValue((PyLongObject *)neg5), -5);
    PyObject *two30 = PyLong_FromLong(1L << 30);
    CHECK(!PyUnstable_Long_IsCompact((PyLongObject *)two30));
    Py_DECREF(two30);
}

int main(void) {
    Py_Initialize();
    test_unary_table();
    test_binary_table();
    test_pow_and_shift_tables();
    test_slot_errors();
    test_hash_and_compare();
    test_from_c();
    test_as_c();
    test_from_string();
    test_native_bytes();
    test_int_new();
    test_refcounts();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
