/*
 * mbviz kernel oracle: the replay driver. Our code (not the kernel's).
 *
 * The `run` script compiles it in one translation unit after a temporary copy of the
 * kernel's mm/memblock.c (so it can reach that file's static state to reset it and to dump),
 * with the kernel's tools/testing/memblock harness headers.
 *
 * Input: a step file written by mbtrace.py (`steps`), one step per line:
 *     LINE OP ARG...
 * where LINE is the trace line, OP the kernel function's name and each ARG an unsigned
 * decimal number or `$K`: the result of step K (0-based; 0 before it ran or if it failed).
 * `config KEY VALUE` lines change the run-time settings (low_limit, movable_node,
 * mirrored_kernelcore).
 *
 * Output (default mode), on standard output, in order with the kernel's own printk text:
 *     @@step K LINE         before step K runs
 *     @@r K VALUE           its result (an address, 0 for a failed allocation, or an int)
 *     @@s K mc mm mt rc rm rt pc bu cl   the state after it (cnt max total_size ...)
 *     @@bug K file:line cond   a kernel BUG: the replay ends here
 *     @@panic K message        a kernel panic: the replay ends here
 *     @@dump-begin / @@dump-end around the final __memblock_dump_all() text.
 * `--bench N`: replays N times from a fresh state with kernel output discarded and prints
 * `bench_ns_per_step: MEDIAN MIN MAX` on standard error (the kernel calls only).
 */
#undef memset
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <time.h>

unsigned long long oracle_low_limit = 0xffffffffULL;
bool movable_node_enabled;

/* ---- simulated memory for doubled region arrays ------------------------------------- */

#define ARENA_BYTES (1ULL << 30) /* address space only: MAP_NORESERVE, committed on touch */
#define MAX_ARENAS 256

struct arena { unsigned long long phys; char *ptr; };
static struct arena arenas[MAX_ARENAS];
static int narenas;

void *oracle_va(unsigned long long phys)
{
	for (int i = 0; i < narenas; i++)
		if (arenas[i].phys == phys)
			return arenas[i].ptr;
	if (narenas == MAX_ARENAS) {
		fprintf(stderr, "oracle: more than %d doubled arrays\n", MAX_ARENAS);
		exit(3);
	}
	char *p = mmap(NULL, ARENA_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		perror("oracle: mmap");
		exit(3);
	}
	arenas[narenas].phys = phys;
	arenas[narenas].ptr = p;
	narenas++;
	return p;
}

static struct arena *arena_of(const void *p)
{
	for (int i = 0; i < narenas; i++)
		if ((const char *)p >= arenas[i].ptr && (const char *)p < arenas[i].ptr + ARENA_BYTES)
			return &arenas[i];
	return NULL;
}

unsigned long long oracle_pa(const void *p)
{
	struct arena *a = arena_of(p);
	return a ? a->phys + (unsigned long long)((const char *)p - a->ptr) : (unsigned long long)(uintptr_t)p;
}

void *oracle_memset(void *p, int c, size_t n)
{
	if (arena_of(p))
		memset(p, c, n);
	return p;
}

static void free_arenas(void)
{
	for (int i = 0; i < narenas; i++)
		munmap(arenas[i].ptr, ARENA_BYTES);
	narenas = 0;
}

/* The harness's tools/lib/slab.c needs liburcu; memblock only calls these once slab is up. */
void *kmalloc(size_t size, gfp_t gfp) { (void)gfp; return malloc(size); }
void kfree(void *p) { free(p); }

/* ---- printk: the kernel's vsnprintf conversions that memblock uses ------------------- */

/*
 * Formats like the kernel: %pa prints the phys_addr_t pointed to as 0x%016llx, %pS/%ps a
 * symbol (our caller stand-in), and the alternate form of x (%#x) prints 0 as 0x0.
 * Everything else is C's printf, one conversion at a time.
 */
int oracle_printk(const char *fmt, ...)
{
	char spec[32];
	int n = 0;
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') { putchar(*p); n++; continue; }
		if (p[1] == '%') { putchar('%'); p++; n++; continue; }
		const char *start = p++;
		while (*p && strchr("#0- +", *p)) p++;
		while (*p >= '0' && *p <= '9') p++;
		if (*p == '.') { p++; while (*p >= '0' && *p <= '9') p++; }
		int longs = 0, size_t_len = 0;
		while (*p && strchr("hlzjt", *p)) { if (*p == 'l') longs++; if (*p == 'z' || *p == 't' || *p == 'j') size_t_len = 1; p++; }
		size_t len = (size_t)(p - start + 1);
		if (len >= sizeof(spec)) len = sizeof(spec) - 1;
		memcpy(spec, start, len);
		spec[len] = 0;
		switch (*p) {
		case 'p': {
			void *ptr = va_arg(ap, void *);
			if (p[1] == 'a') { n += printf("0x%016llx", (unsigned long long)*(phys_addr_t *)ptr); p++; }
			else if (p[1] == 'S' || p[1] == 's' || p[1] == 'F') { n += printf("mbviz_trace+0x0/0x0"); p++; }
			else n += printf("%p", ptr);
			break;
		}
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c': {
			unsigned long long v;
			if (longs >= 2) v = va_arg(ap, unsigned long long);
			else if (longs == 1 || size_t_len) v = va_arg(ap, unsigned long);
			else v = va_arg(ap, unsigned int);
			if ((*p == 'x' || *p == 'X') && strchr(spec, '#') && v == 0 && !strchr(spec, '.')) {
				n += printf("0x0");
				break;
			}
			if (longs >= 2) n += printf(spec, v);
			else if (longs == 1 || size_t_len) n += printf(spec, (unsigned long)v);
			else n += printf(spec, (unsigned int)v);
			break;
		}
		case 's': n += printf(spec, va_arg(ap, const char *)); break;
		default: fputs(spec, stdout); n += (int)len; break;
		}
		if (!*p) break;
	}
	va_end(ap);
	return n;
}

/* ---- BUG and panic end the replay ---------------------------------------------------- */

static jmp_buf stop_replay;
static long current_step = -1;
static int quiet;

void oracle_bug(const char *file, int line, const char *cond)
{
	if (!quiet)
		printf("@@bug %ld %s:%d BUG_ON(%s)\n", current_step, file, line, cond);
	longjmp(stop_replay, 1);
}

void oracle_panic(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = 0;
	if (!quiet)
		printf("@@panic %ld %s\n", current_step, msg);
	longjmp(stop_replay, 2);
}

/* ---- steps --------------------------------------------------------------------------- */

#define MAX_ARGS 7

struct step {
	int op;
	long line;
	int nargs;
	unsigned long long arg[MAX_ARGS];
	long ref[MAX_ARGS]; /* -1, or the step whose result the argument is */
};

typedef unsigned long long u64r;
typedef u64r (*op_fn)(const u64r *a);

#define NID(x) ((int)(long long)(x))
#define PTR(x) ((void *)(uintptr_t)(x))
#define ADDR(p) ((u64r)(uintptr_t)(p))
#define TYPE(x) ((x) ? &memblock.reserved : &memblock.memory)

static u64r op_add(const u64r *a) { return (u64r)(long long)memblock_add(a[0], a[1]); }
static u64r op_add_node(const u64r *a) { return (u64r)(long long)memblock_add_node(a[0], a[1], NID(a[2]), (enum memblock_flags)a[3]); }
static u64r op_remove(const u64r *a) { return (u64r)(long long)memblock_remove(a[0], a[1]); }
#ifdef CONFIG_HAVE_MEMBLOCK_PHYS_MAP
static u64r op_physmem_add(const u64r *a) { return (u64r)(long long)memblock_physmem_add(a[0], a[1]); }
#endif
static u64r op_set_node(const u64r *a) { return (u64r)(long long)memblock_set_node(a[0], a[1], TYPE(a[2]), NID(a[3])); }
static u64r op_mark_hotplug(const u64r *a) { return (u64r)(long long)memblock_mark_hotplug(a[0], a[1]); }
static u64r op_clear_hotplug(const u64r *a) { return (u64r)(long long)memblock_clear_hotplug(a[0], a[1]); }
static u64r op_mark_mirror(const u64r *a) { return (u64r)(long long)memblock_mark_mirror(a[0], a[1]); }
static u64r op_mark_nomap(const u64r *a) { return (u64r)(long long)memblock_mark_nomap(a[0], a[1]); }
static u64r op_clear_nomap(const u64r *a) { return (u64r)(long long)memblock_clear_nomap(a[0], a[1]); }
static u64r op_trim(const u64r *a) { memblock_trim_memory(a[0]); return 0; }
static u64r op_enforce(const u64r *a) { memblock_enforce_memory_limit(a[0]); return 0; }
static u64r op_cap(const u64r *a) { memblock_cap_memory_range(a[0], a[1]); return 0; }
static u64r op_limit_remove_map(const u64r *a) { memblock_mem_limit_remove_map(a[0]); return 0; }
static u64r op_reserve(const u64r *a) { return (u64r)(long long)memblock_reserve(a[0], a[1]); }
static u64r op_phys_free(const u64r *a) { return (u64r)(long long)memblock_phys_free(a[0], a[1]); }
static u64r op_free(const u64r *a) { memblock_free(PTR(a[0]), a[1]); return 0; }
static u64r op_alloc(const u64r *a) { return ADDR(memblock_alloc(a[0], a[1])); }
static u64r op_alloc_raw(const u64r *a) { return ADDR(memblock_alloc_raw(a[0], a[1])); }
static u64r op_alloc_from(const u64r *a) { return ADDR(memblock_alloc_from(a[0], a[1], a[2])); }
static u64r op_alloc_low(const u64r *a) { return ADDR(memblock_alloc_low(a[0], a[1])); }
static u64r op_alloc_node(const u64r *a) { return ADDR(memblock_alloc_node(a[0], a[1], NID(a[2]))); }
static u64r op_alloc_try_nid(const u64r *a) { return ADDR(memblock_alloc_try_nid(a[0], a[1], a[2], a[3], NID(a[4]))); }
static u64r op_alloc_try_nid_raw(const u64r *a) { return ADDR(memblock_alloc_try_nid_raw(a[0], a[1], a[2], a[3], NID(a[4]))); }
static u64r op_alloc_exact_nid_raw(const u64r *a) { return ADDR(memblock_alloc_exact_nid_raw(a[0], a[1], a[2], a[3], NID(a[4]))); }
static u64r op_phys_alloc(const u64r *a) { return memblock_phys_alloc(a[0], a[1]); }
static u64r op_phys_alloc_range(const u64r *a) { return memblock_phys_alloc_range(a[0], a[1], a[2], a[3]); }
static u64r op_phys_alloc_try_nid(const u64r *a) { return memblock_phys_alloc_try_nid(a[0], a[1], NID(a[2])); }
static u64r op_alloc_range_nid(const u64r *a) { return memblock_alloc_range_nid(a[0], a[1], a[2], a[3], NID(a[4]), a[5] != 0); }
static u64r op_set_bottom_up(const u64r *a) { memblock_set_bottom_up(a[0] != 0); return 0; }
static u64r op_set_current_limit(const u64r *a) { memblock_set_current_limit(a[0]); return 0; }
static u64r op_allow_resize(const u64r *a) { (void)a; memblock_allow_resize(); return 0; }
static u64r op_free_all(const u64r *a) { (void)a; memblock_free_all(); return 0; }
static u64r op_free_late(const u64r *a) { memblock_free_late(a[0], a[1]); return 0; }
static u64r op_dump_all(const u64r *a) { (void)a; return 0; }
#ifdef ORACLE_KERNEL_612
static u64r op_reserved_mark_noinit(const u64r *a) { return (u64r)(long long)memblock_reserved_mark_noinit(a[0], a[1]); }
#endif
static u64r op_config(const u64r *a)
{
	switch (a[0]) {
	case 0: oracle_low_limit = a[1]; break;
	case 1: movable_node_enabled = a[1] != 0; break;
	case 2: mirrored_kernelcore = a[1] != 0; break;
	}
	return 0;
}

struct op_desc { const char *name; int nargs; op_fn fn; };

static const struct op_desc ops[] = {
	{ "memblock_add", 2, op_add },
	{ "memblock_add_node", 4, op_add_node },
	{ "memblock_remove", 2, op_remove },
#ifdef CONFIG_HAVE_MEMBLOCK_PHYS_MAP
	{ "memblock_physmem_add", 2, op_physmem_add },
#endif
	{ "memblock_set_node", 4, op_set_node },
	{ "memblock_mark_hotplug", 2, op_mark_hotplug },
	{ "memblock_clear_hotplug", 2, op_clear_hotplug },
	{ "memblock_mark_mirror", 2, op_mark_mirror },
	{ "memblock_mark_nomap", 2, op_mark_nomap },
	{ "memblock_clear_nomap", 2, op_clear_nomap },
	{ "memblock_trim_memory", 1, op_trim },
	{ "memblock_enforce_memory_limit", 1, op_enforce },
	{ "memblock_cap_memory_range", 2, op_cap },
	{ "memblock_mem_limit_remove_map", 1, op_limit_remove_map },
	{ "memblock_reserve", 2, op_reserve },
	{ "memblock_phys_free", 2, op_phys_free },
	{ "memblock_free", 2, op_free },
	{ "memblock_alloc", 2, op_alloc },
	{ "memblock_alloc_raw", 2, op_alloc_raw },
	{ "memblock_alloc_from", 3, op_alloc_from },
	{ "memblock_alloc_low", 2, op_alloc_low },
	{ "memblock_alloc_node", 3, op_alloc_node },
	{ "memblock_alloc_try_nid", 5, op_alloc_try_nid },
	{ "memblock_alloc_try_nid_raw", 5, op_alloc_try_nid_raw },
	{ "memblock_alloc_exact_nid_raw", 5, op_alloc_exact_nid_raw },
	{ "memblock_phys_alloc", 2, op_phys_alloc },
	{ "memblock_phys_alloc_range", 4, op_phys_alloc_range },
	{ "memblock_phys_alloc_try_nid", 3, op_phys_alloc_try_nid },
	{ "memblock_alloc_range_nid", 6, op_alloc_range_nid },
	{ "memblock_set_bottom_up", 1, op_set_bottom_up },
	{ "memblock_set_current_limit", 1, op_set_current_limit },
	{ "memblock_allow_resize", 0, op_allow_resize },
	{ "memblock_free_all", 0, op_free_all },
	{ "memblock_free_late", 2, op_free_late },
	{ "memblock_dump_all", 0, op_dump_all },
#ifdef ORACLE_KERNEL_612
	{ "memblock_reserved_mark_noinit", 2, op_reserved_mark_noinit },
#endif
	{ "config", 2, op_config },
};
#define NOPS ((int)(sizeof(ops) / sizeof(ops[0])))

static struct step *steps;
static long nsteps;
static u64r *results;

static int find_op(const char *name)
{
	for (int i = 0; i < NOPS; i++)
		if (!strcmp(ops[i].name, name))
			return i;
	return -1;
}

/* Reads the step file; exits 2 with FILE:LINE: message on anything malformed. */
static void load_steps(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "oracle: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	long cap = 1024, fileline = 0;
	char buf[4096];
	steps = malloc(cap * sizeof(*steps));
	while (fgets(buf, sizeof(buf), f)) {
		fileline++;
		char *save = NULL, *tok = strtok_r(buf, " \t\n", &save);
		if (!tok)
			continue;
		if (nsteps == cap)
			steps = realloc(steps, (cap *= 2) * sizeof(*steps));
		struct step *s = &steps[nsteps];
		s->line = strtol(tok, NULL, 10);
		char *name = strtok_r(NULL, " \t\n", &save);
		s->op = name ? find_op(name) : -1;
		if (s->op < 0) {
			fprintf(stderr, "%s:%ld: unknown operation %s for this kernel build\n", path, fileline, name ? name : "(none)");
			exit(2);
		}
		s->nargs = 0;
		while ((tok = strtok_r(NULL, " \t\n", &save)) && s->nargs < MAX_ARGS) {
			s->ref[s->nargs] = -1;
			if (tok[0] == '$')
				s->ref[s->nargs] = strtol(tok + 1, NULL, 10);
			s->arg[s->nargs++] = tok[0] == '$' ? 0 : strtoull(tok, NULL, 0);
		}
		if (s->nargs != ops[s->op].nargs) {
			fprintf(stderr, "%s:%ld: %s expects %d arguments, got %d\n", path, fileline, ops[s->op].name, ops[s->op].nargs, s->nargs);
			exit(2);
		}
		nsteps++;
	}
	fclose(f);
	results = calloc(nsteps + 1, sizeof(*results));
}

/* ---- fresh state ----------------------------------------------------------------------- */

static struct memblock initial_memblock;
#ifdef CONFIG_HAVE_MEMBLOCK_PHYS_MAP
static struct memblock_type initial_physmem;
#endif

static void save_initial_state(void)
{
	initial_memblock = memblock;
#ifdef CONFIG_HAVE_MEMBLOCK_PHYS_MAP
	initial_physmem = physmem;
#endif
}

static void reset_state(void)
{
	free_arenas();
	memblock = initial_memblock;
	memset(memblock_memory_init_regions, 0, sizeof(memblock_memory_init_regions));
	memset(memblock_reserved_init_regions, 0, sizeof(memblock_reserved_init_regions));
#ifdef CONFIG_HAVE_MEMBLOCK_PHYS_MAP
	physmem = initial_physmem;
	memset(memblock_physmem_init_regions, 0, sizeof(memblock_physmem_init_regions));
#endif
	memblock_memory_in_slab = 0;
	memblock_reserved_in_slab = 0;
	memblock_can_resize = 0;
	system_has_some_mirror = 0;
	oracle_low_limit = ORACLE_LOW_LIMIT;
	movable_node_enabled = ORACLE_MOVABLE_NODE;
	mirrored_kernelcore = ORACLE_MIRRORED_KERNELCORE;
}

/* ---- replay ---------------------------------------------------------------------------- */

static void print_state(long k)
{
	long pc = 0;
#ifdef CONFIG_HAVE_MEMBLOCK_PHYS_MAP
	pc = (long)physmem.cnt;
#endif
	printf("@@s %ld %lu %lu %llu %lu %lu %llu %ld %d %llu\n", k,
	       memblock.memory.cnt, memblock.memory.max, (u64r)memblock.memory.total_size,
	       memblock.reserved.cnt, memblock.reserved.max, (u64r)memblock.reserved.total_size,
	       pc, memblock.bottom_up ? 1 : 0, (u64r)memblock.current_limit);
}

/* Replays every step once; returns the number of steps that ran. */
static long replay(int verbose)
{
	static volatile long k;
	k = 0;
	if (setjmp(stop_replay))
		return k + 1;
	for (; k < nsteps; k++) {
		const struct step *s = &steps[k];
		u64r a[MAX_ARGS];
		for (int i = 0; i < s->nargs; i++)
			a[i] = s->ref[i] >= 0 && s->ref[i] < k ? results[s->ref[i]] : s->arg[i];
		current_step = k;
		if (verbose)
			printf("@@step %ld %ld\n", k, s->line);
		results[k] = ops[s->op].fn(a);
		if (verbose) {
			printf("@@r %ld %llu\n", k, results[k]);
			print_state(k);
		}
	}
	return k;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static void bench(int runs)
{
	double *t = calloc(runs, sizeof(double));
	fflush(stdout);
	if (!freopen("/dev/null", "w", stdout))
		exit(3);
	quiet = 1;
	for (int r = 0; r < runs; r++) {
		reset_state();
		double t0 = now_seconds();
		long ran = replay(0);
		t[r] = (now_seconds() - t0) * 1e9 / (ran ? ran : 1);
	}
	qsort(t, runs, sizeof(double), cmp_double);
	fprintf(stderr, "bench_ns_per_step: %.0f %.0f %.0f (median min max of %d, %ld steps)\n",
		t[runs / 2], t[0], t[runs - 1], runs, nsteps);
}

int main(int argc, char **argv)
{
	int bench_runs = 0;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bench") && i + 1 < argc)
			bench_runs = atoi(argv[++i]);
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: oracle [--bench N] STEPFILE\n");
		return 2;
	}
	load_steps(path);
	save_initial_state();
	if (bench_runs > 0) {
		bench(bench_runs);
		return 0;
	}
	reset_state();
	long ran = replay(1);
	/* After a BUG or panic this is the state the kernel stopped in. */
	printf("@@dump-begin\n");
	__memblock_dump_all();
	printf("@@dump-end\n");
	printf("@@ran %ld of %ld\n", ran, nsteps);
	return 0;
}
