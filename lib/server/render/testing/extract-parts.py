"""Test helper: print, as JSON, every leaf part of the given .eml files.

The MIME parser (lib/mail/mime) has not landed yet, so the render tests read the corpus through
Python's standard `email` package, in place (nothing is copied into the repository). Text parts
are decoded to str; other parts carry only their type and Content-ID (for resolveCid models).
"""

import email
import email.policy
import json
import sys


def text_of(part):
    try:
        content = part.get_content()
    except Exception:  # unknown charset, broken encoding: decode leniently, as a client would
        content = part.get_payload(decode=True) or b""
    if isinstance(content, bytes):  # image/svg+xml is not text/*: its content is bytes
        content = content.decode("utf-8", errors="replace")
    return content


def main(paths):
    out = []
    for path in paths:
        with open(path, "rb") as handle:
            message = email.message_from_binary_file(handle, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            content_type = part.get_content_type()
            cid = (part.get("Content-ID") or "").strip()
            entry = {"contentType": content_type, "contentId": cid.strip("<>") or None}
            if content_type in ("text/html", "text/plain", "image/svg+xml"):
                entry["text"] = text_of(part)
                entry["flowed"] = part.get_param("format", "").lower() == "flowed"
                entry["delSp"] = part.get_param("delsp", "").lower() == "yes"
            parts.append(entry)
        try:
            subject = str(message.get("Subject", ""))
        except Exception:  # a header Python cannot parse: the test only needs the decodable ones
            subject = ""
        out.append({"file": path, "subject": subject, "parts": parts})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
