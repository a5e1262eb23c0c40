/*
 * sub_state_dict.c: where subinterp's interpreter dicts differ from CPython's (subinterp only).
 *
 * - An interpreter's dict is made only by a thread attached to that interpreter: objects
 *   come from their own interpreter's heap. From elsewhere, GetDict returns the dict if it
 *   exists, else NULL (CPython would make it with the caller's interpreter's memory).
 * - PyInterpreterState_GetID of an ended interpreter raises RuntimeError("not a live
 *   interpreter") (CPython reads freed memory).
 */
#include "obj_util.h"

int main(void) {
    Py_Initialize();
    PyThreadState *main_ts = PyThreadState_Get();
    PyThreadState_Swap(NULL);
    PyThreadState *sub;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&sub, &cfg)));
    PyInterpreterState *sub_interp = sub->interp;
    PyThreadState_Swap(main_ts);

    CHECK(PyInterpreterState_GetDict(sub_interp) == NULL);   /* not made from main */
    CHECK(!PyErr_Occurred());
    PyThreadState_Swap(sub);
    PyObject *d = PyInterpreterState_GetDict(sub_interp);
    CHECK(d != NULL);
    PyThreadState_Swap(main_ts);
    CHECK(PyInterpreterState_GetDict(sub_interp) == d);      /* once made, any thread sees it */

    PyThreadState_Swap(sub);
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
    CHECK_INT(PyInterpreterState_GetID(sub_interp), -1);
    CHECK_STR(err_text(PyExc_RuntimeError), "not a live interpreter");
    CHECK(PyInterpreterState_GetDict(sub_interp) == NULL);
    CHECK(!PyErr_Occurred());

    Py_Finalize();
    return TEST_DONE();
}
