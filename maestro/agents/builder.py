"""Builder: assembles generated assets into a bundle that plays from disk.

``BundleAssembler`` takes assets one at a time, in whatever order they finish, and ``finish()``
returns every file of the project: the playable folder ``game/`` (index.html, game.js, data.js
with everything embedded, spec.json, manifest.json, assets/ with the original files) and a zip of
it. Output depends only on the plan and the assets' bytes: same inputs -> byte-identical files.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from typing import Any

from maestro.agents import canvas, codex
from maestro.spec import Asset, BuildPlan
from maestro.version import __version__

EXT = {"image/png": "png", "audio/wav": "wav", "application/json": "json", "text/javascript": "js"}
ATLAS_KINDS = ("sprite", "tile", "icon")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def data_uri(asset: Asset) -> str:
    return f"data:{asset.media_type};base64," + base64.b64encode(asset.data).decode()


def roles_of(plan: BuildPlan) -> dict[str, Any]:
    spec = plan.spec
    return {
        "player": spec.player.slug,
        "enemies": [e.slug for e in spec.enemies],
        "items": [e.slug for e in spec.items],
        "hazards": [e.slug for e in spec.hazards],
        "goal": spec.goal.slug if spec.goal else None,
    }


def deterministic_zip(files: dict[str, bytes], prefix: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    return buf.getvalue()


class BundleAssembler:
    def __init__(self, plan: BuildPlan) -> None:
        self.plan = plan
        self.expected = {(j.kind, j.name): j for j in plan.jobs}
        self.assets: dict[tuple[str, str], Asset] = {}

    @property
    def missing(self) -> list[tuple[str, str]]:
        return sorted(set(self.expected) - set(self.assets))

    def add(self, asset: Asset) -> None:
        ident = (asset.kind, asset.name)
        if ident not in self.expected:
            raise ValueError(f"asset {ident} is not part of the plan")
        self.assets[ident] = asset

    def _of(self, kind: str) -> list[Asset]:
        return [a for (k, _), a in sorted(self.assets.items()) if k == kind]

    def finish(self) -> dict[str, bytes]:
        if self.missing:
            raise ValueError(f"bundle is missing assets: {self.missing[:5]}")
        plan, spec = self.plan, self.plan.spec
        atlas_inputs = [(a.name, a.data, a.meta) for kind in ATLAS_KINDS for a in self._of(kind)]
        atlas_png, atlas_index = canvas.pack_atlas(atlas_inputs)
        levels = sorted((json.loads(a.data) for a in self._of("level")), key=lambda lv: lv["index"])
        music = self._of("music")
        data = {
            "spec": spec.model_dump(mode="json"),
            "config": plan.config,
            "levels": levels,
            "roles": roles_of(plan),
            "palette": spec.art.palette.colors,
            "atlas": {"image": "data:image/png;base64," + base64.b64encode(atlas_png).decode(),
                      "frames": atlas_index["frames"], "anims": atlas_index["anims"]},
            "backgrounds": {a.name: data_uri(a) for a in self._of("background")},
            "sounds": {a.name: data_uri(a) for a in self._of("sfx")},
            "music": data_uri(music[0]) if music else None,
            "maestro": {"version": __version__, "project_id": plan.project_id, "seed": plan.seed},
        }
        code = self._of("code")[0]
        game: dict[str, bytes] = codex.bundle_files(spec.genre, spec.title, data, spec.language)
        game["game.js"] = code.data
        game["assets/atlas.png"] = atlas_png
        entries = []
        for (kind, name), asset in sorted(self.assets.items()):
            path = f"assets/{kind}/{name}.{EXT.get(asset.media_type, 'bin')}"
            if kind != "code":
                game[path] = asset.data
            else:
                path = "game.js"
            entries.append({
                "kind": kind, "name": name, "path": path, "sha256": asset.sha256, "bytes": len(asset.data),
                "seed": asset.seed, "generator": asset.generator, "key": asset.key, "meta": asset.meta,
            })
        game["spec.json"] = (json.dumps(spec.model_dump(mode="json"), indent=2, sort_keys=True) + "\n").encode()
        manifest = {
            "project_id": plan.project_id, "title": spec.title, "genre": spec.genre, "mode": spec.mode,
            "seed": plan.seed, "maestro_version": __version__, "assets": entries,
            "files": {p: hashlib.sha256(b).hexdigest() for p, b in sorted(game.items())},
        }
        game["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
        files = {f"game/{p}": b for p, b in game.items()}
        files[f"{spec.slug}.zip"] = deterministic_zip(game, spec.slug)
        return files
