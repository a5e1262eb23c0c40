/* Capsules: PyCapsule_New, the getters and setters, IsValid and Import, the destructor at deallocation,
   repr, and CPython 3.13's ValueError texts for invalid capsules. */
#include "obj_util.h"

#define CHECK_ERR(type, msg) do { \
    PyObject *_e = PyErr_GetRaisedException(); \
    CHECK(_e != NULL && Py_TYPE(_e) == (PyTypeObject *)(type)); \
    PyObject *_s = _e ? PyObject_Str(_e) : NULL; \
    CHECK_STR(utf8(_s), (msg)); \
    Py_XDECREF(_s); \
    Py_XDECREF(_e); \
} while (0)

static int payload = 42, other = 7, ctx_value;
static int destructor_calls;
static void *destructor_saw;

static void my_destructor(PyObject *capsule) {
    destructor_calls++;
    /* The capsule is still whole when its destructor runs. */
    destructor_saw = PyCapsule_GetPointer(capsule, PyCapsule_GetName(capsule));
}

static void other_destructor(PyObject *capsule) { destructor_calls += 100; }

static void test_basics(void) {
    PyObject *c = PyCapsule_New(&payload, "mod.api", my_destructor);
    CHECK(c != NULL && PyCapsule_CheckExact(c));
    CHECK_STR(Py_TYPE(c)->tp_name, "PyCapsule");
    CHECK_INT(Py_REFCNT(c), 1);
    CHECK(PyCapsule_GetPointer(c, "mod.api") == &payload);
    CHECK(PyCapsule_GetPointer(c, "mod.other") == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_GetPointer called with incorrect name");
    CHECK(PyCapsule_GetPointer(c, NULL) == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_GetPointer called with incorrect name");
    CHECK_STR(PyCapsule_GetName(c), "mod.api");
    CHECK(PyCapsule_GetDestructor(c) == my_destructor);
    CHECK(PyCapsule_GetContext(c) == NULL && !PyErr_Occurred());
    CHECK_INT(PyCapsule_IsValid(c, "mod.api"), 1);
    CHECK_INT(PyCapsule_IsValid(c, "mod"), 0);
    CHECK_INT(PyCapsule_IsValid(c, NULL), 0);

    CHECK_INT(PyCapsule_SetContext(c, &ctx_value), 0);
    CHECK(PyCapsule_GetContext(c) == &ctx_value);
    CHECK_INT(PyCapsule_SetPointer(c, &other), 0);
    CHECK(PyCapsule_GetPointer(c, "mod.api") == &other);
    CHECK_INT(PyCapsule_SetPointer(c, NULL), -1);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_SetPointer called with null pointer");
    CHECK_INT(PyCapsule_SetName(c, NULL), 0);
    CHECK(PyCapsule_GetName(c) == NULL && !PyErr_Occurred());
    CHECK(PyCapsule_GetPointer(c, NULL) == &other);   /* NULL matches NULL */
    CHECK_INT(PyCapsule_IsValid(c, NULL), 1);
    CHECK_INT(PyCapsule_SetName(c, "mod.api"), 0);

    /* The destructor runs once, at deallocation, with the capsule intact. */
    destructor_calls = 0;
    destructor_saw = NULL;
    Py_DECREF(c);
    CHECK_INT(destructor_calls, 1);
    CHECK(destructor_saw == &other);

    c = PyCapsule_New(&payload, NULL, NULL);
    CHECK_INT(PyCapsule_SetDestructor(c, other_destructor), 0);
    CHECK(PyCapsule_GetDestructor(c) == other_destructor);
    CHECK_INT(PyCapsule_SetDestructor(c, NULL), 0);
    CHECK(PyCapsule_GetDestructor(c) == NULL && !PyErr_Occurred());
    destructor_calls = 0;
    Py_DECREF(c);
    CHECK_INT(destructor_calls, 0);
}

static void test_repr(void) {
    char want[128];
    PyObject *c = PyCapsule_New(&payload, "pkg.mod._C_API", NULL);
    PyObject *r = PyObject_Repr(c);
    snprintf(want, sizeof want, "<capsule object \"pkg.mod._C_API\" at %p>", (void *)c);
    CHECK_STR(utf8(r), want);
    Py_XDECREF(r);
    Py_DECREF(c);
    c = PyCapsule_New(&payload, NULL, NULL);
    r = PyObject_Repr(c);
    snprintf(want, sizeof want, "<capsule object NULL at %p>", (void *)c);
    CHECK_STR(utf8(r), want);
    Py_XDECREF(r);
    Py_DECREF(c);
}

static void test_invalid(void) {
    CHECK(PyCapsule_New(NULL, "x", NULL) == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_New called with null pointer");
    PyObject *notcap = PyTuple_New(0);
    CHECK(PyCapsule_GetPointer(notcap, NULL) == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_GetPointer called with invalid PyCapsule object");
    CHECK(PyCapsule_GetPointer(NULL, NULL) == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_GetPointer called with invalid PyCapsule object");
    CHECK(PyCapsule_GetName(notcap) == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_GetName called with invalid PyCapsule object");
    CHECK(PyCapsule_GetDestructor(notcap) == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_GetDestructor called with invalid PyCapsule object");
    CHECK(PyCapsule_GetContext(notcap) == NULL);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_GetContext called with invalid PyCapsule object");
    CHECK_INT(PyCapsule_SetPointer(notcap, &payload), -1);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_SetPointer called with invalid PyCapsule object");
    CHECK_INT(PyCapsule_SetName(notcap, "n"), -1);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_SetName called with invalid PyCapsule object");
    CHECK_INT(PyCapsule_SetDestructor(notcap, NULL), -1);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_SetDestructor called with invalid PyCapsule object");
    CHECK_INT(PyCapsule_SetContext(notcap, NULL), -1);
    CHECK_ERR(PyExc_ValueError, "PyCapsule_SetContext called with invalid PyCapsule object");
    CHECK_INT(PyCapsule_IsValid(notcap, NULL), 0);
    CHECK_INT(PyCapsule_IsValid(NULL, NULL), 0);
    CHECK(!PyErr_Occurred());
    Py_DECREF(notcap);
}

static void test_import(void) {
    /* A module that does not exist (the one case both implementations answer alike:
       subinterp has no import system yet). */
    CHECK(PyCapsule_Import("no_such_module_xyz.sub._C_API", 0) == NULL);
    CHECK_ERR(PyExc_ImportError, "PyCapsule_Import could not import module \"no_such_module_xyz\"");
    CHECK(PyCapsule_Import("no_such_module_xyz", 1) == NULL);
    CHECK_ERR(PyExc_ImportError, "PyCapsule_Import could not import module \"no_such_module_xyz\"");
}

int main(void) {
    Py_Initialize();
    test_basics();
    test_repr();
    test_invalid();
    test_import();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
