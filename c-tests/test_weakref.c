/* Weak references: PyWeakref_NewRef/NewProxy/GetRef/GetObject, the Check macros and
   PyWeakref_GET_OBJECT, a static C type with tp_weaklistoffset whose tp_dealloc calls
   PyObject_ClearWeakRefs, callbacks (called once, with the dead reference, newest
   registration first; a raising callback is unraisable and never propagates), sharing of
   the callback-less reference and proxy, references and proxies alive and dead, and
   CPython 3.13's error texts. */
#include "obj_util.h"
#include <stddef.h>

/* PyWeakref_GetObject and PyWeakref_GET_OBJECT are deprecated in 3.13 but exported. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

typedef struct {
    PyObject_HEAD
    long value;
    PyObject *weakreflist;
} Obj;

static int obj_deallocs;
/* What a callback saw when it ran: whether the referent had been freed yet. */
static int deallocs_at_callback;

static void obj_dealloc(PyObject *op) {
    if (((Obj *)op)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    obj_deallocs++;
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject ObjType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_weakref.Obj",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = obj_dealloc,
    .tp_weaklistoffset = offsetof(Obj, weakreflist),
};

static PyObject *new_obj(long v) {
    Obj *o = PyObject_New(Obj, &ObjType);
    o->value = v;
    o->weakreflist = NULL;
    return (PyObject *)o;
}

/* Callbacks: builtin functions whose self is their number; each call is recorded. */
#define MAX_CALLS 16
static int ncalls;
static long call_ids[MAX_CALLS];
static PyObject *call_args[MAX_CALLS];
static int call_arg_dead[MAX_CALLS];
/* Dropped by the first callback that runs (to show the others still run). */
static PyObject *drop_in_callback;

static PyObject *record(PyObject *self, PyObject *ref) {
    if (ncalls < MAX_CALLS) {
        PyObject *got = NULL;
        call_ids[ncalls] = PyLong_AsLong(self);
        call_args[ncalls] = ref;
        call_arg_dead[ncalls] = PyWeakref_GetRef(ref, &got) == 0 && got == NULL;
        Py_XDECREF(got);
        ncalls++;
    }
    deallocs_at_callback = obj_deallocs;
    if (drop_in_callback != NULL) {
        PyObject *d = drop_in_callback;
        drop_in_callback = NULL;
        Py_DECREF(d);
    }
    Py_RETURN_NONE;
}

static PyObject *raise_error(PyObject *self, PyObject *ref) {
    ncalls++;
    PyErr_SetString(PyExc_ValueError, "callback failed");
    return NULL;
}

static PyObject *add_one(PyObject *self, PyObject *arg) {
    return PyNumber_Add(arg, self);
}

static PyMethodDef record_def = {"record", record, METH_O, NULL};
static PyMethodDef raise_def = {"raise_error", raise_error, METH_O, NULL};
static PyMethodDef add_def = {"add_one", add_one, METH_O, NULL};

static PyObject *callback(long id) {
    PyObject *n = PyLong_FromLong(id);
    PyObject *f = PyCFunction_New(&record_def, n);
    Py_DECREF(n);
    return f;
}

static void reset_calls(void) {
    ncalls = 0;
    memset(call_ids, 0, sizeof call_ids);
    memset(call_args, 0, sizeof call_args);
    memset(call_arg_dead, 0, sizeof call_arg_dead);
}

static void test_types(void) {
    CHECK_STR(_PyWeakref_RefType.tp_name, "weakref.ReferenceType");
    CHECK_STR(_PyWeakref_ProxyType.tp_name, "weakref.ProxyType");
    CHECK_STR(_PyWeakref_CallableProxyType.tp_name, "weakref.CallableProxyType");
    CHECK_INT(ObjType.tp_weaklistoffset, offsetof(Obj, weakreflist));

    PyObject *o = new_obj(1);
    PyObject *r = PyWeakref_NewRef(o, NULL);
    PyObject *p = PyWeakref_NewProxy(o, NULL);
    CHECK(r != NULL && p != NULL);
    CHECK(Py_IS_TYPE(r, &_PyWeakref_RefType) && Py_IS_TYPE(p, &_PyWeakref_ProxyType));
    CHECK(PyWeakref_Check(r) && PyWeakref_CheckRef(r) && PyWeakref_CheckRefExact(r) && !PyWeakref_CheckProxy(r));
    CHECK(PyWeakref_Check(p) && PyWeakref_CheckProxy(p) && !PyWeakref_CheckRef(p));
    CHECK(!PyWeakref_Check(o));
    CHECK(PyCallable_Check(r) && !PyCallable_Check(p));
    CHECK_INT(PyObject_IS_GC(r), 1);
    Py_DECREF(p);
    Py_DECREF(r);
    Py_DECREF(o);

    /* A proxy to a callable is a CallableProxyType, and calls through. */
    PyObject *one = PyLong_FromLong(1);
    PyObject *f = PyCFunction_New(&add_def, one);
    Py_DECREF(one);
    PyObject *cp = PyWeakref_NewProxy(f, NULL);
    CHECK(cp != NULL && Py_IS_TYPE(cp, &_PyWeakref_CallableProxyType));
    CHECK(PyWeakref_CheckProxy(cp) && PyCallable_Check(cp));
    PyObject *arg = PyLong_FromLong(41);
    PyObject *res = PyObject_CallOneArg(cp, arg);
    CHECK(res != NULL && PyLong_AsLong(res) == 42);
    Py_XDECREF(res);
    Py_DECREF(f);
    CHECK(PyObject_CallOneArg(cp, arg) == NULL);
    CHECK_STR(err_text(PyExc_ReferenceError), "weakly-referenced object no longer exists");
    Py_DECREF(arg);
    Py_DECREF(cp);
}

static void test_unsupported(void) {
    PyObject *objs[4] = {PyLong_FromLong(1000), PyList_New(0), PyDict_New(), PyUnicode_FromString("s")};
    const char *texts[4] = {
        "cannot create weak reference to 'int' object",
        "cannot create weak reference to 'list' object",
        "cannot create weak reference to 'dict' object",
        "cannot create weak reference to 'str' object",
    };
    for (int i = 0; i < 4; i++) {
        CHECK(PyWeakref_NewRef(objs[i], NULL) == NULL);
        CHECK_STR(err_text(PyExc_TypeError), texts[i]);
        CHECK(PyWeakref_NewProxy(objs[i], NULL) == NULL);
        CHECK_STR(err_text(PyExc_TypeError), texts[i]);
        Py_DECREF(objs[i]);
    }
    /* Weak references themselves have no list. */
    PyObject *o = new_obj(1);
    PyObject *r = PyWeakref_NewRef(o, NULL);
    CHECK(PyWeakref_NewRef(r, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "cannot create weak reference to 'weakref.ReferenceType' object");
    Py_DECREF(r);
    Py_DECREF(o);
}

static void test_alive_and_dead(void) {
    PyObject *o = new_obj(7);
    PyObject *r = PyWeakref_NewRef(o, NULL);
    CHECK(r != NULL);
    CHECK_INT(Py_REFCNT(o), 1);     /* the reference holds no count on its referent */
    CHECK(((Obj *)o)->weakreflist == r);

    PyObject *got = (PyObject *)1;
    CHECK_INT(PyWeakref_GetRef(r, &got), 1);
    CHECK(got == o);
    CHECK_INT(Py_REFCNT(o), 2);     /* GetRef returns a strong reference */
    Py_DECREF(got);
    CHECK(PyWeakref_GetObject(r) == o);
    CHECK_INT(Py_REFCNT(o), 1);     /* GetObject's is borrowed */
    CHECK(PyWeakref_GET_OBJECT(r) == o);

    PyObject *called = PyObject_CallNoArgs(r);
    CHECK(called == o);
    Py_XDECREF(called);

    char want[160];
    snprintf(want, sizeof want, "<weakref at %p; to 'test_weakref.Obj' at %p>", (void *)r, (void *)o);
    CHECK_STR(repr(r), want);

    int before = obj_deallocs;
    Py_DECREF(o);
    CHECK_INT(obj_deallocs, before + 1);

    got = (PyObject *)1;
    CHECK_INT(PyWeakref_GetRef(r, &got), 0);
    CHECK(got == NULL);
    CHECK_NO_EXC();
    CHECK(PyWeakref_GetObject(r) == Py_None);
    CHECK(PyWeakref_GET_OBJECT(r) == Py_None);
    called = PyObject_CallNoArgs(r);
    CHECK(called == Py_None);
    Py_XDECREF(called);
    snprintf(want, sizeof want, "<weakref at %p; dead>", (void *)r);
    CHECK_STR(repr(r), want);
    CHECK_INT(PyObject_Hash(r), -1);
    CHECK_STR(err_text(PyExc_TypeError), "weak object has gone away");

    /* Calling with arguments. */
    PyObject *args = PyTuple_New(1);
    PyTuple_SET_ITEM(args, 0, PyLong_FromLong(1));
    CHECK(PyObject_Call(r, args, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "weakref expected 0 arguments, got 1");
    PyObject *empty = PyTuple_New(0), *kw = PyDict_New();
    PyDict_SetItemString(kw, "x", Py_None);
    CHECK(PyObject_Call(r, empty, kw) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "weakref() takes no keyword arguments");
    Py_DECREF(kw);
    Py_DECREF(empty);
    Py_DECREF(args);
    Py_DECREF(r);
}

static void test_sharing(void) {
    PyObject *o = new_obj(1);
    PyObject *r1 = PyWeakref_NewRef(o, NULL);
    PyObject *r2 = PyWeakref_NewRef(o, NULL);
    CHECK(r1 == r2);
    CHECK_INT(Py_REFCNT(r1), 2);
    PyObject *r3 = PyWeakref_NewRef(o, Py_None);     /* None is no callback */
    CHECK(r3 == r1);
    PyObject *cb = callback(1);
    PyObject *rc = PyWeakref_NewRef(o, cb);
    CHECK(rc != NULL && rc != r1);
    PyObject *rc2 = PyWeakref_NewRef(o, cb);
    CHECK(rc2 != NULL && rc2 != rc);                 /* callbacks are never shared */
    PyObject *p1 = PyWeakref_NewProxy(o, NULL);
    PyObject *p2 = PyWeakref_NewProxy(o, Py_None);
    CHECK(p1 == p2 && p1 != r1);
    /* Once the shared one is gone, a new one is made. */
    Py_DECREF(r1); Py_DECREF(r2); Py_DECREF(r3);
    PyObject *r4 = PyWeakref_NewRef(o, NULL);
    CHECK(r4 != NULL && PyWeakref_GetObject(r4) == o);
    reset_calls();
    Py_DECREF(o);
    CHECK_INT(ncalls, 2);
    Py_DECREF(r4); Py_DECREF(rc); Py_DECREF(rc2); Py_DECREF(p1); Py_DECREF(p2);
    Py_DECREF(cb);
}

static void test_callbacks(void) {
    PyObject *o = new_obj(1);
    PyObject *cb1 = callback(1), *cb2 = callback(2), *cb3 = callback(3), *cbp = callback(4);
    Py_ssize_t cb1_count = Py_REFCNT(cb1);
    PyObject *r1 = PyWeakref_NewRef(o, cb1);
    CHECK_INT(Py_REFCNT(cb1), cb1_count + 1);      /* the reference holds its callback */
    PyObject *plain = PyWeakref_NewRef(o, NULL);
    PyObject *r2 = PyWeakref_NewRef(o, cb2);
    PyObject *p = PyWeakref_NewProxy(o, cbp);
    PyObject *r3 = PyWeakref_NewRef(o, cb3);
    CHECK(PyWeakref_CheckProxy(p));

    reset_calls();
    deallocs_at_callback = -1;
    int before = obj_deallocs;
    Py_DECREF(o);
    CHECK_NO_EXC();
    CHECK_INT(obj_deallocs, before + 1);
    /* Newest registration first; each called once with its own (already dead) reference,
       before the referent's dealloc finished (PyObject_ClearWeakRefs runs inside it). */
    CHECK_INT(ncalls, 4);
    CHECK_INT(call_ids[0], 3); CHECK(call_args[0] == r3);
    CHECK_INT(call_ids[1], 4); CHECK(call_args[1] == p);
    CHECK_INT(call_ids[2], 2); CHECK(call_args[2] == r2);
    CHECK_INT(call_ids[3], 1); CHECK(call_args[3] == r1);
    for (int i = 0; i < 4; i++) CHECK(call_arg_dead[i]);
    CHECK_INT(deallocs_at_callback, before);
    /* The callbacks are released once called. */
    CHECK_INT(Py_REFCNT(cb1), cb1_count);

    /* Dead references stay dead and call nothing more. */
    Py_DECREF(r1); Py_DECREF(r2); Py_DECREF(r3); Py_DECREF(p); Py_DECREF(plain);
    CHECK_INT(ncalls, 4);
    Py_DECREF(cb1); Py_DECREF(cb2); Py_DECREF(cb3); Py_DECREF(cbp);
}

static void test_callback_edge_cases(void) {
    /* A reference that dies before its referent never calls back. */
    PyObject *o = new_obj(1);
    PyObject *cb = callback(1);
    PyObject *r = PyWeakref_NewRef(o, cb);
    Py_DECREF(r);
    reset_calls();
    Py_DECREF(o);
    CHECK_INT(ncalls, 0);

    /* A callback that drops another reference whose callback is pending: that one is still
       called (the pending references are held while the callbacks run). */
    o = new_obj(2);
    PyObject *cb2 = callback(2);
    PyObject *ra = PyWeakref_NewRef(o, cb);
    PyObject *rb = PyWeakref_NewRef(o, cb2);   /* newest: called first */
    drop_in_callback = ra;
    reset_calls();
    Py_DECREF(o);
    CHECK_INT(ncalls, 2);
    CHECK_INT(call_ids[0], 2);
    CHECK_INT(call_ids[1], 1);
    CHECK(drop_in_callback == NULL);
    Py_DECREF(rb);

    /* A raising callback is reported as unraisable (on stderr) and never propagates; the
       other callbacks still run. */
    o = new_obj(3);
    PyObject *bad = PyCFunction_New(&raise_def, NULL);
    PyObject *r1 = PyWeakref_NewRef(o, cb);
    PyObject *r2 = PyWeakref_NewRef(o, bad);
    reset_calls();
    Py_DECREF(o);
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(ncalls, 2);
    Py_DECREF(r1); Py_DECREF(r2);

    /* Only one reference, raising: the same. */
    o = new_obj(4);
    r1 = PyWeakref_NewRef(o, bad);
    reset_calls();
    Py_DECREF(o);
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(ncalls, 1);
    Py_DECREF(r1);

    /* An exception set when the referent dies survives the callbacks. */
    o = new_obj(5);
    r1 = PyWeakref_NewRef(o, cb);
    r2 = PyWeakref_NewRef(o, cb2);
    PyErr_SetString(PyExc_KeyError, "kept");
    reset_calls();
    Py_DECREF(o);
    CHECK_INT(ncalls, 2);
    CHECK_STR(err_text(PyExc_KeyError), "'kept'");
    Py_DECREF(r1); Py_DECREF(r2);

    Py_DECREF(bad);
    Py_DECREF(cb);
    Py_DECREF(cb2);
}

static void test_compare_and_hash(void) {
    PyObject *a = PyFrozenSet_New(NULL), *b = PyFrozenSet_New(NULL);
    PyObject *one = PyLong_FromLong(1);
    PySet_Add(a, one);
    PySet_Add(b, one);
    Py_DECREF(one);
    CHECK(a != b);
    PyObject *cb = callback(1);
    PyObject *ra = PyWeakref_NewRef(a, NULL);
    PyObject *ra2 = PyWeakref_NewRef(a, cb);
    PyObject *rb = PyWeakref_NewRef(b, NULL);
    /* Equal referents make equal references. */
    CHECK_INT(PyObject_RichCompareBool(ra, ra2, Py_EQ), 1);
    CHECK_INT(PyObject_RichCompareBool(ra, rb, Py_EQ), 1);
    CHECK_INT(PyObject_RichCompareBool(ra, rb, Py_NE), 0);
    PyObject *lt = PyObject_RichCompare(ra, rb, Py_LT);
    CHECK(lt == NULL);
    CHECK_STR(err_text(PyExc_TypeError),
              "'<' not supported between instances of 'weakref.ReferenceType' and 'weakref.ReferenceType'");
    /* The hash is the referent's, and kept after it dies. */
    Py_hash_t h = PyObject_Hash(a);
    CHECK(PyObject_Hash(ra) == h);
    reset_calls();
    Py_DECREF(a);
    CHECK_INT(ncalls, 1);
    CHECK(PyObject_Hash(ra) == h);
    CHECK_INT(PyObject_Hash(ra2), -1);      /* never hashed while alive */
    CHECK_STR(err_text(PyExc_TypeError), "weak object has gone away");
    /* Dead references equal only themselves. */
    CHECK_INT(PyObject_RichCompareBool(ra, rb, Py_EQ), 0);
    CHECK_INT(PyObject_RichCompareBool(ra, ra2, Py_EQ), 0);
    CHECK_INT(PyObject_RichCompareBool(ra, ra2, Py_NE), 1);
    PyObject *same = PyObject_RichCompare(ra, ra, Py_EQ);
    CHECK(same == Py_True);
    Py_XDECREF(same);
    Py_DECREF(ra); Py_DECREF(ra2); Py_DECREF(rb);
    Py_DECREF(b);
    Py_DECREF(cb);
}

static void test_proxy(void) {
    PyObject *s = PySet_New(NULL);
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    PySet_Add(s, one);
    PyObject *p = PyWeakref_NewProxy(s, NULL);
    CHECK(p != NULL);
    CHECK_INT(PyObject_Length(p), 1);
    CHECK_INT(PySequence_Contains(p, one), 1);
    CHECK_INT(PySequence_Contains(p, two), 0);
    CHECK_INT(PyObject_IsTrue(p), 1);
    CHECK_STR(str_of(p), "{1}");
    char want[160];
    snprintf(want, sizeof want, "<weakproxy at %p; to 'set' at %p>", (void *)p, (void *)s);
    CHECK_STR(repr(p), want);
    CHECK_INT(PyObject_Hash(p), -1);
    CHECK_STR(err_text(PyExc_TypeError), "unhashable type: 'weakref.ProxyType'");
    /* Number protocol: proxy | set, both ways, with the referent unwrapped. */
    PyObject *other = PySet_New(NULL);
    PySet_Add(other, two);
    PyObject *u = PyNumber_Or(p, other);
    CHECK(u != NULL && PySet_Check(u) && PySet_Size(u) == 2);
    Py_XDECREF(u);
    u = PyNumber_Or(other, p);
    CHECK(u != NULL && PySet_Check(u) && PySet_Size(u) == 2);
    Py_XDECREF(u);
    /* Comparison unwraps both sides. */
    PyObject *copy = PySet_New(s);
    CHECK_INT(PyObject_RichCompareBool(p, copy, Py_EQ), 1);
    CHECK_INT(PyObject_RichCompareBool(copy, p, Py_EQ), 1);
    CHECK_INT(PyObject_RichCompareBool(p, other, Py_EQ), 0);
    /* Iteration goes to the referent's iterator. */
    PyObject *it = PyObject_GetIter(p);
    CHECK(it != NULL && !PyWeakref_Check(it));
    PyObject *item = it ? PyIter_Next(it) : NULL;
    CHECK(item != NULL && PyLong_AsLong(item) == 1);
    Py_XDECREF(item);
    Py_XDECREF(it);
    /* A proxy to a non-iterator is not an iterator either. */
    CHECK(PyIter_Next(p) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "Weakref proxy referenced a non-iterator 'set' object");

    Py_DECREF(s);
    snprintf(want, sizeof want, "<weakproxy at %p; dead>", (void *)p);
    CHECK_STR(repr(p), want);
    const char *gone = "weakly-referenced object no longer exists";
    CHECK_INT(PyObject_Length(p), -1);
    CHECK_STR(err_text(PyExc_ReferenceError), gone);
    CHECK_INT(PySequence_Contains(p, one), -1);
    CHECK_STR(err_text(PyExc_ReferenceError), gone);
    CHECK_INT(PyObject_IsTrue(p), -1);
    CHECK_STR(err_text(PyExc_ReferenceError), gone);
    CHECK(PyObject_Str(p) == NULL);
    CHECK_STR(err_text(PyExc_ReferenceError), gone);
    CHECK(PyObject_RichCompare(p, copy, Py_EQ) == NULL);
    CHECK_STR(err_text(PyExc_ReferenceError), gone);
    CHECK(PyNumber_Or(other, p) == NULL);
    CHECK_STR(err_text(PyExc_ReferenceError), gone);
    CHECK(PyObject_GetIter(p) == NULL);
    CHECK_STR(err_text(PyExc_ReferenceError), gone);
    CHECK_INT(PyObject_Hash(p), -1);
    CHECK_STR(err_text(PyExc_TypeError), "unhashable type: 'weakref.ProxyType'");
    PyObject *got = (PyObject *)1;
    CHECK_INT(PyWeakref_GetRef(p, &got), 0);
    CHECK(got == NULL);
    CHECK(PyWeakref_GetObject(p) == Py_None);
    Py_DECREF(p);
    Py_DECREF(copy);
    Py_DECREF(other);
    Py_DECREF(one);
    Py_DECREF(two);
}

static void test_errors(void) {
    PyObject *got = (PyObject *)1;
    PyObject *n = PyLong_FromLong(5);
    CHECK_INT(PyWeakref_GetRef(n, &got), -1);
    CHECK(got == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "expected a weakref");
    got = (PyObject *)1;
    CHECK_INT(PyWeakref_GetRef(NULL, &got), -1);
    CHECK(got == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyWeakref_GetObject(NULL) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyWeakref_GetObject(n) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    /* PyObject_ClearWeakRefs wants a type with weak references and a dying object. */
    PyObject_ClearWeakRefs(n);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    PyObject *o = new_obj(1);
    PyObject *r = PyWeakref_NewRef(o, NULL);
    PyObject_ClearWeakRefs(o);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyWeakref_GetObject(r) == o);     /* nothing was cleared */
    Py_DECREF(o);
    Py_DECREF(r);
    Py_DECREF(n);
}

static void test_builtin_referents(void) {
    /* set, frozenset, memoryview and builtin functions support weak references and clear
       them when they die, as in CPython. */
    PyObject *bytes = PyBytes_FromString("abc");
    PyObject *one = PyLong_FromLong(1);
    PyObject *objs[4] = {PySet_New(NULL), PyFrozenSet_New(NULL), PyMemoryView_FromObject(bytes),
                         PyCFunction_New(&add_def, one)};
    Py_DECREF(one);
    PyObject *cb = callback(9);
    for (int i = 0; i < 4; i++) {
        PyObject *r = PyWeakref_NewRef(objs[i], cb);
        CHECK(r != NULL);
        if (r == NULL) { PyErr_Clear(); Py_DECREF(objs[i]); continue; }
        CHECK(PyWeakref_GetObject(r) == objs[i]);
        reset_calls();
        Py_DECREF(objs[i]);
        CHECK_INT(ncalls, 1);
        CHECK(call_args[0] == r && call_arg_dead[0]);
        CHECK(PyWeakref_GetObject(r) == Py_None);
        Py_DECREF(r);
    }
    Py_DECREF(cb);
    Py_DECREF(bytes);
}

static void test_type_referents(void) {
    /* Type objects support weak references: static types (never freed) and heap types. */
    PyTypeObject *types[3] = {&PyLong_Type, &ObjType, &_PyWeakref_RefType};
    const char *names[3] = {"int", "Obj", "ReferenceType"};
    for (int i = 0; i < 3; i++) {
        PyObject *t = (PyObject *)types[i];
        PyObject *r = PyWeakref_NewRef(t, NULL);
        CHECK(r != NULL);
        if (r == NULL) { PyErr_Clear(); continue; }
        CHECK(PyWeakref_NewRef(t, NULL) == r);
        Py_DECREF(r);
        PyObject *got = NULL;
        CHECK_INT(PyWeakref_GetRef(r, &got), 1);
        CHECK(got == t);
        Py_XDECREF(got);
        char want[200];
        snprintf(want, sizeof want, "<weakref at %p; to 'type' at %p (%s)>", (void *)r, (void *)t, names[i]);
        CHECK_STR(repr(r), want);
        PyObject *p = PyWeakref_NewProxy(t, NULL);
        /* Callable types get a callable proxy (types are callable in CPython; here once
           type calls exist). */
        CHECK(p != NULL && Py_IS_TYPE(p, PyCallable_Check(t) ? &_PyWeakref_CallableProxyType
                                                               : &_PyWeakref_ProxyType));
        Py_XDECREF(p);
        Py_DECREF(r);
    }
    PyObject *exc = PyErr_NewException("test_weakref.Error", NULL, NULL);
    PyObject *r = PyWeakref_NewRef(exc, NULL);
    CHECK(r != NULL && PyWeakref_GetObject(r) == exc);
    Py_XDECREF(r);
    Py_DECREF(exc);
}

/* A C subtype of weakref.ref, with a field of its own. */
typedef struct {
    PyWeakReference base;
    long extra;
} SubRef;

static PyTypeObject SubRefType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_weakref.SubRef",
    .tp_basicsize = sizeof(SubRef),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_base = &_PyWeakref_RefType,
};

static void test_new_and_subtype(void) {
    /* weakref.ref(ob[, callback]) as tp_new / tp_init see it. */
    PyObject *o = new_obj(1);
    PyObject *cb = callback(5);
    PyObject *args = PyTuple_Pack(1, o);
    PyObject *r = _PyWeakref_RefType.tp_new(&_PyWeakref_RefType, args, NULL);
    CHECK(r != NULL && PyWeakref_CheckRefExact(r) && PyWeakref_GetObject(r) == o);
    CHECK(PyWeakref_NewRef(o, NULL) == r);      /* the shared one */
    Py_DECREF(r);
    CHECK_INT(_PyWeakref_RefType.tp_init(r, args, NULL), 0);
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "x", Py_None);
    CHECK_INT(_PyWeakref_RefType.tp_init(r, args, kw), -1);
    CHECK_STR(err_text(PyExc_TypeError), "ref() takes no keyword arguments");
    Py_DECREF(kw);
    PyObject *empty = PyTuple_New(0);
    CHECK(_PyWeakref_RefType.tp_new(&_PyWeakref_RefType, empty, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "__new__ expected at least 1 argument, got 0");
    CHECK_INT(_PyWeakref_RefType.tp_init(r, empty, NULL), -1);
    CHECK_STR(err_text(PyExc_TypeError), "__init__ expected at least 1 argument, got 0");
    PyObject *three = PyTuple_Pack(3, o, cb, cb);
    CHECK(_PyWeakref_RefType.tp_new(&_PyWeakref_RefType, three, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "__new__ expected at most 2 arguments, got 3");
    Py_DECREF(three);
    Py_DECREF(empty);

    /* A subtype's instances are never shared, and call back like any reference. */
    PyObject *s1 = SubRefType.tp_new(&SubRefType, args, NULL);
    PyObject *s2 = SubRefType.tp_new(&SubRefType, args, NULL);
    CHECK(s1 != NULL && s2 != NULL && s1 != s2 && s1 != r);
    CHECK(Py_IS_TYPE(s1, &SubRefType) && PyWeakref_CheckRef(s1) && !PyWeakref_CheckRefExact(s1));
    CHECK(PyWeakref_Check(s1) && !PyWeakref_CheckProxy(s1));
    ((SubRef *)s1)->extra = 42;
    PyObject *args2 = PyTuple_Pack(2, o, cb);
    PyObject *s3 = SubRefType.tp_new(&SubRefType, args2, NULL);
    CHECK(s3 != NULL);
    PyObject *got = NULL;
    CHECK_INT(PyWeakref_GetRef(s1, &got), 1);
    CHECK(got == o);
    Py_XDECREF(got);
    Py_DECREF(args2);
    Py_DECREF(args);    /* the tuples held the referent too */
    reset_calls();
    Py_DECREF(o);
    CHECK_INT(ncalls, 1);
    CHECK(call_args[0] == s3 && call_arg_dead[0]);
    CHECK(PyWeakref_GetObject(s1) == Py_None && PyWeakref_GetObject(r) == Py_None);
    CHECK_INT(((SubRef *)s1)->extra, 42);
    Py_DECREF(s1); Py_DECREF(s2); Py_XDECREF(s3); Py_DECREF(r);
    Py_DECREF(cb);
}

static void test_no_callbacks_clear(void) {
    /* PyUnstable_Object_ClearWeakRefsNoCallbacks: references read dead, nothing is called,
       and a callback is not called later either. */
    PyObject *o = new_obj(1);
    PyObject *cb = callback(1);
    PyObject *r = PyWeakref_NewRef(o, cb);
    PyObject *plain = PyWeakref_NewRef(o, NULL);
    reset_calls();
    PyUnstable_Object_ClearWeakRefsNoCallbacks(o);
    CHECK_INT(ncalls, 0);
    CHECK(PyWeakref_GetObject(r) == Py_None && PyWeakref_GetObject(plain) == Py_None);
    CHECK(((Obj *)o)->weakreflist == NULL);
    Py_DECREF(o);
    CHECK_INT(ncalls, 0);
    Py_DECREF(r);
    Py_DECREF(plain);
    Py_DECREF(cb);
}

int main(void) {
    Py_Initialize();
    if (PyType_Ready(&ObjType) < 0 || PyType_Ready(&SubRefType) < 0) {
        fprintf(stderr, "PyType_Ready failed\n");
        return 1;
    }
    test_types();
    test_unsupported();
    test_alive_and_dead();
    test_sharing();
    test_callbacks();
    test_callback_edge_cases();
    test_compare_and_hash();
    test_proxy();
    test_errors();
    test_builtin_referents();
    test_type_referents();
    test_new_and_subtype();
    test_no_callbacks_clear();
    Py_Finalize();
    return TEST_DONE();
}
