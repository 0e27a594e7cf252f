/*
 * mbviz kernel oracle: overrides that go between the kernel's headers and the body of
 * mm/memblock.c. Our code. The harness maps virtual = physical, which would make the
 * kernel write through arbitrary physical addresses (the zeroing in memblock_alloc_try_nid,
 * the copy in memblock_double_array). Here:
 *  - phys_to_virt (allocation results) stays the identity, so results read as addresses;
 *  - __va (only used for a doubled region array) hands out real, lazily committed memory,
 *    and __pa maps it back to the physical address it stands for;
 *  - memset touches real memory only (it skips the zeroing of simulated allocations).
 */
#ifndef MBVIZ_ORACLE_POST_H
#define MBVIZ_ORACLE_POST_H

void *oracle_va(unsigned long long phys);
unsigned long long oracle_pa(const void *p);
void *oracle_memset(void *p, int c, size_t n);
void oracle_panic(const char *fmt, ...);
int oracle_printk(const char *fmt, ...);

#undef __va
#define __va(x) oracle_va((unsigned long long)(x))
#undef __pa
#define __pa(x) oracle_pa((const void *)(x))
#undef phys_to_virt
#define phys_to_virt(x) ((void *)(uintptr_t)(x))
#undef memset
#define memset(p, c, n) oracle_memset((p), (c), (n))
#undef panic
#define panic(...) oracle_panic(__VA_ARGS__)

/* printk with the kernel's own conversions (%pa, %pS, %#x of 0 as 0x0). */
#undef printk
#define printk oracle_printk

/* Kernel warnings go to standard output, in order with everything else. */
#undef __WARN_printf
#define __WARN_printf(arg...) do { printf("@@warn "); printf(arg); } while (0)

#ifdef ORACLE_PAGE_SHIFT
#undef PAGE_SHIFT
#define PAGE_SHIFT ORACLE_PAGE_SHIFT
#endif
#ifdef ORACLE_SMP_CACHE_BYTES
#undef SMP_CACHE_BYTES
#define SMP_CACHE_BYTES ORACLE_SMP_CACHE_BYTES
#endif
#ifdef ORACLE_MAX_ORDER
/* 6.1 spells the largest order MAX_ORDER - 1, 6.12 MAX_PAGE_ORDER. */
#undef MAX_ORDER
#define MAX_ORDER (ORACLE_MAX_ORDER + 1)
#undef MAX_PAGE_ORDER
#define MAX_PAGE_ORDER ORACLE_MAX_ORDER
#endif

#endif
