/*
 * mbviz kernel oracle: definitions that must precede the kernel headers.
 * Our code (not the kernel's): it is force-included first into the translation unit
 * that the `run` script generates around a temporary copy of the kernel's mm/memblock.c.
 */
#ifndef MBVIZ_ORACLE_PRE_H
#define MBVIZ_ORACLE_PRE_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <setjmp.h>

/* ARCH_LOW_ADDRESS_LIMIT may change between steps (@config low_limit=...). */
extern unsigned long long oracle_low_limit;
#define ARCH_LOW_ADDRESS_LIMIT oracle_low_limit

/* A kernel BUG ends the replay; it is reported as the step's outcome, never an abort. */
void oracle_bug(const char *file, int line, const char *cond);
#define BUG_ON(cond) do { if (cond) oracle_bug(__FILE__, __LINE__, #cond); } while (0)

#endif
