/* OpenBLAS's cblas.h (Debian: openblas-pthread alternative). Also declares openblas_get_config(). */
#include <cblas.h>
/* mallopt(), for SymTensor's allocator tuning (MemoryTuning.swift). */
#include <malloc.h>
