#!/usr/bin/env python3
"""Checks demo messages with an independent MIME implementation (Python's email package).

    python3 scripts/demo/check-mime.py DIR

reads every DIR/*.eml and prints one JSON object per line: the defects Python found (message,
parts and header fields), lines that break RFC 5322 (bare CR or LF, over 998 octets), the
decoded subject and display names, the decoded text of every text part, and for every
attachment its type, name, size and whether its bytes are a valid file of that type (ZIP CRCs,
PNG chunk CRCs and image data, JPEG markers, PDF xref offsets, WAV sizes, iCalendar framing).
Used by scripts/demo/mailbox.int.test.ts; needs nothing beyond the standard library.
"""

import io
import json
import os
import re
import struct
import sys
import zipfile
import zlib
from email import message_from_bytes, policy
from email.headerregistry import AddressHeader


def png_problem(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "no PNG signature"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if len(zlib.decompress(idat)) != height * (1 + width * 3):
        return "image data of the wrong size"
    return None


def jpeg_problem(data):
    if data[:2] != b"\xff\xd8" or data[-2:] != b"\xff\xd9":
        return "no SOI/EOI"
    pos, seen = 2, set()
    while pos < len(data) and data[pos] == 0xFF and data[pos + 1] != 0xDA:
        marker = data[pos + 1]
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        seen.add(marker)
        pos += 2 + length
    missing = {0xC0, 0xC4, 0xDB} - seen
    return f"missing markers {sorted(missing)}" if missing else None


def pdf_problem(data):
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        return "no PDF header or trailer"
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    if not data[startxref:].startswith(b"xref"):
        return "startxref does not point at the xref table"
    for number, line in enumerate(re.findall(rb"(\d{10}) 00000 n", data), start=1):
        if not data[int(line):].startswith(f"{number} 0 obj".encode()):
            return f"xref entry {number} points elsewhere"
    return None


def wav_problem(data):
    if data[:4] != b"RIFF" or data[8:16] != b"WAVEfmt ":
        return "no RIFF/WAVE header"
    (riff,) = struct.unpack("<I", data[4:8])
    (size,) = struct.unpack("<I", data[40:44])
    return None if riff == len(data) - 8 and size == len(data) - 44 else "wrong RIFF sizes"


def payload_problem(ctype, data):
    try:
        if ctype in ("application/zip", "application/x-zip-compressed"):
            bad = zipfile.ZipFile(io.BytesIO(data)).testzip()
            return f"bad entry {bad}" if bad else None
        if ctype == "image/png":
            return png_problem(data)
        if ctype == "image/jpeg":
            return jpeg_problem(data)
        if ctype == "application/pdf":
            return pdf_problem(data)
        if ctype in ("audio/wav", "audio/x-wav"):
            return wav_problem(data)
    except Exception as error:  # a broken file is a finding, not a crash
        return f"{type(error).__name__}: {error}"
    return None


def check(path):
    raw = open(path, "rb").read()
    problems = []
    for number, line in enumerate(raw.split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: bare CR or LF")
        if len(line) > 998:
            problems.append(f"line {number}: {len(line)} octets")
    msg = message_from_bytes(raw, policy=policy.default)
    texts, attachments, names = [], [], []
    for part in msg.walk():
        ctype = part.get_content_type()
        problems += [f"{ctype}: {type(d).__name__}: {d}" for d in part.defects]
        for name, value in part.items():
            problems += [f"{name}: {type(d).__name__}: {d}" for d in getattr(value, "defects", ())]
            if isinstance(value, AddressHeader):
                names += [a.display_name for a in value.addresses if a.display_name]
        if part.is_multipart() or part.get_content_maintype() == "message":
            continue
        content = part.get_content()
        if isinstance(content, str):
            if "\ufffd" in content:
                problems.append(f"{ctype}: text that does not decode in {part.get_content_charset()}")
        filename = part.get_filename()
        if filename or part.get_content_disposition() in ("attachment", "inline") and part.get_content_maintype() != "text":
            data = content.encode("utf-8") if isinstance(content, str) else content
            problem = payload_problem(ctype, data)
            attachments.append({"type": ctype, "name": filename, "size": len(data), "problem": problem})
            if problem:
                problems.append(f"{filename}: {problem}")
        elif isinstance(content, str):
            texts.append({"type": ctype, "charset": part.get_content_charset(), "text": content})
    return {
        "file": os.path.basename(path),
        "subject": str(msg["subject"] or ""),
        "names": names,
        "problems": problems,
        "texts": texts,
        "attachments": attachments,
        "structure": [p.get_content_type() for p in msg.walk()],
    }


def main():
    directory = sys.argv[1]
    for name in sorted(os.listdir(directory)):
        if name.endswith(".eml"):
            print(json.dumps(check(os.path.join(directory, name)), ensure_ascii=False))


main()
