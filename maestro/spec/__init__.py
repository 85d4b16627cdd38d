"""Every boundary model of Maestro, in one place.

    GDD text --parse--> GameSpec --plan--> BuildPlan --fan out--> GeneratedAsset --build--> bundle
             --QA--> QualityReport --publish--> BuildRecord (catalog row)      ... as BuildEvents

Every model is plain pydantic so it can cross a Ray boundary, be written as JSON into a bundle
(``spec.json``, ``manifest.json``, ``report.json``) and be read back unchanged.
"""

from maestro.spec.base import Model, canonical_json
from maestro.spec.events import (AssetDone, BuildEvent, Failed, Planned, Published, QARound, RepairMade, Reused,
                                 StageStarted)
from maestro.spec.game import ArtStyle, AudioMood, Behavior, Entity, EntityKind, GameSpec, LevelSpec, Mechanic, Palette
from maestro.spec.plan import (AGENT_OF_KIND, GENERATOR_VERSION, AgentKind, Asset, AssetJob, AssetKind, BuildPlan, GeneratedAsset, request_id,
                               LevelEntity, LevelRequest)
from maestro.spec.quality import BotSummary, Check, QualityReport
from maestro.spec.record import STAGES, BuildRecord, PublishedMarker, catalog_schema

__all__ = [
    "Model", "canonical_json",
    "ArtStyle", "AudioMood", "Behavior", "Entity", "EntityKind", "GameSpec", "LevelSpec", "Mechanic", "Palette",
    "AGENT_OF_KIND", "GENERATOR_VERSION", "request_id", "AgentKind", "Asset", "AssetJob", "AssetKind", "BuildPlan", "GeneratedAsset",
    "LevelEntity", "LevelRequest",
    "BotSummary", "Check", "QualityReport",
    "STAGES", "BuildRecord", "PublishedMarker", "catalog_schema",
    "AssetDone", "BuildEvent", "Failed", "Planned", "Published", "QARound", "RepairMade", "Reused", "StageStarted",
]
