#!/usr/bin/env bash
# Generates the zoo of bad inputs that tests/unit/zoo_test.cc feeds to
# `policydb ingest`. Nothing large is committed: every file is made here,
# from corpus/ and a few bytes, into OUT (default: ./bad-zoo).
#   tests/data/make_bad_zoo.sh /tmp/zoo            # everything
#   ZOO_BIG_MB=50 tests/data/make_bad_zoo.sh /tmp/zoo  (size of the one-line TXT)
# Needs: python3, qpdf. Files that need a tool that is missing are left out
# and listed in OUT/.SKIPPED (the test reports them).
#
# The expected outcome of every file is in tests/data/bad/EXPECTED.tsv
# (name, status, words the message must contain); the test checks the two
# lists agree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# The Python blocks below share tests/data/minipdf.py.
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
out=${1:-bad-zoo}
big_mb=${ZOO_BIG_MB:-50}
mkdir -p "$out"
out=$(cd "$out" && pwd)
: >"$out/.SKIPPED"

# A real PDF and a real TXT from the corpus (the smallest of each).
pdf=$(ls -S "$root"/corpus/*.pdf | tail -1)
txt=$(ls -S "$root"/corpus/*.txt | tail -1)

# Hand-made files committed next to this script (tiny).
cp "$here"/bad/*.txt "$out"/ 2>/dev/null || true

# 1. Empty file.
: >"$out/empty.txt"

# 2. Truncated PDF: the first 3% of a real one (no xref, no trailer, most
#    objects missing).
size=$(stat -c %s "$pdf")
head -c $((size * 3 / 100)) "$pdf" >"$out/truncated.pdf"

# 3. Encrypted PDF with a user password.
if command -v qpdf >/dev/null; then
  qpdf --encrypt user owner 256 -- "$pdf" "$out/encrypted.pdf"
else
  echo "encrypted.pdf qpdf not installed" >>"$out/.SKIPPED"
fi

# 4. Renamed files: the format is recognised by content, not by name.
cp "$txt" "$out/text-named.pdf"
cp "$pdf" "$out/pdf-named.txt"

# 5. Encodings: the same seed as GB18030 and as UTF-16LE/BE without a BOM.
python3 - "$txt" "$out" <<'PY'
import sys, os
src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
open(os.path.join(out, "gb18030.txt"), "wb").write(text.encode("gb18030"))
open(os.path.join(out, "utf16le-nobom.txt"), "wb").write(text.encode("utf-16-le"))
open(os.path.join(out, "utf16be-nobom.txt"), "wb").write(text.encode("utf-16-be"))
raw = text.encode("utf-8")
# Invalid UTF-8: lone continuation bytes, a truncated 3-byte sequence, an
# overlong encoding and 0xFF sprinkled into otherwise good text.
bad = bytearray()
for i, line in enumerate(raw.split(b"\n")):
    bad += line
    if i % 7 == 3:
        bad += [b"\x80", b"\xe4\xb8", b"\xc0\xaf", b"\xff"][i % 4]
    bad += b"\n"
open(os.path.join(out, "invalid-utf8.txt"), "wb").write(bytes(bad))
# NUL bytes inside text.
open(os.path.join(out, "nul-bytes.txt"), "wb").write(raw.replace("。".encode(), "。\0".encode(), 20))
# Random binary (fixed seed: the same bytes every run).
import random
r = random.Random(20261122)
open(os.path.join(out, "random.bin"), "wb").write(bytes(r.getrandbits(8) for _ in range(200000)))
# Deeply nested brackets in a note (100 000 levels) after a normal notice.
nest = "（注：" * 30000 + "见附件" + "）" * 30000 + "(" * 20000 + "[" * 20000 + "】" * 10000
open(os.path.join(out, "nested-brackets.txt"), "w", encoding="utf-8").write(text + "\n" + nest + "\n")
PY

# 6. One line of ${big_mb} MB (no line break at all): a Chinese sentence repeated.
python3 - "$out/one-line-${big_mb}mb.txt" "$big_mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
unit = "各地区要加快推进重点行业节能降碳改造，到2025年完成目标任务，".encode("utf-8")
n = mb * 1024 * 1024 // len(unit)
with open(path, "wb") as f:
    f.write(unit * n)
PY

# 7. PDFs written by hand: image only (no text layer), 2 000 pages of text.
python3 - "$out" <<'PY'
import sys, os, zlib
out = sys.argv[1]

from minipdf import write_pdf

def stream(content, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"

# Image only: one 64x64 grey image drawn over an A4 page, no text operators.
w = h = 64
pixels = zlib.compress(bytes(((x ^ y) & 0xFF) for y in range(h) for x in range(w)))
content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
write_pdf(os.path.join(out, "image-only.pdf"), [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    stream(content),
    stream(pixels, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode " % (w, h)),
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
])

# 2 000 pages, each with its own short line of text (one content stream per
# page so that no line repeats on every page like a running header).
pages = 2000
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
kids = []
for p in range(pages):
    page_obj = len(objs) + 1
    kids.append(b"%d 0 R" % page_obj)
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_obj + 1))
    objs.append(stream(b"BT /F1 12 Tf 72 760 Td (Section %d of the long report: item %d.) Tj ET" % (p + 1, p * 7 % 1000)))
objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
write_pdf(os.path.join(out, "pages-2000.pdf"), objs)
PY

# 8. File names a shell or a CSV would trip over (content: a real seed).
#    Each copy ends in its own number of blank lines: identical bytes would be
#    one document with several paths (issue 20), and each name needs its row.
blank=0
for name in "name with spaces.txt" "name 'single' \"double\" quotes.txt" \
    "$(printf 'name\nwith newline.txt')" "通知 （第2号）；省发改委.txt" "semicolon;comma,pipe|.txt"; do
  blank=$((blank + 1))
  { cat "$txt"; printf '\n%.0s' $(seq "$blank"); } >"$out/$name"
done

# 9. Unreadable permissions (root reads it anyway: the test knows).
{ cat "$txt"; printf '\n\n\n\n\n\n\n'; } >"$out/unreadable.txt"  # its own bytes, as above
chmod 000 "$out/unreadable.txt"

# 10. Symbolic links: two links pointing at each other (a file-level loop),
#     and a folder that links back to the zoo itself (a folder loop: walked once).
ln -sfn loop-b.txt "$out/loop-a.txt"
ln -sfn loop-a.txt "$out/loop-b.txt"
mkdir -p "$out/sub"
ln -sfn .. "$out/sub/back-to-zoo"

# 11. Formats beyond PDF and TXT (issue 16): HTML that is not HTML (markup,
#     then binary), a zip bomb named .docx (64 MB of spaces deflated ~1000:1),
#     an HTML page of 50 MB on one line (an inline data: image around a short
#     article), an old binary .doc.
python3 - "$out" "$txt" <<'PY'
import sys, os, zipfile, random
out, seed = sys.argv[1], sys.argv[2]
random.seed(16)
with open(os.path.join(out, "not-html.html"), "wb") as f:
    f.write(b"<html><body>" + bytes(random.randrange(256) for _ in range(20000)))
with zipfile.ZipFile(os.path.join(out, "bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", b"<w:document>" + b" " * (64 << 20) + b"</w:document>")
article = "".join("<p>%s</p>" % l for l in open(seed, encoding="utf-8").read().splitlines() if l.strip())
with open(os.path.join(out, "one-line-50mb.html"), "w", encoding="utf-8") as f:
    f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>')
    f.write('<img src="data:image/png;base64,' + "QUJD" * (50 * 1024 * 1024 // 4) + '">')
    f.write(article + "</body></html>")
with open(os.path.join(out, "old-word.doc"), "wb") as f:
    f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(4088))
PY

# 12. Beside the zoo (it needs its own --max-seconds): 2 000 image-only pages,
#     each the same tiny grey image, for OCR under a time budget.
mkdir -p "$out-budget"
python3 - "$out-budget/image-only-2000.pdf" <<'PY'
import sys, zlib
from minipdf import write_pdf
path = sys.argv[1]
pixels = zlib.compress(bytes(((x * 3 + y * 5) & 0xFF) for y in range(32) for x in range(32)))
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
        b"<< /Length %d /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
        b"<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream"]
kids = []
for p in range(2000):
    kids.append(b"%d 0 R" % (len(objs) + 1))
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /XObject << /Im1 3 0 R >> >> /Contents 4 0 R >>")
objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count 2000 >>"
write_pdf(path, objs, binary_comment=False)
PY

echo "make_bad_zoo: $(find "$out" -maxdepth 1 -type f -o -maxdepth 1 -type l | wc -l) entries in $out"
