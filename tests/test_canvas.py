"""Canvas: every generator draws a decodable PNG of the promised size, deterministically."""

import numpy as np
import pytest

from maestro.agents import canvas
from maestro.media.png import decode_png, encode_png
from maestro.spec import AssetJob

PALETTE = {"sky": "#5c94fc", "sky2": "#b8e0ff", "ground": "#8b5a2b", "ground2": "#c68642", "wall": "#7a7a8c",
           "accent": "#f8b800", "player": "#e04040", "player2": "#3060d0", "enemy": "#8040c0", "enemy2": "#40a040",
           "item": "#f8d030", "item2": "#f08020", "hazard": "#c0c0c8", "goal": "#40c060"}
TILES = ["ground", "platform", "wall", "floor", "door", "key", "exit", "box", "target", "spike", "water", "ladder",
         "brick", "grass", "path", "goal"]
THEMES = ["grassland", "desert", "snow", "space", "ocean", "cave", "night", "forest", "city", "lava", ""]
FRAMES = {"player": 7, "enemy": 4, "item": 2, "hazard": 2, "goal": 2}


def job(kind, seed=1, **params):
    params.setdefault("palette", PALETTE)
    return AssetJob(kind=kind, name=str(params.get("slug", kind)), generator=f"maestro.agents.canvas.{kind}", params=params, seed=seed)


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
    asset = canvas.generate(job("sprite", role=role, size=size, slug=f"{role}-x", name=role, view="side"))
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


@pytest.mark.parametrize("name,shape", [("Gold Coin", "coin"), ("diamond", "gem"), ("red apple", "fruit"),
                                        ("rusty key", "key"), ("health potion", "potion"), ("star", "star"),
                                        ("heart", "heart"), ("spike pit", "spikes"), ("cactus", "cactus"),
                                        ("exit door", "door"), ("amulet of Yendor", "amulet"), ("flag", "flag")])
def test_names_pick_recognisable_shapes(name, shape):
    assert canvas.shape_for("item", name) == shape


def test_named_items_look_different():
    drawn = {n: canvas.generate(job("sprite", role="item", name=n)).data for n in ("coin", "gem", "key", "potion", "heart")}
    assert len(set(drawn.values())) == 5


def test_determinism_and_seed():
    a = canvas.generate(job("sprite", seed=3, role="player"))
    assert a.data == canvas.generate(job("sprite", seed=3, role="player")).data
    assert a.data != canvas.generate(job("sprite", seed=4, role="player")).data
    bg = job("background", seed=2, theme="forest")
    assert canvas.generate(bg).data == canvas.generate(bg).data
    assert canvas.generate(bg).data != canvas.generate(job("background", seed=3, theme="forest")).data


@pytest.mark.parametrize("name", TILES + ["unknown-tile"])
def test_every_tile(name):
    asset = canvas.generate(job("tile", tile=name, theme="grass"))
    img = decode_png(asset.data)
    assert img.shape == (16, 16, 4) and asset.meta == {"frames": 1, "w": 16, "h": 16}
    assert (img[..., 3] > 0).mean() > 0.2
    if name in ("ground", "wall", "floor", "brick", "water", "box"):
        assert img[..., 3].min() == 255  # solid tiles fill their square


def test_tiles_are_distinct_and_themed():
    datas = [canvas.generate(job("tile", tile=t)).data for t in TILES]
    assert len(set(datas)) == len(TILES)
    grass = decode_png(canvas.generate(job("tile", tile="ground", theme="grass")).data)
    snow = decode_png(canvas.generate(job("tile", tile="ground", theme="snow")).data)
    assert snow[0, :, :3].mean() > grass[0, :, :3].mean() + 40  # a snowy top is white


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("view", ["side", "top"])
def test_backgrounds(theme, view):
    asset = canvas.generate(job("background", theme=theme, width=480, height=270, view=view))
    img = decode_png(asset.data)
    assert img.shape == (270, 480, 4) and asset.meta["w"] == 480 and asset.meta["h"] == 270
    assert img[..., 3].min() == 255
    assert len(np.unique(img.reshape(-1, 4), axis=0)) >= 3  # not a flat fill


def test_background_themes_differ_and_sky_follows_palette():
    named = [t for t in THEMES if t]  # "" falls back to the same hills as "grassland"
    datas = {t: canvas.generate(job("background", theme=t)).data for t in named}
    assert len(set(datas.values())) == len(named)
    red = decode_png(canvas.generate(job("background", theme="grass", palette={"sky": "#ff0000", "sky2": "#ff0000"})).data)
    assert tuple(red[0, 0, :3]) == (255, 0, 0)


def test_parallax_layer_is_transparent_above():
    img = decode_png(canvas.generate(job("background", theme="grass", layer=1)).data)
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
                         ("tile", {"tile": "door"}), ("background", {"theme": "space"}), ("icon", {"icon": "clock"})]:
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
    for role, slug in [("player", "hero"), ("enemy", "slime"), ("item", "coin"), ("goal", "flag")]:
        a = canvas.generate(job("sprite", role=role, slug=slug, name=slug, size=24 if role == "player" else 16))
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


# --- body plans, themed backgrounds, named items -----------------------------------------------

def _alpha(asset):
    return np.stack([f[..., 3] > 0 for f in frames_of(asset)])


@pytest.mark.parametrize("name,plan", [("Spaceship", "ship"), ("Rival Kart", "car"), ("Coches", "car"), ("Ovnis", "ufo"),
                                       ("Avion", "plane"), ("Asteroid", "rock"), ("Águilas", "bird"), ("Pavana", "bird"),
                                       ("Bat", "bat"), ("Wasp", "insect"), ("Dragon", "dragon"), ("Ghost", "ghost"),
                                       ("Slime", "slime"), ("Skeleton", "skeleton"), ("Araña", "spider"), ("Spin", "spider"),
                                       ("Drone", "drone"), ("Robot", "robot"), ("Tower", "turret"), ("toren", "turret"),
                                       ("Tank", "tank"), ("Barco", "boat"), ("Submarine", "submarine"),
                                       ("Hero", ""), ("Goomba", ""), ("Card", ""), ("Battle mage", ""), ("Bottle imp", "")])
def test_names_pick_body_plans(name, plan):
    assert canvas.body_for(name) == plan


@pytest.mark.parametrize("role", ["player", "enemy"])
@pytest.mark.parametrize("view", ["side", "top"])
def test_vehicle_silhouette_differs_from_creature(role, view):
    ship = canvas.generate(job("sprite", seed=9, role=role, name="spaceship", view=view))
    blob = canvas.generate(job("sprite", seed=9, role=role, name="hero", view=view))
    assert ship.meta["frames"] == blob.meta["frames"] and ship.meta["anims"] == blob.meta["anims"]
    a, b = _alpha(ship), _alpha(blob)
    assert (a[0] ^ b[0]).mean() > 0.15  # a different outline, not a recolour


def test_top_view_ship_points_up_for_the_player_and_down_for_enemies():
    def nose_row(asset):
        m = _alpha(asset)[0]
        rows = np.where(m.any(axis=1))[0]
        width = m.sum(axis=1)
        return width[rows[0] + 2], width[rows[-1] - 4]
    top_narrow, bottom_wide = nose_row(canvas.generate(job("sprite", role="player", name="spaceship", view="top", heading="up")))
    assert top_narrow < bottom_wide
    a = _alpha(canvas.generate(job("sprite", role="enemy", name="spaceship", view="top", heading="down")))[0]
    b = _alpha(canvas.generate(job("sprite", role="enemy", name="spaceship", view="top", heading="up")))[0]
    assert np.array_equal(a, b[::-1]) or (a ^ b[::-1]).mean() < 0.05


def test_vehicle_and_rock_animate():
    rock = frames_of(canvas.generate(job("sprite", role="enemy", name="Asteroid", view="top")))
    assert len({f.tobytes() for f in rock}) == 4  # it tumbles: four different frames
    ship = frames_of(canvas.generate(job("sprite", role="player", name="spaceship", view="top")))
    assert not np.array_equal(ship[2], ship[3])  # the engine flame flickers
    car = frames_of(canvas.generate(job("sprite", role="enemy", name="car", view="side")))
    assert not np.array_equal(car[0], car[1])  # the wheels turn


@pytest.mark.parametrize("name", ["ship", "ufo", "jet", "car", "kart", "tank", "boat", "submarine", "tower", "asteroid", "eagle",
                                  "bat", "bee", "dragon", "ghost", "slime", "skeleton", "spider", "robot", "drone"])
@pytest.mark.parametrize("size", [16, 32])
def test_body_plans_fit_their_frames(name, size):
    for role in ("player", "enemy"):
        for view in ("side", "top"):
            asset = canvas.generate(job("sprite", role=role, name=name, size=size, view=view))
            for f in frames_of(asset):
                alpha = f[..., 3]
                assert alpha[0].max() == alpha[-1].max() == alpha[:, 0].max() == alpha[:, -1].max() == 0 or \
                    (np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]]) == 0).mean() > 0.5
                assert 0.1 < (alpha > 0).mean() < 0.9
            assert asset.data == canvas.generate(job("sprite", role=role, name=name, size=size, view=view)).data


def test_space_background_is_a_starfield_without_grass():
    for seed in range(4):
        img = decode_png(canvas.generate(job("background", seed=seed, theme="Low Orbit space", view="side")).data)[..., :3].astype(int)
        dark = (img.max(axis=2) < 72).mean()
        green = ((img[..., 1] > img[..., 0] + 30) & (img[..., 1] > img[..., 2] + 20)).mean()
        assert dark > 0.5 and green < 0.01
        assert (img.min(axis=2) > 200).sum() > 100  # stars


@pytest.mark.parametrize("theme,scene", [("Low Orbit", "space"), ("Red Moon", "space"), ("Espacio exterior", "space"),
                                         ("ruimte", "space"), ("Mar", "sea"), ("zee", "sea"), ("Tierra", "hills"),
                                         ("bosque", "forest"), ("woestijn", "desert"), ("grot", "cave"), ("castillo", "cave"),
                                         ("noche", "night"), ("Moonlit Street", "city"), ("sneeuw", "snow"),
                                         ("vulkaan", "lava"), ("carretera", "city"), ("Nebula Sector", "space")])
def test_background_theme_words_are_multilingual(theme, scene):
    assert canvas._pick(canvas._words(theme), canvas.SCENES, "hills") == scene


@pytest.mark.parametrize("name,shape", [("banana", "banana"), ("plátano", "banana"), ("pineapple", "pineapple"),
                                        ("piña", "pineapple"), ("manzana", "fruit"), ("appel", "fruit"), ("cherry", "cherry"),
                                        ("carta", "card"), ("kaart", "card"), ("Card", "card"), ("semilla", "seed"),
                                        ("zaad", "seed"), ("crystal", "crystal"), ("ember", "flame"), ("fuego", "flame"),
                                        ("vuur", "flame"), ("treasure chest", "chest"), ("Power-up", "powerup"),
                                        ("shield", "shield"), ("bolt", "bolt"), ("Peces Dorados", "fish"), ("vis", "fish"),
                                        ("Monedas", "coin"), ("llave", "key"), ("Healing Potion", "potion")])
def test_more_item_names(name, shape):
    assert canvas.shape_for("item", name) == shape


def test_new_item_shapes_look_different():
    names = ["card", "chest", "crystal", "pineapple", "banana", "cherry", "fish", "seed", "shield", "bolt", "power-up", "coin"]
    masks = {n: _alpha(canvas.generate(job("sprite", role="item", name=n)))[0] for n in names}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert (masks[a] ^ masks[b]).mean() > 0.05, (a, b)


def test_plan_gives_shooter_backgrounds_a_side_view_in_space():
    from maestro.agents import orchestrator
    from maestro.gdd.parser import parse_gdd
    spec = parse_gdd("# Asteroid Shooter\n\nGenre: shooter. A fixed shooter: you fly a spaceship and shoot asteroids.\n\n"
                     "## Player\nSpaceship\n\n## Enemies\n- Asteroid\n\n## Levels\n1. Low Orbit\n2. Asteroid Belt\n",
                     genre="shooter")
    spec = spec.model_copy(update={"mode": "fixed"})
    plan = orchestrator.plan(spec, 1, "p")
    bgs = [j for j in plan.jobs if j.kind == "background"]
    assert bgs and all(j.params["view"] == "side" for j in bgs)
    assert all(canvas._pick(canvas._words(j.params["theme"]), canvas.SCENES, "hills") == "space" for j in bgs)
    player = next(j for j in plan.jobs if j.kind == "sprite" and j.params["role"] == "player")
    assert player.params["view"] == "top" and player.params["heading"] == "up"
    img = decode_png(canvas.generate(bgs[0]).data)[..., :3].astype(int)
    assert ((img[..., 1] > img[..., 0] + 30) & (img[..., 1] > img[..., 2] + 20)).mean() < 0.01  # no grass in orbit
    scrolling = orchestrator.plan(spec.model_copy(update={"mode": "scrolling"}), 1, "p")
    assert all(j.params["view"] == "side" for j in scrolling.jobs if j.kind in ("sprite", "background"))


def test_a_shooter_hero_with_an_unknown_name_flies_a_ship():
    from maestro.agents import canvas as C
    from maestro.spec import AssetJob

    base = {"role": "player", "slug": "vanguard", "name": "Vanguard", "description": "", "behavior": "player",
            "size": 16, "palette": {}, "style": "pixel", "view": "top", "heading": "up"}
    plain = C.generate(AssetJob(kind="sprite", name="vanguard", generator="canvas.sprite", params=base, seed=5))
    ship = C.generate(AssetJob(kind="sprite", name="vanguard", generator="canvas.sprite",
                               params={**base, "body_hint": "ship"}, seed=5))
    named_ship = C.generate(AssetJob(kind="sprite", name="vanguard", generator="canvas.sprite",
                                     params={**base, "name": "Vanguard ship", "body_hint": "ship"}, seed=5))
    assert ship.data != plain.data
    bogus = C.generate(AssetJob(kind="sprite", name="vanguard", generator="canvas.sprite",
                                params={**base, "body_hint": "no-such-body"}, seed=5))
    assert bogus.data == plain.data and named_ship.data
