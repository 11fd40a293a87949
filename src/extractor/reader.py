"""Stage 1: read a file into a Document (text, detected encoding, sha256)."""
from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .models import Document, ExtractorError

# Files above this size are refused rather than read into memory whole.
MAX_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md"}
PDF_SUFFIXES = {".pdf"}

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# Tried in order after the BOMs. GB18030 is a superset of GBK and GB2312, the usual legacy Chinese encodings.
_FALLBACK_ENCODINGS = ["utf-8", "gb18030", "big5"]


def doc_id_for(path: str | Path) -> str:
    """The contract's doc_id: the file's stem."""
    return Path(path).stem


def decode_text(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes as text; return (text, encoding). Raise ExtractorError for binary or undecodable data."""
    if not data.strip():
        raise ExtractorError(f"{name}: file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data[:8192]:
        raise ExtractorError(f"{name}: looks like a binary file (NUL bytes), not text")
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.01:
            raise ExtractorError(f"{name}: looks like a binary file (control characters), not text")
        return text, encoding
    raise ExtractorError(f"{name}: cannot decode as UTF-8, GB18030 or Big5 text")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))


def read_document(path: str | Path) -> Document:
    """Read a .txt/.md or .pdf file. Raise ExtractorError with a one-line reason when it cannot be used."""
    path = Path(path)
    if not path.exists():
        raise ExtractorError(f"{path}: no such file")
    if path.is_dir():
        raise ExtractorError(f"{path}: is a folder, not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ExtractorError(f"{path}: file is too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractorError(f"{path}: cannot read ({exc.strerror or exc})") from None
    sha = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        from .pdf import read_pdf  # imported lazily: pdfplumber is only needed for PDFs

        doc = read_pdf(path, data)
        doc.sha256 = sha
        return doc
    text, encoding = decode_text(data, str(path))
    return Document(doc_id=doc_id_for(path), text=text, path=str(path), encoding=encoding, sha256=sha)
