"""Build the sample crawl WARC for the Dossier corpus.

Usage (from the repository root):

    python samples/make_warc.py            # (re)write the WARC and print a summary
    python samples/make_warc.py --check    # also verify that a rebuild is byte-identical

Writes samples/corpus/crawl/equatordailyrecord-2025-06.warc.gz from the HTML files in
samples/warc_pages/. Every WARC-Date, WARC-Record-ID and HTTP header is fixed below and
each record is gzipped separately (gzip header mtime 0), so regenerating produces the
same bytes.

Records, in order:
  1. warcinfo
  2. request   GET  /politics/2025/03/30/noboa-trump-mar-a-lago-talks
  3. response  200  /politics/2025/03/30/noboa-trump-mar-a-lago-talks   (text/html)
  4. response  200  /security/2025/04/07/loffredo-interview-foreign-troops-manta
  5. response  200  /environment/2025/05/05/galapagos-foreign-base-debate
  6. response  404  /security/2025/04/manta-base-timeline               (missing page)
"""

from __future__ import annotations

import hashlib
import io
import sys
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES = HERE / "warc_pages"
OUT = HERE / "corpus" / "crawl" / "equatordailyrecord-2025-06.warc.gz"

SITE = "https://equatordailyrecord.example"
USER_AGENT = "DossierSampleCrawler/0.1 (+https://dossier.example/crawler)"

# (record id, WARC-Date, URL path, HTTP status line, source file, Last-Modified)
RESPONSES = [
    (
        "<urn:uuid:5d1c7a52-2f0e-4b61-9a51-3c9e0d6f7a01>",
        "2025-06-20T08:15:02Z",
        "/politics/2025/03/30/noboa-trump-mar-a-lago-talks",
        "200 OK",
        "equatordailyrecord-noboa-trump-mar-a-lago-talks.html",
        "Sun, 30 Mar 2025 15:20:00 GMT",
    ),
    (
        "<urn:uuid:5d1c7a52-2f0e-4b61-9a51-3c9e0d6f7a02>",
        "2025-06-20T08:15:09Z",
        "/security/2025/04/07/loffredo-interview-foreign-troops-manta",
        "200 OK",
        "equatordailyrecord-loffredo-interview-foreign-troops.html",
        "Mon, 07 Apr 2025 12:00:00 GMT",
    ),
    (
        "<urn:uuid:5d1c7a52-2f0e-4b61-9a51-3c9e0d6f7a03>",
        "2025-06-20T08:15:17Z",
        "/environment/2025/05/05/galapagos-foreign-base-debate",
        "200 OK",
        "equatordailyrecord-galapagos-foreign-base-debate.html",
        "Mon, 05 May 2025 10:30:00 GMT",
    ),
    (
        "<urn:uuid:5d1c7a52-2f0e-4b61-9a51-3c9e0d6f7a04>",
        "2025-06-20T08:15:24Z",
        "/security/2025/04/manta-base-timeline",
        "404 Not Found",
        "404-equatordailyrecord-manta-base-timeline.html",
        None,
    ),
]

WARCINFO_ID = "<urn:uuid:5d1c7a52-2f0e-4b61-9a51-3c9e0d6f7a00>"
WARCINFO_DATE = "2025-06-20T08:15:00Z"
REQUEST_ID = "<urn:uuid:5d1c7a52-2f0e-4b61-9a51-3c9e0d6f7a10>"


def http_date(warc_date: str) -> str:
    """'2025-06-20T08:15:02Z' -> 'Fri, 20 Jun 2025 08:15:02 GMT' (fixed, no clock)."""
    d = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ")
    return d.strftime("%a, %d %b %Y %H:%M:%S GMT")


def build() -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.0")

    info = (
        "software: Dossier samples/make_warc.py (warcio)\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
        "description: Fictional sample crawl for the Dossier test corpus\r\n"
        "isPartOf: dossier-samples\r\n"
        f"http-header-user-agent: {USER_AGENT}\r\n"
    ).encode()
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": WARCINFO_ID,
                "WARC-Date": WARCINFO_DATE,
                "WARC-Filename": OUT.name,
            },
        )
    )

    for i, (rec_id, warc_date, path, status, src, last_mod) in enumerate(RESPONSES):
        url = SITE + path
        body = (PAGES / src).read_bytes()

        if i == 0:
            # One request record, paired with the first response.
            req_headers = StatusAndHeaders(
                f"GET {path} HTTP/1.1",
                [
                    ("Host", "equatordailyrecord.example"),
                    ("User-Agent", USER_AGENT),
                    ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                    ("Accept-Language", "en"),
                    ("Accept-Encoding", "identity"),
                    ("Connection", "close"),
                ],
                is_http_request=True,
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "request",
                    payload=io.BytesIO(b""),
                    length=0,
                    http_headers=req_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": REQUEST_ID,
                        "WARC-Date": warc_date,
                        "WARC-Concurrent-To": rec_id,
                        "WARC-Warcinfo-ID": WARCINFO_ID,
                    },
                )
            )

        headers = [
            ("Date", http_date(warc_date)),
            ("Server", "nginx"),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ]
        if last_mod:
            headers.append(("Last-Modified", last_mod))
            headers.append(("Cache-Control", "public, max-age=300"))
        else:
            headers.append(("Cache-Control", "no-store"))
        headers.append(("Connection", "close"))
        resp_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")

        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=resp_headers,
                warc_headers_dict={
                    "WARC-Record-ID": rec_id,
                    "WARC-Date": warc_date,
                    "WARC-IP-Address": "192.0.2.44",
                    "WARC-Warcinfo-ID": WARCINFO_ID,
                },
            )
        )
    return buf.getvalue()


def summarize(path: Path) -> list[str]:
    rows = []
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response" and rec.http_headers:
                status = rec.http_headers.get_statuscode()
            elif rec.rec_type == "request" and rec.http_headers:
                status = rec.http_headers.protocol  # request method, e.g. GET
            else:
                status = "-"
            ctype = rec.http_headers.get_header("Content-Type") if rec.http_headers else "-"
            n = len(rec.content_stream().read())
            rows.append(
                f"{rec.rec_type:9} {status!s:4} {rec.rec_headers.get_header('WARC-Date')}  "
                f"{rec.rec_headers.get_header('WARC-Target-URI') or '-'}  [{ctype}, {n} bytes]"
            )
    return rows


def main(argv: list[str]) -> int:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    print(f"wrote {OUT.relative_to(HERE.parent)} ({len(data)} bytes, sha256 {digest})")
    for row in summarize(OUT):
        print("  " + row)
    if "--check" in argv:
        again = build()
        if again != data:
            print("ERROR: rebuild is not byte-identical", file=sys.stderr)
            return 1
        print("rebuild is byte-identical")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
