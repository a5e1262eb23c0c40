/*
 * sub_protocols.c: what the abstract protocols and the exception machinery do only in
 * subinterp (subinterp only).
 *
 * - Exception classes made by PyErr_NewException are heap types of the interpreter that
 *   made them: two interpreters get two classes, each dies with its interpreter.
 * - The "once" registry of warnings and the Py_ReprEnter stack are per interpreter and per
 *   thread state.
 * - NULL arguments where CPython crashes give SystemError ("null argument to internal
 *   routine", or "bad argument to internal function" for object.h's functions).
 * - What waits for later issues raises NotImplementedError with a message saying so.
 * - PyExc_ExceptionGroup is exported (CPython 3.13 has no such symbol).
 */
#include "obj_util.h"

static PyObject *new_class_in_subinterpreter(PyThreadState **ts) {
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    if (PyStatus_Exception(Py_NewInterpreterFromConfig(ts, &cfg))) return NULL;
    return PyErr_NewException("sub.Error", NULL, NULL);
}

static void test_heap_exceptions_per_interpreter(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    PyObject *main_cls = PyErr_NewException("sub.Error", NULL, NULL);
    PyThreadState *a, *b;
    PyThreadState_Swap(NULL);
    PyObject *cls_a = new_class_in_subinterpreter(&a);
    CHECK(cls_a != NULL && cls_a != main_cls);
    PyErr_SetString(cls_a, "in a");
    CHECK(PyErr_ExceptionMatches(cls_a) && PyErr_ExceptionMatches(PyExc_Exception));
    PyErr_Clear();
    PyThreadState_Swap(NULL);
    PyObject *cls_b = new_class_in_subinterpreter(&b);
    CHECK(cls_b != NULL && cls_b != cls_a);
    Py_XDECREF(cls_b);
    Py_EndInterpreter(b);                             /* its class dies with it */
    PyThreadState_Swap(a);
    CHECK_INT(PyObject_IsSubclass(cls_a, PyExc_Exception), 1);
    Py_XDECREF(cls_a);
    Py_EndInterpreter(a);
    PyThreadState_Swap(main_ts);
    CHECK_INT(PyObject_IsSubclass(main_cls, PyExc_Exception), 1);
    Py_XDECREF(main_cls);
}

static void warn_in_two_interpreters(void *arg) {
    PyErr_WarnEx(PyExc_UserWarning, "shared text", 1);
    PyErr_WarnEx(PyExc_UserWarning, "shared text", 1);
    PyThreadState *main_ts = PyThreadState_Swap(NULL);
    PyThreadState *sub;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    if (PyStatus_Exception(Py_NewInterpreterFromConfig(&sub, &cfg))) return;
    PyErr_WarnEx(PyExc_UserWarning, "shared text", 1);   /* its own registry */
    PyErr_WarnEx(PyExc_UserWarning, "shared text", 1);
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
}

static void test_warnings_per_interpreter(void) {
    child_result r = run_in_child(warn_in_two_interpreters, NULL, 30);
    CHECK(!r.signaled && r.code == 0);
    CHECK_STR(r.err, "<sys>:0: UserWarning: shared text\n<sys>:0: UserWarning: shared text\n");
}

static void test_repr_enter_per_thread_state(void) {
    PyObject *o = PyUnicode_FromString("repr target");
    PyThreadState *main_ts = PyThreadState_Get();
    CHECK_INT(Py_ReprEnter(o), 0);
    PyThreadState *other = PyThreadState_New(main_ts->interp);
    PyThreadState_Swap(other);
    CHECK_INT(Py_ReprEnter(o), 0);                    /* another thread state: its own stack */
    Py_ssize_t before = Py_REFCNT(o);
    PyThreadState_Swap(main_ts);
    PyThreadState_Clear(other);                       /* drops what it still held */
    PyThreadState_Delete(other);
    CHECK_INT(Py_REFCNT(o), before - 1);
    CHECK_INT(Py_ReprEnter(o), 1);
    Py_ReprLeave(o);
    CHECK_INT(Py_ReprEnter(o), 0);
    Py_ReprLeave(o);
    Py_DECREF(o);
}

static void test_null_arguments(void) {
    CHECK(PyObject_GetItem(NULL, Py_None) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK_INT(PySequence_Contains(NULL, Py_None), -1);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK_INT(PyMapping_HasKeyWithError(Py_None, NULL), -1);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK(PyIter_Next(NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK(PyIter_Next(Py_None) == NULL);              /* not an iterator: CPython crashes */
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object is not an iterator");
    CHECK_INT(PyObject_Hash(NULL), -1);
    CHECK_STR(err_text(PyExc_SystemError), "bad argument to internal function");
    CHECK_INT(PyObject_IsTrue(NULL), -1);
    CHECK_STR(err_text(PyExc_SystemError), "bad argument to internal function");
    CHECK_INT(Py_ReprEnter(NULL), -1);
    CHECK_STR(err_text(PyExc_SystemError), "bad argument to internal function");
    CHECK(PyException_GetArgs(Py_None) == NULL);      /* not an exception: CPython asserts */
    CHECK_STR(err_text(PyExc_SystemError), "bad argument to internal function");
    CHECK(PyExceptionClass_Name(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "bad argument to internal function");
    Py_ssize_t start = 0;
    CHECK_INT(PyUnicodeDecodeError_GetStart(PyExc_ValueError, &start), -1);
    CHECK_STR(err_text(PyExc_TypeError), "expecting a UnicodeDecodeError object, got type");
    CHECK(PyErr_SetFromErrno(NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "bad argument to internal function");
    PyErr_Display(NULL, NULL, NULL);
    CHECK_STR(err_text(PyExc_SystemError), "bad argument to internal function");
}

static void test_not_yet(void) {
    PyObject *t = PyTuple_New(0);
    CHECK(PyMapping_Items(t) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'tuple' object has no attribute 'items'");
    CHECK(PyErr_NewException("m.E", NULL, Py_None) == NULL);   /* not a dict */
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    Py_DECREF(t);
}

static void test_exception_group_symbol(void) {
    CHECK(PyType_Check(PyExc_ExceptionGroup));
    CHECK_INT(PyObject_IsSubclass(PyExc_ExceptionGroup, PyExc_BaseExceptionGroup), 1);
    CHECK_INT(PyObject_IsSubclass(PyExc_ExceptionGroup, PyExc_Exception), 1);
    CHECK_INT(PyObject_IsSubclass(PyExc_BaseExceptionGroup, PyExc_Exception), 0);
    CHECK((uint32_t)Py_REFCNT(PyExc_ExceptionGroup) == UINT32_MAX);     /* static, immortal */
}

int main(void) {
    for (int round = 0; round < 2; round++) {        /* ExceptionGroup's bases are rebuilt */
        Py_Initialize();
        test_heap_exceptions_per_interpreter();
        test_warnings_per_interpreter();
        test_repr_enter_per_thread_state();
        test_null_arguments();
        test_not_yet();
        test_exception_group_symbol();
        CHECK(PyErr_Occurred() == NULL);
        CHECK_INT(Py_FinalizeEx(), 0);
    }
    return TEST_DONE();
}
