/* The number protocol (PyNumber_*): CPython's binary-operator dispatch (the right operand's
   slot first when its type is a proper subtype of the left's and overrides the slot,
   NotImplemented handing over to the other side, one call when both share the slot), the
   ternary dispatch of pow(), in-place slots, the sequence fallbacks of + and *, unary
   operators, and the conversions (__index__, __int__, AsSsize_t, ToBase), with CPython's
   error texts. The operand types are C types whose slots log their calls. */
#include "obj_util.h"

static char log_buf[512];

static void logf_(const char *s) {
    strncat(log_buf, s, sizeof log_buf - strlen(log_buf) - 1);
}

static const char *take_log(void) {
    static char out[512];
    strcpy(out, log_buf);
    log_buf[0] = '\0';
    return out;
}

/* --- operand types ------------------------------------------------------------------------ */

typedef struct { PyObject_HEAD long v; int mode; } Num;

enum { RETURN_SELF = 0, NOT_IMPL = 1, FAIL = 2 };

static PyObject *num_result(PyObject *self, const char *tag, int mode) {
    logf_(tag);
    if (mode == NOT_IMPL) Py_RETURN_NOTIMPLEMENTED;
    if (mode == FAIL) {
        PyErr_SetString(PyExc_RuntimeError, tag);
        return NULL;
    }
    return Py_NewRef(self);
}

static PyTypeObject A_Type, B_Type, SubA_Type;

/* A slot serves both sides (it gets (v, w) either way): it answers with the mode of the
   operand it belongs to, and returns that operand. */
static PyObject *a_add(PyObject *a, PyObject *b) {
    PyObject *self = PyObject_TypeCheck(a, &A_Type) ? a : b;
    return num_result(self, "A.add;", ((Num *)self)->mode);
}
static PyObject *b_add(PyObject *a, PyObject *b) {
    PyObject *self = Py_IS_TYPE(a, &B_Type) ? a : b;
    return num_result(self, "B.add;", ((Num *)self)->mode);
}
static PyObject *suba_add(PyObject *a, PyObject *b) {
    PyObject *self = Py_IS_TYPE(a, &SubA_Type) ? a : b;
    return num_result(self, "SubA.add;", ((Num *)self)->mode);
}
static PyObject *a_iadd(PyObject *a, PyObject *b) { return num_result(a, "A.iadd;", ((Num *)a)->mode); }
static PyObject *a_sub(PyObject *a, PyObject *b) { return num_result(a, "A.sub;", RETURN_SELF); }
static PyObject *a_power(PyObject *a, PyObject *b, PyObject *c) {
    char tag[64];
    snprintf(tag, sizeof tag, "A.pow(%s);", c == Py_None ? "None" : "z");
    return num_result(a, tag, NOT_IMPL);
}
static PyObject *p_power(PyObject *a, PyObject *b, PyObject *c) { return num_result(c, "P.pow;", RETURN_SELF); }
static PyObject *a_ipower(PyObject *a, PyObject *b, PyObject *c) { return num_result(a, "A.ipow;", NOT_IMPL); }
static PyObject *a_neg(PyObject *a) { logf_("A.neg;"); return Py_NewRef(a); }
static PyObject *a_index(PyObject *a) { return PyLong_FromLong(((Num *)a)->v); }

static PyNumberMethods A_number = {
    .nb_add = a_add, .nb_subtract = a_sub, .nb_inplace_add = a_iadd, .nb_power = a_power,
    .nb_inplace_power = a_ipower, .nb_negative = a_neg, .nb_index = a_index,
};
static PyNumberMethods B_number = { .nb_add = b_add };
static PyNumberMethods SubA_number = { .nb_add = suba_add };
static PyNumberMethods P_number = { .nb_power = p_power };

static PyTypeObject A_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.A",
    .tp_basicsize = sizeof(Num),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_as_number = &A_number,
};
static PyTypeObject B_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.B",
    .tp_basicsize = sizeof(Num),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &B_number,
};
/* Overrides nb_add: its slot is tried first when it is the right operand of an A. */
static PyTypeObject SubA_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.SubA",
    .tp_basicsize = sizeof(Num),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &SubA_number,
    .tp_base = &A_Type,
};
/* Inherits A's slots: one call, as A + A. */
static PyTypeObject SameA_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.SameA",
    .tp_basicsize = sizeof(Num),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_base = &A_Type,
};
static PyTypeObject P_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.P",
    .tp_basicsize = sizeof(Num),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &P_number,
};

static PyObject *new_num(PyTypeObject *tp, long v, int mode) {
    Num *n = PyObject_New(Num, tp);
    n->v = v;
    n->mode = mode;
    return (PyObject *)n;
}

/* A sequence: concat and repeat log and return a new int (the count, for repeat). */
static PyObject *s_concat(PyObject *a, PyObject *b) { logf_("S.concat;"); return PyLong_FromLong(100); }
static PyObject *s_repeat(PyObject *a, Py_ssize_t n) { logf_("S.repeat;"); return PyLong_FromLong((long)n); }
static PyObject *s_irepeat(PyObject *a, Py_ssize_t n) { logf_("S.irepeat;"); return PyLong_FromLong((long)n + 1000); }
static PyObject *s_iconcat(PyObject *a, PyObject *b) { logf_("S.iconcat;"); return PyLong_FromLong(200); }
static PyObject *s_item(PyObject *a, Py_ssize_t i) { return PyLong_FromLong((long)i); }
static Py_ssize_t s_length(PyObject *a) { return 3; }

static PySequenceMethods S_sequence = {
    .sq_length = s_length, .sq_concat = s_concat, .sq_repeat = s_repeat, .sq_item = s_item,
};
static PySequenceMethods IS_sequence = {
    .sq_length = s_length, .sq_concat = s_concat, .sq_repeat = s_repeat, .sq_item = s_item,
    .sq_inplace_concat = s_iconcat, .sq_inplace_repeat = s_irepeat,
};
/* Has sequence methods but no repeat: `v *= seq` then never tries seq's repeat (CPython). */
static PySequenceMethods L_sequence = { .sq_length = s_length };

static PyTypeObject S_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.S",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_sequence = &S_sequence,
};
static PyTypeObject IS_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.IS",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_sequence = &IS_sequence,
};
static PyTypeObject L_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.L",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_sequence = &L_sequence,
};

/* __index__/__int__ returning various things. */
typedef struct { PyObject_HEAD PyObject *ret; } Conv;
static PyObject *conv_ret(PyObject *self) {
    PyObject *r = ((Conv *)self)->ret;
    if (r == NULL) {
        PyErr_SetString(PyExc_ValueError, "conversion failed");
        return NULL;
    }
    return Py_NewRef(r);
}
static void conv_dealloc(PyObject *self) {
    Py_XDECREF(((Conv *)self)->ret);
    PyObject_Free(self);
}
static PyNumberMethods Idx_number = { .nb_index = conv_ret };
static PyNumberMethods Int_number = { .nb_int = conv_ret };
static PyTypeObject Idx_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Idx",
    .tp_basicsize = sizeof(Conv),
    .tp_dealloc = conv_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &Idx_number,
};
static PyTypeObject Int_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Int",
    .tp_basicsize = sizeof(Conv),
    .tp_dealloc = conv_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &Int_number,
};

static PyObject *new_conv(PyTypeObject *tp, PyObject *ret) {
    Conv *c = PyObject_New(Conv, tp);
    c->ret = ret;   /* stolen */
    return (PyObject *)c;
}

/* --- tests --------------------------------------------------------------------------------- */

static void test_binary_dispatch(void) {
    PyObject *a = new_num(&A_Type, 1, RETURN_SELF), *a2 = new_num(&A_Type, 2, RETURN_SELF);
    PyObject *b = new_num(&B_Type, 3, RETURN_SELF), *sub = new_num(&SubA_Type, 4, RETURN_SELF);
    PyObject *same = new_num(&SameA_Type, 5, RETURN_SELF);
    Py_ssize_t ra = Py_REFCNT(a), rb = Py_REFCNT(b);

    PyObject *r = PyNumber_Add(a, a2);                  /* same slot: called once */
    CHECK(r == a);
    CHECK_STR(take_log(), "A.add;");
    Py_XDECREF(r);

    r = PyNumber_Add(a, b);                             /* the left operand's slot answers */
    CHECK(r == a);
    CHECK_STR(take_log(), "A.add;");
    Py_XDECREF(r);

    r = PyNumber_Add(a, sub);                           /* a subtype overriding: first */
    CHECK(r == sub);
    CHECK_STR(take_log(), "SubA.add;");
    Py_XDECREF(r);

    r = PyNumber_Add(a, same);                          /* a subtype inheriting: one call */
    CHECK(r == a);
    CHECK_STR(take_log(), "A.add;");
    Py_XDECREF(r);

    r = PyNumber_Add(sub, a);                           /* not reflected when on the left */
    CHECK(r == sub);
    CHECK_STR(take_log(), "SubA.add;");
    Py_XDECREF(r);

    ((Num *)a)->mode = NOT_IMPL;                        /* NotImplemented: the other side */
    r = PyNumber_Add(a, b);
    CHECK(r == b);
    CHECK_STR(take_log(), "A.add;B.add;");
    Py_XDECREF(r);

    ((Num *)b)->mode = NOT_IMPL;                        /* both decline: TypeError */
    CHECK(PyNumber_Add(a, b) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for +: 'testmod.A' and 'testmod.B'");
    CHECK_STR(take_log(), "A.add;B.add;");

    ((Num *)sub)->mode = NOT_IMPL;                      /* the subtype declines: left's slot */
    ((Num *)a)->mode = RETURN_SELF;
    r = PyNumber_Add(a, sub);
    CHECK(r == a);
    CHECK_STR(take_log(), "SubA.add;A.add;");
    Py_XDECREF(r);
    ((Num *)a)->mode = NOT_IMPL;                        /* ... and the left one too */
    CHECK(PyNumber_Add(a, sub) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for +: 'testmod.A' and 'testmod.SubA'");
    CHECK_STR(take_log(), "SubA.add;A.add;");
    ((Num *)sub)->mode = RETURN_SELF;

    ((Num *)a)->mode = FAIL;                            /* an error stops the dispatch */
    ((Num *)b)->mode = RETURN_SELF;
    CHECK(PyNumber_Add(a, b) == NULL);
    CHECK_STR(err_text(PyExc_RuntimeError), "A.add;");
    CHECK_STR(take_log(), "A.add;");
    ((Num *)a)->mode = RETURN_SELF;

    /* Slots only one side has. */
    r = PyNumber_Subtract(a, Py_None);
    CHECK(r == a);
    Py_XDECREF(r);
    CHECK(PyNumber_Subtract(Py_None, b) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for -: 'NoneType' and 'testmod.B'");
    take_log();

    struct { PyObject *(*f)(PyObject *, PyObject *); const char *text; } ops[] = {
        { PyNumber_Multiply, "unsupported operand type(s) for *: 'NoneType' and 'NoneType'" },
        { PyNumber_MatrixMultiply, "unsupported operand type(s) for @: 'NoneType' and 'NoneType'" },
        { PyNumber_FloorDivide, "unsupported operand type(s) for //: 'NoneType' and 'NoneType'" },
        { PyNumber_TrueDivide, "unsupported operand type(s) for /: 'NoneType' and 'NoneType'" },
        { PyNumber_Remainder, "unsupported operand type(s) for %: 'NoneType' and 'NoneType'" },
        { PyNumber_Divmod, "unsupported operand type(s) for divmod(): 'NoneType' and 'NoneType'" },
        { PyNumber_Lshift, "unsupported operand type(s) for <<: 'NoneType' and 'NoneType'" },
        { PyNumber_Rshift, "unsupported operand type(s) for >>: 'NoneType' and 'NoneType'" },
        { PyNumber_And, "unsupported operand type(s) for &: 'NoneType' and 'NoneType'" },
        { PyNumber_Xor, "unsupported operand type(s) for ^: 'NoneType' and 'NoneType'" },
        { PyNumber_Or, "unsupported operand type(s) for |: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceAdd, "unsupported operand type(s) for +=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceSubtract, "unsupported operand type(s) for -=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceMultiply, "unsupported operand type(s) for *=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceMatrixMultiply, "unsupported operand type(s) for @=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceFloorDivide, "unsupported operand type(s) for //=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceTrueDivide, "unsupported operand type(s) for /=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceRemainder, "unsupported operand type(s) for %=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceLshift, "unsupported operand type(s) for <<=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceRshift, "unsupported operand type(s) for >>=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceAnd, "unsupported operand type(s) for &=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceXor, "unsupported operand type(s) for ^=: 'NoneType' and 'NoneType'" },
        { PyNumber_InPlaceOr, "unsupported operand type(s) for |=: 'NoneType' and 'NoneType'" },
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        CHECK(ops[i].f(Py_None, Py_None) == NULL);
        CHECK_STR(err_text(PyExc_TypeError), ops[i].text);
    }
    /* int and str: neither adds the other (measured on CPython: the same text). */
    PyObject *one = PyLong_FromLong(1), *s = PyUnicode_FromString("a");
    CHECK(PyNumber_Add(one, s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for +: 'int' and 'str'");
    Py_DECREF(s);
    Py_DECREF(one);

    CHECK_INT(Py_REFCNT(a), ra);
    CHECK_INT(Py_REFCNT(b), rb);
    Py_DECREF(a); Py_DECREF(a2); Py_DECREF(b); Py_DECREF(sub); Py_DECREF(same);
}

static void test_in_place(void) {
    PyObject *a = new_num(&A_Type, 1, RETURN_SELF), *b = new_num(&B_Type, 2, RETURN_SELF);
    PyObject *r = PyNumber_InPlaceAdd(a, b);            /* the in-place slot */
    CHECK(r == a);
    CHECK_STR(take_log(), "A.iadd;");
    Py_XDECREF(r);
    ((Num *)a)->mode = NOT_IMPL;                        /* then the binary dispatch */
    r = PyNumber_InPlaceAdd(a, b);
    CHECK(r == b);
    CHECK_STR(take_log(), "A.iadd;A.add;B.add;");
    Py_XDECREF(r);
    r = PyNumber_InPlaceAdd(b, a);                      /* B has no in-place slot */
    CHECK(r == b);
    CHECK_STR(take_log(), "B.add;");
    Py_XDECREF(r);
    r = PyNumber_InPlaceSubtract(a, a);                 /* no nb_inplace_subtract */
    CHECK(r == a);
    CHECK_STR(take_log(), "A.sub;");
    Py_XDECREF(r);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_sequence_fallbacks(void) {
    PyObject *s = PyObject_New(PyObject, &S_Type), *is = PyObject_New(PyObject, &IS_Type);
    PyObject *l = PyObject_New(PyObject, &L_Type);
    PyObject *three = PyLong_FromLong(3);
    Py_ssize_t r3 = Py_REFCNT(three);

    PyObject *r = PyNumber_Add(s, Py_None);             /* + falls back to sq_concat */
    CHECK(r != NULL && PyLong_AsLong(r) == 100);
    CHECK_STR(take_log(), "S.concat;");
    Py_XDECREF(r);
    CHECK(PyNumber_Add(Py_None, s) == NULL);            /* ... of the left operand only */
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for +: 'NoneType' and 'testmod.S'");

    r = PyNumber_Multiply(s, three);                    /* * falls back to sq_repeat */
    CHECK(r != NULL && PyLong_AsLong(r) == 3);
    Py_XDECREF(r);
    r = PyNumber_Multiply(three, s);                    /* of either operand */
    CHECK(r != NULL && PyLong_AsLong(r) == 3);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "S.repeat;S.repeat;");
    PyObject *idx = new_conv(&Idx_Type, PyLong_FromLong(7));
    r = PyNumber_Multiply(s, idx);                      /* the count from __index__ */
    CHECK(r != NULL && PyLong_AsLong(r) == 7);
    Py_XDECREF(r);
    CHECK(PyNumber_Multiply(s, Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "can't multiply sequence by non-int of type 'NoneType'");
    CHECK(PyNumber_Multiply(Py_None, s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "can't multiply sequence by non-int of type 'NoneType'");
    take_log();

    r = PyNumber_InPlaceAdd(is, Py_None);               /* sq_inplace_concat first */
    CHECK(r != NULL && PyLong_AsLong(r) == 200);
    Py_XDECREF(r);
    r = PyNumber_InPlaceAdd(s, Py_None);                /* then sq_concat */
    CHECK(r != NULL && PyLong_AsLong(r) == 100);
    Py_XDECREF(r);
    r = PyNumber_InPlaceMultiply(is, three);            /* sq_inplace_repeat first */
    CHECK(r != NULL && PyLong_AsLong(r) == 1003);
    Py_XDECREF(r);
    r = PyNumber_InPlaceMultiply(three, is);            /* the right operand: sq_repeat only */
    CHECK(r != NULL && PyLong_AsLong(r) == 3);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "S.iconcat;S.concat;S.irepeat;S.repeat;");
    /* A left operand with sequence methods but no repeat: CPython does not try the right
       operand's repeat for *= (it does for *). */
    CHECK(PyNumber_InPlaceMultiply(l, s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for *=: 'testmod.L' and 'testmod.S'");
    r = PyNumber_Multiply(l, three);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for *: 'testmod.L' and 'int'");
    PyObject *n2 = PyLong_FromLong(2);
    r = PyNumber_Multiply(n2, s);
    CHECK(r != NULL && PyLong_AsLong(r) == 2);
    Py_XDECREF(r);
    take_log();

    CHECK_INT(Py_REFCNT(three), r3);
    Py_DECREF(idx); Py_DECREF(s); Py_DECREF(is); Py_DECREF(l);
}

static void test_power(void) {
    PyObject *a = new_num(&A_Type, 1, RETURN_SELF), *p = new_num(&P_Type, 2, RETURN_SELF);
    PyObject *r = PyNumber_Power(Py_None, Py_None, p);  /* the third operand's slot */
    CHECK(r == p);
    CHECK_STR(take_log(), "P.pow;");
    Py_XDECREF(r);
    r = PyNumber_Power(a, Py_None, p);                  /* v declines, then z */
    CHECK(r == p);
    CHECK_STR(take_log(), "A.pow(z);P.pow;");
    Py_XDECREF(r);
    CHECK(PyNumber_Power(a, Py_None, Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for ** or pow(): 'testmod.A' and 'NoneType'");
    CHECK_STR(take_log(), "A.pow(None);");
    CHECK(PyNumber_Power(Py_Ellipsis, Py_None, Py_Ellipsis) == NULL);
    CHECK_STR(err_text(PyExc_TypeError),
              "unsupported operand type(s) for ** or pow(): 'ellipsis', 'NoneType', 'ellipsis'");
    CHECK(PyNumber_InPlacePower(a, Py_None, Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for **=: 'testmod.A' and 'NoneType'");
    CHECK_STR(take_log(), "A.ipow;A.pow(None);");
    CHECK(PyNumber_InPlacePower(Py_None, Py_Ellipsis, Py_Ellipsis) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for **=: 'NoneType', 'ellipsis', 'ellipsis'");
    Py_DECREF(a);
    Py_DECREF(p);
}

static void test_unary(void) {
    PyObject *a = new_num(&A_Type, 1, RETURN_SELF);
    PyObject *r = PyNumber_Negative(a);
    CHECK(r == a);
    CHECK_STR(take_log(), "A.neg;");
    Py_XDECREF(r);
    PyObject *s = PyUnicode_FromString("x");
    CHECK(PyNumber_Negative(s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad operand type for unary -: 'str'");
    CHECK(PyNumber_Positive(s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad operand type for unary +: 'str'");
    CHECK(PyNumber_Absolute(s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad operand type for abs(): 'str'");
    CHECK(PyNumber_Invert(a) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad operand type for unary ~: 'testmod.A'");
    Py_DECREF(s);
    Py_DECREF(a);
}

static void test_checks(void) {
    PyObject *a = new_num(&A_Type, 1, RETURN_SELF), *b = new_num(&B_Type, 1, RETURN_SELF);
    PyObject *i = new_conv(&Int_Type, NULL), *one = PyLong_FromLong(1), *s = PyUnicode_FromString("1");
    CHECK_INT(PyNumber_Check(a), 1);                    /* nb_index */
    CHECK_INT(PyNumber_Check(i), 1);                    /* nb_int */
    CHECK_INT(PyNumber_Check(b), 0);                    /* number methods, none of those */
    CHECK_INT(PyNumber_Check(one), 1);
    CHECK_INT(PyNumber_Check(s), 0);
    CHECK_INT(PyNumber_Check(Py_None), 0);
    CHECK_INT(PyIndex_Check(a), 1);
    CHECK_INT(PyIndex_Check(i), 0);
    CHECK_INT(PyIndex_Check(one), 1);
    CHECK_INT(PyIndex_Check(Py_True), 1);
    CHECK_INT(PyIndex_Check(s), 0);
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(i); Py_DECREF(one); Py_DECREF(s);
}

static void test_conversions(void) {
    PyObject *big = PyLong_FromLong(100000);
    PyObject *r = PyNumber_Index(big);                  /* an int is itself */
    CHECK(r == big);
    Py_XDECREF(r);
    r = PyNumber_Index(Py_True);                        /* a bool becomes an exact int */
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 1);
    Py_XDECREF(r);
    PyObject *idx = new_conv(&Idx_Type, PyLong_FromLong(42));
    r = PyNumber_Index(idx);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 42);
    Py_XDECREF(r);
    CHECK_INT(PyNumber_AsSsize_t(idx, NULL), 42);
    Py_DECREF(idx);
    idx = new_conv(&Idx_Type, Py_NewRef(Py_True));      /* __index__ returns an int subclass */
    r = PyNumber_Index(idx);                            /* (a DeprecationWarning, ignored) */
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 1);
    Py_XDECREF(r);
    CHECK(!PyErr_Occurred());
    Py_DECREF(idx);
    idx = new_conv(&Idx_Type, PyUnicode_FromString("no"));
    CHECK(PyNumber_Index(idx) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "__index__ returned non-int (type str)");
    CHECK_INT(PyNumber_AsSsize_t(idx, NULL), -1);
    CHECK_STR(err_text(PyExc_TypeError), "__index__ returned non-int (type str)");
    Py_DECREF(idx);
    idx = new_conv(&Idx_Type, NULL);                    /* __index__ raises */
    CHECK(PyNumber_Index(idx) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "conversion failed");
    Py_DECREF(idx);
    PyObject *s = PyUnicode_FromString("1");
    CHECK(PyNumber_Index(s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyNumber_AsSsize_t(s, PyExc_IndexError), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'str' object cannot be interpreted as an integer");
    CHECK(PyNumber_Index(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object cannot be interpreted as an integer");
    CHECK_INT(PyNumber_AsSsize_t(big, PyExc_OverflowError), 100000);

    /* int() */
    r = PyNumber_Long(big);
    CHECK(r == big);
    Py_XDECREF(r);
    r = PyNumber_Long(Py_False);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 0);
    Py_XDECREF(r);
    PyObject *i = new_conv(&Int_Type, PyLong_FromLong(-9));
    r = PyNumber_Long(i);
    CHECK(r != NULL && PyLong_AsLong(r) == -9);
    Py_XDECREF(r);
    Py_DECREF(i);
    i = new_conv(&Int_Type, Py_NewRef(Py_True));
    r = PyNumber_Long(i);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 1);
    Py_XDECREF(r);
    Py_DECREF(i);
    i = new_conv(&Int_Type, Py_NewRef(Py_None));
    CHECK(PyNumber_Long(i) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "__int__ returned non-int (type NoneType)");
    Py_DECREF(i);
    idx = new_conv(&Idx_Type, PyLong_FromLong(5));
    r = PyNumber_Long(idx);                             /* __index__ serves int() */
    CHECK(r != NULL && PyLong_AsLong(r) == 5);
    Py_XDECREF(r);
    Py_DECREF(idx);
    CHECK(PyNumber_Long(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError),
              "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
    CHECK(PyNumber_Float(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "float() argument must be a string or a real number, not 'NoneType'");
    Py_DECREF(s);
    Py_DECREF(big);
}

static void check_base(long v, int base, const char *want) {
    PyObject *n = PyLong_FromLong(v);
    PyObject *r = PyNumber_ToBase(n, base);
    CHECK_STR(utf8(r), want);
    if (r == NULL) PyErr_Clear();
    Py_XDECREF(r);
    Py_DECREF(n);
}

static void test_to_base(void) {
    check_base(255, 16, "0xff");
    check_base(255, 8, "0o377");
    check_base(255, 2, "0b11111111");
    check_base(255, 10, "255");
    check_base(-255, 16, "-0xff");
    check_base(0, 2, "0b0");
    check_base(0, 8, "0o0");
    check_base(0, 16, "0x0");
    check_base(0, 10, "0");
    check_base(LONG_MIN, 16, "-0x8000000000000000");
    check_base(LONG_MIN, 10, "-9223372036854775808");
    check_base(LONG_MAX, 2, "0b111111111111111111111111111111111111111111111111111111111111111");
    check_base(LONG_MAX, 8, "0o777777777777777777777");
    check_base(1L << 30, 16, "0x40000000");
    PyObject *n = PyLong_FromLong(5);
    CHECK(PyNumber_ToBase(n, 3) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "PyNumber_ToBase: base must be 2, 8, 10 or 16");
    Py_DECREF(n);
    PyObject *idx = new_conv(&Idx_Type, PyLong_FromLong(10));
    PyObject *r = PyNumber_ToBase(idx, 16);
    CHECK_STR(utf8(r), "0xa");
    Py_XDECREF(r);
    Py_DECREF(idx);
    CHECK(PyNumber_ToBase(Py_None, 2) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object cannot be interpreted as an integer");
}

static void test_null_arguments(void) {
#ifdef SUBINTERP
    /* CPython crashes on NULL operands; we raise SystemError. */
    CHECK(PyNumber_Add(NULL, Py_None) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK(PyNumber_Power(Py_None, Py_None, NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK(PyNumber_Negative(NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK_INT(PyNumber_Check(NULL), 0);
#endif
    /* A NULL from a failed call keeps that call's exception (CPython's null_error). */
    PyErr_SetString(PyExc_ValueError, "earlier");
    CHECK(PyNumber_Index(NULL) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "earlier");
    CHECK(PyNumber_Index(NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
}

int main(void) {
    Py_Initialize();
    PyTypeObject *types[] = { &A_Type, &B_Type, &SubA_Type, &SameA_Type, &P_Type, &S_Type, &IS_Type,
                              &L_Type, &Idx_Type, &Int_Type };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) CHECK_INT(PyType_Ready(types[i]), 0);
    test_binary_dispatch();
    test_in_place();
    test_sequence_fallbacks();
    test_power();
    test_unary();
    test_checks();
    test_conversions();
    test_to_base();
    test_null_arguments();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
