"""FollowTheMoney export: every line is a valid entity of a standard schema, linked up."""

from __future__ import annotations

import io
import json

from followthemoney import model

from casework.entities.ftm import export_ftm
from tests.entities.conftest import HARBOR, HARBOR_NOTE, QUARRY, QUARRY_NOTE, World

DOCKET = """{"case_name": "United States v. Li Wei", "docket_number": "1:25-cr-00123",
"court": "N.D. Ill.", "date_filed": "2025-05-01",
"parties": [{"name": "Li Wei", "type": "Defendant"},
            {"name": "Shenzhen Brightstar Technology Co., Ltd.", "type": "Defendant"}],
"docket_entries": [{"entry_number": 1, "date_filed": "2025-05-01",
                    "description": "INDICTMENT as to Li Wei."}]}"""


def _export(world: World, case_id: str | None = None) -> list[dict[str, object]]:
    out = io.StringIO()
    export_ftm(world.services.sessions, out, case_id)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_is_valid_followthemoney_with_documents_things_and_mentions(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    world.filing(world.write("public/docket.json", DOCKET))

    lines = _export(world)

    for data in lines:
        proxy = model.get_proxy(data)
        assert proxy.schema.validate({"properties": proxy.properties}) is None
        assert not proxy.schema.abstract
    by_schema: dict[str, list[dict[str, object]]] = {}
    for data in lines:
        by_schema.setdefault(str(data["schema"]), []).append(data)
    assert {"Document", "Person", "Company", "Mention"} <= set(by_schema)
    ids = {data["id"] for data in lines}
    for mention in by_schema["Mention"]:
        properties = mention["properties"]
        assert isinstance(properties, dict)
        assert properties["document"][0] in ids and properties["resolved"][0] in ids
    seizure = next(
        data for data in by_schema["Document"] if "seizure" in json.dumps(data["properties"])
    )
    properties = seizure["properties"]
    assert isinstance(properties, dict)
    assert "ops@brightstar-trade.com" in properties["emailMentioned"]
    assert any(value.startswith("container:") for value in properties["keywords"])


def test_export_of_one_case_holds_only_its_documents(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    world.note(QUARRY, world.write("quarry/complaint.txt", QUARRY_NOTE))

    documents = [data for data in _export(world, QUARRY) if data["schema"] == "Document"]

    assert len(documents) == 1
    assert "complaint" in json.dumps(documents[0])
