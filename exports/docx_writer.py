"""Word writer: the body's XML is built in one pass as text and zipped with the fixed parts.

python-docx's ``table.add_row()`` costs about 4 ms a row; string building with XML escaping
costs microseconds. The result is an ordinary, editable Word document: real styles, a numbered
list (numbering.xml), PAGE and NUMPAGES fields, header rows that repeat on every page.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from exports import docx_parts as parts
from exports.document import (
    Block,
    Document,
    Heading,
    KeepTogether,
    Mark,
    NewMargins,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TopRightBlock,
)
from exports.fonts import pdf_font
from exports.layout import TOP_RIGHT_SHARE, Measurer
from exports.text import ENDORSEMENT_CHARS, clean, shorten

TWIPS_PER_CM = 1440 / 2.54
A4_TWIPS = (11906, 16838)
HEADER_DISTANCE = 850  # 1.5 cm from the edge, inside the 3.5 cm margin
BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_BORDERS = "".join(BORDER.format(side=s) for s in ("top", "left", "bottom", "right"))
_INSIDE = "".join(BORDER.format(side=s) for s in ("insideH", "insideV"))
_JC = {"centre": "center", "right": "right"}


def esc(text: str) -> str:
    """Text made safe for an XML text node (illegal characters already removed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs_xml(text: str, rpr: str = "", cleaned: bool = False) -> str:
    """Runs for one piece of text: newlines become line breaks, tabs real tabs."""
    if not cleaned:
        text = clean(text)
    if "\n" not in text and "\t" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(out)}</w:r>"


def _run_props(run: Run) -> str:
    props = ("<w:b/><w:bCs/>" if run.bold else "") + ("<w:i/><w:iCs/>" if run.italic else "")
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def _paragraph(p: Paragraph, keep: bool = False) -> str:
    # Word insists on the schema's order of paragraph properties: style, keep, numbering, jc.
    ppr = []
    if p.numbered:
        ppr.append('<w:pStyle w:val="NumberedParagraph"/>')
    if keep or p.keep_with_next:
        ppr.append("<w:keepNext/><w:keepLines/>")
    if p.numbered:
        ppr.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{parts.NUM_ID}"/></w:numPr>')
    if p.align in _JC:
        ppr.append(f'<w:jc w:val="{_JC[p.align]}"/>')
    body = "".join(runs_xml(r.text, _run_props(r)) for r in p.runs)
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{body}</w:p>"


def _heading(h: Heading) -> str:
    style = {0: "Title", 1: "Heading1"}.get(h.level, "Heading2")
    jc = f'<w:jc w:val="{_JC[h.align]}"/>' if h.align in _JC else ""
    if h.level == 0 and h.align == "left":
        jc = '<w:jc w:val="left"/>'
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>{runs_xml(h.text)}</w:p>'


def _top_right(block: TopRightBlock, after: int, width_twips: int) -> str:
    # The block keeps to the right of the page, as in the PDF (TOP_RIGHT_SHARE of the width).
    indent = f'<w:ind w:left="{int(width_twips * (1 - TOP_RIGHT_SHARE))}"/>'
    out = []
    for i, line in enumerate(block.lines):
        spacing = f'<w:spacing w:after="{after}"/>' if i == len(block.lines) - 1 else ""
        out.append(
            f'<w:p><w:pPr><w:pStyle w:val="TopRight"/>{spacing}{indent}'
            '<w:jc w:val="right"/></w:pPr>'
            f"{runs_xml(line)}</w:p>"
        )
    return "".join(out)


def _table(t: Table, doc: Document, width_twips: int) -> str:
    total = sum(t.widths) or 1.0
    cols = [int(width_twips * w / total) for w in t.widths]
    cols[-1] += width_twips - sum(cols)
    size = t.font_size or doc.setup.font_size
    ppr_extra = ""
    rpr = ""
    if t.font_size or t.line_spacing:
        line = round(240 * (t.line_spacing or doc.setup.line_spacing))
        ppr_extra = f'<w:spacing w:after="0" w:line="{line}" w:lineRule="auto"/>'
        half = round(size * 2)
        rpr = f'<w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
    # Rows of up to keep_rows_up_to lines stay whole, decided by the PDF's own line breaking
    # (Arimo has Arial's metrics), so both files page alike.
    measurer = Measurer(pdf_font())
    inner = [(c - 216) / 20 for c in cols]
    cells_open = [
        f'<w:tc><w:tcPr><w:tcW w:w="{c}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
        f'<w:pStyle w:val="TableText"/>{ppr_extra}</w:pPr>'
        for c in cols
    ]
    shaded = [
        f'<w:tc><w:tcPr><w:tcW w:w="{c}" w:type="dxa"/><w:shd w:val="clear" '
        f'w:color="auto" w:fill="D9D9D9"/></w:tcPr><w:p><w:pPr>'
        f'<w:pStyle w:val="TableHeading"/>{ppr_extra}</w:pPr>'
        for c in cols
    ]
    out = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{width_twips}" w:type="dxa"/>'
        f"<w:tblBorders>{_BORDERS}{_INSIDE}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{c}"/>' for c in cols),
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        "".join(f"{shaded[i]}{runs_xml(h, rpr)}</w:p></w:tc>" for i, h in enumerate(t.header)),
        "</w:tr>",
    ]
    append = out.append
    keep = t.keep_rows_up_to
    heading_col = t.bold_first_line
    bold_rpr = (rpr[:-8] + "<w:b/><w:bCs/></w:rPr>") if rpr else "<w:rPr><w:b/><w:bCs/></w:rPr>"
    count = measurer.count_lines
    for row in t.rows:
        cells = [clean(cell) for cell in row]
        lines = max(count(cell, inner[i], size, keep) for i, cell in enumerate(cells))
        append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if lines <= keep else "<w:tr>")
        for i, cell in enumerate(cells):
            append(cells_open[i])
            if i == heading_col and cell:
                head, _, rest = cell.partition("\n")
                append(runs_xml(head, bold_rpr, cleaned=True))
                if rest:
                    append(f"<w:r>{rpr}<w:br/></w:r>" + runs_xml(rest, rpr, cleaned=True))
            else:
                append(runs_xml(cell, rpr, cleaned=True) if cell else "")
            append("</w:p></w:tc>")
        append("</w:tr>")
    out.append("</w:tbl>")
    # Word needs a paragraph between two tables and after a table before the section end.
    after = round(doc.setup.space_after * 20)
    out.append(
        f'<w:p><w:pPr><w:spacing w:after="{after}" w:line="240" w:lineRule="auto"/>'
        '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
    )
    return "".join(out)


_PAGE_BREAK = (
    '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:rPr>'
    '<w:sz w:val="2"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="2"/></w:rPr>'
    '<w:br w:type="page"/></w:r></w:p>'
)


def body_xml(blocks: list[Block], doc: Document, width_twips: int, keep: bool = False) -> str:
    """The XML of a run of blocks."""
    out = []
    after = round(doc.setup.space_after * 40)
    margin = doc.setup.margin_cm
    for i, block in enumerate(blocks):
        last = i == len(blocks) - 1
        if isinstance(block, Paragraph):
            out.append(_paragraph(block, keep and not last))
        elif isinstance(block, Heading):
            out.append(_heading(block))
        elif isinstance(block, Table):
            out.append(_table(block, doc, width_twips))
        elif isinstance(block, TopRightBlock):
            out.append(_top_right(block, after, width_twips))
        elif isinstance(block, KeepTogether):
            out.append(body_xml(block.blocks, doc, width_twips, keep=True))
        elif isinstance(block, PageBreak):
            out.append(_PAGE_BREAK)
        elif isinstance(block, NewMargins):
            # The section so far ends here (its properties ride on this paragraph); the next
            # starts on a new page with its own margins.
            sect, _ = _section(doc, margin)
            out.append(f"<w:p><w:pPr>{sect}</w:pPr></w:p>")
            margin = block.margin_cm
            _, width_twips = _section(doc, margin)
        elif isinstance(block, Mark):
            continue
    return "".join(out)


def _last_margin(doc: Document) -> float:
    """The margins the document ends with (those of its last section)."""
    found = [b.margin_cm for b in doc.blocks if isinstance(b, NewMargins)]
    return found[-1] if found else doc.setup.margin_cm


def _section(doc: Document, margin_cm: float | None = None) -> tuple[str, int]:
    width, height = A4_TWIPS
    orient = ""
    if doc.setup.landscape:
        width, height = height, width
        orient = ' w:orient="landscape"'
    # Rounded up, so the margin is never a hair under the rule's minimum.
    margin = int((doc.setup.margin_cm if margin_cm is None else margin_cm) * TWIPS_PER_CM) + 1
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:footerReference w:type="default" r:id="rId6"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
        f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" '
        f'w:header="{HEADER_DISTANCE}" w:footer="{HEADER_DISTANCE}" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return sect, width - 2 * margin


def write_docx(doc: Document, path: str | Path) -> list[str]:
    """Write ``doc`` as a Word file at ``path``; returns the names of the parts written."""
    _, text_width = _section(doc)
    sect, _ = _section(doc, _last_margin(doc))
    body = body_xml(doc.blocks, doc, text_width)
    document = (
        parts.XML_HEAD + f'<w:document xmlns:w="{parts.W_NS}" xmlns:r="{parts.R_NS}">'
        f"<w:body>{body}{sect}</w:body></w:document>"
    )
    created = doc.created or datetime.now(UTC)
    files = {
        "[Content_Types].xml": parts.CONTENT_TYPES,
        "_rels/.rels": parts.PACKAGE_RELS,
        "docProps/core.xml": parts.core(
            esc(clean(doc.title)), esc(clean(doc.author)), esc(clean(doc.subject)), created
        ),
        "docProps/app.xml": parts.APP,
        "word/_rels/document.xml.rels": parts.DOCUMENT_RELS,
        "word/document.xml": document,
        "word/styles.xml": parts.styles(doc.setup),
        "word/numbering.xml": parts.NUMBERING,
        "word/settings.xml": parts.SETTINGS,
        "word/fontTable.xml": parts.FONT_TABLE,
        "word/header1.xml": parts.header(esc(shorten(clean(doc.endorsement), ENDORSEMENT_CHARS))),
        "word/footer1.xml": parts.FOOTER,
    }
    stamp = created.astimezone(UTC).timetuple()[:6]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return list(files)
