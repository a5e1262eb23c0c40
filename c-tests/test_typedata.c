/* PEP 697 (CPython 3.12+): a spec type with a negative basicsize extends its base by that
   much, at an aligned offset; PyObject_GetTypeData finds each class's own part,
   PyType_GetTypeDataSize says how big it is, PyObject_GetItemData finds the items of a
   Py_TPFLAGS_ITEMS_AT_END type and refuses other types with CPython's TypeError. */
#include "obj_util.h"
#include <stddef.h>

typedef struct { PyObject_HEAD int x; } Base;     /* 20 bytes of fields, 24 with padding */

static PyType_Slot base_slots[] = {{0, NULL}};
static PyType_Spec base_spec = {
    "typedata.Base", sizeof(Base), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, base_slots,
};

typedef struct { double d; } SubData;             /* what the subclass adds */
static PyType_Slot sub_slots[] = {{0, NULL}};
static PyType_Spec sub_spec = {
    "typedata.Sub", -(int)sizeof(SubData), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, sub_slots,
};

static size_t align_up(size_t n) {
    size_t a = _Alignof(max_align_t);
    return (n + a - 1) & ~(a - 1);
}

static void test_type_data(void) {
    PyObject *base = PyType_FromSpec(&base_spec);
    CHECK(base != NULL);
    PyObject *sub = PyType_FromSpecWithBases(&sub_spec, base);
    CHECK(sub != NULL);
    PyTypeObject *bt = (PyTypeObject *)base, *st = (PyTypeObject *)sub;
    size_t off = align_up(sizeof(Base));
    CHECK_INT(st->tp_basicsize, (Py_ssize_t)(off + align_up(sizeof(SubData))));
    CHECK_INT(PyType_GetTypeDataSize(st), (Py_ssize_t)align_up(sizeof(SubData)));
    /* object's own part: Base adds its x (after the object head, aligned) */
    CHECK_INT(PyType_GetTypeDataSize(bt), (Py_ssize_t)(sizeof(Base) - align_up(sizeof(PyObject))));

    PyObject *o = PyObject_CallNoArgs(sub);
    CHECK(o != NULL);
    SubData *sd = PyObject_GetTypeData(o, st);
    CHECK((char *)sd == (char *)o + off);
    sd->d = 2.5;
    ((Base *)o)->x = 7;                               /* the base's part is separate */
    CHECK(((SubData *)PyObject_GetTypeData(o, st))->d == 2.5);
    CHECK_INT(((Base *)o)->x, 7);
    CHECK((char *)PyObject_GetTypeData(o, bt) == (char *)o + align_up(sizeof(PyObject)));

    CHECK(PyObject_GetItemData(o) == NULL);
    CHECK_EXC(PyExc_TypeError, "type 'typedata.Sub' does not have Py_TPFLAGS_ITEMS_AT_END");
    Py_DECREF(o);
    Py_DECREF(sub);
    Py_DECREF(base);
}

int main(void) {
    Py_Initialize();
    test_type_data();
    CHECK(!PyErr_Occurred());
    Py_Finalize();
    return TEST_DONE();
}
