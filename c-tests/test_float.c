/* float: the slots against a table of results measured on CPython 3.13 (num_cases.h),
   exact comparison with ints, float(), the C API, and reference counts. */
#include "num_util.h"
#include "num_cases.h"
#include <float.h>

static int same(const char *got, const char *want, const char *what, double a, double b) {
    if (strcmp(got, want) == 0) { t_passed++; return 1; }
    t_failed++;
    fprintf(stderr, "FAIL %s(%.17g, %.17g): got \"%.300s\", expected \"%.300s\"\n", what, a, b, got, want);
    return 0;
}

static void test_unary_table(void) {
    for (int i = 0; i < N_FLOATS; i++) {
        double x = FLOAT_VALUES[i];
        PyObject *v = PyFloat_FromDouble(x);
        CHECK(v != NULL && PyFloat_CheckExact(v) && Py_REFCNT(v) == 1);
        CHECK(PyFloat_AS_DOUBLE(v) == x || (x != x && PyFloat_AS_DOUBLE(v) != PyFloat_AS_DOUBLE(v)));
        PyObject *r = Py_TYPE(v)->tp_repr(v);
        CHECK_STR(PyUnicode_AsUTF8(r), FLOAT_UNARY[i].repr);
        Py_DECREF(r);
        if (x == x) CHECK_INT(Py_TYPE(v)->tp_hash(v), FLOAT_UNARY[i].hash);
        same(describe(nb(v)->nb_int(v)), FLOAT_UNARY[i].to_int, "int", x, 0);
        CHECK_INT(nb(v)->nb_bool(v), x != 0.0);
        r = nb(v)->nb_negative(v);
        CHECK(r != NULL && (PyFloat_AS_DOUBLE(r) == -x || x != x) && signbit(PyFloat_AS_DOUBLE(r)) != signbit(x));
        Py_XDECREF(r);
        r = nb(v)->nb_absolute(v);
        CHECK(r != NULL && !signbit(PyFloat_AS_DOUBLE(r)));
        Py_XDECREF(r);
        Py_DECREF(v);
    }
}

static void test_binary_table(void) {
    for (int i = 0; i < N_FLOATS; i++) {
        PyObject *a = PyFloat_FromDouble(FLOAT_VALUES[i]);
        for (int j = 0; j < N_FLOATS; j++) {
            PyObject *b = PyFloat_FromDouble(FLOAT_VALUES[j]);
            const float_binary *e = &FLOAT_BINARY[i][j];
            double x = FLOAT_VALUES[i], y = FLOAT_VALUES[j];
            same(describe(nb(a)->nb_add(a, b)), e->add, "add", x, y);
            same(describe(nb(a)->nb_subtract(a, b)), e->sub, "sub", x, y);
            same(describe(nb(a)->nb_multiply(a, b)), e->mul, "mul", x, y);
            same(describe(nb(a)->nb_true_divide(a, b)), e->truediv, "truediv", x, y);
            same(describe(nb(a)->nb_floor_divide(a, b)), e->floordiv, "floordiv", x, y);
            same(describe(nb(a)->nb_remainder(a, b)), e->mod, "mod", x, y);
            same(describe_pair(nb(a)->nb_divmod(a, b)), e->divmod, "divmod", x, y);
            if (strcmp(e->pow, "complex") == 0) {
                /* CPython gives a complex number (or OverflowError "complex
                   exponentiation"); there is no complex type here. */
                PyObject *r = nb(a)->nb_power(a, b, Py_None);
#ifdef SUBINTERP
                CHECK_EXC(r, PyExc_ValueError, "negative number cannot be raised to a fractional power");
#else
                CHECK((r != NULL && !PyFloat_Check(r)) || (r == NULL && PyErr_ExceptionMatches(PyExc_OverflowError)));
                Py_XDECREF(r);
                PyErr_Clear();
#endif
            } else {
                same(describe(nb(a)->nb_power(a, b, Py_None)), e->pow, "pow", x, y);
            }
            same(cmp6(Py_TYPE(a)->tp_richcompare, a, b), e->cmp, "cmp", x, y);
            Py_DECREF(b);
        }
        Py_DECREF(a);
    }
}

static void test_mixed(void) {
    for (int i = 0; i < N_FLOATS; i++) {
        PyObject *f = PyFloat_FromDouble(FLOAT_VALUES[i]);
        for (int j = 0; j < N_CMP_INTS; j++) {
            PyObject *n = int_of(CMP_INTS[j]);
            if (strcmp(cmp6(PyFloat_Type.tp_richcompare, f, n), MIXED[i][j].cmp) == 0) t_passed++;
            else {
                t_failed++;
                fprintf(stderr, "FAIL cmp(%.17g, %s): %s, expected %s\n", FLOAT_VALUES[i], CMP_INTS[j],
                        cmp6(PyFloat_Type.tp_richcompare, f, n), MIXED[i][j].cmp);
            }
            same(describe(nb(f)->nb_add(f, n)), MIXED[i][j].add, "add-int", FLOAT_VALUES[i], 0);
            /* Either operand order reaches float's slot for int + float. */
            const char *d1 = describe(nb(f)->nb_multiply(n, f));
            const char *d2 = describe(nb(f)->nb_multiply(f, n));
            CHECK_STR(d1, d2);
            Py_DECREF(n);
        }
        Py_DECREF(f);
    }
    /* The classic: 2**53 + 1 is not equal to float(2**53), though it rounds to it. */
    PyObject *big = int_of("9007199254740993"), *f53 = PyFloat_FromDouble(9007199254740992.0);
    PyObject *r = PyFloat_Type.tp_richcompare(f53, big, Py_EQ);
    CHECK(r == Py_False);
    Py_XDECREF(r);
    r = PyFloat_Type.tp_richcompare(f53, big, Py_LT);
    CHECK(r == Py_True);
    Py_XDECREF(r);
    PyObject *fl = nb(big)->nb_float(big);
    CHECK(fl != NULL && PyFloat_AS_DOUBLE(fl) == 9007199254740992.0);
    Py_XDECREF(fl);
    /* hash(2.0) == hash(2), and so on for every integral float. */
    PyObject *two = PyLong_FromLong(2), *ftwo = PyFloat_FromDouble(2.0);
    CHECK_INT(PyFloat_Type.tp_hash(ftwo), PyLong_Type.tp_hash(two));
    Py_DECREF(ftwo);
    PyObject *fm1 = PyFloat_FromDouble(-1.0);
    CHECK_INT(PyFloat_Type.tp_hash(fm1), -2);
    Py_DECREF(fm1);
    PyObject *fbig = PyFloat_FromDouble(1e300), *ibig = nb(fbig)->nb_int(fbig);
    CHECK_INT(PyFloat_Type.tp_hash(fbig), PyLong_Type.tp_hash(ibig));
    r = PyFloat_Type.tp_richcompare(fbig, ibig, Py_EQ);
    CHECK(r == Py_True);
    Py_XDECREF(r);
    Py_DECREF(fbig); Py_DECREF(ibig);
    /* An int too large for a float in arithmetic. */
    PyObject *ten = PyLong_FromLong(10), *p400 = PyLong_FromLong(400);
    PyObject *e400 = nb(ten)->nb_power(ten, p400, Py_None);
    CHECK_EXC(nb(f53)->nb_add(f53, e400), PyExc_OverflowError, "int too large to convert to float");
    CHECK_EXC(nb(f53)->nb_true_divide(e400, f53), PyExc_OverflowError, "int too large to convert to float");
    /* Non-numbers: NotImplemented, without looking at the other operand. */
    PyObject *s = PyUnicode_FromString("s");
    r = nb(f53)->nb_add(f53, s);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    r = nb(f53)->nb_add(s, e400);
    CHECK(r == Py_NotImplemented && !PyErr_Occurred());
    Py_XDECREF(r);
    r = PyFloat_Type.tp_richcompare(f53, s, Py_LT);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    Py_DECREF(s); Py_DECREF(ten); Py_DECREF(p400); Py_DECREF(e400);
    Py_DECREF(big); Py_DECREF(f53); Py_DECREF(two);
}

static void test_errors_and_pow(void) {
    PyObject *one = PyFloat_FromDouble(1.0), *zero = PyFloat_FromDouble(0.0), *izero = PyLong_FromLong(0);
    PyObject *mone = PyFloat_FromDouble(-1.0), *r;
    CHECK_EXC(nb(one)->nb_true_divide(one, zero), PyExc_ZeroDivisionError, "float division by zero");
    CHECK_EXC(nb(one)->nb_true_divide(one, izero), PyExc_ZeroDivisionError, "float division by zero");
    CHECK_EXC(nb(one)->nb_floor_divide(one, zero), PyExc_ZeroDivisionError, "float floor division by zero");
    CHECK_EXC(nb(one)->nb_remainder(one, zero), PyExc_ZeroDivisionError, "float modulo by zero");
    CHECK_EXC(nb(one)->nb_divmod(one, zero), PyExc_ZeroDivisionError, "float divmod()");
    CHECK_EXC(nb(zero)->nb_power(zero, mone, Py_None), PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    CHECK_EXC(nb(one)->nb_power(one, one, one), PyExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    PyObject *ten = PyFloat_FromDouble(10.0), *p400 = PyLong_FromLong(400);
    r = nb(ten)->nb_power(ten, p400, Py_None);
    CHECK(r == NULL && PyErr_ExceptionMatches(PyExc_OverflowError));
    {
        PyObject *exc = PyErr_GetRaisedException();
        PyObject *rep = exc ? PyObject_Repr(exc) : NULL;      /* the errno and its text */
        CHECK_STR(rep ? PyUnicode_AsUTF8(rep) : "(null)", "OverflowError(34, 'Numerical result out of range')");
        Py_XDECREF(rep);
        Py_XDECREF(exc);
    }
    CHECK_EXC(nb(ten)->nb_int(PyFloat_FromDouble(NAN)), PyExc_ValueError, "cannot convert float NaN to integer");
    /* (-1) ** huge integer stays exact; int ** negative int is float's business. */
    PyObject *huge = PyFloat_FromDouble(1e300);
    CHECK_STR(describe(nb(mone)->nb_power(mone, huge, Py_None)), "1.0");
    Py_DECREF(huge);
    PyObject *itwo = PyLong_FromLong(2), *ineg = PyLong_FromLong(-2);
    CHECK_STR(describe(nb(one)->nb_power(itwo, ineg, Py_None)), "0.25");
    CHECK_STR(describe(nb(one)->nb_power(ineg, ineg, Py_None)), "0.25");
    Py_DECREF(itwo); Py_DECREF(ineg);
    Py_DECREF(ten); Py_DECREF(p400);
    Py_DECREF(one); Py_DECREF(zero); Py_DECREF(izero); Py_DECREF(mone);
}

/* Calls float's tp_new with the given arguments (borrowed). */
static PyObject *call_float(int n, PyObject *a, PyObject *b) {
    PyObject *args = n == 0 ? PyTuple_New(0) : n == 1 ? PyTuple_Pack(1, a) : PyTuple_Pack(2, a, b);
    PyObject *r = PyFloat_Type.tp_new(&PyFloat_Type, args, NULL);
    Py_DECREF(args);
    return r;
}

typedef struct { PyObject_HEAD } Opaque;
static PyTypeObject Opaque_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Opaque",
    .tp_basicsize = sizeof(Opaque),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *half_float(PyObject *self) { return PyFloat_FromDouble(0.5); }
static PyObject *not_a_float(PyObject *self) { return PyLong_FromLong(1); }
static PyObject *seven(PyObject *self) { return PyLong_FromLong(7); }
static PyNumberMethods Floaty_number = { .nb_float = half_float };
static PyNumberMethods BadFloaty_number = { .nb_float = not_a_float };
static PyNumberMethods Indexy_number = { .nb_index = seven };
static PyTypeObject Floaty_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Floaty", .tp_basicsize = sizeof(Opaque), .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &Floaty_number,
};
static PyTypeObject BadFloaty_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.BadFloaty", .tp_basicsize = sizeof(Opaque), .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &BadFloaty_number,
};
static PyTypeObject Indexy_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Indexy", .tp_basicsize = sizeof(Opaque), .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &Indexy_number,
};

static void test_float_new_and_conversions(void) {
    CHECK(PyType_Ready(&Opaque_Type) == 0 && PyType_Ready(&Floaty_Type) == 0);
    CHECK(PyType_Ready(&BadFloaty_Type) == 0 && PyType_Ready(&Indexy_Type) == 0);
    PyObject *opaque = PyObject_New(PyObject, &Opaque_Type), *floaty = PyObject_New(PyObject, &Floaty_Type);
    PyObject *bad = PyObject_New(PyObject, &BadFloaty_Type), *indexy = PyObject_New(PyObject, &Indexy_Type);
    PyObject *s, *r;

    CHECK_STR(describe(call_float(0, NULL, NULL)), "0.0");
    s = PyUnicode_FromString("  -1_000.5e-1\n");
    CHECK_STR(describe(call_float(1, s, NULL)), "-100.05");
    CHECK_STR(describe(PyFloat_FromString(s)), "-100.05");
    Py_DECREF(s);
    s = PyUnicode_FromString("-InFiNiTy");
    CHECK_STR(describe(call_float(1, s, NULL)), "-inf");
    Py_DECREF(s);
    s = PyUnicode_FromString("\xd9\xa1.\xd9\xa5");              /* ١.٥ */
    CHECK_STR(describe(call_float(1, s, NULL)), "1.5");
    Py_DECREF(s);
    s = PyUnicode_FromString("1e500");
    CHECK_STR(describe(call_float(1, s, NULL)), "inf");
    Py_DECREF(s);
    s = PyUnicode_FromString("abc");
    CHECK_EXC(call_float(1, s, NULL), PyExc_ValueError, "could not convert string to float: 'abc'");
    CHECK_EXC(PyFloat_FromString(s), PyExc_ValueError, "could not convert string to float: 'abc'");
    CHECK_EXC(call_float(2, s, s), PyExc_TypeError, "float expected at most 1 argument, got 2");
    Py_DECREF(s);
    s = PyUnicode_FromString("1__0");
    CHECK_EXC(call_float(1, s, NULL), PyExc_ValueError, "could not convert string to float: '1__0'");
    Py_DECREF(s);
    s = PyUnicode_FromString("");
    CHECK_EXC(call_float(1, s, NULL), PyExc_ValueError, "could not convert string to float: ''");
    Py_DECREF(s);
    PyObject *i = PyLong_FromLong(-3);
    r = call_float(1, i, NULL);
    CHECK(r != NULL && PyFloat_CheckExact(r) && PyFloat_AS_DOUBLE(r) == -3.0);
    Py_XDECREF(r);
    Py_DECREF(i);
    i = int_of("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792");
    CHECK_EXC(call_float(1, i, NULL), PyExc_OverflowError, "int too large to convert to float");
    Py_DECREF(i);
    PyObject *f = PyFloat_FromDouble(2.5);
    r = call_float(1, f, NULL);
    CHECK(r == f && Py_REFCNT(f) == 2);                   /* an exact float comes back */
    Py_XDECREF(r);
    CHECK_STR(describe(call_float(1, floaty, NULL)), "0.5");
    CHECK_STR(describe(call_float(1, indexy, NULL)), "7.0");
    CHECK_EXC(call_float(1, bad, NULL), PyExc_TypeError, "testmod.BadFloaty.__float__ returned non-float (type int)");
    CHECK_EXC(call_float(1, opaque, NULL), PyExc_TypeError,
              "float() argument must be a string or a real number, not 'testmod.Opaque'");
    CHECK_EXC(call_float(1, Py_None, NULL), PyExc_TypeError,
              "float() argument must be a string or a real number, not 'NoneType'");
    CHECK_EXC(PyFloat_FromString(Py_None), PyExc_TypeError,
              "float() argument must be a string or a real number, not 'NoneType'");

    /* PyFloat_AsDouble: floats, then __float__, then __index__. */
    CHECK(PyFloat_AsDouble(f) == 2.5);
    CHECK(PyFloat_AsDouble(floaty) == 0.5);
    CHECK(PyFloat_AsDouble(indexy) == 7.0);
    CHECK(PyFloat_AsDouble(Py_True) == 1.0 && !PyErr_Occurred());
    i = int_of("340282366920938463463374607431768211457");     /* 2**128 + 1 */
    CHECK(PyFloat_AsDouble(i) == 340282366920938463463374607431768211456.0);
    Py_DECREF(i);
    CHECK(PyFloat_AsDouble(bad) == -1.0);
    CHECK_ERR(PyExc_TypeError, "testmod.BadFloaty.__float__ returned non-float (type int)");
    CHECK(PyFloat_AsDouble(opaque) == -1.0);
    CHECK_ERR(PyExc_TypeError, "must be real number, not testmod.Opaque");
    s = PyUnicode_FromString("1.0");
    CHECK(PyFloat_AsDouble(s) == -1.0);
    CHECK_ERR(PyExc_TypeError, "must be real number, not str");
    Py_DECREF(s);
    CHECK(PyFloat_AsDouble(NULL) == -1.0);                  /* CPython: PyErr_BadArgument */
    CHECK_ERR(PyExc_TypeError, "bad argument type for built-in operation");

    CHECK(PyFloat_GetMax() == DBL_MAX && PyFloat_GetMin() == DBL_MIN);
    CHECK(PyFloat_Check(f) && PyFloat_CheckExact(f) && !PyFloat_Check(Py_True));
    Py_DECREF(f);
    Py_DECREF(opaque); Py_DECREF(floaty); Py_DECREF(bad); Py_DECREF(indexy);
}

static PyObject *ret_nan(void) { Py_RETURN_NAN; }
static PyObject *ret_inf(double sign) { Py_RETURN_INF(sign); }

static void test_refcounts_and_macros(void) {
    PyObject *f = PyFloat_FromDouble(1.25);
    CHECK_INT(Py_REFCNT(f), 1);
    PyObject *p = nb(f)->nb_positive(f);
    CHECK(p == f && Py_REFCNT(f) == 2);
    Py_DECREF(p);
    p = nb(f)->nb_float(f);
    CHECK(p == f && Py_REFCNT(f) == 2);
    Py_DECREF(p);
    PyObject *g = nb(f)->nb_add(f, f);
    CHECK(g != f && Py_REFCNT(g) == 1 && Py_REFCNT(f) == 1);
    Py_DECREF(g);
    PyObject *t = nb(f)->nb_divmod(f, f);
    CHECK(t != NULL && Py_REFCNT(t) == 1 && Py_REFCNT(PyTuple_GET_ITEM(t, 0)) == 1);
    Py_XDECREF(t);
    Py_DECREF(f);

    PyObject *n = ret_nan();
    CHECK(n != NULL && isnan(PyFloat_AS_DOUBLE(n)));
    /* A NaN hashes by identity (3.10+): stable for one object. */
    CHECK_INT(PyFloat_Type.tp_hash(n), PyFloat_Type.tp_hash(n));
    PyObject *r = PyFloat_Type.tp_richcompare(n, n, Py_EQ);
    CHECK(r == Py_False);
    Py_XDECREF(r);
    Py_DECREF(n);
    n = ret_inf(-2.0);
    CHECK(PyFloat_AS_DOUBLE(n) == -INFINITY);
    Py_DECREF(n);
    n = ret_inf(0.0);
    CHECK(PyFloat_AS_DOUBLE(n) == INFINITY);
    Py_DECREF(n);
    CHECK(Py_IS_NAN(Py_NAN) && Py_IS_INFINITY(Py_HUGE_VAL) && Py_IS_FINITE(1.0) && Py_MATH_PI > 3.14);
}

int main(void) {
    Py_Initialize();
    test_unary_table();
    test_binary_table();
    test_mixed();
    test_errors_and_pow();
    test_float_new_and_conversions();
    test_refcounts_and_macros();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
