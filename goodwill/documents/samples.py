"""Documents made on the spot, for the demo, the tests and the benchmark: a one-page PDF with
real text, and a scanned page (an image of printed lines)."""

from __future__ import annotations

import io
from collections.abc import Sequence


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(lines: Sequence[str]) -> bytes:
    """A one-page A4 PDF whose text is `lines` (Latin-1), in Helvetica: what a shop's invoice
    e-mail carries."""
    stream = (
        "BT /F1 12 Tf 72 770 Td 16 TL "
        + " ".join(f"({_pdf_escape(line)}) '" for line in lines)
        + " ET"
    )
    body = stream.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R"
        b" >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def scan_png(lines: Sequence[str], *, width: int = 1654, size: int = 44) -> bytes:
    """A scanned page as a PNG (A4 at 200 dpi by default): black lines of text on white."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (width, int(width * 1.414)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    y = 120
    for line in lines:
        draw.text((100, y), line, fill=0, font=font)
        y += int(size * 1.8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
