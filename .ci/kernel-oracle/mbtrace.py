#!/usr/bin/env python3
"""mbviz kernel oracle: the trace side (our code).

  mbtrace.py flags TRACE            build settings of TRACE as `KEY=VALUE` lines
  mbtrace.py steps TRACE OUT        TRACE as a step file for driver.c
  mbtrace.py annotate TRACE ORACLE_OUT OUT [--every-step]
                                    TRACE with the kernel's results: `=> ADDRESS|fail|panic`
                                    on allocation steps (and `@expect` of the kernel's state
                                    after every step with --every-step), for `mbviz check`
  mbtrace.py dump ORACLE_OUT        the kernel's final __memblock_dump_all() text
  mbtrace.py gen --seed S --steps N --kernel 6.1|6.12 OUT
                                    a random, edge-heavy trace

Only the subset of TRACE-FORMAT.md that the kernel needs is read here; `mbviz` is the
parser of record, so a trace it rejects is reported by `run`, not here.
"""
import random
import re
import sys

SUFFIX = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40, "P": 1 << 50}
ADDRESS_CONSTANTS = {
    "ANYWHERE": (1 << 64) - 1, "MEMBLOCK_ALLOC_ANYWHERE": (1 << 64) - 1,
    "ACCESSIBLE": 0, "MEMBLOCK_ALLOC_ACCESSIBLE": 0,
    "NOLEAKTRACE": 1, "MEMBLOCK_ALLOC_NOLEAKTRACE": 1, "MEMBLOCK_LOW_LIMIT": 0,
}
FLAGS = {"NONE": 0, "HOTPLUG": 1, "MIRROR": 2, "NOMAP": 4, "DRIVER_MANAGED": 8, "RSRV_NOINIT": 0x10}
MASK = (1 << 64) - 1

# Argument kinds per operation: a = address/size, n = node id, f = flags (optional),
# t = memory|reserved, b = boolean.
OPS = {
    "memblock_add": "aa", "memblock_add_node": "aanf", "memblock_remove": "aa",
    "memblock_physmem_add": "aa", "memblock_set_node": "aatn",
    "memblock_mark_hotplug": "aa", "memblock_clear_hotplug": "aa", "memblock_mark_mirror": "aa",
    "memblock_mark_nomap": "aa", "memblock_clear_nomap": "aa", "memblock_trim_memory": "a",
    "memblock_enforce_memory_limit": "a", "memblock_cap_memory_range": "aa",
    "memblock_mem_limit_remove_map": "a", "memblock_reserve": "aa", "memblock_phys_free": "aa",
    "memblock_free": "aa", "memblock_alloc": "aa", "memblock_alloc_raw": "aa",
    "memblock_alloc_from": "aaa", "memblock_alloc_low": "aa", "memblock_alloc_node": "aan",
    "memblock_alloc_try_nid": "aaaan", "memblock_alloc_try_nid_raw": "aaaan",
    "memblock_alloc_exact_nid_raw": "aaaan", "memblock_phys_alloc": "aa",
    "memblock_phys_alloc_range": "aaaa", "memblock_phys_alloc_try_nid": "aan",
    "memblock_alloc_range_nid": "aaaana", "memblock_set_bottom_up": "b",
    "memblock_set_current_limit": "a", "memblock_allow_resize": "", "memblock_free_all": "",
    "memblock_free_late": "aa", "memblock_dump_all": "", "memblock_reserved_mark_noinit": "aa",
}
ALLOCS = {op for op in OPS if "_alloc" in op}
RUNTIME_KEYS = {"low_limit": 0, "movable_node": 1, "mirrored_kernelcore": 2}


def tokens(line):
    """Splits a line into tokens (quoted strings kept whole), dropping the comment."""
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c in " \t\r\n":
            i += 1
        elif c == "#":
            break
        elif c == '"':
            j = i + 1
            while j < len(line) and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            out.append(line[i:j + 1])
            i = j + 1
        else:
            j = i
            while j < len(line) and line[j] not in " \t\r\n":
                j += 1
            out.append(line[i:j])
            i = j
    return out


def number(tok):
    t = tok.replace("_", "")
    mult = 1
    if t and t[-1] in SUFFIX:
        mult, t = SUFFIX[t[-1]], t[:-1]
    v = int(t, 16) if t.lower().startswith("0x") else int(t, 10)
    return (v * mult) & MASK


def flags(tok):
    if re.fullmatch(r"[0-9xXa-fA-F_]+", tok):
        return number(tok)
    v = 0
    for name in tok.split("|"):
        v |= FLAGS[name]
    return v


def config_value(key, value):
    if value in ("true", "false"):
        return 1 if value == "true" else 0
    return number(value)


class Trace:
    """The steps of a trace, with build settings and label references resolved."""

    def __init__(self, path):
        self.kernel = "6.1"
        self.build = {}
        self.steps = []  # (line, op, [arg strings]); arg "$K" = result of driver step K
        self.step_lines = []
        labels = {}
        seen_step = False
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                t = tokens(line)
                if not t:
                    continue
                if t[0] == "@kernel":
                    self.kernel = t[1]
                elif t[0] == "@config":
                    for kv in t[1:]:
                        key, value = kv.split("=", 1)
                        if seen_step and key in RUNTIME_KEYS:
                            self.steps.append((lineno, "config", [str(RUNTIME_KEYS[key]), str(config_value(key, value))]))
                        else:
                            self.build[key] = config_value(key, value)
                elif not t[0].startswith("@"):
                    seen_step = True
                    self._step(lineno, t, labels)

    def max_numnodes(self):
        return self.build.get("max_numnodes", 64 if self.build.get("numa", 1) else 1)

    def _arg(self, kind, tok, labels):
        if tok.startswith("$"):
            ref = labels.get(tok[1:], ("lit", 0))
            return f"${ref[1]}" if ref[0] == "ref" else str(ref[1])
        if kind == "n":
            if tok in ("-1", "NUMA_NO_NODE"):
                return str(MASK)
            if tok == "MAX_NUMNODES":
                return str(self.max_numnodes())
            return str(number(tok))
        if kind == "f":
            return str(flags(tok))
        if kind == "t":
            return "1" if tok == "reserved" else "0"
        if kind == "b":
            return "1" if tok in ("1", "true") else "0"
        return str(ADDRESS_CONSTANTS[tok]) if tok in ADDRESS_CONSTANTS else str(number(tok))

    def _step(self, lineno, t, labels):
        op, rest = t[0], t[1:]
        if "=>" in rest:
            rest = rest[:rest.index("=>")]
        args = [x for x in rest if not re.match(r"^(by|label)=", x)]
        label = next((x[6:] for x in rest if x.startswith("label=")), None)
        kinds = OPS[op]
        if op == "memblock_add_node" and len(args) == 3:
            args.append("NONE")
        values = [self._arg(k, a, labels) for k, a in zip(kinds, args)]
        index = len(self.steps)
        self.steps.append((lineno, op, values))
        self.step_lines.append(lineno)
        if label:
            if op in ALLOCS:
                labels[label] = ("ref", index)
            elif values:
                v = values[0]
                labels[label] = ("ref", int(v[1:])) if v.startswith("$") else ("lit", int(v))
            else:
                labels[label] = ("lit", 0)


def build_flags(trace):
    b = trace.build
    numa = b.get("numa", 1)
    nn = trace.max_numnodes()
    if nn & (nn - 1):
        raise SystemExit(f"max_numnodes={nn}: the kernel needs a power of two (CONFIG_NODES_SHIFT)")
    if b.get("init_physmem_regions", 4) != 4:
        raise SystemExit("init_physmem_regions other than 4 needs an edit of mm/memblock.c; not supported")
    page = b.get("page_size", 4096)
    init = b.get("init_memblock_regions", 128)
    out = {
        "KERNEL": trace.kernel,
        "NUMA": numa,
        "NODES_SHIFT": nn.bit_length() - 1,
        "PAGE_SHIFT": page.bit_length() - 1,
        "MAX_ORDER": b.get("max_order", 10),
        "INIT_MEMORY": init,
        "INIT_RESERVED": b.get("init_memblock_reserved_regions", init),
        "PHYS_MAP": b.get("phys_map", 0),
        "SMP_CACHE_BYTES": b.get("smp_cache_bytes", 64),
        "LOW_LIMIT": b.get("low_limit", 0xFFFFFFFF),
        "MOVABLE_NODE": b.get("movable_node", 0),
        "MIRRORED_KERNELCORE": b.get("mirrored_kernelcore", 0),
    }
    return out


def read_oracle(path):
    """The driver's results per step index, its states, the end (bug/panic) and the dump."""
    results, states, stop, dump, in_dump, lines = {}, {}, None, [], False, {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if in_dump:
                if line.startswith("@@dump-end"):
                    in_dump = False
                else:
                    dump.append(line)
            elif line.startswith("@@step "):
                _, k, ln = line.split()
                lines[int(k)] = int(ln)
            elif line.startswith("@@r "):
                _, k, v = line.split()
                results[int(k)] = int(v)
            elif line.startswith("@@s "):
                p = line.split()
                states[int(p[1])] = [int(x) for x in p[2:]]
            elif line.startswith("@@bug ") or line.startswith("@@panic "):
                kind, k, msg = line.split(" ", 2)
                stop = (kind[2:], int(k), msg.strip())
            elif line.startswith("@@dump-begin"):
                in_dump = True
    return results, states, stop, "".join(dump), lines


def annotate(trace_path, oracle_path, out_path, every_step):
    trace = Trace(trace_path)
    results, states, stop, _, lines = read_oracle(oracle_path)
    by_line = {ln: k for k, ln in lines.items()}
    phys = trace.build.get("phys_map", 0)
    with open(trace_path, encoding="utf-8") as f:
        src = f.read().split("\n")
    out = []
    for lineno, line in enumerate(src, 1):
        k = by_line.get(lineno)
        t = tokens(line)
        if k is None or not t or t[0].startswith("@"):
            if not (t and t[0] == "@expect"):
                out.append(line)
            continue
        code = line.split("#", 1)[0].rstrip()
        if " =>" in code:
            code = code[:code.index(" =>")].rstrip()
        if stop and stop[1] == k:
            if stop[0] == "panic":
                out.append(f"{code} => panic  # kernel panic: {stop[2]}")
            else:  # no trace syntax for a BUG: the comparison ends before this step
                out.append(f"# kernel BUG in the next step: {stop[2]}")
                out.append(f"# {code}")
            break
        if t[0] in ALLOCS:
            v = results.get(k, 0)
            code += f" => {v:#x}" if v else " => fail"
        out.append(code)
        if every_step and k in states:
            s = states[k]
            e = (f"@expect memory.cnt={s[0]} memory.max={s[1]} memory.total_size={s[2]:#x} "
                 f"reserved.cnt={s[3]} reserved.max={s[4]} reserved.total_size={s[5]:#x} ")
            if phys:
                e += f"physmem.cnt={s[6]} "
            e += f"bottom_up={s[7]} current_limit={s[8]:#x}"
            out.append(e)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "flags":
        for k, v in build_flags(Trace(argv[2])).items():
            print(f"{k}={v}")
    elif cmd == "steps":
        trace = Trace(argv[2])
        with open(argv[3], "w") as f:
            for line, op, values in trace.steps:
                f.write(f"{line} {op} {' '.join(values)}\n")
    elif cmd == "annotate":
        annotate(argv[2], argv[3], argv[4], "--every-step" in argv)
    elif cmd == "dump":
        sys.stdout.write(read_oracle(argv[2])[3])
    elif cmd == "gen":
        import gen
        gen.main(argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
