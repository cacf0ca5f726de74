#!/usr/bin/python3
"""tests/pdf/ops_same.py LIB.pdf OWN.pdf — the two PDFs are the same document but for how their
text strings are written: LIB with libharu's operator functions (hex strings, "<0041> Tj"), OWN with
the renderer's own (src/pdf/pdf_page.c: literal strings of the same two-byte codes, "(\\0A) Tj").
Both are expanded with qpdf (--qdf, content streams as written, a fixed /ID); every hex string
shown with Tj is rewritten as the literal string pdf_font_string writes, the stream lengths and
the cross-reference offsets (which follow from the strings' lengths) are masked, and the rest must
be byte-identical. Prints the first difference; exit 1 when there is one."""
import re
import subprocess
import sys
import tempfile


def literal(m):
    out = bytearray(b"(")
    for b in bytes.fromhex(m.group(1).decode()):
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif b == 0x0D:
            out += b"\\r"
        elif b == 0x0A:
            out += b"\\n"
        else:
            out.append(b)
    return bytes(out + b") Tj")


def expand(path):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        subprocess.run(["qpdf", "--qdf", "--normalize-content=n", "--static-id",
                        "--object-streams=disable", path, tmp.name], check=True)
        data = open(tmp.name, "rb").read()
    data = data[:data.rindex(b"\nxref\n")]
    data = re.sub(rb"<([0-9A-Fa-f]*)> Tj", literal, data)
    return re.sub(rb"(\n\d+ 0 obj\n)\d+(\nendobj)", rb"\1LENGTH\2", data)


lib, own = expand(sys.argv[1]), expand(sys.argv[2])
if lib == own:
    print(f"same but for string notation: {sys.argv[2]} ({lib.count(b') Tj')} strings)")
    sys.exit(0)
i = next((k for k in range(min(len(lib), len(own))) if lib[k] != own[k]), min(len(lib), len(own)))
print(f"FAIL: {sys.argv[2]} differs from {sys.argv[1]} at expanded byte {i}:")
print("  libharu:", lib[max(0, i - 80):i + 80])
print("  own:    ", own[max(0, i - 80):i + 80])
sys.exit(1)
