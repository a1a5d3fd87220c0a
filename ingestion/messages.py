"""What ingestion tells its user: every message says what went wrong and what to do next."""

from __future__ import annotations

NOT_FOUND = "no such file or folder; check the path"
BROKEN_LINK = "a symbolic link whose target does not exist; fix or remove the link"
SYMLINK_LOOP = "a symbolic link loop (the link points back at itself); fix or remove the link"
PERMISSION_DENIED = (
    "permission denied; give the user running Casebot read access, or copy the file somewhere "
    "readable"
)
NOT_A_REGULAR_FILE = "not a regular file (a device, socket or pipe); ingest files or folders only"
EMPTY_FILE = "the file is empty (0 bytes); check that it was copied or downloaded completely"
NO_TEXT = "no text could be extracted; if it is a scan, run OCR on it first"
NOTE_NEEDS_CASE = "case notes belong to a case: pass --case CASE_ID"
INGEST_ALREADY_RUNNING = (
    "another ingestion is running on this registry (its data folder or database); "
    "wait for it to finish and try again"
)


def cannot_read(error: OSError) -> str:
    return f"cannot be read ({error.strerror or error}); check the file and try again"


def too_large(size_bytes: int, limit_bytes: int) -> str:
    return (
        f"the file is {_megabytes(size_bytes)} MB, "
        f"over the {_megabytes(limit_bytes)} MB limit; "
        "split it, or raise CASEBOT_MAX_FILE_MB"
    )


def unexpected(error: Exception) -> str:
    return (
        f"could not be ingested ({type(error).__name__}: {error}); the rest of the batch went on. "
        "If the file opens normally elsewhere, report this error"
    )


def _megabytes(size_bytes: int) -> str:
    return f"{size_bytes / 1048576:.3g}"


# --- what the loaders say about one file's content ----------------------------------------------
# Each loader message reads after the file's name: "<name> is empty (0 bytes); ...".

# Plain text and its decoding (text.py, textcodec.py).
EMPTY_TEXT_FILE = (
    "is empty (0 bytes); check that it was saved or copied completely and ingest it again"
)
BLANK_TEXT_FILE = (
    "contains only blank space, no text; check that it was saved or exported completely "
    "and ingest it again"
)
UNKNOWN_ENCODING = (
    "is not UTF-8 and its character encoding could not be recognised; open it in a text "
    "editor, re-save it as UTF-8 and ingest it again"
)
BINARY_NOT_TEXT = (
    "looks like binary data, not text; check that the file is what its name says, or "
    "export it from the program that made it as PDF or plain text"
)


def broken_byte_order_mark(encoding: str, reason: str) -> str:
    name = encoding.upper()
    return (
        f"starts with a {name} byte-order mark but is not valid {name} after it ({reason}); "
        "the file is damaged or mislabelled: re-save it as UTF-8 and ingest it again"
    )


# Formats the registry cannot match to a loader (registry.py).
def unsupported_format(media_type: str) -> str:
    return (
        f"{media_type} is not a format Casebot reads; convert it to PDF, DOCX or text to ingest it"
    )


def office_file_encrypted(extension: str) -> str:
    return (
        f"the .{extension} file is password-protected (Office wraps encrypted documents in an "
        "OLE container); save an unprotected copy and ingest that"
    )


def binary_named_as(extension: str, format_name: str) -> str:
    return (
        f"named .{extension} but the content is binary data, not {format_name.upper()}; "
        "check that the file is what its name says"
    )


def content_does_not_match_name(extension: str, media_type: str) -> str:
    return (
        f"named .{extension} but the content is {media_type}; "
        "the file is damaged or misnamed: re-export it or fix its name"
    )


# PDF (pdf.py).
PDF_WITHOUT_PAGES = (
    "is a PDF with no pages; check that it was exported or downloaded completely and "
    "ingest it again"
)
PDF_PASSWORD_PROTECTED = (
    "is password-protected; remove the password (or ask the sender for an unprotected "
    "copy) and ingest it again"
)
PDF_UNKNOWN_SECURITY = (
    "is encrypted with a security scheme Casebot cannot open; ask the sender for an "
    "unprotected copy and ingest that"
)
PDF_DAMAGED = (
    "is a damaged or truncated PDF that cannot be opened; get a fresh copy from its source "
    "(or re-save it from a PDF viewer) and ingest it again"
)


def pdf_page_unreadable(page_number: int) -> str:
    return (
        f"is a damaged PDF: page {page_number} cannot be read; get a fresh copy from its source "
        "(or re-save it from a PDF viewer) and ingest it again"
    )


def pdf_without_text_layer(page_count: int) -> str:
    pages = "its page has" if page_count == 1 else f"none of its {page_count} pages has"
    return (
        f"is a PDF with no text layer ({pages} extractable text; it is probably a scan); run it "
        "through OCR first (e.g. ocrmypdf, or your scanner's 'searchable PDF' option) and ingest "
        "the OCR'd copy"
    )


# Word (word.py).
DOCX_WITHOUT_TEXT = (
    "is a Word document with no text in its body (text boxes, headers and pictures are not "
    "read); check that it is the right file, or save it as PDF and ingest that"
)
DOCX_WITHOUT_MAIN_PART = (
    "the Word document has no main text part; open it in Word to repair it, "
    "or ask the sender for a fresh copy"
)


def docx_expands_too_far(expanded_bytes: int, limit_bytes: int) -> str:
    return (
        f"the Word document expands to {expanded_bytes / 1048576:.0f} MB, over the "
        f"{limit_bytes / 1048576:.0f} MB limit, and was refused as a "
        "possible zip bomb; if it is genuine, split it or save it as PDF"
    )


def docx_damaged(error: Exception) -> str:
    return (
        f"the Word document is damaged and cannot be read ({_describe(error)}); "
        "open it in Word to repair it, or ask the sender for a fresh copy"
    )


def docx_of_another_kind(content_type: str) -> str:
    return (
        f"this is a Word file of another kind ({content_type}), such as a "
        "macro-enabled document or a template; open it in Word and save it as .docx"
    )


# E-mail (mail.py, outlook.py).
EML_WITHOUT_HEADERS = (
    "the e-mail has none of the headers every message has (From, To, Subject, Date); "
    "the file is damaged or not an e-mail: export the message again from the mail client"
)
MAIL_WITHOUT_CONTENT = (
    "is an e-mail with nothing in it: no sender, recipient, subject, body or attachment; "
    "export the message again from the mail client and ingest that"
)
MSG_NOT_AN_EMAIL = (
    "this Outlook file holds a kind of item Casebot cannot read, not an e-mail; "
    "open it in Outlook and save or print it as PDF to ingest it"
)


def msg_damaged(error: Exception) -> str:
    return (
        f"the Outlook message is damaged or not an e-mail ({type(error).__name__}: {error}); "
        "open it in Outlook and save it again as .msg, or export it as .eml"
    )


# ZIP archives (archive.py).
ARCHIVE_WITHOUT_FILES = (
    "is a ZIP archive with no files in it (at most empty folders); check that it was made or "
    "downloaded completely and ingest it again"
)


def archive_nested_too_deep(max_depth: int) -> str:
    return (
        f"archives are nested more than {max_depth} deep; "
        "unpack the inner archives and ingest them directly"
    )


def archive_damaged(error: Exception) -> str:
    return f"the ZIP archive is damaged ({error}); download or copy it again"


def archive_too_many_members(member_count: int, limit: int) -> str:
    return (
        f"the archive holds {member_count} files, over the limit of {limit}; "
        "split it into smaller archives"
    )


def archive_member_encrypted(member: str) -> str:
    return (
        f"the archive member {member!r} is password-protected; "
        "unpack it with the password and ingest the files"
    )


def archive_member_escapes(member: str) -> str:
    return (
        f"the archive member {member!r} points outside the archive (path traversal); "
        "the archive was refused: do not trust its source"
    )


def archive_expands_too_far(max_total_bytes: int, max_ratio: float) -> str:
    return (
        "the archive expands far beyond its own size (a zip bomb, or over the "
        f"{max_total_bytes / 1048576:.0f} MB / {max_ratio:.0f}x limits); the archive was "
        "refused. If it is genuine, unpack it and ingest the files"
    )


# CSV and XLSX (tabular.py).
EMPTY_TABLE_FILE = (
    "is an empty table file; check that it was exported completely and ingest it again"
)
TABLE_WITHOUT_ROWS = (
    "is a table with no data rows (at most a header); export it again with its rows and ingest that"
)
WORKBOOK_WITHOUT_ROWS = (
    "is a workbook with no sheet holding data rows (at most a header); check that it "
    "is the right workbook, fill it and ingest it again"
)


def csv_unreadable(error: Exception) -> str:
    return (
        f"could not be read as a table: {error}; open it in a spreadsheet program and "
        "export it again as CSV, then ingest that"
    )


def workbook_expands_too_far(expanded_bytes: int, limit_bytes: int) -> str:
    return (
        f"is a workbook that expands to {expanded_bytes // 1048576} MB, over the "
        f"{limit_bytes // 1048576} MB limit; it may be a zip bomb. "
        "Split it into smaller workbooks (or export the sheets as CSV) and ingest those"
    )


def workbook_damaged(error: Exception) -> str:
    return (
        f"is not a readable XLSX workbook ({type(error).__name__}: {error}); the file is "
        "damaged: open it in Excel or LibreOffice, save it again (or export it as CSV) and "
        "ingest that"
    )


# JSON and XML (structured.py, tsdr.py).
EMPTY_JSON_FILE = "is an empty JSON file; check that it was exported completely and ingest it again"
JSON_WITHOUT_VALUES = (
    "is JSON with no values in it (only empty objects, lists or nulls); check "
    "that the right data was exported and ingest it again"
)
JSON_TOO_DEEP = "is JSON nested too deeply to read; export it with less nesting and ingest it again"
EMPTY_XML_FILE = "is an empty XML file; check that it was exported completely and ingest it again"
XML_WITHOUT_TEXT = (
    "is XML with elements but no text in them; check that the right data was "
    "exported and ingest it again"
)
XML_WITHOUT_ROOT = "has no XML root element; the file is damaged: export it again and ingest that"
DOCKET_WITHOUT_CONTENT = (
    "is a court docket with no case details, parties or entries in it; download the docket "
    "again (from PACER, CourtListener or RECAP) and ingest that"
)
TSDR_WITHOUT_TRADEMARK = (
    "is a USPTO TSDR file with no trademark in it; download the status record from TSDR "
    "again and ingest that"
)


def json_invalid(reason: str, line: int, column: int) -> str:
    return (
        f"is not valid JSON: {reason} at line {line}, column {column}; "
        "fix it there (or export it again) and ingest it again"
    )


def xml_entities_refused(reason: str, line: int) -> str:
    return (
        f"declares XML entities that Casebot will not expand ({reason}, line {line}); "
        "such entities can read local files or blow up to gigabytes, so the file is "
        "refused: ask the sender for an export without a DTD and ingest that"
    )


def xml_malformed(reason: str, line: int, column: int) -> str:
    return (
        f"is not well-formed XML: {reason} (line {line}, column {column}); "
        "the file is damaged or cut short: export it again and ingest that"
    )


# HTML (html.py).
HTML_WITHOUT_TEXT = (
    "is an HTML page with no readable text (only markup, scripts or navigation); open it in "
    "a browser to check, save the page again with its content, or print it to PDF and "
    "ingest that"
)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
