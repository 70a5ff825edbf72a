"""The fixed parts of a Word package: content types, relationships, styles, numbering, settings.

Written by hand rather than from python-docx's template, so a file carries nothing it did not
ask for (no template thumbnail, no "python-docx" author) and is quick to write.
"""

from __future__ import annotations

from datetime import UTC, datetime

from exports.document import PageSetup
from exports.fonts import WORD_FONT

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NUM_ID = 1
NUMBER_INDENT = 720  # twips: 1.27 cm, the same hanging indent as the PDF

CONTENT_TYPES = (
    XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}header" Target="header1.xml"/>'
    f'<Relationship Id="rId6" Type="{_REL}footer" Target="footer1.xml"/>'
    "</Relationships>"
)

SETTINGS = (
    XML_HEAD + f'<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-GB"/>'
    "</w:settings>"
)

FONT_TABLE = (
    XML_HEAD + f'<w:fonts xmlns:w="{W_NS}">'
    f'<w:font w:name="{WORD_FONT}"><w:panose1 w:val="020B0604020202020204"/>'
    '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

NUMBERING = (
    XML_HEAD + f'<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:pStyle w:val="NumberedParagraph"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
    f'<w:pPr><w:ind w:left="{NUMBER_INDENT}" w:hanging="{NUMBER_INDENT}"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
    f'<w:num w:numId="{NUM_ID}"><w:abstractNumId w:val="0"/></w:num>'
    "</w:numbering>"
)


def _line(spacing: float) -> int:
    return round(240 * spacing)


def styles(setup: PageSetup) -> str:
    """styles.xml: body type and spacing from the page setup; real heading and list styles."""
    size = round(setup.font_size * 2)
    line = _line(setup.line_spacing)
    after = round(setup.space_after * 20)
    fonts = (
        f'<w:rFonts w:ascii="{WORD_FONT}" w:hAnsi="{WORD_FONT}" w:eastAsia="{WORD_FONT}" '
        f'w:cs="{WORD_FONT}"/>'
    )

    def para(style_id: str, name: str, ppr: str = "", rpr: str = "", extra: str = "") -> str:
        return (
            f'<w:style w:type="paragraph" w:customStyle="{int(style_id in _CUSTOM)}" '
            f'w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="Normal"/><w:qFormat/>{extra}<w:pPr>{ppr}</w:pPr>'
            f"<w:rPr>{rpr}</w:rPr></w:style>"
        )

    return (
        XML_HEAD + f'<w:styles xmlns:w="{W_NS}">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}"
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f'<w:pPrDefault><w:pPr><w:spacing w:after="{after}" w:line="{line}" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>"
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        "<w:semiHidden/></w:style>"
        + para(
            "Title",
            "Title",
            '<w:keepNext/><w:jc w:val="center"/>',
            '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>',
        )
        + para(
            "Heading1",
            "heading 1",
            '<w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/>',
            "<w:b/><w:bCs/>",
        )
        + para(
            "Heading2",
            "heading 2",
            '<w:keepNext/><w:spacing w:before="120"/><w:outlineLvl w:val="1"/>',
            "<w:b/><w:bCs/>",
        )
        + para(
            "NumberedParagraph",
            "Numbered Paragraph",
            f'<w:numPr><w:numId w:val="{NUM_ID}"/></w:numPr>'
            f'<w:ind w:left="{NUMBER_INDENT}" w:hanging="{NUMBER_INDENT}"/>',
        )
        + para("TopRight", "Top Right", '<w:spacing w:after="0"/><w:jc w:val="right"/>')
        + para("TableText", "Table Text", '<w:spacing w:after="0"/>')
        + para(
            "TableHeading",
            "Table Heading",
            '<w:keepNext/><w:spacing w:after="0"/>',
            "<w:b/><w:bCs/>",
        )
        + para(
            "Header",
            "header",
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/>',
        )
        + para(
            "Footer",
            "footer",
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
        )
        + "</w:styles>"
    )


_CUSTOM = {"NumberedParagraph", "TopRight", "TableText", "TableHeading"}


def header(text: str) -> str:
    """header1.xml: the endorsement (case number and witness initials) on every page."""
    return (
        XML_HEAD + f'<w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:hdr>'
    )


def _field(instruction: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


FOOTER = (
    XML_HEAD + f'<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">Page </w:t></w:r>'
    + _field("PAGE \\* Arabic")
    + '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
    + _field("NUMPAGES \\* Arabic")
    + "</w:p></w:ftr>"
)


def w3cdtf(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def core(title: str, author: str, subject: str, created: datetime) -> str:
    """docProps/core.xml: title, author and times set explicitly; nothing else."""
    stamp = w3cdtf(created)
    return (
        XML_HEAD
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        'XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>"
        f"<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
        "<cp:keywords></cp:keywords><dc:description></dc:description>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP = (
    XML_HEAD
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Throughline</Application><DocSecurity>0</DocSecurity></Properties>"
)
