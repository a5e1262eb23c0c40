/*
 * bench_call.c: the cost of a call to a builtin function for each calling convention,
 * through PyObject_Vectorcall (a C array, kwnames tuple prebuilt) and through PyObject_Call
 * (args tuple and kwargs dict prebuilt), and of PyArg_ParseTupleAndKeywords /
 * PyArg_ParseTuple / Py_BuildValue for a typical signature. The callees do nothing but
 * return None, so the figures are the call machinery's own.
 *
 * Arguments per convention: NOARGS none; O one; VARARGS and FASTCALL two positional;
 * VARARGS|KEYWORDS, FASTCALL|KEYWORDS and METHOD|FASTCALL|KEYWORDS one positional and one
 * keyword.
 *
 * Usage: bench_call [key...] (no key: every measurement).
 */
#include "bench_util.h"

static PyObject *f_noargs(PyObject *self, PyObject *unused) { return Py_NewRef(Py_None); }
static PyObject *f_o(PyObject *self, PyObject *arg) { return Py_NewRef(Py_None); }
static PyObject *f_varargs(PyObject *self, PyObject *args) { return Py_NewRef(Py_None); }
static PyObject *f_varkw(PyObject *self, PyObject *args, PyObject *kw) { return Py_NewRef(Py_None); }
static PyObject *f_fast(PyObject *self, PyObject *const *args, Py_ssize_t n) { return Py_NewRef(Py_None); }
static PyObject *f_fastkw(PyObject *self, PyObject *const *args, Py_ssize_t n, PyObject *kwnames) {
    return Py_NewRef(Py_None);
}
static PyObject *f_method(PyObject *self, PyTypeObject *cls, PyObject *const *args, size_t nargsf,
                          PyObject *kwnames) {
    return Py_NewRef(Py_None);
}

#define FN(f) ((PyCFunction)(void (*)(void))(f))
static PyMethodDef defs[] = {
    {"noargs", FN(f_noargs), METH_NOARGS, NULL},
    {"o", FN(f_o), METH_O, NULL},
    {"varargs", FN(f_varargs), METH_VARARGS, NULL},
    {"varkw", FN(f_varkw), METH_VARARGS | METH_KEYWORDS, NULL},
    {"fast", FN(f_fast), METH_FASTCALL, NULL},
    {"fastkw", FN(f_fastkw), METH_FASTCALL | METH_KEYWORDS, NULL},
    {"method", FN(f_method), METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
};
enum { NCONV = sizeof defs / sizeof defs[0] };
static const char *const names[NCONV] = {"noargs", "o", "varargs", "varkw", "fast", "fastkw", "method"};

/* One prepared call: the callable and its arguments in both forms. */
typedef struct {
    PyObject *func;
    PyObject *stack[3];        /* stack[0] spare (PY_VECTORCALL_ARGUMENTS_OFFSET) */
    Py_ssize_t nargs;          /* positional */
    PyObject *kwnames;         /* NULL or ("name",) */
    PyObject *args, *kwargs;   /* tuple, NULL or dict */
} Call;

static Call calls[NCONV];

static void prepare(void) {
    PyObject *a = PyLong_FromLong(12345), *b = PyUnicode_FromString("bench-arg");
    PyObject *name = PyUnicode_InternFromString("name");
    for (int i = 0; i < NCONV; i++) {
        Call *c = &calls[i];
        if (defs[i].ml_flags & METH_METHOD) {
            c->func = PyCMethod_New(&defs[i], NULL, NULL, &PyBaseObject_Type);
        } else {
            c->func = PyCFunction_New(&defs[i], NULL);
        }
        if (c->func == NULL) BENCH_FAIL("PyCFunction_New(%s)", names[i]);
        int kw = (defs[i].ml_flags & METH_KEYWORDS) != 0;
        c->nargs = (defs[i].ml_flags & METH_NOARGS) ? 0 : (defs[i].ml_flags & METH_O) ? 1 : kw ? 1 : 2;
        c->stack[0] = NULL;
        c->stack[1] = a;
        c->stack[2] = b;
        c->kwnames = kw ? PyTuple_Pack(1, name) : NULL;
        c->args = c->nargs == 0 ? PyTuple_New(0) : c->nargs == 1 ? PyTuple_Pack(1, a) : PyTuple_Pack(2, a, b);
        c->kwargs = NULL;
        if (kw) {
            c->kwargs = PyDict_New();
            PyDict_SetItem(c->kwargs, name, b);
        }
    }
}

static double op_vectorcall(long iters, void *ctx) {
    Call *c = ctx;
    size_t nargsf = (size_t)c->nargs | PY_VECTORCALL_ARGUMENTS_OFFSET;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *r = PyObject_Vectorcall(c->func, c->stack + 1, nargsf, c->kwnames);
        if (r == NULL) BENCH_FAIL("vectorcall failed");
        Py_DECREF(r);
    }
    return bench_now() - t0;
}

static double op_call(long iters, void *ctx) {
    Call *c = ctx;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *r = PyObject_Call(c->func, c->args, c->kwargs);
        if (r == NULL) BENCH_FAIL("PyObject_Call failed");
        Py_DECREF(r);
    }
    return bench_now() - t0;
}

/* PyArg_ParseTupleAndKeywords(args=(obj,), kwargs={"name": "text"}, "O|i$s:f"). */
static PyObject *gk_args, *gk_kwargs, *gt_args;

static double op_getargs_kw(long iters, void *ctx) {
    static char *kwlist[] = {"obj", "count", "name", NULL};
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *o = NULL;
        int count = 0;
        const char *s = NULL;
        if (!PyArg_ParseTupleAndKeywords(gk_args, gk_kwargs, "O|i$s:f", kwlist, &o, &count, &s))
            BENCH_FAIL("PyArg_ParseTupleAndKeywords failed");
    }
    return bench_now() - t0;
}

/* PyArg_ParseTuple(args=(obj, 7, "text"), "Ois:f"). */
static double op_getargs_tuple(long iters, void *ctx) {
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *o = NULL;
        int n = 0;
        const char *s = NULL;
        if (!PyArg_ParseTuple(gt_args, "Ois:f", &o, &n, &s)) BENCH_FAIL("PyArg_ParseTuple failed");
    }
    return bench_now() - t0;
}

static double op_buildvalue(long iters, void *ctx) {
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *r = Py_BuildValue("(iis)", 1, 2, "three");
        if (r == NULL) BENCH_FAIL("Py_BuildValue failed");
        Py_DECREF(r);
    }
    return bench_now() - t0;
}

int main(int argc, char **argv) {
    Py_Initialize();
    prepare();
    char key[64];
    for (int i = 0; i < NCONV; i++) {
        snprintf(key, sizeof key, "call_vc_%s", names[i]);
        if (bench_wanted(argc, argv, key)) bench_time_op(key, op_vectorcall, &calls[i], 0.05, "");
        snprintf(key, sizeof key, "call_tp_%s", names[i]);
        if (bench_wanted(argc, argv, key)) bench_time_op(key, op_call, &calls[i], 0.05, "");
    }
    gk_args = Py_BuildValue("(O)", Py_None);
    gk_kwargs = Py_BuildValue("{s:s}", "name", "text");
    gt_args = Py_BuildValue("(Ois)", Py_None, 7, "text");
    if (bench_wanted(argc, argv, "getargs_kw")) bench_time_op("getargs_kw", op_getargs_kw, NULL, 0.05, "");
    if (bench_wanted(argc, argv, "getargs_tuple")) bench_time_op("getargs_tuple", op_getargs_tuple, NULL, 0.05, "");
    if (bench_wanted(argc, argv, "buildvalue_iis")) bench_time_op("buildvalue_iis", op_buildvalue, NULL, 0.05, "");
    for (int i = 0; i < NCONV; i++) {
        Py_DECREF(calls[i].func);
        Py_XDECREF(calls[i].kwnames);
        Py_DECREF(calls[i].args);
        Py_XDECREF(calls[i].kwargs);
    }
    Py_DECREF(gk_args);
    Py_DECREF(gk_kwargs);
    Py_DECREF(gt_args);
    if (Py_FinalizeEx() != 0) BENCH_FAIL("Py_FinalizeEx");
    return 0;
}
