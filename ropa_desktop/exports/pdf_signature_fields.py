"""The empty signature fields of the board print-out: where signing puts each board member's stamp.

Apart from :mod:`ropa_desktop.exports.pdf` because it takes pyHanko: a signed export has its
signing worker add them just before it signs, so the command building the print-out never
imports pyHanko (issue 16).
"""

from __future__ import annotations

import io

SIGNATURE_FIELD = "BoardApproval"
"""Name of the empty signature field on the approval page; the signer fills it."""
SignatureBox = tuple[int, tuple[int, int, int, int]]  # page index, (left, bottom, right, top) in points


def add_signature_fields(data: bytes, boxes: list[SignatureBox]) -> bytes:
    """``data`` (a PDF) with an empty signature field over each of ``boxes``, as an incremental update."""
    if not boxes:
        return data
    from ropa_desktop.pyhanko_imports import defer_network_clients

    defer_network_clients()  # pyhanko.sign without its aiohttp clients
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    for number, (page, box) in enumerate(boxes, start=1):
        name = SIGNATURE_FIELD if number == 1 else f"{SIGNATURE_FIELD}{number}"
        fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=name, on_page=page, box=box))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
