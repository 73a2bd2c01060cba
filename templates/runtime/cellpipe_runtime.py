# ---- cellpipe step runtime ---------------------------------------------------------------------
# The same text ends every step script, after the step's own part (templates/step.py.njk); the
# constants that part defines (NOTEBOOK, STEP, PARAMETERS, ...) reach main() as a dict (the last
# lines). It is real Python, linted by ruff and tested by tests/python/test_runtime_module.py, and
# is added to the script as written (src/core/generate/step-script.ts). Standard library only.
import argparse
import builtins
import importlib
import json
import linecache
import marshal
import math
import os
import pickle
import shutil
import sys
import tempfile
import time
import traceback
import types

# ---- marshalling ----------------------------------------------------------------------------------
# One directory per variable: the value in the format chosen below, plus cellpipe.json naming it.
# A library's fast path is used only when the value comes from that library, which is then
# already imported (sys.modules), so nothing heavy is imported needlessly.

MANIFEST = "cellpipe.json"
MANIFEST_VERSION = 1
PICKLE_PROTOCOL = min(5, pickle.HIGHEST_PROTOCOL)


class CellpipeError(Exception):
    """A problem reported as one line, without a traceback."""


def _type_name(value):
    kind = type(value)
    return "%s.%s" % (kind.__module__, kind.__qualname__)


def _optional_module(name):
    """The module if it can be imported, else None. Only for modules that import quickly
    (cloudpickle, joblib)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _cloudpickle():
    """cloudpickle, else the copy that joblib 1.4 and earlier (scikit-learn's) carry, else None.
    Images with such a scikit-learn but no cloudpickle can then pass the notebook's functions."""
    found = _optional_module("cloudpickle")
    if found is None:
        try:
            found = _optional_module("joblib.externals.cloudpickle")
        except Exception:  # a joblib that fails to import: as if there were none
            found = None
    return found


def _is_cloudpickle_module(module):
    for package in ("cloudpickle", "joblib.externals.cloudpickle"):
        if module == package or module.startswith(package + "."):
            return True
    return False


def _write_atomically(directory, name, write):
    """write(path) fills a temporary file that becomes `name` only once it is complete."""
    temp = os.path.join(directory, ".%s.%d-%s.tmp" % (name, os.getpid(), os.urandom(4).hex()))
    try:
        write(temp)
        os.replace(temp, os.path.join(directory, name))
    except BaseException:
        if os.path.lexists(temp):
            os.remove(temp)
        raise


# -- numpy ------------------------------------------------------------------------------------
def _is_plain_ndarray(value):
    numpy = sys.modules.get("numpy")
    return numpy is not None and type(value) is numpy.ndarray and not value.dtype.hasobject


def _save_npy(value, path):
    numpy = sys.modules["numpy"]
    with open(path, "wb") as stream:
        numpy.save(stream, value, allow_pickle=False)


# From this size, arrays are mapped copy-on-write: writable, writes stay in this process and never
# reach the file, and pages come from the page cache as they are touched, not copied up front.
_MAP_NPY_FROM_BYTES = 16 * 2**20


def _load_npy(path, manifest, namespace):
    import numpy

    if os.path.getsize(path) < _MAP_NPY_FROM_BYTES:
        array = numpy.load(path, allow_pickle=False)
        # numpy.load gives a view of the array it read: an owner, as the step that saved it had,
        # can be resized in place (`a.resize(n)`). A mapped array never owns its data.
        array = array if array.flags.owndata else array.copy(order="K")
    else:
        array = numpy.asarray(numpy.load(path, mmap_mode="c", allow_pickle=False))  # not a memmap
    if manifest.get("read_only"):
        array.setflags(write=False)  # as saved (`a.setflags(write=False)`): writes still raise
    return array


# -- pandas -------------------------------------------------------------------------------------
SERIES_COLUMN = "__cellpipe_series__"


def _pandas_kind(value):
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return None
    if type(value) is pandas.DataFrame:
        return "frame"
    if type(value) is pandas.Series:
        return "series"
    return None


def _parquet_keeps(frame):
    """Whether parquet gives this frame back exactly: string column names, no object columns
    except complete string columns where pandas reads strings as object (lists would come back
    as arrays, NaN as None, strings as `str` in pandas 3), categoricals
    only of strings, no attrs or flags, no index frequency, times in ms, us or ns, and an index
    whose levels hold the same and are named by strings."""
    pandas = sys.modules["pandas"]
    columns = frame.columns
    if frame.attrs or isinstance(columns, pandas.MultiIndex) or not columns.is_unique:
        return False
    if not frame.flags.allows_duplicate_labels:
        return False
    if not all(isinstance(name, str) for name in columns):
        return False
    if getattr(frame.index, "freq", None) is not None:  # parquet drops a DatetimeIndex's freq
        return False
    index = frame.index
    for position, name in enumerate(index.names):
        level = index.get_level_values(position) if index.nlevels > 1 else index
        # A CategoricalIndex comes back with its categories sorted; a name 0 as "0"
        if not (name is None or isinstance(name, str)) or not _parquet_keeps_values(
                level, pandas, categorical=False):
            return False
    return all(_parquet_keeps_values(frame[name], pandas) for name in columns)


def _parquet_keeps_values(values, pandas, categorical=True):
    """A column or index level parquet gives back as it was (see `_parquet_keeps`)."""
    dtype = values.dtype
    if not _parquet_keeps_unit(dtype):
        return False
    if isinstance(dtype, pandas.CategoricalDtype):
        # Categories of numbers or bools come back as plain columns of them
        return categorical and pandas.api.types.infer_dtype(dtype.categories, skipna=False) == "string"
    if str(dtype) == "object":
        return (pandas.api.types.infer_dtype(values, skipna=False) == "string"
                and _pandas_reads_strings_as_object(pandas))
    return True


_READS_STRINGS_AS_OBJECT = {}


def _pandas_reads_strings_as_object(pandas):
    """Whether pandas makes strings an object column (pandas 2), as parquet's are read back; pandas
    3 makes them its `str` dtype, and an object column of strings would come back as one."""
    found = _READS_STRINGS_AS_OBJECT.get(pandas.__version__)
    if found is None:
        found = _READS_STRINGS_AS_OBJECT[pandas.__version__] = str(pandas.Series(["x"]).dtype) == "object"
    return found


def _parquet_keeps_unit(dtype):
    """Parquet keeps times in ms, us or ns: `datetime64[s]` would come back as `[ms]`."""
    if getattr(dtype, "kind", None) not in ("M", "m"):
        return True
    unit = getattr(dtype, "unit", None)
    if unit is None:
        unit = sys.modules["numpy"].datetime_data(dtype)[0]
    return unit in ("ms", "us", "ns")


def _save_parquet(value, path):
    frame = value
    if _pandas_kind(value) == "series":
        if not (value.name is None or type(value.name) in (str, int)):
            raise CellpipeError("the series' name %r cannot be recorded" % (value.name,))
        frame = value.to_frame(SERIES_COLUMN)
    if not _parquet_keeps(frame):
        raise CellpipeError("parquet would not give this frame back exactly")
    # Tuned for speed over size (bench/README.md): no compression and no column statistics, and
    # dictionary encoding only where the values already are one (categoricals). Encoding or
    # hashing every value cost 3-4x the time of writing the file; pickle's file is larger still.
    pandas = sys.modules["pandas"]
    categorical = [name for name in frame.columns
                   if isinstance(frame[name].dtype, pandas.CategoricalDtype)]
    frame.to_parquet(path, engine="pyarrow", compression=None, write_statistics=False,
                     use_dictionary=categorical or False)


def _load_parquet(path, manifest, namespace):
    import pandas

    frame = pandas.read_parquet(path, engine="pyarrow", memory_map=True)
    if "series_name" in manifest:
        return frame[SERIES_COLUMN].rename(manifest["series_name"])
    return frame


# -- scikit-learn, torch ------------------------------------------------------------------------------
def _is_sklearn_estimator(value):
    base = sys.modules.get("sklearn.base")
    return base is not None and isinstance(value, base.BaseEstimator)


def _holds_notebook_code(estimator):
    """Whether an estimator is, or holds at any depth, a class or function the notebook defined
    (its own estimator class, FunctionTransformer(double), functools.partial(scale), a scorer of
    a notebook loss): joblib saves those by name, which the step that loads it has not;
    cloudpickle saves them with their code. Found by a pickling pass that writes nothing and
    leaves arrays' data out of band (not copied): it walks the objects, not the bytes."""
    try:
        _NotebookCodeFinder(_Discard(), PICKLE_PROTOCOL, buffer_callback=_out_of_band).dump(estimator)
    except _NotebookCodeFound:
        return True
    except Exception:
        return True  # plain pickle cannot save it: the generic format will say why
    return False


class _NotebookCodeFound(Exception):
    pass


class _Discard:
    """A file that keeps nothing. `data` may be a PickleBuffer, which has no len()."""

    def write(self, data):
        pass


def _out_of_band(buffer):
    return None  # a false value: the buffer stays out of band, the pickler does not copy it


class _NotebookCodeFinder(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, (type, types.FunctionType)) and getattr(obj, "__module__", None) == "__main__":
            raise _NotebookCodeFound()
        return NotImplemented


def _save_joblib(value, path):
    import joblib

    joblib.dump(value, path, protocol=PICKLE_PROTOCOL)


def _load_joblib(path, manifest, namespace):
    import joblib

    return joblib.load(path)


def _is_torch_value(value):
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(value, (torch.Tensor, torch.nn.Module))


def _save_torch(value, path):
    # The whole object, not a state_dict: a state_dict cannot be loaded without the model's class.
    # cloudpickle (when present) carries classes defined in the notebook along.
    torch = sys.modules["torch"]
    torch.save(value, path, pickle_module=_cloudpickle() or pickle)


def _load_torch(path, manifest, namespace):
    import torch

    location = None if torch.cuda.is_available() else "cpu"
    try:
        return torch.load(path, map_location=location, weights_only=False)
    except TypeError:  # torch < 1.13 has no weights_only
        return torch.load(path, map_location=location)


# -- modules ------------------------------------------------------------------------------------
# A module goes by its name, with the submodules loaded under it: `import email.mime.text` binds
# `email`, and a later step's `email.mime.text.MIMEText` needs `email.mime.text` imported too.
def _save_module(value, path):
    prefix = value.__name__ + "."
    submodules = sorted(name for name, module in list(sys.modules.items())
                        if name.startswith(prefix) and module is not None and _is_attribute_path(name))
    text = json.dumps({"module": value.__name__, "submodules": submodules})
    _write_text(path, text)


def _is_attribute_path(name):
    """`a.b.c` is reached from `a` by attributes (not a private module nobody binds)."""
    parent, _, child = name.rpartition(".")
    return getattr(sys.modules.get(parent), child, None) is sys.modules.get(name)


def _load_module(path, manifest, namespace):
    with open(path, encoding="utf-8") as stream:
        saved = json.load(stream)
    module = importlib.import_module(saved["module"])
    for name in saved["submodules"]:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - as without it: an attribute error where it is used
            pass
    return module


# -- one matplotlib figure under several names ----------------------------------------------------
# `fig, ax = plt.subplots()` in one step, `ax.plot(x)` then `fig.savefig(p)` in a later one: top to
# bottom `ax` is one of `fig`'s axes. Each output is saved alone, with a copy of its figure, so the
# later step would draw on the copy `ax` carries and save an empty `fig`. Where a step hands on
# several names of one figure (the figure, a seaborn grid on it, axes of it alone or in an array,
# a list, a tuple or a dict, an inset, artists it keeps: a line, a title, a legend, a colour bar),
# each one's manifest says where it sits in that figure (FIGURE_SHARE); a step that takes two or
# more of them from that step takes them all from one copy.
FIGURE_SHARE = "figure_share"


def _axes_in(value, axes_class):
    """The axes `value` is or holds, and its form (to put them back): one axes, an array of them
    (plt.subplots(2, 2)), a list or tuple, or a dict by label (plt.subplot_mosaic); else None.
    Anything else is told by its first item, so a large output costs no walk through it."""
    if isinstance(value, axes_class):
        return [value], {"form": "one"}
    numpy = sys.modules.get("numpy")
    if numpy is not None and type(value) is numpy.ndarray:
        if value.dtype != object or not value.size or not isinstance(value.flat[0], axes_class):
            return None
        found, form = list(value.flat), {"form": "array", "shape": list(value.shape)}
    elif type(value) in (list, tuple) and value:
        if not isinstance(value[0], axes_class):
            return None
        found, form = list(value), {"form": type(value).__name__}
    elif type(value) is dict and value:
        if not isinstance(next(iter(value.values())), axes_class) or \
                not all(type(key) is str for key in value):
            return None
        found, form = list(value.values()), {"form": "dict", "keys": list(value)}
    else:
        return None
    if all(isinstance(ax, axes_class) and ax.figure is found[0].figure for ax in found):
        return found, form
    return None


def _every_axes(figure):
    """(place, axes) of each axes of `figure`: its index among the figure's axes, or for an inset
    axes (ax.inset_axes(…), kept among its parent's child axes, not the figure's) the indices
    down to it, [parent, child], a few levels down."""
    found = []

    def add(place, axes, depth):
        found.append((place[0] if len(place) == 1 else place, axes))
        if depth:
            for j, child in enumerate(getattr(axes, "child_axes", ())):
                add(place + [j], child, depth - 1)

    for i, own in enumerate(figure.axes):
        add([i], own, 3)
    return found


def _axes_at(figure, place):
    """The axes at `place` (_every_axes) in `figure`, or None where the figure has none there."""
    path = [place] if type(place) is int else place
    if type(path) is not list or not path or not all(type(i) is int and i >= 0 for i in path):
        return None
    found, among = None, figure.axes
    for i in path:
        if i >= len(among):
            return None
        found = among[i]
        among = getattr(found, "child_axes", ())
    return found


# The lists in which axes keep the artists they draw (`im = ax.imshow(a)` is in ax.images).
_ARTIST_LISTS = ("lines", "collections", "images", "patches", "texts", "containers")
# The artists axes keep one of, by the attributes that lead to each (`t = ax.set_title("a")` is
# ax.title, `leg = ax.legend()` ax.legend_, `lab = ax.set_xlabel("x")` ax.xaxis.label).
_AXES_ARTISTS = {"title": ("title",), "left_title": ("_left_title",),
                 "right_title": ("_right_title",), "xlabel": ("xaxis", "label"),
                 "ylabel": ("yaxis", "label"), "legend": ("legend_",)}
# The colour bar drawn in axes of their own (`cbar = fig.colorbar(im)` is cbar.ax._colorbar).
_COLORBAR = "colorbar"
# The lists in which a figure keeps artists of its own (`fig.text`, `fig.suptitle`, `fig.legend`),
# and the place that stands for the figure itself where an artist's axes' place would be.
_FIGURE_LISTS = ("texts", "legends", "lines", "patches", "images", "artists")
_OWN = "figure"


def _artists_in(value, classes):
    """The artists `value` is or holds (one, as ax.imshow or fig.colorbar gives, or a list, as
    ax.plot gives), their figure, and the form; None for anything else, or artists of no figure
    or of two. A list whose first item is no artist costs no walk through it."""
    artist = sys.modules.get("matplotlib.artist")
    container = sys.modules.get("matplotlib.container")
    colorbar = sys.modules.get("matplotlib.colorbar")
    if artist is None or container is None:
        return None
    kinds = (artist.Artist, container.Container) + ((colorbar.Colorbar,) if colorbar else ())
    if isinstance(value, kinds):
        found, form = [value], {"form": "one"}
    elif type(value) is list and value and isinstance(value[0], kinds) and \
            all(isinstance(item, kinds) for item in value):
        found, form = list(value), {"form": "list"}
    else:
        return None
    figures = [_artist_figure(item, artist.Artist, classes) for item in found]
    if None in figures or any(figure is not figures[0] for figure in figures):
        return None
    return found, figures[0], form


def _artist_figure(item, artist_class, classes):
    """The figure `item` is drawn in: its axes' (a container's first artist's, a colour bar's own
    axes'), or the figure's own where it has no axes (`fig.text`, an axis label); else None."""
    figure_class, axes_class = classes
    if not isinstance(item, artist_class):
        owner = getattr(item, "ax", None)  # a colour bar
        if isinstance(owner, axes_class):
            return owner.figure
        item = next((part for part in item if isinstance(part, artist_class)), None)
    owner = getattr(item, "axes", None)
    if isinstance(owner, axes_class):
        return owner.figure
    figure = getattr(item, "figure", None)
    return figure if isinstance(figure, figure_class) else None


def _attribute_path(owner, path):
    for attribute in path:
        owner = getattr(owner, attribute, None)
    return owner


def _places_in(figure, role):
    """id -> place in `figure` of each of its axes (role "axes": _every_axes) or of each artist it
    keeps (role "artists": [its axes' place, or _OWN for the figure itself; the list or attribute
    that keeps it, _ARTIST_LISTS, _AXES_ARTISTS, _COLORBAR or _FIGURE_LISTS; its index there, 0
    for an attribute])."""
    axes_places = _every_axes(figure)
    if role == "axes":
        return {id(ax): where for where, ax in axes_places}
    kept = {}

    def keep(item, place):
        if item is not None:
            kept.setdefault(id(item), place)

    for kind in _FIGURE_LISTS:
        for i, own in enumerate(getattr(figure, kind, ())):
            keep(own, [_OWN, kind, i])
    for where, axes in axes_places:
        for kind in _ARTIST_LISTS:
            for i, own in enumerate(getattr(axes, kind, ())):
                keep(own, [where, kind, i])
        for kind, path in _AXES_ARTISTS.items():
            keep(_attribute_path(axes, path), [where, kind, 0])
        keep(getattr(axes, "_colorbar", None), [where, _COLORBAR, 0])
    return kept


def _artist_at(figure, place):
    """The artist at `place` (_places_in) in `figure`; None where the figure has none there."""
    if type(place) is not list or len(place) != 3 or type(place[2]) is not int or place[2] < 0:
        return None
    where, kind, index = place
    own = where == _OWN
    owner = figure if own else _axes_at(figure, where)
    if owner is None:
        return None
    if kind in (_FIGURE_LISTS if own else _ARTIST_LISTS):
        kept = list(getattr(owner, kind, ()))
        return kept[index] if index < len(kept) else None
    if own or index != 0:
        return None
    if kind in _AXES_ARTISTS:
        return _attribute_path(owner, _AXES_ARTISTS[kind])
    return getattr(owner, "_colorbar", None) if kind == _COLORBAR else None


def _figure_role(value, figure_class, axes_class):
    """(role, figure, parts, form) of a figure ("figure"), a seaborn grid ("grid"), axes of one
    figure ("axes", with _axes_in's axes and form), or artists it keeps ("artists", with
    _artists_in's artists and form); None for anything else."""
    if isinstance(value, figure_class):
        return "figure", value, None, None
    held = _axes_in(value, axes_class)
    if held is not None:
        return "axes", held[0][0].figure, held[0], held[1]
    if type(value).__module__.startswith("seaborn."):
        figure = getattr(value, "figure", None)
        if isinstance(figure, figure_class):
            return "grid", figure, None, None
    drawn = _artists_in(value, (figure_class, axes_class))
    if drawn is not None:
        return "artists", drawn[1], drawn[0], drawn[2]
    return None


def _matplotlib_classes():
    """matplotlib's figure and axes classes, where the step has imported them; else None."""
    figure, axes = sys.modules.get("matplotlib.figure"), sys.modules.get("matplotlib.axes")
    if figure is None or axes is None:
        return None
    return figure.FigureBase, axes.Axes


def figure_shares(outputs):
    """Output name -> its FIGURE_SHARE entry, for the outputs that share a figure with another:
    the figure's tag (the first of their names), the role, and for axes or artists where each
    sits in the figure (_places_in), their form, and how many axes the figure
    had."""
    classes = _matplotlib_classes()
    if classes is None:
        return {}
    groups = {}
    for name in sorted(outputs):
        try:
            role = _figure_role(outputs[name], *classes)
        except Exception:  # an object whose attributes raise (`axes`): saved alone, as any other
            role = None
        if role is not None:
            groups.setdefault(id(role[1]), []).append((name, role))
    shares = {}
    for members in groups.values():
        entries = {}
        places = {}  # by role, read from the figure once for all its names
        for name, (role, figure, parts, form) in members:
            entry = {"role": role}
            if parts is not None:
                if role not in places:
                    places[role] = _places_in(figure, role)
                where = [places[role].get(id(part)) for part in parts]
                if None in where:
                    continue  # taken off their figure (ax.remove(), line.remove()): nowhere in it
                entry.update(form, count=len(figure.axes))
                entry[role] = where
            entries[name] = entry
        if len(entries) > 1:
            tag = min(entries)
            for name, entry in entries.items():
                shares[name] = dict(entry, figure=tag)
    return shares


# A grid carries its figure; a figure is its own; axes and artists are taken from either.
_ANCHOR_ORDER = {"grid": 0, "figure": 1, "axes": 2, "artists": 3}


def _anchor_figure(value, role, classes):
    if role == "grid":
        return getattr(value, "figure", None)
    if role == "figure":
        return value
    if role == "artists":
        drawn = _artists_in(value, classes)
        return drawn[1] if drawn else None
    held = _axes_in(value, classes[1])
    return held[0][0].figure if held else None


def _parts_as(taken, share):
    """The axes or artists `taken` in the form `share` records (_axes_in, _artists_in), or None
    where it does not fit."""
    form = share.get("form")
    if form == "one" and len(taken) == 1:
        return taken[0]
    if form in ("list", "tuple"):
        return taken if form == "list" else tuple(taken)
    if form == "dict" and isinstance(share.get("keys"), list) and len(share["keys"]) == len(taken):
        return dict(zip(share["keys"], taken))
    if form == "array":
        import numpy

        array = numpy.empty(len(taken), dtype=object)
        array[:] = taken
        try:
            return array.reshape(share.get("shape"))
        except (TypeError, ValueError):
            return None
    return None


def share_figures(inputs, shares):
    """Makes the inputs that one step handed on as names of one figure (figure_shares) names of one
    copy of it again: the axes and artists become those of the figure or grid the step takes beside
    them (of the first axes where it takes only axes), and a figure the grid's figure. `shares`
    maps an input name to (its producer step, its FIGURE_SHARE entry)."""
    classes = _matplotlib_classes()
    groups = {}
    for name, (step, share) in sorted(shares.items()):
        if name in inputs:
            groups.setdefault((step, share.get("figure")), []).append((name, share))
    for members in groups.values():
        if len(members) < 2:
            continue
        anchor, anchor_share = min(members, key=lambda m: (_ANCHOR_ORDER.get(m[1].get("role"), 9), m[0]))
        figure = _anchor_figure(inputs[anchor], anchor_share.get("role"), classes)
        axes = list(getattr(figure, "axes", ()))
        for name, share in members:
            if name == anchor or figure is None:
                continue
            if share.get("role") == "figure":
                inputs[name] = figure
            elif share.get("role") in ("axes", "artists") and share.get("count") == len(axes):
                at = _axes_at if share["role"] == "axes" else _artist_at
                taken = [at(figure, place) for place in share.get(share["role"], [None])]
                joined = None if None in taken else _parts_as(taken, share)
                if joined is not None:
                    inputs[name] = joined


def _figure_share(manifest):
    """(the producer step, the FIGURE_SHARE entry) that an input's manifest records, or None."""
    share = manifest.get(FIGURE_SHARE)
    if not isinstance(share, dict):
        return None
    return manifest.get("step"), share


# -- one object under several names ----------------------------------------------------------------
# `combine = [train, test]` in one step, `for frame in combine: frame["x"] = 1` in a later one, then
# `train` read: top to bottom `train` is `combine[0]`, so the loop changed it. Each output is saved
# alone, with a copy of what it holds, so the later step would change the copies its `combine`
# holds and not its `train`. Where a step hands on one object under two names (`b = a`), or a list,
# tuple or dict holding another output, the manifests say so (OBJECT_SHARE): the name that is not
# the first of its object says which name it is, and a holder which of its items are which names.
# A step that takes them from that step makes them one object again. A figure's names have their
# own record (FIGURE_SHARE).
OBJECT_SHARE = "object_share"

# Values nothing can change in place: two names of one of them need no record.
_UNCHANGEABLE = (type(None), bool, int, float, complex, str, bytes, range, frozenset, types.ModuleType)
# A holder is searched for other outputs up to this many items: a long list of numbers handed on
# costs a few milliseconds more at most, where the lists that hold frames or models hold a few.
_HELD_ITEMS_SEARCHED = 100000


def _held_items(value):
    """(how, place, item) for each item of a list or tuple (by index) or a dict (by a key that is a
    string or an integer, as JSON keeps it), where it has at most _HELD_ITEMS_SEARCHED; nothing
    for any other value. Where reading the items raises, those read before it."""
    try:
        if isinstance(value, (list, tuple)) and len(value) <= _HELD_ITEMS_SEARCHED:
            for index, item in enumerate(value):
                yield "index", index, item
        elif isinstance(value, dict) and len(value) <= _HELD_ITEMS_SEARCHED:
            for key, item in value.items():
                if type(key) in (str, int):
                    yield "key", key, item
    except Exception:  # a subclass whose iteration raises
        return


def object_shares(outputs, skipped=(), taken=None):
    """Output name -> its OBJECT_SHARE entry: "name": first, for an output that is the object of
    the output `first` (the first of its names in sorted order); "holds": [[how, place, name],
    ...], for the first name of a list, tuple or dict holding other outputs' objects (by the first
    of their names), or [how, place, name, step] for an input from `step` that this step did not
    hand on; and "was": [name, step], for the first name of such an input's object. `taken` maps
    those inputs to (value, producer step). Names in `skipped` (a figure's: figure_shares) are in
    no entry."""
    first_of = {}
    shares = {}
    for name in sorted(outputs):
        if name in skipped or isinstance(outputs[name], _UNCHANGEABLE):
            continue
        first = first_of.setdefault(id(outputs[name]), name)
        if first != name:
            shares[name] = {"name": first}
    older = {}
    for name, (value, step) in sorted((taken or {}).items()):
        if name not in skipped and isinstance(step, str) and not isinstance(value, _UNCHANGEABLE):
            older.setdefault(id(value), [name, step])
    for key, first in first_of.items():
        if key in older:
            shares[first] = {"was": older[key]}
    if len(first_of) < 2 and not older:
        return shares  # one changeable object at most: it holds no other
    for holder in sorted(outputs):
        if holder in skipped or "name" in shares.get(holder, {}):
            continue
        held = []
        for how, place, item in _held_items(outputs[holder]):
            key = id(item)
            if key in first_of and first_of[key] != holder:
                held.append([how, place, first_of[key]])
            elif key in older:
                held.append([how, place] + older[key])
        if held:
            shares.setdefault(holder, {})["holds"] = held
    return shares


def _same_item(holder, how, place, value):
    """Whether `holder`'s item at `place` (an index or a key, as `how` says) is there and of the
    type of `value`: the same object, saved apart."""
    if how == "index" and isinstance(holder, (list, tuple)) and type(place) is int:
        return 0 <= place < len(holder) and _type_name(holder[place]) == _type_name(value)
    if how == "key" and isinstance(holder, dict) and type(place) in (str, int):
        return place in holder and _type_name(holder[place]) == _type_name(value)
    return False


def share_objects(inputs, shares, producers):
    """Makes the inputs one step handed on as one object (object_shares) one object again, where
    this step takes them from that step. First an input from an earlier step that a later step
    tied to a name it handed on (`b = a`) becomes that later object, along chains of such steps;
    then a holder's items become the inputs they are (a tuple is made anew with them), and an
    input from an earlier step that the holder's step did not hand on, though it held it, becomes
    the holder's item; last, a name of another's object in one step becomes that name's.
    `shares` maps an input name to (its producer step, its OBJECT_SHARE entry, its manifest's
    type), `producers` each input name to its producer step."""
    def taken(name, step):
        return isinstance(name, str) and name in inputs and producers.get(name) == step

    holders = {name: entry for name, entry in shares.items()
               if isinstance(entry[1].get("holds"), list)}
    made = set()

    def fill(holder, seen):
        """Puts the held inputs into `holder`, those that are tuples filled first; then makes the
        earlier steps' inputs it holds its items."""
        if holder in made or holder in seen:
            return
        seen.add(holder)
        step, entry, _ = holders[holder]
        value = inputs[holder]
        places = []
        for held in entry["holds"]:
            if not (isinstance(held, list) and len(held) == 3 and taken(held[2], step)):
                continue
            how, place, name = held
            if name in holders:
                fill(name, seen)
            if _same_item(value, how, place, inputs[name]):
                places.append((place, inputs[name]))
        if type(value) is tuple:
            items = list(value)
            for place, item in places:
                items[place] = item
            made_anew = tuple(items)
            for name in inputs:  # the names joined to it above
                if inputs[name] is value:
                    inputs[name] = made_anew
            value = made_anew
        elif not isinstance(value, tuple):  # a tuple's subclass is left as loaded
            for place, item in places:
                try:
                    value[place] = item
                except Exception:  # a subclass that refuses it: that item stays a copy
                    pass
        made.add(holder)
        for held in entry["holds"]:
            if isinstance(held, list) and len(held) == 4 and taken(held[2], held[3]):
                how, place, name, _ = held
                if _same_item(value, how, place, inputs[name]):
                    inputs[name] = value[place]

    # Later names first along a chain (`b = a` in one step, `c = b` in a later one): repeated
    # until each earlier name is the latest object, at most once per name.
    for _ in range(len(shares)):
        joined = False
        for name, (step, entry, type_name) in sorted(shares.items()):
            was = entry.get("was")
            if (isinstance(was, list) and len(was) == 2 and taken(was[0], was[1])
                    and name in inputs and inputs[was[0]] is not inputs[name]
                    and _type_name(inputs[was[0]]) == _type_name(inputs[name])):
                inputs[was[0]] = inputs[name]
                joined = True
        if not joined:
            break
    for holder in sorted(holders):
        if holder in inputs:
            fill(holder, set())
    for name, (step, entry, type_name) in sorted(shares.items()):
        first = entry.get("name")
        if taken(first, step) and _type_name(inputs[first]) == type_name:
            inputs[name] = inputs[first]


def _object_share(manifest):
    """(the producer step, the OBJECT_SHARE entry, the type) an input's manifest records, or None."""
    share = manifest.get(OBJECT_SHARE)
    if not isinstance(share, dict):
        return None
    return manifest.get("step"), share, manifest.get("type")


# -- anything else --------------------------------------------------------------------------------
def _save_pickle(value, path):
    cloudpickle = _cloudpickle()
    with open(path, "wb") as stream:
        if cloudpickle is None:
            pickle.dump(value, stream, protocol=PICKLE_PROTOCOL)
        elif getattr(cloudpickle, "Pickler", None) is None:
            cloudpickle.dump(value, stream, protocol=PICKLE_PROTOCOL)  # a copy older than 1.5
        else:
            _cell_code_pickler(cloudpickle)(stream, protocol=PICKLE_PROTOCOL).dump(value)


def _is_cell_file(file_name):
    """The file name a notebook cell's code is compiled under (`titanic.ipynb [cell 6]`)."""
    return file_name.endswith("]") and " [cell " in file_name


def _cell_code_pickler(cloudpickle):
    """cloudpickle's Pickler, except that the code of a function a notebook cell defines keeps
    that cell as its file name (cloudpickle 3 saves every function's code as `<dynamic-code>`),
    so a step calling a function from an earlier step names the cell where it failed. marshal
    keeps the whole code object; like cloudpickle's own copy, it is for the same Python only.
    Version 2 writes no back-references, whose use follows reference counts in the saving
    process: the same function saves to the same bytes (the step cache hashes them), from Python
    3.11 on (before, a set among its constants is written in an order each process picks)."""
    class CellCodePickler(cloudpickle.Pickler):
        def reducer_override(self, obj):
            if type(obj) is types.CodeType and _is_cell_file(obj.co_filename):
                return marshal.loads, (marshal.dumps(obj, 2),)
            cached = _notebook_lru_cache_reduction(obj)
            if cached is not None:
                return cached
            return super().reducer_override(obj)
    return CellCodePickler


def _notebook_lru_cache_reduction(obj):
    """A notebook function wrapped by functools.lru_cache or functools.cache (`@cache def f`): its
    wrapper is a C object that pickle, and cloudpickle, save by name, and no later step has the
    name. Saved instead as the function it wraps, wrapped again on load with the same size and
    typing, and an empty cache (what it cached was the saving step's to keep)."""
    import functools

    wrapper_type = getattr(functools, "_lru_cache_wrapper", None)
    if not isinstance(wrapper_type, type) or not isinstance(obj, wrapper_type):
        return None
    wrapped = getattr(obj, "__wrapped__", None)
    parameters = getattr(obj, "cache_parameters", None)
    if getattr(wrapped, "__module__", None) != "__main__" or parameters is None:
        return None
    state = {key: value for key, value in vars(obj).items() if key != "cache_parameters"}
    size, typed = parameters()["maxsize"], parameters()["typed"]
    return functools.lru_cache(maxsize=size, typed=typed), (wrapped,), state


def _load_pickle(path, manifest, namespace, name=None):
    if manifest["format"] == "cloudpickle" and _cloudpickle() is None:
        raise CellpipeError("it was saved with cloudpickle, which is not installed here")
    with open(path, "rb") as stream:
        if namespace is None:
            return pickle.load(stream)
        return NotebookUnpickler(stream, namespace, name).load()


# In a kernel, a function or class the notebook defines reads the notebook's globals as they are
# when it runs. cloudpickle saves such a function (of __main__) by value, with the globals it reads
# at that time, and by default loads it with those globals apart from the step's: a later step's
# `x = 2` would go unseen. The step's namespace is made the function's globals instead, and the
# values saved with it only fill in names that the namespace does not have. The loaded inputs go
# into the namespace after them (see _run_step), so a saved value never hides an input's.
#
# A function a cell every step runs defined (a functions cell's) comes back as the step's own, so
# that it is the same object as top to bottom (see _own_function).
#
# Classes too: cloudpickle saves a class of __main__ by value, so an instance of a `functions`
# cell's class would come back as an instance of a copy, and `p == Point(1, 2)`, `c is Color.RED`
# and `isinstance(p, Point)` would be false. Such an instance gets the step's own class (as a
# plain pickle would find it). A class an earlier input already brought (cloudpickle knows it by
# its id) keeps its state from then on, unless the input is the class itself (`Registry`, handed
# on by the step that last changed it): the order inputs load in then cannot undo a change.
class NotebookUnpickler(pickle.Unpickler):
    def __init__(self, stream, namespace, input_name=None):
        super().__init__(stream)
        self._namespace = namespace
        self._input_name = input_name
        self._keep_state = set()

    def find_class(self, module, name):
        found = super().find_class(module, name)
        if not _is_cloudpickle_module(module):
            return found
        if name == "_make_function":  # cloudpickle 2.1 and later; older ones load as they did
            return _function_maker(found, self._namespace, self._keep_state)
        if name == "_function_setstate":
            return _function_state_setter(found, self._namespace, self._keep_state)
        if name == "_make_skeleton_class":
            return self._class_maker(found, lambda args: (args[1], args[3].get("__module__"), args[4]))
        if name == "_make_skeleton_enum":
            return self._class_maker(found, lambda args: (args[1], args[4], args[5]))
        if name == "_class_setstate":
            return self._class_state_setter(found)
        return found

    def _class_maker(self, make, describe):
        def make_class(*args):
            try:
                class_name, module, tracker_id = describe(args)
            except (IndexError, AttributeError, TypeError):
                return make(*args)  # arguments this version does not know
            own = self._namespace.get(class_name)
            # cloudpickle before 3.0 does not record the module: the name must do.
            if (module in ("__main__", None) and isinstance(own, type) and own.__module__ == "__main__"
                    and own.__qualname__ == class_name and not _is_loaded_class(own)):
                self._keep_state.add(id(own))
                return own
            seen = _is_tracked(tracker_id)
            made = make(*args)
            if seen and class_name != self._input_name:
                self._keep_state.add(id(made))
            return made
        return make_class

    def _class_state_setter(self, set_state):
        def set_class_state(cls, state):
            if id(cls) in self._keep_state:
                return cls
            return set_state(cls, state)
        return set_class_state


def _cloudpickle_tracker(attribute):
    for name in ("cloudpickle.cloudpickle", "joblib.externals.cloudpickle.cloudpickle"):
        module = sys.modules.get(name)
        if module is not None and hasattr(module, attribute):
            return getattr(module, attribute)
    return {}


def _is_tracked(tracker_id):
    """cloudpickle already made (or saved) the class with this id in this process."""
    return tracker_id is not None and tracker_id in _cloudpickle_tracker("_DYNAMIC_CLASS_TRACKER_BY_ID")


def _is_loaded_class(cls):
    """The class came from a saved value, not from code this step ran."""
    try:
        return cls in _cloudpickle_tracker("_DYNAMIC_CLASS_TRACKER_BY_CLASS")
    except TypeError:
        return False


def _function_maker(make, namespace, keep_state):
    def make_function(code, saved_globals, *rest):
        if isinstance(saved_globals, dict) and saved_globals.get("__name__") == "__main__":
            own = _own_function(code, namespace)
            if own is not None:
                keep_state.add(id(own))
                return own
            saved_globals = namespace
        return make(code, saved_globals, *rest)
    return make_function


def _own_function(code, namespace):
    """The step's own function for a saved one that a cell every step runs defined (a `functions`
    cell's `def scale`, kept in a list or a dict by an earlier step): the same code, from the
    same cell and line. Top to bottom both are one object, so `handlers[0] is scale` holds and a
    dict keyed by the function finds it. As a class from a functions cell does, it keeps the
    step's own state."""
    own = namespace.get(getattr(code, "co_name", None))
    # Code objects compare equal whatever file they are from: the cell is compared too.
    if (isinstance(own, types.FunctionType) and _is_cell_file(code.co_filename)
            and own.__code__.co_filename == code.co_filename and own.__code__ == code):
        return own
    return None


def _function_state_setter(set_state, namespace, keep_state):
    def set_function_state(function, state):
        if id(function) in keep_state:
            return None
        if getattr(function, "__globals__", None) is namespace:
            try:
                saved = state[1]["__globals__"]
                state[1]["__globals__"] = {k: v for k, v in saved.items() if k not in namespace}
            except (TypeError, LookupError, AttributeError):
                pass  # a state this version does not know: loaded as cloudpickle loads it
        return set_state(function, state)
    return set_function_state


def _generic_format():
    return "cloudpickle" if _cloudpickle() else "pickle"


# format -> (file name, save, load)
FORMATS = {
    "npy": ("value.npy", _save_npy, _load_npy),
    "parquet": ("value.parquet", _save_parquet, _load_parquet),
    "joblib": ("value.joblib", _save_joblib, _load_joblib),
    "torch": ("value.pt", _save_torch, _load_torch),
    "module": ("module.json", _save_module, _load_module),
    "cloudpickle": ("value.pkl", _save_pickle, _load_pickle),
    "pickle": ("value.pkl", _save_pickle, _load_pickle),
}


def _candidate_formats(value):
    """Formats to try in order; the generic pickle is always last."""
    if _is_plain_ndarray(value):
        return ["npy"]
    if _pandas_kind(value):
        return ["parquet", _generic_format()]
    if _is_sklearn_estimator(value):
        return [_generic_format()] if _holds_notebook_code(value) else ["joblib", _generic_format()]
    if _is_torch_value(value):
        return ["torch"]
    if isinstance(value, types.ModuleType) and sys.modules.get(value.__name__) is value \
            and value.__name__ != "__main__":
        return ["module"]  # an imported module; one made in the notebook is pickled
    return [_generic_format()]


# Why a value that cannot be pickled (a generator, a lock, an open connection) has no way across,
# for one variable and for several.
UNSAVEABLE_HINT = (
    " (steps pass values to each other as files: pass what it is made from, a list for example, or"
    " make it in the step that reads it)",
    " (steps pass values to each other as files: pass what they are made from, lists for example,"
    " or make them in the steps that read them)")
# Plain pickle saves a function by its name, which a lambda or a nested function has not.
NOTEBOOK_FUNCTION_HINT = (
    " (a function or class made in the notebook: install cloudpickle where the steps run, which"
    " saves it with its code, or define it in a `functions` cell)",
    " (functions or classes made in the notebook: install cloudpickle where the steps run, which"
    " saves them with their code, or define them in a `functions` cell)")
NO_HINT = ("", "")


def _unsaveable_hint(chosen, error):
    if chosen == "pickle" and isinstance(error, (pickle.PicklingError, AttributeError)) and (
            "__main__" in str(error) or "local object" in str(error)):
        return NOTEBOOK_FUNCTION_HINT
    return UNSAVEABLE_HINT


def save_value(name, value, directory, step, figure_share=None, object_share=None):
    """Saves `value` into `directory` (its manifest names `step`, and where the value sits in a
    figure, or which other name or holder it is, that the step hands on too: see figure_shares and
    object_shares); raises UnsaveableError naming the variable."""
    os.makedirs(directory, exist_ok=True)
    # A half-written new value must not pass for an old one, and a crashed save leaves temp files.
    _remove_stale(directory, [MANIFEST] + [entry[0] for entry in FORMATS.values()])
    reasons = []
    for chosen in _candidate_formats(value):
        file_name, save, _ = FORMATS[chosen]
        try:
            _write_atomically(directory, file_name, lambda path: save(value, path))
        except Exception as error:
            reasons.append(("%s: %s" % (chosen, _describe(error)), _unsaveable_hint(chosen, error)))
            continue
        manifest = {"cellpipe": MANIFEST_VERSION, "format": chosen, "file": file_name,
                    "type": _type_name(value), "variable": name, "step": step}
        if chosen == "parquet" and _pandas_kind(value) == "series":
            manifest["series_name"] = value.name
        if chosen == "npy" and not value.flags.writeable:
            manifest["read_only"] = True
        if figure_share is not None:
            manifest[FIGURE_SHARE] = figure_share
        if object_share is not None:
            manifest[OBJECT_SHARE] = object_share
        text = json.dumps(manifest)
        _write_atomically(directory, MANIFEST, lambda path: _write_text(path, text))
        return chosen
    raise UnsaveableError(name, *reasons[-1])


class UnsaveableError(CellpipeError):
    """A variable no format could save: its name, why, and the hint (singular, plural) for it."""

    def __init__(self, name, reason, hint=NO_HINT):
        CellpipeError.__init__(self, unsaved_message([(name, reason, hint)]))
        self.name, self.reason, self.hint = name, reason, hint


def unsaved_message(unsaved):
    """One message for the (name, reason, hint) of every output a step could not save. Variables
    with the same hint go together, and the hint follows the last of them, once."""
    if len(unsaved) == 1:
        name, reason, hint = unsaved[0]
        return "cannot save variable %r: %s%s" % (name, reason, hint[0])
    hints = []
    for _, _, hint in unsaved:
        if hint not in hints:
            hints.append(hint)
    groups = []
    for hint in hints:
        members = ["%r: %s" % (name, reason) for name, reason, own in unsaved if own == hint]
        groups.append("; ".join(members) + hint[len(members) > 1])
    return "cannot save %d variables: %s" % (len(unsaved), "; ".join(groups))


# A variable its step left unbound where it may (Step.maybe_unbound): a manifest and no value.
UNBOUND_FORMAT = "unbound"
UNBOUND = object()


def save_unbound(name, directory, step):
    """Records in `directory` that `step` left `name` unbound."""
    os.makedirs(directory, exist_ok=True)
    _remove_stale(directory, [MANIFEST] + [entry[0] for entry in FORMATS.values()])
    text = json.dumps({"cellpipe": MANIFEST_VERSION, "format": UNBOUND_FORMAT, "variable": name,
                       "step": step})
    _write_atomically(directory, MANIFEST, lambda path: _write_text(path, text))


def load_value(name, directory, namespace=None):
    """Loads the value a producer saved into `directory` with save_value; the functions and
    classes the notebook defined in it read `namespace` (the step's globals) when given. UNBOUND
    where the producer left the name unbound (save_unbound)."""
    return load_saved(name, directory, namespace)[0]


def load_saved(name, directory, namespace=None):
    """load_value's value, and the manifest the producer saved it with."""
    try:
        with open(os.path.join(directory, MANIFEST), encoding="utf-8") as stream:
            manifest = json.load(stream)
        if manifest.get("cellpipe") == MANIFEST_VERSION and manifest.get("format") == UNBOUND_FORMAT:
            return UNBOUND, manifest
        if manifest.get("cellpipe") != MANIFEST_VERSION or manifest.get("format") not in FORMATS:
            raise CellpipeError("unknown format %r (made by a newer cellpipe?)" % manifest.get("format"))
        file_name, _, load = FORMATS[manifest["format"]]
        if load is _load_pickle:
            return load(os.path.join(directory, file_name), manifest, namespace, name), manifest
        return load(os.path.join(directory, file_name), manifest, namespace), manifest
    except Exception as error:
        hint = ""
        if isinstance(error, AttributeError) and "__main__" in str(error):
            hint = (" (a class or function defined in the notebook: install cloudpickle where the"
                    " producer runs, or define it in a `functions` cell)")
        raise CellpipeError("cannot load input %r from %s: %s%s"
                            % (name, directory, _describe(error), hint))


def _remove_stale(directory, names):
    for name in os.listdir(directory):
        if name in names or (name.startswith(".") and name.endswith(".tmp")):
            os.remove(os.path.join(directory, name))


def _write_text(path, text):
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)


def _describe(error):
    if isinstance(error, CellpipeError):
        return str(error)
    if isinstance(error, FileNotFoundError):
        return "%s is missing" % (error.filename or error)
    return "%s: %s" % (type(error).__name__, error)


# ---- the step ---------------------------------------------------------------------------------------
class Step:
    """The step's own part of the script (templates/step.py.njk): the constants it defines."""

    def __init__(self, constants):
        self.notebook = constants["NOTEBOOK"]
        self.name = constants["STEP"]
        # (name, type, default) of each pipeline parameter; --param NAME=RAW overrides the default
        self.parameters = constants["PARAMETERS"]
        # input name -> the step whose saved value it is (for --data-root)
        self.producers = constants["PRODUCERS"]
        self.inputs = constants["INPUTS"]
        self.outputs = constants["OUTPUTS"]
        # outputs the step may leave unbound, with no earlier value to hand on instead
        self.maybe_unbound = constants.get("MAYBE_UNBOUND", [])
        # metric name -> the variable holding its value
        self.metrics = constants["METRICS"]
        self.metrics_format = constants["METRICS_FORMAT"]
        # (file name in tracebacks, code) of the imports and functions cells, and of the step's
        self.setup_cells = constants["SETUP_CELLS"]
        self.step_cells = constants["STEP_CELLS"]
        # (path under the notebook's folder, code) of the modules shipped with the pipeline
        self.module_files = constants["MODULE_FILES"]


# ---- command line -----------------------------------------------------------------------------------
USAGE = """usage: python %s [--input NAME=DIR]... [--output NAME=DIR]... [--param NAME=RAW]... [--metrics FILE]
                 [--data-root DIR] [--kfp-executor-input JSON] [--observe FILE]

Runs step %r of %s: loads the inputs, runs the imports, functions and step cells,
saves the outputs and writes the metrics. --data-root DIR stands for every --input NAME=DIR/PRODUCER/NAME
and --output NAME=DIR/STEP/NAME not given explicitly. --observe FILE (local runs) writes there, as JSON,
the files the step's code read and wrote, the folders it listed and whether it reached outside its files.
  inputs:     %s
  outputs:    %s
  parameters: %s"""

BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
# options given as NAME=VALUE, any number of times, and options given once (the last one counts)
ASSIGNMENTS = ("--input", "--output", "--param")
SINGLE = ("--metrics", "--data-root", "--kfp-executor-input", "--observe")


class UsageError(CellpipeError):
    """Bad command line: exit code 2."""


class _ArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are UsageErrors: main() reports them naming the step (exit 2)."""

    def error(self, message):
        raise UsageError(message)


def _help_action(text):
    class Help(argparse.Action):
        def __call__(self, parser, namespace, values, option_string=None):
            sys.stdout.write(text + "\n")
            raise SystemExit(0)

    return Help


def _split_assignment(option, text):
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise UsageError("%s expects NAME=VALUE, got %r" % (option, text))
    return name, value


def parse_arguments(argv, step):
    """The command line as {"--input": {name: dir}, "--output": ..., "--param": ..., "--metrics": file,
    "--data-root": dir, "--kfp-executor-input": json} (None for a single option not given)."""
    usage = _usage(step)
    parser = _ArgumentParser(prog=os.path.basename(sys.argv[0]), add_help=False, allow_abbrev=False)
    parser.add_argument("-h", "--help", nargs=0, action=_help_action(usage))
    for option in ASSIGNMENTS:
        parser.add_argument(option, action="append", default=None)
    for option in SINGLE:
        parser.add_argument(option)
    known, unknown = parser.parse_known_args(argv)
    if unknown:
        raise UsageError("unknown option %r\n%s" % (unknown[0], usage))
    given = vars(known)
    parsed = {option: given[option[2:].replace("-", "_")] for option in SINGLE}
    for option in ASSIGNMENTS:
        parsed[option] = {}
        for text in given[option[2:]] or []:
            name, setting = _split_assignment(option, text)
            if name in parsed[option]:
                raise UsageError("%s %s is given twice" % (option, name))
            parsed[option][name] = setting
    _apply_data_root(parsed, step)
    _check_names("--input", parsed["--input"], step.inputs, step, required=True)
    _check_names("--output", parsed["--output"], step.outputs, step, required=True)
    _check_names("--param", parsed["--param"], [p[0] for p in step.parameters], step, required=False)
    return parsed


def _apply_data_root(parsed, step):
    """--data-root DIR: inputs from DIR/<producer>/<name>, outputs to DIR/<this step>/<name>."""
    root = parsed["--data-root"]
    if root is None:
        return
    for name in step.inputs:
        if name in step.producers:
            parsed["--input"].setdefault(name, os.path.join(root, step.producers[name], name))
    for name in step.outputs:
        parsed["--output"].setdefault(name, os.path.join(root, step.name, name))


def _check_names(option, given, declared, step, required):
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise UsageError("%s %s: step %r has no such name (it has: %s)"
                         % (option, unknown[0], step.name, ", ".join(declared) or "none"))
    missing = sorted(set(declared) - set(given))
    if required and missing:
        raise UsageError("%s %s=DIR is missing" % (option, missing[0]))


def _usage(step):
    names = ", ".join("%s: %s = %r" % p for p in step.parameters)
    return USAGE % (os.path.basename(sys.argv[0]), step.name, step.notebook, ", ".join(step.inputs) or "none",
                    ", ".join(step.outputs) or "none", names or "none")


def convert_parameter(name, kind, raw):
    """A --param string as the parameter's declared type."""
    try:
        if kind == "bool":
            return BOOLEANS[raw.strip().lower()]
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        return raw
    except (KeyError, ValueError):
        expected = "true, false, 1 or 0" if kind == "bool" else "a valid %s" % kind
        raise UsageError("bad value for parameter %r (%s): %r is not %s" % (name, kind, raw, expected))


def parameter_values(overrides, step):
    return {name: convert_parameter(name, kind, overrides[name]) if name in overrides else default
            for name, kind, default in step.parameters}


# inspect.CO_COROUTINE: the flag of a code object that must be awaited (a cell compiled with a
# top-level await). Written out, as importing inspect costs every step about 3 ms at start.
CO_COROUTINE = 0x0080


def _await_flags(source):
    """The compile flags for a cell: a cell may await at its top level, as IPython runs it on an
    event loop. ast (which has the flag) loads only for a cell that mentions await or async."""
    if "await" not in source and "async" not in source:
        return 0
    import ast

    return ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


class CellRunner:
    """Runs compiled cells in one namespace. A cell that awaits at its top level is a coroutine;
    it runs on one event loop kept for all the step's cells, as IPython keeps one for a kernel, so
    a task started in one cell can be awaited in the next. asyncio loads only for such a cell."""

    def __init__(self, namespace):
        self.namespace = namespace
        self.loop = None

    def run(self, code):
        if not code.co_flags & CO_COROUTINE:
            exec(code, self.namespace)
            return
        if self.loop is None:
            import asyncio

            self.loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(eval(code, self.namespace))

    def close(self):
        if self.loop is not None:
            import asyncio

            asyncio.set_event_loop(None)
            self.loop.close()
            self.loop = None


def compile_cells(cells, show_values=False):
    """Compiles each cell under its own file name, so tracebacks name the notebook cell and line.
    With `show_values`, a cell that ends in an expression shows its value, as a notebook does."""
    compiled = []
    for file_name, source in cells:
        linecache.cache[file_name] = (len(source), None, source.splitlines(True), file_name)
        flags = _await_flags(source)
        try:
            code = compile(source, file_name, "exec", flags=flags, dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            # A syntax error names its cell and line; null bytes give a ValueError (or a
            # SyntaxError without a location, in newer Pythons): name the cell here.
            if isinstance(error, SyntaxError) and error.filename == file_name:
                raise
            raise CellpipeError("cannot compile %s: %s" % (file_name, error))
        shown = _showing_last_value(source, file_name) if show_values and not flags else None
        compiled.extend(shown or [code])
    return compiled


def _showing_last_value(source, file_name):
    """The cell as two codes, the statements before its last and that last expression compiled as
    an interactive statement (Python's display hook prints its value unless it is None), when the
    cell ends in an expression with no ';' after it (which hides it, as in IPython); else None."""
    import ast

    body = ast.parse(source, file_name).body
    if not body or not isinstance(body[-1], ast.Expr):
        return None
    last = body[-1]
    # the lines as ast counts them (str.splitlines also splits at form feeds and other separators)
    line = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")[last.end_lineno - 1].encode("utf-8")
    if line[last.end_col_offset:].lstrip().startswith(b";"):
        return None
    return [compile(ast.Module(body=body[:-1], type_ignores=[]), file_name, "exec", dont_inherit=True),
            compile(ast.Interactive(body=[last]), file_name, "single", dont_inherit=True)]


def show_value(value):
    """The display hook of a step's cells: shows a cell's last value as Python's own hook does,
    except that a value whose repr fails is reported and the step goes on, as in IPython."""
    if value is None:
        return
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 (any error of a notebook's __repr__)
        sys.stderr.write("cellpipe: cannot show the cell's value:\n")
        traceback.print_exc()
        return
    sys.stdout.write(text + "\n")
    builtins._ = value


def _user_traceback(error, file_names):
    """The traceback from the first notebook-cell frame on (None when no cell ran, e.g. a cell
    that cannot be compiled); the runtime's own frames are left out."""
    frames = error.__traceback__
    while frames is not None and frames.tb_frame.f_code.co_filename not in file_names:
        frames = frames.tb_next
    return frames


def _innermost_cell_line(frames):
    """Where the innermost frame of a notebook cell is: the step's own cells', or those of a
    function or class handed on from an earlier step."""
    where = None
    while frames is not None:
        if _is_cell_file(frames.tb_frame.f_code.co_filename):
            where = "%s, line %d" % (frames.tb_frame.f_code.co_filename, frames.tb_lineno)
        frames = frames.tb_next
    return where


def _error_text(error):
    """The first line of what the error says (a SyntaxError's message without its place), at
    most 300 characters, or '' when it says nothing."""
    try:
        text = error.msg if isinstance(error, SyntaxError) and error.msg else str(error)
    except Exception:  # noqa: BLE001 (a broken __str__ must not hide the failure)
        return ""
    lines = text.strip().splitlines()
    return lines[0][:300] if lines else ""


def report_user_error(error, file_names, step):
    if isinstance(error, SyntaxError) and error.filename in file_names:
        traceback.print_exception(type(error), error, None)
        where = "%s, line %s" % (error.filename, error.lineno)
    else:
        frames = _user_traceback(error, file_names)
        traceback.print_exception(type(error), error, frames)
        where = _innermost_cell_line(frames)
    text = _error_text(error)
    sys.stderr.write("cellpipe: step %r failed: %s%s%s\n"
                     % (step.name, type(error).__name__, " in " + where if where else "",
                        ": " + text if text else ""))


def _metric_value(name, value):
    if type(value).__module__ in ("numpy", "torch") and getattr(value, "ndim", None) == 0:
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        sys.stderr.write("cellpipe: metric %r is %r; written as null\n" % (name, value))
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def metrics_document(values, metrics_format):
    """The metrics file's content. 'json': {name: value}; 'kfp-v1': the KFP v1 UI metrics file."""
    if metrics_format == "kfp-v1":
        numbers = [(name, value) for name, value in values.items()
                   if isinstance(value, (int, float)) and not isinstance(value, bool)]
        return {"metrics": [{"name": name, "numberValue": value, "format": "RAW"} for name, value in numbers]}
    return values


def write_metrics(path, namespace, step):
    values = {}
    for name, variable in step.metrics.items():
        if variable not in namespace:
            raise CellpipeError("cannot report metric %r: variable %r is not defined"
                                % (name, variable))
        values[name] = _metric_value(name, namespace[variable])
        sys.stderr.write("cellpipe: metric %s = %r\n" % (name, values[name]))
    if path is None:
        return values
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    text = json.dumps(metrics_document(values, step.metrics_format), allow_nan=False)
    _write_atomically(directory, os.path.basename(path), lambda temp: _write_text(temp, text))
    return values


def write_kfp_executor_output(executor_input, values):
    """KFP v2: the executor output file named by the executor input ({{$}}) lists every output
    artifact of the step, as KFP's own components write it (kfp.local takes a task's outputs only
    from it), with the numeric metrics as the system.Metrics artifact's metadata, where the KFP UI
    reads them (named `metrics`, unless a variable of the step has that name)."""
    if executor_input is None:
        return
    try:
        spec = json.loads(executor_input)
    except ValueError:
        raise UsageError("--kfp-executor-input is not JSON")
    outputs = spec.get("outputs") or {}
    path = outputs.get("outputFile")
    if not path:
        return
    numbers = {name: value for name, value in values.items()
               if isinstance(value, (int, float)) and not isinstance(value, bool)}
    listed = {}
    for name, entry in sorted((outputs.get("artifacts") or {}).items()):
        artifacts = []
        for artifact in (entry or {}).get("artifacts") or []:
            written = {key: artifact[key] for key in ("name", "uri") if key in artifact}
            metadata = dict(artifact.get("metadata") or {})
            if _is_metrics_artifact(name, artifact):
                metadata.update(numbers)
            written["metadata"] = metadata
            artifacts.append(written)
        listed[name] = {"artifacts": artifacts}
    text = json.dumps({"artifacts": listed}, allow_nan=False)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    _write_atomically(directory, os.path.basename(path), lambda temp: _write_text(temp, text))


def _is_metrics_artifact(name, artifact):
    kind = (artifact.get("type") or {}).get("schemaTitle")
    return kind == "system.Metrics" if kind else name == "metrics"


def _note(message, started):
    sys.stderr.write("cellpipe: %s (%.3f s)\n" % (message, time.perf_counter() - started))


def _display(*objects, **_options):
    """IPython's display() for scripts: prints each object (notebooks call it without importing)."""
    for obj in objects:
        print(obj if isinstance(obj, str) else repr(obj))


def _no_ipython():
    """IPython's get_ipython() outside an IPython shell: None (a step is a plain script)."""
    return None


def notebook_globals():
    """Names a notebook has without importing them: IPython's display (it prints where IPython is
    absent) and get_ipython, which returns None in a step, as IPython's does outside its shell (so
    `if get_ipython() is not None:` takes the script's branch)."""
    try:
        from IPython.display import display
    except ImportError:
        display = _display
    return {"display": display, "get_ipython": _no_ipython}


def _module_file_path(folder, relative):
    parts = relative.split("/")
    if not relative.endswith(".py") or any(part in ("", ".", "..") or "\\" in part for part in parts):
        raise CellpipeError("refusing to write shipped module file %r: not a relative path to a .py file" % relative)
    return os.path.join(folder, *parts)


def install_module_files(files):
    """Writes the modules shipped with the pipeline (files next to the notebook that its code
    imports, such as helpers.py or a package) to a new folder and puts it first on sys.path, where
    the kernel has the notebook's folder. Returns the folder (None when nothing is shipped)."""
    if not files:
        return None
    folder = tempfile.mkdtemp(prefix="cellpipe-modules-")
    try:
        for relative, source in files:
            path = _module_file_path(folder, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as file:
                file.write(source)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    sys.path.insert(0, folder)
    importlib.invalidate_caches()
    return folder


# The most entries of a read-only working folder that a writable one links to.
WORKING_FOLDER_LINKS = 1000


def _writable(folder):
    return os.access(folder, os.W_OK)


def _absolute_paths(arguments):
    """The command line's --input, --output and --metrics paths made absolute (the step may move
    to another working folder before it uses them)."""
    absolute = dict(arguments)
    for option in ("--input", "--output"):
        absolute[option] = {name: os.path.abspath(path) for name, path in arguments[option].items()}
    for option in ("--metrics", "--observe"):
        if arguments[option] is not None:
            absolute[option] = os.path.abspath(arguments[option])
    return absolute


def enter_writable_working_folder():
    """A notebook writes files next to itself (df.to_csv("out.csv")), in a folder it may write.
    A step pod's working folder is on its read-only root file system (Pod Security restricted),
    so there the step moves to a new folder under the temporary directory (the pod's /tmp) that
    links to each entry of the old one, so that relative reads of the image's files still work.
    Returns (old folder, new folder), or None where the working folder is writable."""
    here = os.getcwd()
    if _writable(here):
        return None
    try:
        folder = tempfile.mkdtemp(prefix="cellpipe-work-")
    except OSError:
        return None  # nowhere to write: relative writes fail as they would have
    if here != os.path.abspath(os.sep):
        try:
            names = sorted(os.listdir(here))[:WORKING_FOLDER_LINKS]
        except OSError:
            names = []
        for name in names:
            try:
                os.symlink(os.path.join(here, name), os.path.join(folder, name))
            except OSError:
                pass
    os.chdir(folder)
    sys.stderr.write("cellpipe: the working folder %s is read-only; the step works in %s\n" % (here, folder))
    return here, folder


def run_step(arguments, step):
    modules = install_module_files(step.module_files)
    arguments = _absolute_paths(arguments)
    working = enter_writable_working_folder()
    try:
        return _run_step(arguments, step)
    finally:
        if working is not None:
            os.chdir(working[0])
            shutil.rmtree(working[1], ignore_errors=True)
        if modules is not None:
            if modules in sys.path:
                sys.path.remove(modules)
            shutil.rmtree(modules, ignore_errors=True)


def _start_observer(step):
    """The local runner's observer (--observe): its scripts carry templates/runtime/
    cellpipe_observer.py before this runtime; the cluster targets' do not."""
    observer = globals().get("Observer")
    if observer is None:
        raise UsageError("--observe needs the observer the local runner adds to its step scripts\n%s"
                         % _usage(step))
    return observer().start()


def _run_step(arguments, step):
    started = time.perf_counter()
    file_names = {file_name for file_name, _ in step.setup_cells + step.step_cells}
    # The notebook's code runs as __main__ in a fresh module, so pickle and cloudpickle treat the
    # classes and functions it defines as the notebook's own, and the runtime's names stay out of it.
    module = types.ModuleType("__main__")
    sys.modules["__main__"] = module
    namespace = module.__dict__
    # As in a kernel: __builtins__ is the module (a fresh module has none, and exec would put in
    # the module's dict), and sys.argv carries none of the runner's arguments, which an argparse
    # parse_known_args() in the notebook would read.
    namespace["__builtins__"] = builtins
    sys.argv = sys.argv[:1]
    namespace.update(notebook_globals())
    namespace.update(parameter_values(arguments["--param"], step))
    cells = CellRunner(namespace)
    observer = None
    # The inputs as loaded, and the step that made each (a sys.exit(0) in a shared cell saves the
    # outputs before any loads).
    inputs, producers = {}, {}
    try:
        setup, own = compile_cells(step.setup_cells), compile_cells(step.step_cells, show_values=True)
        sys.displayhook = show_value
        for code in setup:
            cells.run(code)
        # Inputs load after the imports and functions cells: a plain pickle of a class defined
        # there then finds its class.
        # Into the namespace once all are loaded: the values saved with a notebook function fill
        # in only names it lacks, and an input is never one of them.
        # Names of one figure, and of one object, by what their manifests record (figure_shares,
        # object_shares).
        shares, objects = {}, {}
        for name, directory in sorted(arguments["--input"].items()):
            value, manifest = load_saved(name, directory, namespace)
            if value is UNBOUND:
                _note("%s is unbound: the step that makes it did not bind it" % name, started)
                continue
            inputs[name] = value
            producers[name] = manifest.get("step")
            share = _figure_share(manifest)
            if share is not None:
                shares[name] = share
            shared_object = _object_share(manifest)
            if shared_object is not None:
                objects[name] = shared_object
            _note("loaded %s from %s" % (name, directory), started)
        if shares and _matplotlib_classes() is not None:
            share_figures(inputs, shares)
        if objects:
            share_objects(inputs, objects, producers)
        namespace.update(inputs)
        # What the step's own cells reach (the imports cell's imports would only add code read).
        observer = _start_observer(step) if arguments["--observe"] is not None else None
        for code in own:
            cells.run(code)
    except (CellpipeError, KeyboardInterrupt):
        raise
    except SystemExit as request:
        # sys.exit() or sys.exit(0) in a cell ends the step's code early; the outputs are still saved.
        if request.code not in (None, 0):
            sys.stderr.write("cellpipe: step %r called sys.exit(%r)\n" % (step.name, request.code))
            return request.code if isinstance(request.code, int) else 1
    except BaseException as error:
        report_user_error(error, file_names, step)
        return 1
    finally:
        cells.close()
    if observer is not None:
        observer.write(arguments["--observe"])
    _note("ran the code of step %s" % step.name, started)
    # Every output is tried, so that one run names all that cannot be saved.
    unsaved = []
    outputs = {name: namespace[name] for name in arguments["--output"] if name in namespace}
    shares = figure_shares(outputs)
    # the inputs the step does not hand on, still the objects it loaded (not bound anew)
    taken = {name: (value, producers.get(name)) for name, value in inputs.items()
             if name not in outputs and namespace.get(name) is value}
    objects = object_shares(outputs, shares, taken)
    for name, directory in sorted(arguments["--output"].items()):
        if name not in namespace and name in step.maybe_unbound:
            save_unbound(name, directory, step.name)
            _note("saved %s as unbound: the step did not bind it" % name, started)
            continue
        if name not in namespace:
            unsaved.append((name, "the step did not define it", NO_HINT))
            continue
        try:
            chosen = save_value(name, namespace[name], directory, step.name, shares.get(name),
                                objects.get(name))
        except UnsaveableError as error:
            unsaved.append((name, error.reason, error.hint))
            continue
        _note("saved %s as %s" % (name, chosen), started)
    if unsaved:
        raise CellpipeError(unsaved_message(unsaved))
    values = write_metrics(arguments["--metrics"], namespace, step)
    write_kfp_executor_output(arguments["--kfp-executor-input"], values)
    return 0


def end_process(code):
    """Ends the step without interpreter teardown, as the local runner's warm steps end.

    The step's work is done and its outputs are saved; teardown can only lose it: a native
    library may abort in its exit handlers or destructors (pyarrow's thread pools: "terminate
    called without an active exception", seen under kfp.local), failing a finished step. Open
    files are still flushed, and archives and compressed files the step left open are closed, as
    teardown (or a kernel's shutdown) would: a zip without its directory or a gzip without its
    trailer is unreadable. atexit handlers do not run, as in the warm interpreter's steps.
    Under the warm interpreter, whose child already ends this way (and then ends the step's
    leftover processes), this is sys.exit.
    """
    if getattr(sys, "cellpipe_warm_child", False):
        sys.exit(code)
    import gc
    import io
    # Outer wrappers first: a tar file may write through a gzip file, which writes to a file.
    archive_kinds = tuple(
        getattr(sys.modules[module], kind)
        for module, kind in (("tarfile", "TarFile"), ("zipfile", "ZipFile"), ("gzip", "GzipFile"),
                             ("bz2", "BZ2File"), ("lzma", "LZMAFile"))
        if module in sys.modules and hasattr(sys.modules[module], kind))
    archives = []
    files = []
    for value in gc.get_objects():
        if archive_kinds and isinstance(value, archive_kinds):
            archives.append(value)
        elif isinstance(value, io.IOBase):
            files.append(value)
    archives.sort(key=lambda value: next(
        order for order, kind in enumerate(archive_kinds) if isinstance(value, kind)))

    def flush_files():
        for value in files:
            try:
                if not value.closed:
                    value.flush()
            except Exception:
                pass
    flush_files()  # a text file over a gzip file hands its buffer on first
    for value in archives:
        try:
            value.close()
        except Exception:
            pass
    if archives:
        flush_files()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code if isinstance(code, int) else 1)


def main(argv, constants):
    """Runs the step described by `constants` (the step part's globals) with command line `argv`."""
    step = Step(constants)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # Logs stream as they are written, a whole line per write: print("a", 1) is one
            # write(2), not four as under PYTHONUNBUFFERED (write-through), whose pieces a
            # container runtime may log apart, with the other stream's lines between them.
            stream.reconfigure(line_buffering=True, write_through=False)
    try:
        arguments = parse_arguments(argv, step)
        return run_step(arguments, step)
    except UsageError as error:
        sys.stderr.write("cellpipe: step %r: %s\n" % (step.name, error))
        return 2
    except CellpipeError as error:
        # The same last line as an exception in a cell: the local runner shows what follows
        # "failed: " as the step's message.
        sys.stderr.write("cellpipe: step %r failed: %s\n" % (step.name, error))
        return 1


if __name__ == "__main__":
    # In a step script the step's own part comes first: its constants are this module's globals.
    end_process(main(sys.argv[1:], globals()))
