/* longobject.h: int, laid out as CPython 3.12+'s (30-bit digits, tagged size and sign). */
#ifndef Py_LONGOBJECT_H
#define Py_LONGOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

#define PyLong_SHIFT 30
#define PyLong_BASE ((digit)1 << PyLong_SHIFT)
#define PyLong_MASK ((digit)(PyLong_BASE - 1))
typedef uint32_t digit;
typedef int32_t sdigit;
typedef uint64_t twodigits;
typedef int64_t stwodigits;

/* lv_tag: the digit count shifted left by 3, and the sign in the low 2 bits
   (0 positive, 1 zero, 2 negative). Digits are least significant first. */
typedef struct _PyLongValue {
    uintptr_t lv_tag;
    digit ob_digit[1];
} _PyLongValue;

struct _longobject {
    PyObject_HEAD
    _PyLongValue long_value;
};

#define PyLong_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)
#define PyBool_Check(x) Py_IS_TYPE((x), &PyBool_Type)

#ifdef __cplusplus
}
#endif
#endif /* !Py_LONGOBJECT_H */
