"""The loaders Casebot ships, in the registry that chooses among them."""

from __future__ import annotations

from ingestion.loaders.archive import ZipLoader
from ingestion.loaders.html import HtmlLoader
from ingestion.loaders.mail import EmlLoader, MsgLoader
from ingestion.loaders.pdf import PdfLoader
from ingestion.loaders.registry import LoaderRegistry
from ingestion.loaders.structured import JsonLoader, XmlLoader
from ingestion.loaders.tabular import CsvLoader, XlsxLoader
from ingestion.loaders.text import TextLoader
from ingestion.loaders.word import DocxLoader


def default_registry() -> LoaderRegistry:
    return LoaderRegistry(
        [
            PdfLoader(),
            DocxLoader(),
            XlsxLoader(),
            ZipLoader(),
            EmlLoader(),
            MsgLoader(),
            HtmlLoader(),
            XmlLoader(),
            JsonLoader(),
            CsvLoader(),
            TextLoader(),
        ]
    )
