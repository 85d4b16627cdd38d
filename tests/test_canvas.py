"""Canvas: every generator draws a decodable PNG of the promised size, deterministically, from
its job's params alone (the look the reader decided; never a name to read again)."""

import typing

import numpy as np
import pytest

from maestro.agents import canvas
from maestro.media.png import decode_png, encode_png
from maestro.spec import AssetJob
from maestro.spec.game import BodyPlan, GroundTop, SceneKind, StillShape

PALETTE = {"sky": "#5c94fc", "sky2": "#b8e0ff", "ground": "#8b5a2b", "ground2": "#c68642", "wall": "#7a7a8c",
           "accent": "#f8b800", "player": "#e04040", "player2": "#3060d0", "enemy": "#8040c0", "enemy2": "#40a040",
           "item": "#f8d030", "item2": "#f08020", "hazard": "#c0c0c8", "goal": "#40c060"}
TILES = ["ground", "platform", "wall", "floor", "door", "key", "exit", "box", "target", "spike", "water", "ladder",
         "brick", "grass", "path", "goal"]
SCENES = ["hills", "desert", "snow", "space", "sea", "cave", "night", "forest", "city", "lava"]
FRAMES = {"player": 7, "enemy": 4, "item": 2, "hazard": 2, "goal": 2}


def job(kind, seed=1, name=None, **params):
    params.setdefault("palette", PALETTE)
    return AssetJob(kind=kind, name=name or kind, generator=f"maestro.agents.canvas.{kind}", params=params, seed=seed)


def frames_of(asset):
    img = decode_png(asset.data)
    w = asset.meta["w"]
    return [img[:, i * w : (i + 1) * w] for i in range(asset.meta["frames"])]


def test_png_round_trip_exact():
    rng = np.random.default_rng(0)
    for shape in [(1, 1, 4), (16, 112, 4), (37, 23, 4)]:
        img = rng.integers(0, 256, shape, dtype=np.uint8)
        img[::3] = img[::3] // 8  # smooth rows so several filter types get chosen
        data = encode_png(img)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert np.array_equal(decode_png(data), img)
    with pytest.raises(ValueError):
        decode_png(b"not a png")
    with pytest.raises(ValueError):
        encode_png(np.zeros((4, 4, 3), np.uint8))


@pytest.mark.parametrize("role", list(FRAMES))
@pytest.mark.parametrize("size", [16, 24, 32])
def test_sprite_strip_size_frames_and_transparent_border(role, size):
    asset = canvas.generate(job("sprite", name=f"{role}-x", role=role, size=size, view="side"))
    assert asset.media_type == "image/png" and asset.kind == "sprite" and asset.name == f"{role}-x"
    img = decode_png(asset.data)
    n = FRAMES[role]
    assert img.shape == (size, size * n, 4)
    assert asset.meta["frames"] == n and asset.meta["w"] == size and asset.meta["h"] == size
    anim_frames = sorted(i for seq in asset.meta["anims"].values() for i in seq)
    assert anim_frames == list(range(n))
    for f in frames_of(asset):
        alpha = f[..., 3]
        edge = np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]])
        assert alpha[0, 0] == alpha[0, -1] == alpha[-1, 0] == alpha[-1, -1] == 0  # transparent around the shape
        assert (edge == 0).mean() > 0.5
        assert 0.15 < (alpha > 0).mean() < 0.9  # something is drawn, and it is not a filled square
        assert set(np.unique(alpha)) <= {0, 255}


def test_animation_frames_differ():
    player = frames_of(canvas.generate(job("sprite", role="player", size=16)))
    walk = [player[i] for i in (2, 3, 4, 5)]
    assert all(not np.array_equal(a, b) for a, b in zip(walk, walk[1:]))
    assert not np.array_equal(player[0], player[1]) and not np.array_equal(player[0], player[6])
    enemy = frames_of(canvas.generate(job("sprite", role="enemy", size=16, behavior="flyer")))
    assert not np.array_equal(enemy[0], enemy[2])
    for role in ("item", "hazard", "goal"):
        a, b = frames_of(canvas.generate(job("sprite", role=role, size=16)))
        assert not np.array_equal(a, b)


def test_top_view_player_also_animates():
    f = frames_of(canvas.generate(job("sprite", role="player", view="top")))
    assert not np.array_equal(f[2], f[4])


def test_sprite_uses_its_role_colour():
    asset = canvas.generate(job("sprite", role="enemy", palette={"enemy": "#00ff00", "enemy2": "#00ff00"}))
    img = decode_png(asset.data)
    opaque = img[img[..., 3] > 0][:, :3].astype(int)
    assert np.any(np.all(opaque == (0, 255, 0), axis=1))


def test_canvas_draws_every_look_the_spec_can_ask_for():
    """The spec's vocabulary (maestro.spec.game) and what Canvas draws are the same lists."""
    assert set(typing.get_args(BodyPlan)) == set(canvas.BODIES)
    assert set(typing.get_args(StillShape)) == set(canvas.SHAPES) | {"orb_or_gem"}
    assert set(typing.get_args(SceneKind)) == set(canvas.SCENES)
    assert set(typing.get_args(GroundTop)) == set(canvas.TOP_COLORS)


def test_shapes_look_different():
    drawn = {n: canvas.generate(job("sprite", role="item", shape=n)).data for n in ("coin", "gem", "key", "potion", "heart")}
    assert len(set(drawn.values())) == 5


def test_output_depends_only_on_the_params_and_seed():
    """Canvas reads no words: the entity's name, or stray name/description params, change nothing."""
    look = {"role": "enemy", "body": "robot", "behavior": "walker", "view": "side", "heading": "right"}
    robot = canvas.generate(job("sprite", seed=4, name="robo-drone", **look)).data
    assert canvas.generate(job("sprite", seed=4, name="tin-man", **look)).data == robot
    wordy = {**look, "palette": PALETTE, "name": "Dragon Ship", "slug": "dragon-ship", "description": "a flying boat"}
    assert canvas.generate(AssetJob(kind="sprite", name="x", generator="g", params=wordy, seed=4)).data == robot
    assert canvas.generate(job("sprite", seed=4, **{**look, "body": "dragon"})).data != robot
    coin = {"role": "item", "shape": "coin"}
    assert canvas.generate(job("sprite", name="gold", **coin)).data == canvas.generate(job("sprite", name="Key", **coin)).data
    bg = {"scene": "snow", "view": "side"}
    assert canvas.generate(job("background", **bg)).data == canvas.generate(job("background", **bg, theme="space")).data


def test_unknown_look_values_fall_back_to_the_roles_default():
    for role, field, default in [("player", "body", "humanoid"), ("enemy", "body", "creature"), ("hazard", "shape", "spikes"),
                                 ("goal", "shape", "flag")]:
        bogus = canvas.generate(job("sprite", seed=5, role=role, **{field: "no-such-look"})).data
        assert bogus == canvas.generate(job("sprite", seed=5, role=role, **{field: default})).data
        assert bogus == canvas.generate(job("sprite", seed=5, role=role)).data
    assert canvas.generate(job("background", scene="moon base")).data == canvas.generate(job("background", scene="hills")).data
    tile = canvas.generate(job("tile", tile="ground", ground_top="lava")).data
    assert tile == canvas.generate(job("tile", tile="ground", ground_top="grass")).data


def test_any_body_serves_either_role():
    """A player drawn as the generic creature, or an enemy as the humanoid: the role still sets the frames."""
    hero = canvas.generate(job("sprite", role="player", body="creature"))
    guard = canvas.generate(job("sprite", role="enemy", body="humanoid"))
    assert hero.meta["frames"] == 7 and guard.meta["frames"] == 4
    assert hero.meta["anims"] == canvas.generate(job("sprite", role="player")).meta["anims"]
    walk = frames_of(guard)
    assert all(not np.array_equal(a, b) for a, b in zip(walk, walk[1:]))


def test_palette_role_sets_the_colours():
    green = {"enemy": "#00ff00", "enemy2": "#00ff00", "player": "#ff0000", "player2": "#ff0000"}
    img = decode_png(canvas.generate(job("sprite", role="player", palette_role="enemy", palette=green)).data)
    opaque = img[img[..., 3] > 0][:, :3].astype(int)
    assert np.any(np.all(opaque == (0, 255, 0), axis=1)) and not np.any(np.all(opaque == (255, 0, 0), axis=1))


def test_determinism_and_seed():
    a = canvas.generate(job("sprite", seed=3, role="player"))
    assert a.data == canvas.generate(job("sprite", seed=3, role="player")).data
    assert a.data != canvas.generate(job("sprite", seed=4, role="player")).data
    bg = job("background", seed=2, scene="forest")
    assert canvas.generate(bg).data == canvas.generate(bg).data
    assert canvas.generate(bg).data != canvas.generate(job("background", seed=3, scene="forest")).data


@pytest.mark.parametrize("name", TILES + ["unknown-tile"])
def test_every_tile(name):
    asset = canvas.generate(job("tile", tile=name, ground_top="grass"))
    img = decode_png(asset.data)
    assert img.shape == (16, 16, 4) and asset.meta == {"frames": 1, "w": 16, "h": 16}
    assert (img[..., 3] > 0).mean() > 0.2
    if name in ("ground", "wall", "floor", "brick", "water", "box"):
        assert img[..., 3].min() == 255  # solid tiles fill their square


def test_tiles_are_distinct_and_wear_the_ground_top():
    datas = [canvas.generate(job("tile", tile=t)).data for t in TILES]
    assert len(set(datas)) == len(TILES)
    grass = decode_png(canvas.generate(job("tile", tile="ground", ground_top="grass")).data)
    snow = decode_png(canvas.generate(job("tile", tile="ground", ground_top="snow")).data)
    assert snow[0, :, :3].mean() > grass[0, :, :3].mean() + 40  # a snowy top is white
    tops = {canvas.generate(job("tile", tile="ground", ground_top=t)).data for t in canvas.TOP_COLORS}
    assert len(tops) == len(canvas.TOP_COLORS)


@pytest.mark.parametrize("scene", SCENES)
@pytest.mark.parametrize("view", ["side", "top"])
def test_backgrounds(scene, view):
    asset = canvas.generate(job("background", scene=scene, width=480, height=270, view=view))
    img = decode_png(asset.data)
    assert img.shape == (270, 480, 4) and asset.meta["w"] == 480 and asset.meta["h"] == 270
    assert img[..., 3].min() == 255
    assert len(np.unique(img.reshape(-1, 4), axis=0)) >= 3  # not a flat fill


def test_background_scenes_differ_and_sky_follows_palette():
    datas = {t: canvas.generate(job("background", scene=t)).data for t in SCENES}
    assert len(set(datas.values())) == len(SCENES)
    red = decode_png(canvas.generate(job("background", scene="hills", palette={"sky": "#ff0000", "sky2": "#ff0000"})).data)
    assert tuple(red[0, 0, :3]) == (255, 0, 0)


def test_parallax_layer_is_transparent_above():
    img = decode_png(canvas.generate(job("background", scene="hills", layer=1)).data)
    assert img[0, :, 3].max() == 0 and img[-1, :, 3].min() == 255


@pytest.mark.parametrize("name", ["heart", "coin", "key", "clock", "star", "skull", "flag"])
@pytest.mark.parametrize("size", [8, 16])
def test_icons(name, size):
    asset = canvas.generate(job("icon", icon=name, size=size))
    img = decode_png(asset.data)
    assert img.shape == (size, size, 4) and asset.meta == {"frames": 1, "w": size, "h": size}
    assert (img[..., 3] > 0).mean() > 0.2


@pytest.mark.parametrize("palette", [{}, None, {"player": "red", "sky": 12}, {"name": "x", "colors": {"enemy": "#123"}}])
def test_palette_missing_or_bad_roles_do_not_crash(palette):
    for kind, params in [("sprite", {"role": "player"}), ("sprite", {"role": "enemy"}), ("sprite", {"role": "hazard"}),
                         ("tile", {"tile": "door"}), ("background", {"scene": "space"}), ("icon", {"icon": "clock"})]:
        asset = canvas.generate(AssetJob(kind=kind, name="x", generator="g", params={**params, "palette": palette}, seed=1))
        assert decode_png(asset.data).shape[2] == 4


def test_palette_colour_parsing():
    from maestro.media import raster
    assert raster.color({"sky": "#102030"}, "sky") == (16, 32, 48)
    assert raster.color({"sky": "#abc"}, "sky") == (0xAA, 0xBB, 0xCC)
    assert raster.color({"sky": "blue"}, "sky") == raster.parse_hex(raster.DEFAULT_COLORS["sky"])
    assert raster.color({}, "player2", "player") == raster.parse_hex(raster.DEFAULT_COLORS["player2"])


def atlas_inputs():
    out = []
    for role, slug, look in [("player", "hero", {}), ("enemy", "slime", {"body": "slime"}), ("item", "coin", {"shape": "coin"}),
                             ("goal", "flag", {"shape": "flag"})]:
        a = canvas.generate(job("sprite", name=slug, role=role, **look, size=24 if role == "player" else 16))
        out.append((slug, a.data, a.meta))
    for t in TILES:
        a = canvas.generate(job("tile", tile=t))
        out.append((f"tile-{t}", a.data, a.meta))
    for i in ("heart", "coin"):
        a = canvas.generate(job("icon", icon=i, size=8))
        out.append((f"icon-{i}", a.data, a.meta))
    return out


def test_pack_atlas_places_every_frame_once_without_overlap():
    inputs = atlas_inputs()
    png, info = canvas.pack_atlas(inputs)
    atlas = decode_png(png)
    h, w = atlas.shape[:2]
    assert w <= 1024 and w & (w - 1) == 0
    used = np.zeros((h, w), bool)
    for name, data, meta in inputs:
        rects = info["frames"][name]
        assert len(rects) == meta["frames"]
        assert info["anims"][name] == meta.get("anims", {"idle": [0]})
        strip = decode_png(data)
        for i, r in enumerate(rects):
            x, y, rw, rh = r["x"], r["y"], r["w"], r["h"]
            assert (rw, rh) == (meta["w"], meta["h"])
            assert x >= 1 and y >= 1 and x + rw <= w - 0 and y + rh <= h
            padded = used[y - 1 : y + rh + 1, x - 1 : x + rw + 1]
            assert not used[y : y + rh, x : x + rw].any(), f"{name} frame {i} overlaps"
            used[y : y + rh, x : x + rw] = True
            # the pixels are the frame's own
            assert np.array_equal(atlas[y : y + rh, x : x + rw], strip[:, i * rw : (i + 1) * rw])
            assert padded.shape[0] >= rh


def test_pack_atlas_is_deterministic_and_order_independent():
    inputs = atlas_inputs()
    a = canvas.pack_atlas(inputs)
    b = canvas.pack_atlas(list(reversed(inputs)))
    assert a[0] == b[0] and a[1] == b[1]
    empty_png, empty = canvas.pack_atlas([])
    assert empty == {"frames": {}, "anims": {}} and decode_png(empty_png).shape == (1, 1, 4)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        canvas.generate(AssetJob(kind="sfx", name="x", generator="g", params={}, seed=1))


# --- body plans, scenes, shapes ---------------------------------------------------------------

def _alpha(asset):
    return np.stack([f[..., 3] > 0 for f in frames_of(asset)])


@pytest.mark.parametrize("role", ["player", "enemy"])
@pytest.mark.parametrize("view", ["side", "top"])
def test_vehicle_silhouette_differs_from_creature(role, view):
    ship = canvas.generate(job("sprite", seed=9, role=role, body="ship", view=view))
    blob = canvas.generate(job("sprite", seed=9, role=role, view=view))
    assert ship.meta["frames"] == blob.meta["frames"] and ship.meta["anims"] == blob.meta["anims"]
    a, b = _alpha(ship), _alpha(blob)
    assert (a[0] ^ b[0]).mean() > 0.15  # a different outline, not a recolour


def test_top_view_ship_points_up_for_the_player_and_down_for_enemies():
    def nose_row(asset):
        m = _alpha(asset)[0]
        rows = np.where(m.any(axis=1))[0]
        width = m.sum(axis=1)
        return width[rows[0] + 2], width[rows[-1] - 4]
    top_narrow, bottom_wide = nose_row(canvas.generate(job("sprite", role="player", body="ship", view="top", heading="up")))
    assert top_narrow < bottom_wide
    a = _alpha(canvas.generate(job("sprite", role="enemy", body="ship", view="top", heading="down")))[0]
    b = _alpha(canvas.generate(job("sprite", role="enemy", body="ship", view="top", heading="up")))[0]
    assert np.array_equal(a, b[::-1]) or (a ^ b[::-1]).mean() < 0.05


def test_vehicle_and_rock_animate():
    rock = frames_of(canvas.generate(job("sprite", role="enemy", body="rock", view="top")))
    assert len({f.tobytes() for f in rock}) == 4  # it tumbles: four different frames
    ship = frames_of(canvas.generate(job("sprite", role="player", body="ship", view="top")))
    assert not np.array_equal(ship[2], ship[3])  # the engine flame flickers
    car = frames_of(canvas.generate(job("sprite", role="enemy", body="car", view="side")))
    assert not np.array_equal(car[0], car[1])  # the wheels turn


@pytest.mark.parametrize("body,one,other", [("plane", "jet", "propeller"), ("car", "default", "kart"),
                                            ("turret", "default", "tower")])
def test_variants_change_the_drawing(body, one, other):
    a = canvas.generate(job("sprite", seed=3, role="enemy", body=body, variant=one))
    b = canvas.generate(job("sprite", seed=3, role="enemy", body=body, variant=other))
    assert (_alpha(a) ^ _alpha(b)).any()  # another outline, not only another colour


@pytest.mark.parametrize("body,variant", [("ship", "default"), ("ufo", "default"), ("plane", "jet"), ("plane", "propeller"),
                                          ("car", "default"), ("car", "kart"), ("tank", "default"), ("boat", "default"),
                                          ("submarine", "default"), ("turret", "tower"), ("turret", "default"),
                                          ("rock", "default"), ("bird", "default"), ("bat", "default"), ("insect", "default"),
                                          ("dragon", "default"), ("ghost", "default"), ("slime", "default"),
                                          ("skeleton", "default"), ("spider", "default"), ("robot", "default"),
                                          ("drone", "default"), ("humanoid", "default"), ("creature", "default")])
@pytest.mark.parametrize("size", [16, 32])
def test_body_plans_fit_their_frames(body, variant, size):
    for role in ("player", "enemy"):
        for view in ("side", "top"):
            asset = canvas.generate(job("sprite", role=role, body=body, variant=variant, size=size, view=view))
            for f in frames_of(asset):
                alpha = f[..., 3]
                assert alpha[0].max() == alpha[-1].max() == alpha[:, 0].max() == alpha[:, -1].max() == 0 or \
                    (np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]]) == 0).mean() > 0.5
                assert 0.1 < (alpha > 0).mean() < 0.9
            assert asset.data == canvas.generate(job("sprite", role=role, body=body, variant=variant, size=size, view=view)).data


def test_space_background_is_a_starfield_without_grass():
    for seed in range(4):
        img = decode_png(canvas.generate(job("background", seed=seed, scene="space", view="side")).data)[..., :3].astype(int)
        dark = (img.max(axis=2) < 72).mean()
        green = ((img[..., 1] > img[..., 0] + 30) & (img[..., 1] > img[..., 2] + 20)).mean()
        assert dark > 0.5 and green < 0.01
        assert (img.min(axis=2) > 200).sum() > 100  # stars


def test_new_item_shapes_look_different():
    names = ["card", "chest", "crystal", "pineapple", "banana", "cherry", "fish", "seed", "shield", "bolt", "powerup", "coin"]
    masks = {n: _alpha(canvas.generate(job("sprite", role="item", shape=n)))[0] for n in names}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert (masks[a] ^ masks[b]).mean() > 0.05, (a, b)


def test_an_item_without_a_shape_is_an_orb_or_a_gem_by_seed():
    drawn = [canvas.generate(job("sprite", seed=seed, role="item", shape="orb_or_gem")).data for seed in range(12)]
    orbs = [canvas.generate(job("sprite", seed=seed, role="item", shape="orb")).data for seed in range(12)]
    gems = [canvas.generate(job("sprite", seed=seed, role="item", shape="gem")).data for seed in range(12)]
    picked = ["orb" if d == o else "gem" if d == g else "?" for d, o, g in zip(drawn, orbs, gems)]
    assert "?" not in picked and {"orb", "gem"} == set(picked)


def test_plan_gives_shooter_backgrounds_a_side_view_in_space():
    from maestro.agents import orchestrator
    from maestro.gdd.looks import with_looks
    from maestro.gdd.parser import parse_gdd
    spec = parse_gdd("# Asteroid Shooter\n\nGenre: shooter. A fixed shooter: you fly a spaceship and shoot asteroids.\n\n"
                     "## Player\nSpaceship\n\n## Enemies\n- Asteroid\n\n## Levels\n1. Low Orbit\n2. Asteroid Belt\n",
                     genre="shooter")
    spec = with_looks(spec.model_copy(update={"mode": "fixed"}))
    plan = orchestrator.plan(spec, 1, "p")
    bgs = [j for j in plan.jobs if j.kind == "background"]
    assert bgs and all(j.params["view"] == "side" and j.params["scene"] == "space" for j in bgs)
    player = next(j for j in plan.jobs if j.kind == "sprite" and j.params["role"] == "player")
    assert player.params["view"] == "top" and player.params["heading"] == "up" and player.params["body"] == "ship"
    img = decode_png(canvas.generate(bgs[0]).data)[..., :3].astype(int)
    assert ((img[..., 1] > img[..., 0] + 30) & (img[..., 1] > img[..., 2] + 20)).mean() < 0.01  # no grass in orbit
    scrolling = orchestrator.plan(with_looks(spec.model_copy(update={"mode": "scrolling"})), 1, "p")
    assert all(j.params["view"] == "side" for j in scrolling.jobs if j.kind in ("sprite", "background"))


def _colours(frame) -> set[tuple[int, ...]]:
    return {tuple(int(c) for c in px[:3]) for px in frame[frame[..., 3] > 0]}


@pytest.mark.parametrize("seed", range(1, 13))
def test_the_players_creature_is_friendly_where_a_foes_scowls(seed):
    """The same seeded creature, in the same colours: as the player (a virtual pet) it smiles and
    blushes in the accent colour, where as an enemy it glares and may bare its teeth."""
    pal = {**PALETTE, "accent": "#00ffff"}
    pet = frames_of(canvas.generate(job("sprite", seed, role="player", body="creature", palette=pal)))
    foe = frames_of(canvas.generate(job("sprite", seed, role="enemy", body="creature", palette_role="player", palette=pal)))
    assert len(pet) == 7 and len(foe) == 4
    assert not np.array_equal(pet[0], foe[0])  # the same pose (idle 0 = move 0), another face
    blush = _colours(pet[0]) - _colours(foe[0])
    assert blush and all(b > r for r, _, b in blush)  # the cheeks: cyan shades the foe never wears


def test_a_virtual_pet_is_drawn_with_a_creature_body_not_a_person():
    """The reader gives a virtual pet (simulation, pet mode) the creature body plan; the plan hands it
    to Canvas, which draws a creature's silhouette, not the humanoid hero's."""
    from pathlib import Path

    from maestro.agents import orchestrator
    from maestro.gdd import parse_gdd

    gdd = Path(__file__).parent / "fixtures" / "gdds" / "simulation_pet_moss_sprite.md"
    spec = parse_gdd(gdd.read_text(encoding="utf-8"))
    assert (spec.genre, spec.mode, spec.player.look.body) == ("simulation", "pet", "creature")
    farm = parse_gdd("# Barn Days\nA farming sim: you play Mae, who tills, sows and harvests her fields.\n")
    assert farm.genre == "simulation" and farm.mode != "pet" and farm.player.look.body == "humanoid"
    plan = orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5))
    sprite_job = next(j for j in plan.jobs if j.kind == "sprite" and j.params.get("role") == "player")
    assert sprite_job.params["body"] == "creature"
    drawn = decode_png(canvas.generate(sprite_job).data)
    person = decode_png(canvas.generate(sprite_job.model_copy(update={"params": {**sprite_job.params,
                                                                                  "body": "humanoid"}})).data)
    assert drawn.shape == person.shape
    assert not np.array_equal(drawn[..., 3] > 0, person[..., 3] > 0)  # another silhouette
