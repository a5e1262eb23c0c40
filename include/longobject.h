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

#define _PyLong_SIGN_MASK 3
#define _PyLong_NON_SIZE_BITS 3

/* At most one digit: the value is then _PyLong_CompactValue(op). */
static inline int
_PyLong_IsCompact(const PyLongObject *op) {
    return op->long_value.lv_tag < (2 << _PyLong_NON_SIZE_BITS);
}

static inline Py_ssize_t
_PyLong_CompactValue(const PyLongObject *op) {
    Py_ssize_t sign = 1 - (Py_ssize_t)(op->long_value.lv_tag & _PyLong_SIGN_MASK);
    return sign * (Py_ssize_t)op->long_value.ob_digit[0];
}

/* PyLong_AsNativeBytes / PyLong_FromNativeBytes flags (3.13). */
#define Py_ASNATIVEBYTES_DEFAULTS -1
#define Py_ASNATIVEBYTES_BIG_ENDIAN 0
#define Py_ASNATIVEBYTES_LITTLE_ENDIAN 1
#define Py_ASNATIVEBYTES_NATIVE_ENDIAN 3
#define Py_ASNATIVEBYTES_UNSIGNED_BUFFER 4
#define Py_ASNATIVEBYTES_REJECT_NEGATIVE 8
#define Py_ASNATIVEBYTES_ALLOW_INDEX 16

#define PyLong_AS_LONG(op) PyLong_AsLong(op)

/* pid_t is an int on the platforms we build for; void * is a long. */
#define _Py_PARSE_PID "i"
#define PyLong_FromPid PyLong_FromLong
#define PyLong_AsPid PyLong_AsInt
#define _Py_PARSE_INTPTR "l"
#define _Py_PARSE_UINTPTR "k"

#define PyLong_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)
#define PyBool_Check(x) Py_IS_TYPE((x), &PyBool_Type)

#ifdef __cplusplus
}
#endif
#endif /* !Py_LONGOBJECT_H */
