#!/usr/bin/env python3
"""Builds a libFuzzer seed corpus at run time from the shared test data.

Seeds: every article in tests/testdata/articles (whole, and each paragraph),
every text in tests/testdata/facts/gold.jsonl (whole, and each paragraph),
and the hand-made seeds in tests/fuzz/seeds. Texts longer than --max-len
bytes are cut at a character boundary. Each seed is written once as is and
once after each --prefix (hex bytes the target reads as options, e.g.
"0100" for the segmenter: language choice 1), so the option bytes do not eat
the text's first characters.

  make_seeds.py OUT_DIR [--max-len N] [--prefix HEX ...]
"""
import argparse
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def texts():
    articles = ROOT / "tests" / "testdata" / "articles"
    for path in sorted(articles.glob("*.txt")):
        yield path.read_bytes()
    gold = ROOT / "tests" / "testdata" / "facts" / "gold.jsonl"
    if gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["text"].encode("utf-8")
    for path in sorted((ROOT / "tests" / "fuzz" / "seeds").glob("*")):
        yield path.read_bytes()


def cut(data, max_len):
    if len(data) <= max_len:
        return data
    data = data[:max_len]
    # Back off to a UTF-8 character boundary (keep the corpus valid UTF-8;
    # the fuzzer makes invalid inputs by itself).
    while data and (data[-1] & 0xC0) == 0x80:
        data = data[:-1]
    if data and data[-1] >= 0xC0:
        data = data[:-1]
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--max-len", type=int, default=4096)
    parser.add_argument("--prefix", action="append", default=[])
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    prefixes = [b""] + [bytes.fromhex(p) for p in args.prefix]
    count = 0
    for text in texts():
        pieces = [text] + [p for p in text.split(b"\n\n") if p.strip()]
        for piece in pieces:
            for prefix in prefixes:
                seed = cut(prefix + piece, args.max_len)
                name = hashlib.sha1(seed).hexdigest()
                path = out / name
                if not path.exists():
                    path.write_bytes(seed)
                    count += 1
    print(f"make_seeds: {count} seeds in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
