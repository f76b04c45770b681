#!/usr/bin/env python3
"""Disassembles the C2 code of one method from a -XX:+PrintAssembly log whose disassembler plugin
printed only bytes (Debian's libhsdis0-fcml does so for AVX code): collects the bytes of the last
C2 compilation of the method (not an on-stack-replacement one) and runs objdump on them. For the
AVX2 micro-tile work of docs/bench/performance-log.md ("The AVX2 micro-tile spilled"). Not part of
the build.

  apt-get install -y libhsdis0-fcml binutils
  NODE4J_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet \\
    -XX:CompileCommand=print,org.node4j.nn.kernel.VectorTilesF32::tile4x2Unit" \\
    ./node4j bench W4 --iterations 4 --warmup 2 > /tmp/asm.txt
  scripts/probes/c2-disasm.py /tmp/asm.txt 'VectorTilesF32::tile4x2Unit' | less

Accumulators kept on the stack show as a load, the multiply-add and a store on [rsp+...] in the loop.
"""
import re
import subprocess
import sys
import tempfile

log, method = sys.argv[1], sys.argv[2]
lines = open(log, errors="replace").read().split("\n")
starts = [i for i, l in enumerate(lines) if "Compiled method (c2)" in l and method in l and " % " not in l]
if not starts:
    sys.exit(f"no C2 compilation of {method} in {log}")
j = starts[-1]
while j < len(lines) and "[MachCode]" not in lines[j]:
    j += 1
code, base = bytearray(), None
while j < len(lines) and "[/MachCode]" not in lines[j]:
    m = re.match(r"\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,4} ?\|? ?)+)\s*$", lines[j])
    if m:
        addr = int(m.group(1), 16)
        data = bytes.fromhex(re.sub(r"[^0-9a-f]", "", m.group(2)))
        base = addr if base is None else base
        pos = addr - base
        code += b"\x90" * max(0, pos - len(code))
        code[pos : pos + len(data)] = data
    j += 1
with tempfile.NamedTemporaryFile(suffix=".bin") as f:
    f.write(code)
    f.flush()
    subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", "-M", "intel",
                    "--adjust-vma=0x%x" % base, f.name], check=True)
