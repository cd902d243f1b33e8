#!/usr/bin/python3
"""Python client of precis.v1 against a real precisd.

Uses Debian's python3-grpcio and python3-protobuf; the stubs are generated at
test time with protoc and grpc_python_plugin (protobuf-compiler-grpc). Checks
that every span slices the original text with Python's own indexing (code
points), and with the byte and UTF-16 units, on an article with non-BMP
characters where the three units differ.

Exit 77 (ctest: skipped) when python3-grpcio or the plugin is missing.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest

ARGS = None
SKIP = 77


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--precisd", required=True)
    p.add_argument("--protoc", required=True)
    p.add_argument("--grpc-python-plugin", required=True)
    p.add_argument("--proto-dir", required=True)
    p.add_argument("--testdata", required=True)
    p.add_argument("--work-dir", required=True)
    args, rest = p.parse_known_args()
    return args, rest


def generate_stubs(args):
    out = os.path.join(args.work_dir, "gen")
    os.makedirs(out, exist_ok=True)
    subprocess.run(
        [args.protoc, "-I", args.proto_dir, "--python_out", out,
         "--grpc_python_out", out,
         "--plugin=protoc-gen-grpc_python=" + args.grpc_python_plugin,
         "precis/v1/precis.proto", "google/rpc/status.proto",
         "google/rpc/error_details.proto"],
        check=True)
    sys.path.insert(0, out)


class Server:
    """precisd on 127.0.0.1 with a free port (it prints the address)."""

    def __init__(self, precisd):
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [precisd, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
            stderr=self.log, text=True)
        deadline = time.monotonic() + 60
        self.address = None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"precisd listening on (127\.0\.0\.1:\d+)", line)
            if m:
                self.address = m.group(1)
                return
        self.proc.kill()
        self.log.seek(0)
        raise RuntimeError("precisd did not start: " + self.log.read().decode())

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def format_message(pattern, args):
    """ICU MessageFormat for string arguments only ({n}, '' and '...')."""
    out, i, quoted = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "'":
            if i + 1 < len(pattern) and pattern[i + 1] == "'":
                out.append("'")
                i += 2
                continue
            if quoted:
                quoted = False
                i += 1
                continue
            if i + 1 < len(pattern) and pattern[i + 1] in "{}":
                quoted = True
                i += 1
                continue
            out.append("'")
        elif c == "{" and not quoted:
            end = pattern.index("}", i)
            out.append(args[int(pattern[i + 1:end])])
            i = end + 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


class PrecisClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import grpc
        from precis.v1 import precis_pb2, precis_pb2_grpc
        cls.grpc = grpc
        cls.pb = precis_pb2
        cls.server = Server(ARGS.precisd)
        cls.channel = grpc.insecure_channel(cls.server.address)
        cls.stub = precis_pb2_grpc.SummarizerServiceStub(cls.channel)
        cls.sample = read(os.path.join(
            ARGS.testdata, "articles", "us-russia-ukraine-talks.txt"))
        cls.emoji = read(os.path.join(
            ARGS.testdata, "articles", "yoshinoya-expansion-emoji.txt"))

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.server.stop()

    def summarize(self, text, **kw):
        req = self.pb.SummarizeRequest(text=text, **kw)
        return self.stub.Summarize(req, timeout=30)

    def check_span(self, text, span, expected):
        """`span` selects `expected` in `text` in all three units."""
        # Python str indexing: code points.
        self.assertEqual(text[span.char_begin:span.char_end], expected)
        raw = text.encode("utf-8")
        self.assertEqual(
            raw[span.byte_begin:span.byte_end].decode("utf-8"), expected)
        u16 = text.encode("utf-16-le")
        self.assertEqual(
            u16[2 * span.utf16_begin:2 * span.utf16_end].decode("utf-16-le"),
            expected)

    def check_response(self, text, r):
        self.assertGreater(len(r.summary), 0)
        for s in r.summary:
            self.check_span(text, s.span, s.text)
            args = []
            for i, p in enumerate(s.placeholders):
                self.assertEqual(p.index, i)
                self.check_span(text, p.span, p.text)
                args.append(" ".join(p.text.split()))
                if p.fact_index >= 0:
                    self.assertEqual(r.facts[p.fact_index].value, p.value)
            self.assertEqual(format_message(s.template, args),
                             s.normalized_text)
        for f in r.facts:
            self.check_span(text, f.span, f.text)
            self.assertGreaterEqual(len(f.mentions), 1)
            for m in f.mentions:
                # A mention's text is the fact in another spelling; it at
                # least slices the same in all three units.
                self.assertEqual(text[m.char_begin:m.char_end],
                                 text.encode()[m.byte_begin:m.byte_end].decode())
        for k in r.key_phrases:
            self.check_span(text, k.span, k.text)
        if r.title:
            self.assertEqual(" ".join(text[r.title_span.char_begin:
                                           r.title_span.char_end].split()),
                             r.title)

    def test_sample_article_facts_and_spans(self):
        from google.protobuf import timestamp_pb2
        req_time = timestamp_pb2.Timestamp(seconds=1640692800)  # 2021-12-28
        r = self.summarize(self.sample, reference_time=req_time, max_facts=30,
                           target_locales=["de", "ja"], request_id="py-1")
        self.assertEqual(r.request_id, "py-1")
        self.assertEqual(r.language, "en")
        self.check_response(self.sample, r)
        dates = {f.value for f in r.facts if f.type == self.pb.DATE}
        self.assertIn("2022-01-10", dates)
        talks = [f for f in r.facts if f.value == "2022-01-10"][0]
        self.assertEqual(talks.display["de"], "10. Jan. 2022")
        self.assertEqual(talks.display["ja"], "2022年1月10日")
        people = [f for f in r.facts if f.type == self.pb.PERSON]
        self.assertTrue(people)
        for f in people:  # Names are not localized.
            self.assertEqual(f.display["de"], f.value)

    def test_non_bmp_article_units_differ(self):
        r = self.summarize(self.emoji, language="en", max_sentences=4,
                           target_locales=["de"])
        self.check_response(self.emoji, r)
        # Past the first astral character the three units disagree.
        last = r.summary[-1].span
        self.assertLess(last.char_begin, last.utf16_begin)
        self.assertLess(last.utf16_begin, last.byte_begin)
        money = [f for f in r.facts if f.type == self.pb.MONEY and f.unit == "USD"]
        self.assertEqual([f.value for f in money], ["300000000"])
        self.assertEqual(money[0].display["de"], "300\u00a0Mio.\u00a0$")
        self.assertTrue(any("\U00020BB7" in s.text for s in r.summary))

    def test_unknown_locale_is_invalid_argument_naming_it(self):
        from google.rpc import error_details_pb2, status_pb2
        with self.assertRaises(self.grpc.RpcError) as cm:
            self.summarize(self.sample, target_locales=["de", "xq"])
        e = cm.exception
        self.assertEqual(e.code(), self.grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("xq", e.details())
        details = dict(e.trailing_metadata()).get("grpc-status-details-bin")
        self.assertIsNotNone(details)
        status = status_pb2.Status.FromString(details)
        fields = []
        for any_detail in status.details:
            bad = error_details_pb2.BadRequest()
            if any_detail.Unpack(bad):
                fields += [v.field for v in bad.field_violations]
        self.assertEqual(fields, ["target_locales[1]"])

    def test_summarize_stream_echoes_ids_and_reports_item_errors(self):
        texts = [self.sample, "", self.emoji] * 3
        reqs = [self.pb.SummarizeRequest(text=t, request_id="item-%d" % i,
                                         max_sentences=2)
                for i, t in enumerate(texts)]
        got = {r.request_id: r for r in
               self.stub.SummarizeStream(iter(reqs), timeout=60)}
        self.assertEqual(set(got), {r.request_id for r in reqs})
        for i, t in enumerate(texts):
            r = got["item-%d" % i]
            if t:
                self.assertFalse(r.HasField("error"))
                self.check_response(t, r)
            else:
                self.assertEqual(r.error.code,
                                 self.grpc.StatusCode.INVALID_ARGUMENT.value[0])
                self.assertIn("text", r.error.message)

    def test_export_formats(self):
        r = self.summarize(self.sample, target_locales=["de", "fr"],
                           export_formats=[self.pb.EXPORT_FORMAT_XLIFF,
                                           self.pb.EXPORT_FORMAT_HTML])
        kinds = [(e.format, e.locale) for e in r.exports]
        self.assertEqual(kinds, [(self.pb.EXPORT_FORMAT_XLIFF, "de"),
                                 (self.pb.EXPORT_FORMAT_XLIFF, "fr"),
                                 (self.pb.EXPORT_FORMAT_HTML, "")])
        import xml.dom.minidom
        doc = xml.dom.minidom.parseString(r.exports[0].content.encode())
        root = doc.documentElement
        self.assertEqual(root.getAttribute("srcLang"), "en")
        self.assertEqual(root.getAttribute("trgLang"), "de")
        self.assertEqual(len(root.getElementsByTagName("unit")), len(r.summary))
        self.assertIn('translate="no"', r.exports[2].content)


def main():
    global ARGS
    ARGS, rest = parse_args()
    try:
        import grpc  # noqa: F401
    except ImportError:
        print("SKIP: python3-grpcio is not installed for", sys.executable)
        return SKIP
    if not os.access(ARGS.grpc_python_plugin, os.X_OK):
        print("SKIP: grpc_python_plugin not found (protobuf-compiler-grpc)")
        return SKIP
    generate_stubs(ARGS)
    prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
