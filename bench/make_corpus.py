#!/usr/bin/env python3
"""Synthetic TXT corpus for scripts/bench.sh: the seed notices replicated
until the corpus reaches a target size, each copy with its numbers varied.

    make_corpus.py SEED_DIR OUT_DIR MEGABYTES [--seed N]

Deterministic: the same arguments give byte-identical files. Copy k of a seed
replaces every run of ASCII or full-width digits with another number of the
same length (leading zero kept, so "05" stays two digits and dates stay
dates); a four-digit year 1990–2060 moves by a few years instead, so deadline
and target extraction still see plausible years. Chinese numerals, structure
and punctuation stay as written: the copies exercise the same code paths as
the seeds with different values, not different layouts.

Files are written as OUT_DIR/<copy>_<seed name>, at most 1000 to a
subdirectory so directory listing never dominates the measurement.
"""
import argparse
import pathlib
import random
import re
import sys

DIGITS = re.compile(r"[0-9]+|[０-９]+")
FULLWIDTH_ZERO = ord("０")


def vary(text: str, rng: random.Random, year_shift: int) -> str:
    def repl(m: re.Match) -> str:
        s = m.group(0)
        wide = s[0] >= "０"
        ascii_digits = "".join(chr(ord(c) - FULLWIDTH_ZERO + ord("0")) for c in s) if wide else s
        n = len(ascii_digits)
        value = int(ascii_digits)
        if n == 4 and 1990 <= value <= 2060:
            out = str(value + year_shift)
        elif n == 1:
            # Single digits are list numbers, months, days: keep them small
            # and non-zero where they were non-zero.
            out = str(rng.randint(1, 9)) if value else "0"
        else:
            first = "0" if ascii_digits[0] == "0" else str(rng.randint(1, 9))
            out = first + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
        if wide:
            out = "".join(chr(ord(c) - ord("0") + FULLWIDTH_ZERO) for c in out)
        return out

    return DIGITS.sub(repl, text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed_dir", type=pathlib.Path)
    ap.add_argument("out_dir", type=pathlib.Path)
    ap.add_argument("megabytes", type=float)
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()

    seeds = sorted(p for p in args.seed_dir.glob("*.txt") if p.is_file())
    if not seeds:
        print(f"make_corpus: no *.txt in {args.seed_dir}", file=sys.stderr)
        return 2
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in seeds]

    target = int(args.megabytes * 1024 * 1024)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    written = files = 0
    copy = 0
    while written < target:
        for name, text in texts:
            if written >= target:
                break
            rng = random.Random(f"{args.seed}:{copy}:{name}")
            body = vary(text, rng, year_shift=rng.randint(-3, 3))
            data = body.encode("utf-8")
            sub = args.out_dir / f"{files // 1000:03d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{copy:05d}_{name}").write_bytes(data)
            written += len(data)
            files += 1
        copy += 1
    print(f"make_corpus: {files} files, {written / 1e6:.1f} MB in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
