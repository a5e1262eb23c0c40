/* subinterp_types.h: the types and codes of our own API (Subinterp_*). */
#ifndef SUBINTERP_TYPES_H
#define SUBINTERP_TYPES_H
#ifdef __cplusplus
extern "C" {
#endif

/*
 * Result of every Subinterp_* function. Values are stable; a retired value is never
 * reused. Subinterp_ErrorMessage() gives the text.
 */
typedef int SubinterpResult;
#define SUBINTERP_OK 0                      /* success */
#define SUBINTERP_ERR_NULL_ARGUMENT 1       /* a required pointer argument was NULL */
#define SUBINTERP_ERR_NOT_INITIALIZED 2     /* the runtime is not initialized */
#define SUBINTERP_ERR_INVALID_INTERPRETER 3 /* not a live interpreter */
#define SUBINTERP_ERR_INVALID_THREAD_STATE 4 /* not a live thread state */
#define SUBINTERP_ERR_NOT_CURRENT 5         /* not the calling thread's attached thread state */
#define SUBINTERP_ERR_OTHER_THREADS 6       /* other thread states exist in the interpreter */
#define SUBINTERP_ERR_MAIN_INTERPRETER 7    /* not allowed on the main interpreter */
#define SUBINTERP_ERR_INVALID_VALUE 8       /* an argument value is out of range */
#define SUBINTERP_ERR_FINALIZING 9          /* the interpreter or runtime is finalizing */
#define SUBINTERP_ERR_GUARDS_HELD 10        /* PEP 788 guards are still open */
#define SUBINTERP_ERR_QUEUE_FULL 11         /* the pending-call queue is full */
#define SUBINTERP_ERR_PANIC 99              /* internal error (a panic was caught) */

/* Counters of what the runtime holds, for leak checks (Subinterp_GetStats). */
typedef struct {
    int initialized;                    /* 1 between Py_Initialize and the end of Py_FinalizeEx */
    Py_ssize_t live_interpreters;       /* interpreters alive now, main included */
    Py_ssize_t live_thread_states;      /* thread states alive now */
    Py_ssize_t interpreters_created;    /* since the runtime was (last) initialized */
    Py_ssize_t thread_states_created;   /* since the runtime was (last) initialized */
    Py_ssize_t heap_arenas;             /* 1 MiB object arenas mapped now, all heaps together */
} SubinterpStats;

/* What one interpreter's heap holds (Subinterp_GetHeapStats). */
typedef struct {
    Py_ssize_t live_blocks;     /* blocks allocated and not freed */
    Py_ssize_t live_bytes;      /* their sizes (small blocks count their size class) */
    Py_ssize_t arenas;          /* 1 MiB arenas held (released when the interpreter ends) */
    Py_ssize_t large_blocks;    /* blocks above 512 bytes, allocated separately */
} SubinterpHeapStats;

#ifdef __cplusplus
}
#endif
#endif /* !SUBINTERP_TYPES_H */
